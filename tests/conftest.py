"""Shared fixtures. Qt must see QT_QPA_PLATFORM before it is first imported, hence at the top."""

from __future__ import annotations

import os

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from s400tracker.core.model import Actor  # noqa: E402
from s400tracker.store import Store  # noqa: E402
from tests.helpers import ACTORS  # noqa: E402


@pytest.fixture
def actors() -> list[Actor]:
    return list(ACTORS)


@pytest.fixture
def store():
    """An in-memory store with three actors (us, akar, kalin); closed after the test."""
    s = Store.open(":memory:", ACTORS)
    yield s
    s.close()
