from s400tracker.cli import main

raise SystemExit(main())
