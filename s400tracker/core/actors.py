"""The tracked actors as data: parsed from resources/actors.json (or an analyst's copy)."""

from __future__ import annotations

import json
from pathlib import Path

from s400tracker.core.model import Actor


def parse_actors(data: dict) -> list[Actor]:
    colors = {g["name"]: g.get("color", "") for g in data.get("groups", [])}
    actors = []
    for position, a in enumerate(data["actors"]):
        actors.append(
            Actor(
                key=a["key"],
                name=a["name"],
                group=a.get("group", ""),
                aliases=tuple(a.get("aliases", ())),
                ambiguous=tuple(a.get("ambiguous", ())),
                roles=tuple(a.get("roles", ())),
                countries=tuple(a.get("countries", ())),
                color=a.get("color") or colors.get(a.get("group", ""), ""),
                position=position,
            )
        )
    return actors


def group_colors(data: dict) -> dict[str, str]:
    return {g["name"]: g.get("color", "") for g in data.get("groups", [])}


def load_actors(path: Path) -> list[Actor]:
    return parse_actors(json.loads(Path(path).read_text(encoding="utf-8")))
