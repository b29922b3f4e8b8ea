"""Every notification text that asks its reader to act (answer, accept, confirm, record...) was
reviewed against the page it links to: the page's template has the control that does it
(outside test of issue 15: « y répondre » where there was nothing to answer). A new such text
fails here until its page's control is named below. The networks kinds are also opened as
their recipients (networks/tests/test_notification_actions.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Words of a text asking its reader to do something.
ACTS = re.compile(
    r"\b(answer|accept|decline|refuse|confirm|sign the|record|feedback|choose|approve|"
    r"decide|enrol|fill in|tick)\b",
    re.IGNORECASE,
)
# Words of a text that only informs ("to see the answer").
ONLY_SEES = re.compile(r"\bto see (?:the|it)\b.*\banswer\b|password", re.IGNORECASE)

# msgid of the body → (template of the page its link opens, the control doing what it asks).
REVIEWED = {
    "Open Entrepairs to see it and answer.": (
        "networks/templates/networks/detail.html",
        "'accept' %}",
    ),
    "Open Entrepairs to add them to the group if you agree.": (
        "networks/templates/networks/detail.html",
        'id="hosted-member-form"',
    ),
    "Enrol to a session to renew it before that day.": (
        "training/templates/training/mine.html",
        "{% url 'training:enrol'",
    ),
    "Open the compliance table to follow the renewal and record it once done.": (
        "training/templates/training/compliance.html",
        "Record a completion or a renewal",
    ),
    "A coach pairing is proposed to you: confirm it or decline it.": (
        "coaching/templates/coaching/pairing.html",
        "coaching:confirm",
    ),
    "Your coordinators ended your coach pairing. Give your feedback: it helps them "
    "improve the coaching.": ("coaching/templates/coaching/pairing.html", "coaching:feedback"),
    "Open the agreement in Entrepairs to accept or decline the proposed change.": (
        "mentoring/templates/mentoring/agreement_form.html",
        'name="action" value="accept"',
    ),
    "Accept or refuse the handover of a mentored youth's file to your agency.": (
        "mentoring/templates/mentoring/transfer_detail.html",
        'name="action" value="accept"',
    ),
    "A colleague proposed to close a mentoring match: open it to confirm or not.": (
        "mentoring/templates/mentoring/match_detail.html",
        'value="confirm_close"',
    ),
    "A role request is waiting for your answer: open it in Entrepairs to accept or decline it.": (
        "organisations/templates/organisations/role_requests.html",
        "organisations:role_request_accept",
    ),
    "You are invited to %(title)s (%(when)s) as an experienced tutor, to meet the new tutors. "
    "If you cannot come, decline on the event's page.": (
        "events/templates/events/detail.html",
        "events:decline_experienced",
    ),
    "The charter of %(group)s changed: accept it again to read and bring situations.": (
        "groups/templates/groups/charter.html",
        "groups:charter_accept",
    ),
    "The session of %(group)s on %(when)s is over: record who attended, or have the members "
    "sign the attendance.": ("groups/templates/groups/attendance.html", 'id="attendance-form"'),
}

# A body given to notify(), or kept in a constant for it (networks.services.TO_ANSWER).
_BODY = re.compile(r'(?:body=|\b[A-Z_]+ = )(?:msg|msg_plural)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')


def _bodies() -> dict[str, str]:
    """Every notification body msgid of the product → the file sending it."""
    found = {}
    for source in ROOT.rglob("*.py"):
        if "tests" in source.parts:
            continue
        for match in _BODY.finditer(source.read_text()):
            text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
            found[text.replace("\\'", "'")] = source.name
    return found


def test_every_text_asking_to_act_was_checked_against_its_page() -> None:
    bodies = _bodies()
    asking = {t: f for t, f in bodies.items() if ACTS.search(t) and not ONLY_SEES.search(t)}
    unreviewed = {t: f for t, f in asking.items() if t not in REVIEWED}
    assert not unreviewed, unreviewed
    # Positive control: the scan finds the texts of several apps.
    assert len(asking) >= 10, asking


def test_each_reviewed_page_has_the_control_its_text_promises() -> None:
    for text, (template, control) in REVIEWED.items():
        assert control in (ROOT / template).read_text(), (text, template, control)
