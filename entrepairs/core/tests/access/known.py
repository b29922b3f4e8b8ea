"""Cells where the code differs from the expected table, triaged by hand after reading the run.

LEAKS: the code shows or lets through what the table refuses on confidentiality grounds. The test
asserts the expected (correct) outcome and is marked xfail(strict=True); when the code is fixed the
test passes, strict xfail fails the run, and the entry is removed here.

JUDGEMENT: the code differs on a product judgement call, not a leak (mostly the code is *stricter*
than the table, or the table itself lists the cell among its judgement calls / open questions). The
test asserts what the code does today, so a change either way is noticed; docs/access-matrix.md lists
each one with its question for the reviewer.
"""

from __future__ import annotations

from .matrix import EXTRA_ROLES, ROLES

LEAKS: dict[str, str] = {}

JUDGEMENT: dict[str, tuple[str, str]] = {}


def _judge(keys: list[str], roles: list[str], observed: str, reason: str) -> None:
    for key in keys:
        for role in roles:
            JUDGEMENT[f"{key}:{role}"] = (observed, reason)


COLLEAGUES = [
    "manager_other",
    "professional_other",
    "facilitator",
    "tutor",
    "newcomer",
    "newcomer_other",
    "expert",
]

# --- Group ---
_judge(
    [
        "Group[founded].list@page",
        "Group[founded].list@api",
        "Group[founded].view@page",
        "Group[founded].view@api",
    ],
    ["platform_admin"],
    "allow",
    "The platform admin sees every group's frame (name, kind, members) but no content (rule in "
    "groups/rules.py: 'Platform admins see every group's frame'). The table says 404 even for the "
    "name (its judgement call 1, open question 2). Reviewer: may the admin see who is in a "
    "supervision group?",
)
_judge(
    ["Group[founded].change@page", "Group[founded].change@api", "Group[founded].delete@api"],
    ["platform_admin"],
    "deny_403",
    "Follows from the admin seeing the group frame: 403 (sees, may not act) instead of 404.",
)
_judge(
    [
        "Group[founded].list@page",
        "Group[founded].list@api",
        "Group[founded].view@page",
        "Group[founded].view@api",
    ],
    ["manager"],
    "deny_404",
    "The line manager of a member does not see the group at all (the code is stricter). The table "
    "lets the N+1 see the group (rule 2: schedule and attendance of their staff, never content; "
    "open question 4).",
)
_judge(
    ["Group[founded].change@page", "Group[founded].change@api", "Group[founded].delete@api"],
    ["manager"],
    "deny_404",
    "Follows from the manager not seeing the group: 404 instead of 403.",
)
_judge(
    ["Group[founded].delete@api"],
    ["coordinator"],
    "deny_403",
    "The coordinator may not delete a founded group through the API (the table allows it). "
    "Reviewer: is deletion of a founded group meant to be replaced by closing/archiving?",
)

# --- Situation ---
_judge(
    ["Situation[founded].delete@api"],
    ["facilitator"],
    "allow",
    "Decided (security test F2, docs/groups.md): only the author edits a situation's text "
    "(change: 403 for the facilitator, as the table's judgement call 8), but the facilitator may "
    "withdraw a member's situation as moderation of the frame (e.g. it names a child); the "
    "deletion is in the audit trail and the author is told in the app, without content. The "
    "table says 403 for the withdrawal.",
)

# --- Person (staff profile) ---
_judge(
    ["Person[staff].view@page", "Person[staff].view@api"],
    COLLEAGUES,
    "deny_404",
    "Colleagues of the same organisation do not see a staff profile (the code is stricter). The "
    "table's judgement call 3 gives them a basic directory profile for the person picker.",
)
_judge(
    [
        "Person[staff].change@page",
        "Person[staff].change@api",
        "Person[staff].delete@page",
        "Person[staff].delete@api",
    ],
    COLLEAGUES,
    "deny_404",
    "Follows from colleagues not seeing the profile: 404 instead of 403.",
)
_judge(
    ["Person[staff].change@page", "Person[staff].change@api"],
    ["professional"],
    "deny_403",
    "A person may not edit their own profile (the code is stricter; the table allows it).",
)

