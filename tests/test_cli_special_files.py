"""A named pipe or a device among the articles: refused in one line without being opened (opening
a pipe waits for a writer, forever), and the other files still imported."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from pathlib import Path

import pytest

from s400tracker import cli
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


@contextlib.contextmanager
def watched_pipe(path: Path):
    """A named pipe at `path`; yields a list that gets True if anyone opens it for reading
    meanwhile (then it is given an end at once, so that the reader does not hang the tests)."""
    os.mkfifo(path)
    opened: list[bool] = []
    done = threading.Event()

    def watch():
        while not done.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)   # succeeds only with a reader
            except OSError as e:
                if e.errno != errno.ENXIO:
                    raise
                done.wait(0.0005)
                continue
            opened.append(True)
            os.close(fd)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield opened
    finally:
        done.set()
        watcher.join()


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_named_pipe_named_on_the_command_line_is_refused_unopened(tmp_path, capsys, command):
    folder = articles(tmp_path / "in", sidecar=False)
    pipe = tmp_path / "pipe.txt"
    with watched_pipe(pipe) as opened:
        args = [command, str(pipe), str(folder / "a.txt")]
        code = cli.main(args + (["--db", str(tmp_path / "t.db")] if command == "import" else []))
    assert not opened
    out, err = capsys.readouterr()
    assert code == 1
    line = f"{pipe} (not a regular file (a named pipe); not read)" if command == "import" else \
        f"s400tracker: {pipe}: not a regular file (a named pipe); not read"
    assert (f"failed: {line}" in out.splitlines()) if command == "import" else err == line + "\n"
    assert ("1 added" if command == "import" else "We will respond") in out   # the good one still


@pytest.mark.parametrize("command", ["import", "extract"])
def test_a_device_is_refused_not_read(tmp_path, capsys, command):
    args = [command, "/dev/zero"] + (["--db", str(tmp_path / "t.db")] if command == "import" else [])
    assert cli.main(args) == 1
    out, err = capsys.readouterr()
    assert "/dev/zero" in out + err and "not a regular file (a device)" in out + err


def test_a_folder_walk_skips_pipes_and_a_piped_sidecar(tmp_path, capsys):
    folder = articles(tmp_path / "in", sidecar=False)
    with watched_pipe(folder / "pipe.txt") as opened, watched_pipe(folder / "articles.csv") as sidecar:
        assert cli.main(["import", str(folder), "--db", str(tmp_path / "t.db")]) == 0
        assert cli.main(["extract", str(folder)]) == 0
    assert not opened and not sidecar
    out = capsys.readouterr().out
    assert "2 added, 0 already present, 0 failed" in out and "pipe.txt" not in out
