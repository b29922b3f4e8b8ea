"""Read the independent expected table (docs/access-expected.yaml). Nothing here looks at the
permission code: a cell's expected value is whatever the reviewed table says."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLE = Path(__file__).resolve().parents[4] / "docs" / "access-expected.yaml"
DEFAULT_CHANNELS = ("page", "api")
NORMAL_STATE = "(none)"  # how an overlay names the object's normal state in `refines`


@cache
def entries() -> list[dict[str, Any]]:
    return list(yaml.safe_load(TABLE.read_text(encoding="utf-8"))["entries"])


@cache
def _refines() -> dict[tuple[str, str], str]:
    """(object, overlay state) -> the state it refines."""
    return {
        (e["object"], e["state"]): e["refines"]
        for e in entries()
        if e.get("refines") and e.get("state")
    }


def lookup(
    obj: str, state: str | None, action: str, role: str, channel: str
) -> tuple[str, str] | None:
    """(expected, why) for one cell, or None when the table says nothing about it. An overlay
    (`refines`) gives only its listed roles; every other role is read from the refined state."""
    found = [
        e
        for e in entries()
        if e["object"] == obj
        and e.get("state") == state
        and action in e["actions"]
        and role in e["roles"]
        and channel in e.get("channels", DEFAULT_CHANNELS)
    ]
    if found:
        e = found[-1]
        return e["expected"], e["why"]
    parent = _refines().get((obj, state)) if state else None
    if parent == NORMAL_STATE:  # an overlay on the object's normal state (no `state`)
        return lookup(obj, None, action, role, channel)
    if parent and parent != state:  # a few entries name their own state as refined: no overlay
        return lookup(obj, parent, action, role, channel)
    return None