# --- Person.notes ---
_judge(
    ["Person.notes[-].view@page", "Person.notes[-].view@api"],
    ["coordinator", "professional"],
    "deny_404",
    "No page or API answer shows Person.notes, to anyone (the field is never read back). The table "
    "lets the coordinator and the person read them (its open question 1).",
)
_judge(
    ["Person.notes[-].export@export via page", "Person.notes[-].export@export via api"],
    ["professional"],
    "deny_404",
    "A person cannot export their own record (the export is for managers; 403). The table gives "
    "them an export of their own notes (GDPR access).",
)

# --- Youth, CheckIn (mentor) ---
_judge(
    ["Youth[match_active].list@page", "Youth[match_active].list@api"],
    ["mentor"],
    "deny_404",
    "The mentor has no youth list: they reach the youth through their match, whose page shows the "
    "agreement's fields (see the `Youth view via match page` cells, which agree).",
)
_judge(
    ["Youth[match_active].view@page", "Youth[match_active].view@api"],
    ["mentor"],
    "deny_404",
    "The mentor cannot open the youth's file (404); the agreement's fields are shown on the match "
    "page instead. The table expects the file itself, limited to the agreement's fields.",
)
_judge(
    ["CheckIn[other_party].view@api", "CheckIn[other_party].view@page via match page"],
    ["mentor"],
    "deny_404",
    "The mentor sees that the other party's check-in is done (its row, party and dates) but not "
    "its content: neither the notes (the probe's marker) nor, since finding F3, the rating and "
    "answers (rules.MatchRights.reads_checkin_answers; page and API). The table's 'allow' means "
    "'sees that it was done' (issue 14 §4), which the row gives; the marker is content, so the "
    "probe reads deny_404, as the rule intends.",
)
# The cells below have no probe yet (probes.py reaches neither a check-in's fill nor a match's
# close): they are recorded here so the reviewer sees the call and a future probe inherits it.
_judge(
    ["CheckIn[other_party].fill@page", "CheckIn[other_party].fill@api"],
    ["coordinator", "case_worker"],
    "allow",
    "The table wants each party to fill in its own check-in: the youth and the foster family do "
    "so through a signed, expiring link e-mailed to them (mentoring/checkin_links.py, issue 14); "
    "as they usually have no account, the programme's coordinators and the youth's agency may "
    "also record their answers on their behalf, the check-in saying so and who told it (finding "
    "F3; docs/mentoring.md §5). A mentor fills the mentor's only (403), as the table says.",
)
_judge(
    ["Match[active].close_match@page", "Match[active].close_match@api"],
    ["case_worker"],
    "allow",
    "docs/mentoring.md and rules.MatchRights let the youth's agency close a match (with the "
    "closure conversation's date and summary, never as a sanction); the table's own judgement "
    "call says the case worker is told of a staff-initiated closure and does not close it. The "
    "docs' behaviour is kept (security test note on POST .../close/); reviewer: should closing "
    "stay with the programme's coordinators?",
)

# --- Evaluation (closing review form) ---
_judge(
    ["Evaluation[open].change@page via review form"],
    ["coordinator"],
    "allow",
    "The coordinator writes the closing review (onboarding services: 'the tutor or coordinator "
    "the rest'). The table: the coordinator reads, does not assess (403).",
)
_judge(
    ["Evaluation[open].change@page via review form"],
    ["manager"],
    "deny_403",
    "The newcomer's manager reads the closing review but does not write it (403 on the page as in "
    "the API since issue 11; the code is stricter; the table's judgement call: the manager "
    "co-signs the autonomy assessment).",
)

# --- Session (frame of the group) ---
_judge(
    [
        "Session[held].list@api",
        "Session[held].view@page",
        "Session[held].view@api",
        "Session[planned].view@page",
        "Session[planned].view@api",
    ],
    ["platform_admin"],
    "allow",
    "The platform admin sees sessions (the group's frame: dates, place), never situations or notes "
    "(those cells agree). Same judgement call as the group frame.",
)
_judge(
    [
        "Session[held].list@api",
        "Session[held].view@page",
        "Session[held].view@api",
        "Session[planned].view@page",
        "Session[planned].view@api",
    ],
    ["manager"],
    "deny_404",
    "The member's line manager does not see their staff's sessions (the code is stricter; the "
    "table's rule 2 gives the N+1 the schedule and attendance of their staff).",
)

