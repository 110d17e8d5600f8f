"""Where the bundled resources, the seeds and the default store live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A file each folder must hold: tells the folder from a stranger of the same name.
_MARKERS = {"resources": "actors.json", "seeds": "articles.csv"}


def _bundled(name: str) -> Path:
    """The folder of bundled `name` ("resources" or "seeds"), as a real folder on disk.

    An installed copy (a wheel, `pip install .`) carries it inside the package (pyproject.toml's
    package-dir); a source checkout, editable install or not, keeps it at the top level of the
    repository, beside the package. Inside the package is looked at first: beside an installed
    package lies site-packages, where another distribution's `resources/` may be.
    """
    for folder in (_PACKAGE / name, _PACKAGE.parent / name):
        if (folder / _MARKERS[name]).is_file():
            return folder
    # Not on a filesystem (the package imported from a zip): ask its loader.
    from importlib import resources

    return on_disk(resources.files("s400tracker").joinpath(name))


def on_disk(resource) -> Path:
    """A folder on disk holding what the importlib.resources Traversable `resource` holds: itself
    when it is one, else a copy made once per process (Qt, the importer and `open()` need paths)."""
    if isinstance(resource, Path):
        return resource
    key = str(resource)
    if key not in _copies:
        import atexit
        import shutil
        import tempfile

        target = Path(tempfile.mkdtemp(prefix="s400tracker-")) / resource.name
        atexit.register(shutil.rmtree, target.parent, True)
        _copy_tree(resource, target)
        _copies[key] = target
    return _copies[key]


_copies: dict[str, Path] = {}


def _copy_tree(resource, target: Path) -> None:
    target.mkdir()
    for child in resource.iterdir():
        if child.is_dir():
            _copy_tree(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())


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
