"""The entity found in a text, and how overlapping candidates are settled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = (
    "person",
    "phone",
    "nir",
    "date",
    "age",
    "address",
    "email",
    "iban",
    "place",
    "institution",
)


@dataclass(frozen=True)
class Entity:
    kind: str  # one of KINDS
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    priority: int  # higher wins an overlap; then the longer span


def settle(text: str, candidates: Iterable[Candidate]) -> list[Entity]:
    """Keep, among overlapping candidates, the one of higher priority (then the longer one)."""
    kept: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    for cand in ordered:
        if cand.end <= cand.start:
            continue
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return [
        Entity(c.kind, text[c.start : c.end], c.start, c.end)
        for c in sorted(kept, key=lambda c: c.start)
    ]
