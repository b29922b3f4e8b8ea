"""Every notification kind that asks its reader to act (declared `actionable`) is resolved by a
domain service once the action is done (issue 15: « Votre avis est demandé » on a decision
already decided, « confirmez-le » on a pairing already active). A new actionable kind fails here
until a service of its app calls `resolve(kind=...)` for it; a notification of such a kind is
refused without the record it is about."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest

from entrepairs.core.notifications import KINDS, NotificationKind, notify

ROOT = Path(__file__).resolve().parents[2]

# `resolve(kind=kinds.X` or `resolve(kind=X` (a kind constant of the app), or through a helper
# handed the kind: `_resolve_pair(pairing, kinds.X, ...)`.
_RESOLVED = re.compile(r"resolve\w*\(\s*(?:kind=)?(?:[\w.]*?\.)?\b([A-Z][A-Z_]+)\b")
# A helper that resolves the kind it is given (coaching's `_resolve_pair`), and the constants
# handed to it.
_HANDED = re.compile(r"_resolve_\w+\([^()]*?kinds\.([A-Z][A-Z_]+)")


# Where an app declares its kinds (training keeps them with its sending code).
KIND_MODULES = ("notification_kinds.py", "notifications.py")


def _kind_modules() -> list[tuple[Path, Any]]:
    """(app folder, module) for each module of an app declaring notification kinds."""
    found = []
    for name in KIND_MODULES:
        for path in sorted(ROOT.glob(f"*/{name}")):
            if path.parent.name != "core":
                module = importlib.import_module(f"entrepairs.{path.parent.name}.{path.stem}")
                found.append((path.parent, module))
    return found


def _resolved_codes() -> set[str]:
    """The codes of the kinds some product code resolves, app by app."""
    codes: set[str] = set()
    for app, module in _kind_modules():
        names: set[str] = set()
        for source in app.rglob("*.py"):
            if "tests" in source.parts or "migrations" in source.parts:
                continue
            text = source.read_text()
            names |= set(_RESOLVED.findall(text)) | set(_HANDED.findall(text))
        for name in names:
            kind = getattr(module, name, None)
            if isinstance(kind, NotificationKind):
                codes.add(kind.code)
    return codes


def test_every_actionable_kind_is_resolved_by_a_service() -> None:
    # The apps' kinds (not a test's own kind, declared in KINDS too when collected).
    declared = [
        kind
        for _app, module in _kind_modules()
        for kind in vars(module).values()
        if isinstance(kind, NotificationKind)
    ]
    actionable = {kind.code for kind in declared if kind.actionable}
    assert all(KINDS[kind.code] == kind for kind in declared)
    unresolved = actionable - _resolved_codes()
    assert not unresolved, f"Actionable kinds no service resolves: {sorted(unresolved)}"
    # Positive control: the kinds of the outside tester's class are there.
    assert {
        "casework.advice_requested",
        "coaching.proposed",
        "mentoring.mentor_application",
        "networks.invitation",
        "training.expiry",
    } <= actionable


@pytest.mark.django_db
def test_an_actionable_notification_names_its_record(world) -> None:  # type: ignore[no-untyped-def]
    from entrepairs.coaching import notification_kinds as kinds

    with pytest.raises(ValueError, match="about="):
        notify(
            recipient=world.coordinator.user,
            kind=kinds.PAIRING_PROPOSED,
            subject="A pairing",
            body="Confirm it.",
            link="/coaching/",
            organisation=world.org_a,
        )
