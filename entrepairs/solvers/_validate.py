"""Small input checks shared by the solvers; each raises SolverInputError naming the field."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from entrepairs.solvers.errors import SolverInputError


def number(
    field: str, value: Any, *, minimum: float | None = None, positive: bool = False
) -> float:
    # bool is an int subclass; True as a weight is almost certainly a bug upstream.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SolverInputError(field, f"must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise SolverInputError(field, "must be a finite number")
    if positive and value <= 0:
        raise SolverInputError(field, f"must be greater than 0, got {value}")
    if minimum is not None and value < minimum:
        raise SolverInputError(field, f"must be at least {minimum}, got {value}")
    return float(value)


def integer(field: str, value: Any, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SolverInputError(field, f"must be an integer, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise SolverInputError(field, f"must be at least {minimum}, got {value}")
    return value


def unique_ids(field: str, ids: Iterable[Any]) -> dict[str, int]:
    ids = list(ids)
    index: dict[str, int] = {}
    # Fast path at C speed; the loop below names the first offending entry.
    if set(map(type, ids)) <= {str}:
        index = dict(zip(ids, range(len(ids)), strict=True))
        if len(index) == len(ids) and "" not in index:
            return index
        index = {}
    for k, pid in enumerate(ids):
        if not isinstance(pid, str) or not pid:
            raise SolverInputError(f"{field}[{k}].id", "must be a non-empty string")
        if pid in index:
            raise SolverInputError(f"{field}[{k}].id", f"duplicate id {pid!r}")
        index[pid] = k
    return index


def known(field: str, pid: Any, index: dict[str, int]) -> int:
    if not isinstance(pid, str) or pid not in index:
        raise SolverInputError(field, f"unknown id {pid!r}")
    return index[pid]


def pair_list(field: str, value: Any) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    try:
        items = list(value)
    except TypeError:
        raise SolverInputError(field, "must be a collection of (id, id) pairs") from None
    for k, p in enumerate(items):
        if not isinstance(p, tuple | list) or len(p) != 2:
            raise SolverInputError(f"{field}[{k}]", "must be a pair (id, id)")
        out.append((p[0], p[1]))
    return out
