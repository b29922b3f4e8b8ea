"""Probes of events (an organisation's and a network's), a network's news, its mailing lists and
their archive (issue 16); world in world_events.py. Each action is probed once per role, through
the API (the pages call the same selectors and services): the table's page cells are not repeated.
Writes are probed on side A only (swap=False); the twin's ids are probed by the reads."""

from __future__ import annotations

from typing import Any

from .probes import A, Probe, _fixed, _o
from .world import Side

EVENTS = A + "/events/"
NEWS = A + "/networks/news/"
LISTS = A + "/networks/lists/"
MESSAGES = A + "/networks/list-messages/"


def _registered(key: str) -> Any:
    def done(side: Side) -> bool:
        return side.objects[key].registrations.exists()  # type: ignore[no-any-return]

    return done


def _event_probes(state: str, key: str, past_key: str, what: str) -> list[Probe]:
    one = EVENTS + "{" + key + "}/"
    # fmt: off
    return [
        Probe("Event", state, "list", "api", "present", _fixed(EVENTS), what, with_id=False),
        Probe("Event", state, "view", "api", "detail", _o(one), what),
        Probe("Event", state, "register", "api", "detail", _o(one + "register/"), None, "post",
              swap=False, data=lambda s: {}, done=_registered(key)),
        Probe("Event", state, "change", "api", "detail", _o(one), None, "patch", swap=False,
              data=lambda s: {"place": "Autre salle"}),
        Probe("Event", state, "attendance", "api", "detail", _o(EVENTS + "{" + past_key + "}/attendance/"), None, "post",
              swap=False, data=lambda s: {"present": []}),
        Probe("Event", state, "feedback_summary", "api", "detail", _o(one + "feedback-summary/"), None, swap=False),
    ]
    # fmt: on


def _network(side: Side) -> str:
    return str(side.objects["network"].pk)


# fmt: off
EVENT_PROBES: list[Probe] = [
    *_event_probes("organisation", "event_org", "event_org_past", "eventorg"),
    *_event_probes("network", "event_network", "event_network_past", "eventnetwork"),
    # --- NetworkNews (published by the network's organiser) ---
    Probe("NetworkNews", None, "list", "api", "present", _fixed(NEWS), "networknews", with_id=False),
    Probe("NetworkNews", None, "view", "api", "detail", _o(NEWS + "{networknews}/"), "networknews"),
    Probe("NetworkNews", None, "create", "api", "detail", _fixed(NEWS), None, "post", with_id=False, swap=False,
          data=lambda s: {"network": _network(s), "title": "Une nouvelle", "body": "Son texte"}),
    Probe("NetworkNews", None, "edit", "api", "detail", _o(NEWS + "{networknews}/"), None, "patch", swap=False,
          data=lambda s: {"body": "Texte corrige"}),
    Probe("NetworkNews", None, "delete", "api", "detail", _o(NEWS + "{networknews}/"), None, "delete", swap=False),
    # --- MailingList (a list of the network) ---
    Probe("MailingList", None, "list", "api", "present", _fixed(LISTS), "mailinglist", with_id=False),
    Probe("MailingList", None, "view", "api", "detail", _o(LISTS + "{mailinglist}/"), "mailinglist"),
    Probe("MailingList", None, "subscribe", "api", "detail", _o(LISTS + "{mailinglist}/subscribe/"), None, "post",
          swap=False, data=lambda s: {}),
    Probe("MailingList", None, "unsubscribe", "api", "detail", _o(LISTS + "{mailinglist}/unsubscribe/"), None, "post",
          swap=False, data=lambda s: {}),
    Probe("MailingList", None, "create", "api", "detail", _fixed(LISTS), None, "post", with_id=False, swap=False,
          data=lambda s: {"network": _network(s), "name": "Une liste"}),
    Probe("MailingList", None, "change", "api", "detail", _o(LISTS + "{mailinglist}/"), None, "patch", swap=False,
          data=lambda s: {"description": "Sa description"}),
    # --- ListMessage (archived on the list) ---
    Probe("ListMessage", None, "list", "api", "present", _fixed(MESSAGES), "listmessage", with_id=False),
    Probe("ListMessage", None, "view", "api", "detail", _o(MESSAGES + "{listmessage}/"), "listmessage"),
    Probe("ListMessage", None, "create", "api", "detail", _o(LISTS + "{mailinglist}/messages/"), None, "post", swap=False,
          data=lambda s: {"subject": "Un message", "body": "Son texte"}),
    Probe("ListMessage", "list_open_to_member_posts", "create", "api", "detail", _o(LISTS + "{mailinglist_open}/messages/"), None, "post",
          swap=False, data=lambda s: {"subject": "Un message", "body": "Son texte"}),
]
# fmt: on
