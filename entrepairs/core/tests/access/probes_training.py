"""Probes of training (issue 16 point 6), against the rows the independent reviewer wrote for
TrainingSession (organisation, programme_required), TrainingEnrolment, TrainingRequirement (role)
and TrainingCompliance (person, team, organisation); world in world_training.py.

Where a cell is reached: the sessions' list and detail (API), a session's page, enrolling oneself
(`POST …/sessions/<id>/enrolment/`), the professional's enrolment on the session's page (their
name in its « Inscrits » list), the role requirements' list and creating one (API), and the
professional's compliance through the list each role has: their own « my trainings », their line
manager's team list, the coordinators' organisation list (`role_url`). Not probed: changing a
session or recording its attendance (no such API address; the page's forms post to the same
services), a requirement of a programme (the programme's own form, probed with mentoring), the
exports (no export of compliance exists yet), and cancelling an enrolment (the API cancels the
signed-in person's own seat only: no address names another's)."""

from __future__ import annotations

from typing import Any

from .probes import A, Probe, _fixed, _o
from .world import Side

SESSIONS = A + "/training/sessions/"


def _compliance_url(side: Side, role: str) -> str:
    """The professional's compliance in the list the role has."""
    if role == "coordinator":
        return A + "/training/compliance/"
    if role == "manager":
        return A + "/training/team/"
    return A + "/training/mine/"


def _team_url(side: Side, role: str) -> str:
    return A + ("/training/compliance/" if role == "coordinator" else "/training/team/")


def _new_session(side: Side) -> dict[str, Any]:
    return {"module": str(side.objects["trainingmodule_staff"].pk), "held_on": "2030-01-15"}


def _new_requirement(side: Side) -> dict[str, Any]:
    return {"module": str(side.objects["trainingmodule_staff"].pk), "role": "facilitator"}


def _sessions(state: str, key: str) -> list[Probe]:
    def probe(
        action: str, channel: str, kind: str, url: Any, what: str | None, **more: Any
    ) -> Probe:
        return Probe(
            "TrainingSession", state, action, channel, kind, url, what, target_key=key, **more
        )

    return [
        probe("list", "api", "present", _fixed(SESSIONS), key, with_id=False),
        probe("view", "api", "detail", _o(SESSIONS + "{" + key + "}/"), key),
        probe("view", "page", "detail", _o("/training/sessions/{" + key + "}/"), key),
        probe("enrol", "api", "detail", _o(SESSIONS + "{" + key + "}/enrolment/"), None, method="post"),
    ]  # fmt: skip


# fmt: off
TRAINING_PROBES: list[Probe] = [
    *_sessions("organisation", "trainingsession"),
    *_sessions("programme_required", "programmesession"),
    Probe("TrainingSession", "organisation", "create", "api", "detail", _fixed(SESSIONS), None, "post",
          with_id=False, swap=False, target_key="trainingsession", data=_new_session),
    # --- TrainingEnrolment: the professional's seat at S, on the session's page ---
    Probe("TrainingEnrolment", None, "view", "page", "present", _o("/training/sessions/{trainingsession}/"),
          "value:enrolled_name", target_key="trainingsession"),
    # --- TrainingRequirement R1: the professional role requires the staff module ---
    Probe("TrainingRequirement", "role", "list", "api", "present", _fixed(A + "/training/requirements/"), "pk",
          with_id=False, target_key="trainingrequirement"),
    Probe("TrainingRequirement", "role", "create", "api", "detail", _fixed(A + "/training/requirements/"), None,
          "post", with_id=False, swap=False, target_key="trainingrequirement", data=_new_requirement),
    # --- TrainingCompliance of the professional (their expiry day is the marker: the twin's is the
    # same day, so another organisation's ids are probed through the team and organisation rows) ---
    Probe("TrainingCompliance", "person", "view", "api", "present", _fixed(A + "/training/mine/"),
          "value:own_compliance", with_id=False, swap=False, target_key="person", role_url=_compliance_url),
    Probe("TrainingCompliance", "team", "view", "api", "present", _fixed(A + "/training/team/"), "pk",
          with_id=False, target_key="person", role_url=_team_url),
    Probe("TrainingCompliance", "organisation", "view", "api", "present", _fixed(A + "/training/compliance/"),
          "pk", with_id=False, target_key="person"),
    Probe("TrainingCompliance", "organisation", "view", "page", "present", _fixed("/training/completions/"),
          "value:enrolled_name", with_id=False, target_key="person"),
]
# fmt: on
