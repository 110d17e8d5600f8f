"""Writing a file the analyst named without ever leaving it half written.

Everything goes to a temporary file beside the target, which replaces the target only once it is
complete and on disk: a full disk, a crash or an error halfway leaves the old file as it was (a
CSV or a bundle that took an afternoon to annotate) and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import IO, Iterator

from s400tracker.core.files import sync_folder


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """A file object to write `path`'s new content to; `path` is replaced when the block ends
    without an error, and left untouched otherwise. `mode` is "w" (text) or "wb"."""
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write writes files whole: mode 'w' or 'wb', not {mode!r}")
    target = Path(os.path.realpath(path))   # through a link: replace the file, keep the link
    existing = _mode_of(target)
    if existing is not None and not stat.S_ISREG(existing):
        # A pipe, a device (/dev/null, /dev/stdout): written straight through, never replaced.
        with open(target, mode, **_text(mode, encoding, newline)) as f:
            yield f
        return
    fd, temporary = _create_beside(target, existing)
    try:
        with open(fd, mode, **_text(mode, encoding, newline)) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError) and e.filename in (None, temporary):
            raise _about(e, target) from e   # name the analyst's file, not ours
        raise
    sync_folder(target.parent)


def _text(mode: str, encoding: str | None, newline: str | None) -> dict:
    return {} if "b" in mode else {"encoding": encoding, "newline": newline}


def _mode_of(path: Path) -> int | None:
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        return None


def _create_beside(target: Path, existing: int | None) -> tuple[int, str]:
    # The same folder, so the rename stays on one file system and is atomic; the permissions of
    # the file it replaces, else the ones a plain open() would give (0666 less the umask).
    permissions = stat.S_IMODE(existing) if existing is not None else 0o666
    for _ in range(100):
        name = target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, permissions)
        except FileExistsError:
            continue
        except OSError as e:
            raise _about(e, target) from e
        if existing is not None:
            os.chmod(fd, permissions)   # the umask may have taken bits the old file had
        return fd, str(name)
    raise FileExistsError(f"cannot create a temporary file beside {target}")


def _about(error: OSError, target: Path) -> OSError:
    return type(error)(error.errno, error.strerror, str(target))