# --- Person search (the person picker) ---
_judge(
    ["Person[staff].search@search via page", "Person[staff].search@search via api"],
    COLLEAGUES,
    "deny_404",
    "Colleagues do not find a staff member by e-mail (the directory judgement call 3, as for "
    "viewing the profile).",
)

# --- ProgressNote ---
_judge(
    ["ProgressNote[-].create@api"],
    ["mentor"],
    "allow",
    "The mentor may write progress notes into the youth's file (and reads back only their own); "
    "the table's judgement call 12: progress notes are written by the coordinator or the case "
    "worker, the mentor records contacts (403).",
)

# --- Evaluation (closing review through the API) ---
_judge(
    ["Evaluation[open].change@api via journey review"],
    ["coordinator"],
    "allow",
    "As on the review form: the coordinator writes the closing review (table: reads only, 403).",
)
_judge(
    ["Evaluation[open].change@api via journey review"],
    ["manager"],
    "deny_403",
    "The newcomer's manager reads the review but does not write it (table: the manager co-signs).",
)

# --- Leaks ---
# Fixed: a session of a group the caller may not see reads as unknown (404) before the
# permission check. The platform admin sees every group's frame (judgement above), so for them
# the session exists and creating a situation there is refused with 403.
_judge(
    ["Situation[founded].create@api"],
    ["platform_admin", "coordinator"],
    "deny_403",
    "The platform admin and the coordinator of the group's organisation see the group's frame "
    "(schedule, members), so the session exists for them and writing a situation in it is "
    "refused with 403 — they never read a situation's content. The table says 404.",
)

# --- Attendance ---
# Fixed (security test F5): the admin's attendance list gave every row while each detail
# answered 403; attendance_visible_q no longer gives the admin any row, so list and detail
# agree with the table (404, not listed).
_judge(
    ["Attendance[-].export@pdf via page", "Attendance[-].export@pdf via api"],
    ["platform_admin"],
    "deny_403",
    "The admin sees the session (frame) but may not download its attendance sheet: 403, not 404.",
)
_judge(
    ["Attendance[-].export@pdf via page", "Attendance[-].export@pdf via api"],
    ["manager"],
    "deny_404",
    "The member's line manager cannot download the session's attendance sheet (they do not see "
    "the session; they do read their own staff's attendance rows through the API, which agrees "
    "with the table).",
)


# ===== Contracts, announcements, calendar feeds, programmes, templates, transfers (2026-12-02) =====
NOT_PARTIES = [
    "platform_admin",
    "coordinator_other_org",
    "manager",
    "manager_other",
    "professional",
    "professional_other",
    "mentor",
    "mentor_other",
    "case_worker",
    "case_worker_other_agency",
    "tutor",
    "newcomer",
    "newcomer_other",
    "expert",
]
OUTSIDERS = [r for r in NOT_PARTIES if r not in ("platform_admin", "coordinator_other_org")] + [
    "coordinator",
    "facilitator",
    "facilitator_other",
]
SAME_ORG_STAFF = [
    "manager",
    "manager_other",
    "professional",
    "professional_other",
    "tutor",
    "newcomer",
    "newcomer_other",
    "expert",
]

# --- Contracts: fixed (was a leak: every facilitator of the provider read and ran every contract,
# its PDFs and invoices; now contracts.rules keeps a contract to the provider's coordinators and the
# facilitator it names). ---
_judge(
    ["Contract[-].create@api"],
    ["facilitator_other"],
    "allow",
    "Any facilitator of the provider drafts a new contract for the provider (the table's "
    "'facilitator' is the one named on a contract; a new contract names its author). Reviewer: "
    "acceptable once contracts are only visible to their named facilitator (see Leaks).",
)
_judge(
    ["Contract[-].create@api"],
    NOT_PARTIES,
    "deny_403",
    "Creating on the collection URL names no existing object, so there is nothing to hide: 403 "
    "(may not act) rather than the table's 404 'not a party'.",
)
_judge(
    ["Contract[-].create@api[other-org id]"],
    OUTSIDERS,
    "deny_403",
    "A POST naming another organisation as provider: 403 on the collection (nothing of that "
    "organisation is shown), as for any create.",
)
_judge(
    ["Contract[quote].accept@api"],
    ["coordinator", "facilitator"],
    "allow",
    "The agreement is signed by both sides (issue 13 §5): on the same `sign` endpoint the "
    "provider's coordinators (or the facilitator named) record the provider's signature, the "
    "client's coordinators the client's acceptance (name, date and IP recorded; refused after the "
    "quote's validity date). The table's 'a party does not accept its own offer' reads `accept` "
    "as the client's acceptance only; the contract is signed once both sides have.",
)

