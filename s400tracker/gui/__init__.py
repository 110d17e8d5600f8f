"""The desktop app: the only package that imports PySide6 (see docs/architecture.md)."""

# The layers under the window are loaded before PySide6 is. From its first import on, PySide6
# reads the source of every module imported after it (looking for its opt-in `from __feature__
# import …`): loading the store, the services and the standard library modules they bring first
# took that reading from 63 modules (~14 ms of each launch) to 32 (~6 ms).
import html  # noqa: F401  (with html.entities, a large file)

import s400tracker.core.matrix  # noqa: F401
import s400tracker.services.tracker  # noqa: F401  (the store, the core model and queries, sqlite3, json)
