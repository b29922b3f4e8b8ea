"""Where each (object, state, action, channel) of the expected table is reached in the app, and how a
response is read. URLs were found by reading urls.py and the API routers; the *expected* outcome of
a probe is never decided here (it comes from docs/access-expected.yaml, see expected.py).

Probe kinds:
- `detail`: one object's URL; the outcome is the exact status (200 → allow only when the object's
  marker is in the body, when the probe names one: the positive control).
- `present`: a list, a container page or a field; allow = the marker is in the body, deny = it is
  absent (a 403 or 404 status is reported as such; absent from a 200 page counts as deny_404, the
  table's "absent from lists / the field is absent").
Any status other than 2xx, 302-to-sign-in, 401, 403, 404 is reported as itself (a mismatch).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .world import Side, marker


@dataclass(frozen=True)
class Probe:
    obj: str
    state: str | None
    action: str
    channel: str  # page | api | export | pdf
    kind: str  # detail | present
    url: Callable[[Side], str]
    what: str | None  # marker name, or None (detail probes checked by status only)
    method: str = "get"
    via: str = ""  # a short label when one cell is reached through several URLs
    with_id: bool = True  # the URL names the object
    data: Callable[[Side], dict[str, Any]] | None = None  # body of a POST / PATCH
    swap: bool = True  # also probe the twin's object (another organisation's id)
    target_key: str = ""  # the world object whose pk is the marker, when not the object's default
    role_url: Callable[[Side, str], str] | None = None  # a URL that depends on the viewer's role
    done: Callable[[Side], bool] | None = None  # a page form's effect (its 302 says nothing)
    # Puts the world in the state the probe names, inside the cell's savepoint (rolled back after).
    prepare: Callable[[Side], None] | None = None

    @property
    def key(self) -> str:
        via = f" via {self.via}" if self.via else ""
        return f"{self.obj}[{self.state or '-'}].{self.action}@{self.channel}{via}"

    def url_for(self, side: Side, role: str) -> str:
        return self.role_url(side, role) if self.role_url else self.url(side)

    def marker_for(self, side: Side) -> str | None:
        if self.what is None:
            return None
        if self.what.startswith("value:"):  # a generated value kept in the world (invoice number)
            return str(side.objects[self.what.removeprefix("value:")])
        if self.what == "pk":
            return str(self.target(side).pk)
        return marker(side.tag, self.what)

    def target(self, side: Side) -> Any:
        return side.objects[self.target_key or _TARGETS[self.obj]]


_TARGETS = {
    "Group": "group",
    "Situation": "situation",
    "SessionNote": "sessionnote",
    "Person": "person",
    "Person.notes": "person",
    "Youth": "youth",
    "ProgressNote": "progressnote",
    "ContactLog": "contactlog",
    "CheckIn": "checkin",
    "Match": "match",
    "Journey": "journey",
    "Evaluation": "evaluation",
    "Session": "session",
    "Attendance": "attendance",
    "CompetencyObservation": "observation",
    "OnboardingBooklet": "journey",
    "Contract": "quote",
    "Invoice": "agreement",
    "Announcement": "announcepub",
    "CalendarFeed": "feed",
    "Programme": "programme",
    "Template": "template",
    "Transfer": "youth",
    "Membership": "membership",
    "AttendanceSignature": "signature_own",
    "NewsletterSignup": "newsletter_pending",
}


def _o(key: str, suffix: str = "") -> Callable[[Side], str]:
    """A URL template filled with object ids: '{group}' → side.objects['group'].pk."""

    def build(side: Side) -> str:
        ids = {k: v.pk for k, v in side.objects.items() if hasattr(v, "pk")}
        return key.format(**ids) + suffix

    return build


def _fixed(url: str) -> Callable[[Side], str]:
    return lambda side: url


A = "/api/v1"


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _email(side: Side) -> str:
    return side.people["professional"].email


# Contracts, announcements, calendar feeds, programmes, templates, transfers, events, networks
# and mailing lists (needs Probe, _o above).
from .probes_casework import CASEWORK_PROBES  # noqa: E402
from .probes_coaching import COACHING_PROBES  # noqa: E402
from .probes_events import EVENT_PROBES  # noqa: E402
from .probes_more import MORE_PROBES  # noqa: E402
from .probes_networks import NETWORK_PROBES  # noqa: E402
from .probes_people import PEOPLE_PROBES  # noqa: E402
from .probes_picker import PICKER_PROBES  # noqa: E402
from .probes_signatures import SIGNATURE_PROBES  # noqa: E402
from .probes_training import TRAINING_PROBES  # noqa: E402

# fmt: off
PROBES: list[Probe] = [
    # --- Group (founded supervision group) ---
    Probe("Group", "founded", "list", "page", "present", _fixed("/groups/"), "group", with_id=False),
    Probe("Group", "founded", "list", "api", "present", _fixed(f"{A}/groups/"), "group", with_id=False),
    Probe("Group", "founded", "view", "page", "detail", _o("/groups/{group}/"), "group"),
    Probe("Group", "founded", "view", "api", "detail", _o(A + "/groups/{group}/"), "group"),
    Probe("Group", "founded", "change", "page", "detail", _o("/groups/{group}/edit/"), None),
    Probe("Group", "founded", "change", "api", "detail", _o(A + "/groups/{group}/"), None, "patch"),
    Probe("Group", "founded", "delete", "api", "detail", _o(A + "/groups/{group}/"), None, "delete"),
    # --- Situation (a member's situation in the founded group) ---
    Probe("Situation", "founded", "list", "api", "present", _fixed(f"{A}/groups/situations/"), "situation", with_id=False),
    Probe("Situation", "founded", "view", "api", "detail", _o(A + "/groups/situations/{situation}/"), "situation"),
    Probe("Situation", "founded", "view", "page", "present", _o("/groups/sessions/{session}/"), "situation", via="session page"),
    Probe("Situation", "founded", "change", "api", "detail", _o(A + "/groups/situations/{situation}/"), None, "patch"),
    Probe("Situation", "founded", "delete", "api", "detail", _o(A + "/groups/situations/{situation}/"), None, "delete"),
    Probe("Situation", "founded", "create", "api", "detail", _fixed(f"{A}/groups/situations/"), None, "post", with_id=False,
          data=lambda s: {"session": str(s.objects["future"].pk), "title": "Titre", "episode": "Un episode", "question": "Une question", "acknowledged": True}),
    # --- Session (held: the founding session; planned: the next one) ---
    Probe("Session", "held", "list", "api", "present", _fixed(f"{A}/groups/sessions/"), "pk", with_id=False),
    Probe("Session", "held", "view", "page", "detail", _o("/groups/sessions/{session}/"), None),
    Probe("Session", "held", "view", "api", "detail", _o(A + "/groups/sessions/{session}/"), "pk"),
    Probe("Session", "planned", "view", "page", "detail", _o("/groups/sessions/{future}/"), None),
    Probe("Session", "planned", "view", "api", "detail", _o(A + "/groups/sessions/{future}/"), "pk", target_key="future"),
    # --- Attendance (the professional's row; the colleague's row has another line manager) ---
    Probe("Attendance", "own_staff_or_self", "list", "api", "present", _fixed(f"{A}/groups/attendance/"), "pk", with_id=False),
    Probe("Attendance", "own_staff_or_self", "view", "api", "detail", _o(A + "/groups/attendance/{attendance}/"), "pk"),
    Probe("Attendance", "other_member", "view", "api", "detail", _o(A + "/groups/attendance/{attendance_other}/"), "pk", target_key="attendance_other"),
    Probe("Attendance", None, "export", "pdf", "detail", _o("/groups/sessions/{session}/sheet.pdf"), None, via="page"),
    Probe("AttendanceCertificate", None, "download", "pdf", "detail", _o("/groups/{group}/members/{member}/certificate.pdf"), None),
    Probe("Attendance", None, "export", "pdf", "detail", _o(A + "/groups/sessions/{session}/sheet/"), None, via="api"),
    # --- SessionNote (shared with the members) ---
    Probe("SessionNote", "shared", "list", "api", "present", _fixed(f"{A}/groups/notes/"), "sessionnote", with_id=False),
    Probe("SessionNote", "shared", "view", "api", "detail", _o(A + "/groups/notes/{sessionnote}/"), "sessionnote"),
    Probe("SessionNote", "shared", "view", "page", "present", _o("/groups/sessions/{session}/"), "sessionnote", via="session page"),
    # --- Person (the professional's staff profile) and Person.notes ---
    Probe("Person", "staff", "view", "page", "detail", _o("/people/{person}/"), "pk"),
    Probe("Person", "staff", "view", "api", "detail", _o(A + "/people/{person}/"), "pk"),
    Probe("Person", "staff", "change", "page", "detail", _o("/people/{person}/edit/"), None),
    Probe("Person", "staff", "change", "api", "detail", _o(A + "/people/{person}/"), None, "patch"),
    Probe("Person", "staff", "delete", "page", "detail", _o("/people/{person}/delete/"), None),
    Probe("Person", "staff", "delete", "api", "detail", _o(A + "/people/{person}/"), None, "delete"),
    Probe("Person", "staff", "search", "search", "present", lambda s: f"/people/?q={_email(s)}", "pk", via="page", with_id=False),
    Probe("Person", "staff", "search", "search", "present", lambda s: f"{A}/people/?q={_email(s)}", "pk", via="api", with_id=False),
    Probe("Person.notes", None, "view", "page", "present", _o("/people/{person}/"), "personnotes"),
    Probe("Person.notes", None, "view", "api", "present", _o(A + "/people/{person}/"), "personnotes"),
    Probe("Person.notes", None, "export", "export", "present", _fixed("/people/export/"), "personnotes", via="page", with_id=False),
    Probe("Person.notes", None, "export", "export", "present", _fixed(f"{A}/people/export/"), "personnotes", via="api", with_id=False),
    # --- Youth (in an active match) ---
    Probe("Youth", "match_active", "list", "page", "present", _fixed("/mentoring/youths/"), "youth", with_id=False),
    Probe("Youth", "match_active", "list", "api", "present", _fixed(f"{A}/mentoring/youths/"), "youth", with_id=False),
    Probe("Youth", "match_active", "view", "page", "detail", _o("/mentoring/youths/{youth}/"), "youth"),
    Probe("Youth", "match_active", "view", "api", "detail", _o(A + "/mentoring/youths/{youth}/"), "youth"),
    Probe("Youth", "match_active", "view", "page", "present", _o("/mentoring/matches/{match}/"), "youth", via="match page"),
    # the youth's last name is not among the agreement's fields (first name, age, interests)
    Probe("Youth", "field_not_in_agreement", "view", "page", "present", _o("/mentoring/youths/{youth}/"), "lastname"),
    Probe("Youth", "field_not_in_agreement", "view", "api", "present", _o(A + "/mentoring/youths/{youth}/"), "lastname"),
    Probe("Youth", "field_not_in_agreement", "view", "page", "present", _o("/mentoring/matches/{match}/"), "lastname", via="match page"),
    Probe("Youth", "field_not_in_agreement", "view", "api", "present", _o(A + "/mentoring/matches/{match}/"), "lastname", via="match"),
    # --- Match (active) ---
    Probe("Match", "active", "list", "page", "present", _fixed("/mentoring/matches/"), "pk", with_id=False),
    Probe("Match", "active", "list", "api", "present", _fixed(f"{A}/mentoring/matches/"), "pk", with_id=False),
    Probe("Match", "active", "view", "page", "detail", _o("/mentoring/matches/{match}/"), None),
    Probe("Match", "active", "view", "api", "detail", _o(A + "/mentoring/matches/{match}/"), "pk"),
    # --- ProgressNote (written by the case worker; progress notes are not among the agreement's fields) ---
    Probe("ProgressNote", "not_shared_by_agreement", "list", "api", "present", _o(A + "/mentoring/matches/{match}/notes/"), "progressnote"),
    Probe("ProgressNote", "not_shared_by_agreement", "view", "page", "present", _o("/mentoring/matches/{match}/"), "progressnote", via="match page"),
    Probe("ProgressNote", "not_shared_by_agreement", "list", "page", "present", _o("/mentoring/youths/{youth}/"), "progressnote", via="youth page"),
    # --- ContactLog (active match, written by the mentor) ---
    Probe("ContactLog", "match_active", "list", "api", "present", _o(A + "/mentoring/matches/{match}/contacts/"), "contactlog"),
    Probe("ContactLog", "match_active", "view", "page", "present", _o("/mentoring/matches/{match}/"), "contactlog", via="match page"),
    Probe("ContactLog", "match_active", "create", "api", "detail", _o(A + "/mentoring/matches/{match}/contacts/"), None, "post",
          data=lambda s: {"kind": "call", "happened_on": _today()}),
    Probe("ProgressNote", None, "create", "api", "detail", _o(A + "/mentoring/matches/{match}/notes/"), None, "post",
          data=lambda s: {"text": "Des progres"}),
    # --- CheckIn (the youth's check-in; for the mentor, the other party's) ---
    Probe("CheckIn", "other_party", "view", "api", "present", _o(A + "/mentoring/matches/{match}/checkins/"), "checkin"),
    Probe("CheckIn", "other_party", "view", "page", "present", _o("/mentoring/matches/{match}/"), "checkin", via="match page"),
    # the rating the coordinator recorded for the youth (4/5); the agency's agreement does not share ratings
    Probe("CheckIn", "other_party_rating", "view", "api", "present", _o(A + "/mentoring/matches/{match}/checkins/"), "value:checkin_rating_api"),
    Probe("CheckIn", "other_party_rating", "view", "page", "present", _o("/mentoring/matches/{match}/"), "value:checkin_rating_page", via="match page"),
    # --- Journey (the newcomer's) ---
    Probe("Journey", None, "list", "page", "present", _fixed("/onboarding/journeys/"), "pk", with_id=False),
    Probe("Journey", None, "list", "api", "present", _fixed(f"{A}/onboarding/journeys/"), "pk", with_id=False),
    Probe("Journey", None, "view", "page", "detail", _o("/onboarding/journeys/{journey}/"), None),
    Probe("Journey", None, "view", "api", "detail", _o(A + "/onboarding/journeys/{journey}/"), "pk"),
    # --- Evaluation (the journey's closing review) ---
    Probe("Evaluation", None, "list", "api", "present", _fixed(f"{A}/onboarding/closing-reviews/"), "evaluation", with_id=False),
    Probe("Evaluation", None, "view", "api", "detail", _o(A + "/onboarding/closing-reviews/{evaluation}/"), "evaluation"),
    Probe("Evaluation", None, "view", "api", "detail", _o(A + "/onboarding/journeys/{journey}/review/"), "evaluation", via="journey review"),
    Probe("Evaluation", None, "view", "page", "present", _o("/onboarding/journeys/{journey}/"), "evaluation", via="journey page"),
    Probe("Evaluation", "open", "change", "api", "detail", _o(A + "/onboarding/journeys/{journey}/review/"), None, "patch", via="journey review"),
    Probe("Evaluation", "open", "change", "page", "detail", _o("/onboarding/journeys/{journey}/review/"), None, via="review form"),
    # --- CompetencyObservation ---
    Probe("CompetencyObservation", None, "list", "api", "present", _fixed(f"{A}/onboarding/observations/"), "observation", with_id=False),
    Probe("CompetencyObservation", None, "view", "api", "detail", _o(A + "/onboarding/observations/{observation}/"), "observation"),
    Probe("CompetencyObservation", None, "view", "page", "present", _o("/onboarding/journeys/{journey}/"), "observation", via="journey page"),
    # --- E-mail: the e-mail copy of every notification the world's story sent to the role ---
    *[
        Probe(obj, None, "email", "email", "email", _fixed(""), what, via=via, swap=False)
        for obj, what, via in [
            ("Situation", "situation", ""),
            ("Situation", "situationtitle", "title"),
            ("SessionNote", "sessionnote", ""),
            ("Person.notes", "personnotes", ""),
            ("Youth", "youth", "first name"),
            ("Youth", "lastname", "last name"),
            ("Youth", "placement", "placement"),
            ("ContactLog", "contactlog", ""),
            ("ProgressNote", "progressnote", ""),
            ("Evaluation", "evaluation", ""),
        ]
    ],
    # --- OnboardingBooklet ---
    Probe("OnboardingBooklet", None, "download", "pdf", "detail", _o("/onboarding/journeys/{journey}/booklet.pdf"), None, via="page"),
    Probe("OnboardingBooklet", None, "download", "pdf", "detail", _o(A + "/onboarding/journeys/{journey}/booklet/"), None, via="api"),
    *MORE_PROBES,
    *PEOPLE_PROBES,
    *CASEWORK_PROBES,
    *SIGNATURE_PROBES,
    *PICKER_PROBES,
    *EVENT_PROBES,
    *NETWORK_PROBES,
    *COACHING_PROBES,
    *TRAINING_PROBES,
]
# fmt: on


def observe_email(side: Side, user: Any, mark: str) -> str:
    """E-mails are the copies of in-app notifications (core.notifications.notify queues one per
    notification once the transaction commits): read what they would carry."""
    from entrepairs.core.models import Notification

    if user is None:
        return "deny_404"
    rows = Notification.objects.filter(recipient=user).values_list("subject", "body", "link")
    return "allow" if any(mark in " ".join(row) for row in rows) else "deny_404"


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        return _pdf_text(raw)
    return raw.decode("utf-8", "replace")


def _pdf_text(raw: bytes) -> str:
    import io

    from pypdf import PdfReader

    try:
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
    except Exception:  # noqa: BLE001 - an unreadable PDF shows no marker
        return ""


def observe(probe: Probe, response: Any, mark: str | None) -> str:
    """Read a response as one of the table's values (or `status N` / `LEAK ...`)."""
    status = response.status_code
    body = _body(response)
    seen = bool(mark) and mark in body  # type: ignore[operator]
    if status == 302 and "/accounts/login" in response.get("Location", ""):
        return "login"
    if status == 302 and probe.method != "get":
        return "allow"  # a page form done: back to the page (a refusal is 403/404)
    if status == 401:
        return "login" if not seen else "LEAK 401 with content"
    if probe.kind == "present" and status in (200, 403, 404):
        # a list, container page or field: what counts is whether the object is in it
        return "allow" if seen else "deny_404"
    if status in (403, 404):
        return f"deny_{status}" if not seen else f"LEAK {status} with content"
    if status in (400, 422) and not seen:
        return "refused"  # a business rule said no (field errors), not an access rule
    if 200 <= status < 300:
        if mark and not seen:
            return f"{status} without the object"
        return "allow"
    return f"status {status}"
