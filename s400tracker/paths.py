"""Where the bundled resources, the seeds and the default store live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    # A source checkout keeps resources/ and seeds/ at the top level; an installed copy carries
    # them inside the package (see pyproject.toml's package-dir).
    in_repo = _REPO / name
    if in_repo.is_dir():
        return in_repo
    from importlib import resources

    return Path(str(resources.files(f"s400tracker.{name}")))


def resources_dir() -> Path:
    return _bundled("resources")


def seeds_dir() -> Path:
    return _bundled("seeds")


def data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "s400tracker"


def default_store() -> Path:
    """The store used without --db: S400TRACKER_DB, else the user's data folder."""
    override = os.environ.get("S400TRACKER_DB")
    return Path(override) if override else data_dir() / "tracker.db"
