"""Every file the command line writes replaces the old one only once it is complete: a disk that
fills up halfway leaves the analyst's previous export, bundle or briefing as it was."""

from __future__ import annotations

import builtins
import errno
import io
import os

import pytest

from s400tracker import cli
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


class _FillingDisk:
    """A file opened for writing whose disk is full after `room` bytes, as the system says it."""

    def __init__(self, file, room: int) -> None:
        self._file, self._room = file, room

    def write(self, data):
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        if size > self._room:
            self._file.write(data[: self._room])
            self._file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= size
        return self._file.write(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()

    def __getattr__(self, name):
        return getattr(self._file, name)


@pytest.fixture
def full_disk(monkeypatch):
    """From now on every file opened for writing holds 40 bytes, then the disk is full."""

    real = builtins.open

    def opened(file, mode="r", *args, **kwargs):
        f = real(file, mode, *args, **kwargs)
        return _FillingDisk(f, 40) if any(c in mode for c in "wax") else f

    def arm():
        monkeypatch.setattr(builtins, "open", opened)
        monkeypatch.setattr(io, "open", opened)   # pathlib's write_text goes through io.open
    return arm


OUTPUTS = [
    ("matrix CSV", "out.csv", ["export", "-o", "{out}"]),
    ("long CSV", "out.csv", ["export", "--format", "long", "-o", "{out}"]),
    ("long workbook", "out.xlsx", ["export", "--format", "long", "-o", "{out}"]),
    ("annotation bundle", "bundle.json", ["annotations", "export", "-o", "{out}"]),
    ("briefing", "briefing.html", ["report", "-o", "{out}"]),
]


@pytest.mark.parametrize("name, command", [(o[1], o[2]) for o in OUTPUTS],
                         ids=[o[0] for o in OUTPUTS])
def test_a_full_disk_leaves_the_previous_output_whole(tmp_path, capsys, full_disk, name, command):
    db = tmp_path / "t.db"
    assert cli.main(["import", str(articles(tmp_path / "in")), "--db", str(db)]) == 0
    ids = tmp_path / "ids.csv"
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(ids)]) == 0
    sid = ids.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[0]
    assert cli.main(["annotate", "--db", str(db), "--statement", sid, "--note", "kept"]) == 0
    folder = tmp_path / "outputs"
    folder.mkdir()
    out = folder / name
    args = [a.format(out=out) for a in command] + ["--db", str(db)]
    assert cli.main(args) == 0   # the good output, longer than the disk will hold next time
    good = out.read_bytes()
    assert len(good) > 40
    capsys.readouterr()

    full_disk()
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and str(out) in err
    assert out.read_bytes() == good
    assert os.listdir(folder) == [name]   # no temporary file left behind


def test_outputs_keep_their_permissions_and_write_through_devices(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert cli.main(["import", str(articles(tmp_path / "in")), "--db", str(db)]) == 0
    out = tmp_path / "shared.csv"
    out.write_text("old")
    out.chmod(0o640)
    assert cli.main(["export", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("actor,")
    assert out.stat().st_mode & 0o777 == 0o640
    # A device is written to, never replaced by a file.
    assert cli.main(["export", "--db", str(db), "-o", os.devnull]) == 0
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)