# --- Announcements ---
_judge(
    [
        "Announcement[published].list@page",
        "Announcement[published].list@api",
        "Announcement[published].view@api",
    ],
    ["anonymous"],
    "login",
    "Published announcements are for signed-in users (sign-in redirect / 401). The table makes "
    "them public like seed 003's site (its open question 9).",
)
_judge(
    [
        "Announcement[draft].list@page",
        "Announcement[draft].list@api",
        "Announcement[draft].view@api",
        "Announcement[-].create@api",
        "Announcement[-].change@api",
    ],
    ["facilitator_other"],
    "allow",
    "Any facilitator of the provider reads drafts and writes announcements (provider-wide, as "
    "for contracts). Announcements belong to no group, so the table's split between the group's "
    "facilitator and another facilitator does not apply well; reviewer to settle.",
)
_judge(
    ["Announcement[-].create@api", "Announcement[-].change@api", "Announcement[-].delete@api"],
    ["coordinator_other_org", "case_worker", "case_worker_other_agency"],
    "deny_403",
    "The announcement is published, hence visible to everyone signed in: 403 (sees, may not act) "
    "is consistent with the table's own 'published announcements are public'; its 404 'another "
    "organisation's object' contradicts that rule.",
)
_judge(
    [
        "Announcement[-].create@api[other-org id]",
        "Announcement[-].change@api[other-org id]",
        "Announcement[-].delete@api[other-org id]",
    ],
    OUTSIDERS,
    "deny_403",
    "Another organisation's published announcement is visible (public once published), so a "
    "write is 403, not 404 (as the item above).",
)
_judge(
    ["Announcement[-].create@api[other-org id]"],
    ["coordinator", "facilitator", "facilitator_other"],
    "refused",
    "Creating an announcement in the name of an organisation the caller does not see: 400 on the "
    "field `provider` (unknown to them, like a missing id; security review F9), not 403, which "
    "told that the id exists. Nothing is written.",
)
_judge(
    ["Announcement[-].create@api"],
    ["coordinator_other_org"],
    "refused",
    "Another organisation's coordinator naming the provider they do not see: 400 on the field "
    "`provider` (unknown to them, like a missing id; F9). Nothing is written.",
)
_judge(
    ["Contract[-].create@api"],
    ["coordinator_other_org", "coordinator_client_org"],
    "refused",
    "A quote naming a provider (and its grid) the caller does not see: 400 on the fields, like a "
    "missing id (security review F9), not 403. Nothing is written.",
)
_judge(
    ["Contract[-].create@api[other-org id]"],
    ["coordinator", "facilitator", "facilitator_other"],
    "refused",
    "A quote naming another organisation as provider: 400 on the field, like a missing id (F9), "
    "not 403. Nothing is written.",
)
_judge(
    ["Announcement[-].delete@api"],
    ["coordinator", "facilitator"],
    "deny_403",
    "Nobody can delete an announcement through the API (no 'groups.delete_announcement' rule; "
    "business.announcement_delete exists). The table allows the provider. Reported.",
)

# --- Calendar feeds ---
_judge(
    ["CalendarFeed[-].subscribe@calendar via own feed"],
    ["coordinator"],
    "deny_404",
    "A coordinator's own feed holds their own sessions (member or manager scope), not the "
    "organisation's groups (the table's judgement call: coordinators subscribe to the "
    "organisation's sessions). The code is stricter.",
)

