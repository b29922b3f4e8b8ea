"""Probes of coach pairing (issue 16 point 5): offers, requests, pairings (proposed and active),
their meetings and private notes, and the organisation's scheme; world in world_coaching.py.
Through the API, which the pages' views share selectors and services with. A coach's offer is
changed only through "my offer" (no address names another's offer): its change and withdraw
cells are not probed."""

from __future__ import annotations

from typing import Any

from .probes import A, Probe, _fixed, _o
from .world_coaching import as_proposed

OFFERS, REQUESTS, PAIRINGS = (
    A + "/coaching/offers/",
    A + "/coaching/requests/",
    A + "/coaching/pairings/",
)
PAIRING = PAIRINGS + "{coachpairing}/"
SCHEME = A + "/coaching/organisations/{organisation}/"
FEEDBACK = {"rating": 4, "comment": "Des échanges utiles"}


def _pairing(state: str) -> list[Probe]:
    prepare = as_proposed if state == "proposed" else None

    def probe(action: str, url: str, what: str | None, method: str = "get", **more: Any) -> Probe:
        return Probe(
            "CoachPairing",
            state,
            action,
            "api",
            "present" if action == "list" else "detail",
            _o(url),
            what,
            method,
            target_key="coachpairing",
            prepare=prepare,
            **more,
        )

    return [
        probe("list", PAIRINGS, "pk", with_id=False),
        probe("view", PAIRING, "pk"),
        probe("confirm", PAIRING + "confirm/", None, "post", swap=False),
        probe("decline", PAIRING + "decline/", None, "post", swap=False),
        probe("give_feedback", PAIRING + "feedback/", None, "post", swap=False, data=lambda s: FEEDBACK),
    ]  # fmt: skip


# fmt: off
COACHING_PROBES: list[Probe] = [
    # --- CoachOffer (the tutor's) ---
    Probe("CoachOffer", None, "list", "api", "present", _fixed(OFFERS), "coachoffer", with_id=False),
    Probe("CoachOffer", None, "view", "api", "detail", _o(OFFERS + "{coachoffer}/"), "coachoffer"),
    # --- CoachRequest (the newcomer's) ---
    Probe("CoachRequest", None, "list", "api", "present", _fixed(REQUESTS), "pk", with_id=False,
          target_key="coachrequest"),
    Probe("CoachRequest", None, "view", "api", "detail", _o(REQUESTS + "{coachrequest}/"), "pk",
          target_key="coachrequest"),
    Probe("CoachRequest", None, "create", "api", "detail", _fixed(REQUESTS), None, "post", with_id=False,
          swap=False, target_key="coachrequest"),
    Probe("CoachRequest", None, "withdraw", "api", "detail", _o(REQUESTS + "{coachrequest}/withdraw/"), None,
          "post", swap=False, target_key="coachrequest", prepare=as_proposed),
    # --- CoachPairing ---
    *_pairing("proposed"),
    *_pairing("active"),
    # --- CoachingMeeting (of the active pairing; its notes to the pair) ---
    Probe("CoachingMeeting", None, "list", "api", "present", _o(PAIRING + "meetings/"), "pk",
          target_key="coachmeeting"),
    Probe("CoachingMeeting", None, "read_notes", "api", "present", _o(PAIRING + "meetings/"), "coachnote",
          target_key="coachmeeting"),
    Probe("CoachingMeeting", None, "create", "api", "detail", _o(PAIRING + "meetings/"), None, "post",
          swap=False, target_key="coachmeeting", data=lambda s: {"date": _today(), "note": "Un point"}),
    # --- CoachingScheme (the organisation's weights and flag delay) ---
    Probe("CoachingScheme", None, "view", "api", "detail", _o(SCHEME), None, target_key="organisation"),
    Probe("CoachingScheme", None, "change", "api", "detail", _o(SCHEME), None, "patch", swap=False,
          target_key="organisation", data=lambda s: {"flag_after_weeks": 6}),
    Probe("CoachingScheme", None, "propose_pairs", "api", "detail", _o(SCHEME + "propose/"), None, "post",
          swap=False, target_key="organisation"),
]
# fmt: on


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()
