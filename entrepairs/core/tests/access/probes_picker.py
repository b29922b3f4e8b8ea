"""Probes of the person picker's search (people.picker.first_matches): the API
`GET /api/v1/people/pick/<source>/` and its page counterpart `GET /people/pick/<source>/`, which
the pages' picker fields call as the user types. Each probe searches one source for one target
person by a word that finds them (their e-mail, or the child's first name) and reads whether the
target's id is in the answer: `allow` = found, `deny_404` = absent (a 403 or 404 of the source
reads the same: nobody is offered). The swapped-id cells search for the twin organisation's person
with side A's roles: another organisation's people must never appear.

Targets: a staff person fit for the source (the professional, the line manager, the facilitator,
the agency's case worker) and a person served (the child of a casework case, who must never appear
in any staff source). Same conventions as probes.py."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from .probes import A, Probe
from .world import Side, marker

# source -> the staff person it should offer (a world object key)
STAFF_TARGETS = {
    "onboarding.people": "person",
    "training.trainees": "person",
    "people.line_managers": "picker_manager",
    "groups.facilitators": "picker_facilitator",
    "mentoring.case_workers": "picker_case_worker",
}
SERVED = "picker_child"


def add_picker_targets(side: Side) -> None:
    """The people the picker probes look for (the side's own; the child of its first case)."""
    side.objects.update(
        picker_manager=side.people["manager"],
        picker_facilitator=side.people["facilitator"],
        picker_case_worker=side.people["case_worker"],
        picker_child=side.objects["case"].child,
    )


def _words(side: Side, key: str) -> str:
    person = side.objects[key]
    if key == SERVED:
        return marker(side.tag, "child")  # the child's first name; children have no e-mail
    return str(person.email)


def _url(base: str, source: str, key: str) -> Callable[[Side], str]:
    return lambda side: f"{base}/people/pick/{source}/?q={quote(_words(side, key))}"


def _probes() -> list[Probe]:
    out: list[Probe] = []
    for source, staff in STAFF_TARGETS.items():
        for kind, key in (("staff", staff), ("served", SERVED)):
            state = f"{source}:{kind}"
            out.append(
                Probe(
                    "PersonPicker",
                    state,
                    "pick",
                    "api",
                    "present",
                    _url(A, source, key),
                    "pk",
                    with_id=False,
                    target_key=key,
                )  # fmt: skip
            )
            out.append(
                Probe(
                    "PersonPicker",
                    state,
                    "pick",
                    "page",
                    "present",
                    _url("", source, key),
                    "pk",
                    with_id=False,
                    target_key=key,
                )  # fmt: skip
            )
    return out


PICKER_PROBES: list[Probe] = _probes()
