import csv
import datetime as dt

import pytest

from s400tracker.core.actors import load_actors
from s400tracker.extract.pipeline import ActorIndex
from s400tracker.paths import resources_dir, seeds_dir


@pytest.fixture(scope="session")
def index():
    return ActorIndex(load_actors(resources_dir() / "actors.json"))


@pytest.fixture(scope="session")
def seed():
    """seed(name) -> (text, published) for a bundled article, dated by its sidecar."""
    with (seeds_dir() / "articles.csv").open(encoding="utf-8", newline="") as f:
        meta = {row["file"]: row for row in csv.DictReader(f)}

    def load(prefix: str):
        path = next(seeds_dir().glob(f"{prefix}_*.txt"))
        published = meta[path.name]["published"]
        return path.read_text(encoding="utf-8"), dt.date.fromisoformat(published) if published else None

    return load