# --- Programmes and templates: same-organisation staff do not see them (code stricter) ---
_judge(
    [
        "Programme[-].list@page",
        "Programme[-].list@api",
        "Programme[-].view@page",
        "Programme[-].view@api",
    ],
    [*SAME_ORG_STAFF, "mentor_other"],
    "deny_404",
    "Staff of the organisation who do not run mentoring, and mentors, do not see programmes "
    "(the mentor's home page lists their programme). The table: a programme is not confidential "
    "(its judgement call); the code is stricter.",
)
_judge(
    ["Programme[-].list@api", "Programme[-].view@page", "Programme[-].view@api"],
    ["mentor"],
    "deny_404",
    "The matched mentor sees their programme on the mentoring home page only, not its page or "
    "API record (the table allows; the code is stricter).",
)
_judge(
    ["Programme[-].change@page", "Programme[-].change@api"],
    [*SAME_ORG_STAFF, "mentor", "mentor_other"],
    "deny_404",
    "Follows from not seeing the programme: 404 instead of 403.",
)
_judge(
    [
        "Template[-].list@page",
        "Template[-].list@api",
        "Template[-].view@page",
        "Template[-].view@api",
    ],
    SAME_ORG_STAFF,
    "deny_404",
    "Onboarding templates are for the coordinator (project manager) only; tutors, managers and "
    "newcomers work from the journey. The table gives the institutional project to tutors and "
    "managers (seed 002) and, as a judgement call, to every worker. The code is stricter.",
)
_judge(
    ["Template[-].change@api"],
    SAME_ORG_STAFF,
    "deny_404",
    "Follows from not seeing the template: 404 instead of 403.",
)

# --- Transfers ---
_judge(
    ["Transfer[-].create@api", "Transfer[to_non_agency_organisation].create@api"],
    ["mentor"],
    "deny_404",
    "The mentor cannot open the youth's file through the API (as for viewing it, above), so a "
    "transfer is 404 rather than 403.",
)

# --- Newsletter subscriptions ---
_judge(
    ["Subscription[-].list@api"],
    ["coordinator"],
    "deny_404",
    "This endpoint lists the caller's own subscriptions. The provider's subscriber list is "
    "its own page and endpoint (`/groups/newsletter/subscribers/`), probed as "
    "NewsletterSignup[subscribers]: the coordinator reads it there.",
)
_judge(
    ["Subscription[-].create@api"],
    ["anonymous"],
    "login",
    "This endpoint subscribes the signed-in user's own address (no e-mail round trip needed). "
    "The public sign-up with double opt-in (issue 13 §6) is its own endpoint and page, probed "
    "as NewsletterSignup: anonymous is allowed there.",
)

# --- Newsletter sign-up links (issue 13 §6) ---
_judge(
    ["NewsletterSignup[invalid_link].confirm@page"],
    [*ROLES, *EXTRA_ROLES],  # everyone of the world: the link is public
    "200 without its effect",
    "An altered confirmation link opens the confirmation page, which says the link is not valid "
    "(or has expired: sign up again) and confirms nothing; the table says 404. The message helps "
    "the person who mistyped or waited too long; nothing is revealed (the token names no one).",
)

# --- Attendance signatures (issue 13 §5) ---
_SIGNING = [
    "AttendanceSignature[own_session_attended].create@api",
    "AttendanceSignature[other_member].create@api",
    "AttendanceSignature[not_attended].create@api",
    "AttendanceSignature[session_closed].create@api",
]
_judge(
    [*_SIGNING, "AttendanceSignature[-].download@pdf"],
    ["platform_admin"],
    "deny_403",
    "The platform administrator has no person record: writes and group documents are refused "
    "with 403 before any session is looked up (they learn nothing of it), as elsewhere.",
)
_judge(
    [
        *_SIGNING,
        "AttendanceSignature[own_session_attended].list@api",
        "AttendanceSignature[other_member].list@api",
        "AttendanceSignature[-].download@pdf",
    ],
    ["coordinator_client_org"],
    "deny_404",
    "The table's fixture sells the signed group to the client; in the world the client's "
    "contract covers another group, so the client's coordinator is an outsider of this one "
    "(not seen: 404). Whether a client reads the signed sheets of the groups it buys is open "
    "(the table's open question 5).",
)
_judge(
    ["AttendanceSignature[other_member].create@api"],
    ["professional"],
    "refused",
    "On their own device a member signs only their own line: the member field is not theirs to "
    "choose, and a typed name that is not their own is refused on the field (400), nothing "
    "written. The table says 404; the other member's line is not shown either way.",
)

# Memberships and invitations: their own module (registers through `_judge` above).
from . import (  # noqa: E402, F401
    known_casework,
    known_coaching,
    known_events,
    known_people,
    known_picker,
    known_training,
)
