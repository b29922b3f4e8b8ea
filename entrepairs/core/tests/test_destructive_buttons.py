"""Issue 15 §9: every POST form of the templates whose button withdraws, rejects, removes,
closes, cancels, deletes, revokes, discards or ends something is listed here, as either asking
first (a confirmation page: core/confirm.html through core.views.confirm_page, or a page of its
own that is itself the confirmation) or still acting at once (debt, to be given a confirmation:
this list only shrinks). A new destructive button fails this test until it is classified.

The class includes the answers that cannot be taken back (decline, refuse, do not retain, a
founding session held) and, since the outside tester's F9, every button of a POST form must say
an action: a label that reads as a state (« Non retenu·e », « Retiré·e », « Rencontré·e »,
« Prêt·e ») looks like a status tag and is clicked by mistake."""

import re
from pathlib import Path

import entrepairs

ROOT = Path(entrepairs.__file__).parent
FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>.*?</form>', re.S | re.I)
BUTTON = re.compile(r"<button\b[^>]*>(.*?)</button>", re.S | re.I)
LABEL = re.compile(r'(?:translate|trans)\s+"([^"]+)"')
ACTION = re.compile(r'name="action" value="([^"]+)"|url \'([^\']+)\'')
DESTRUCTIVE = re.compile(
    r"\b(withdraw\w*|reject\w*|remove\w*|delete\w*|revoke\w*|cancel\w*|close\w*|discard\w*|"
    r"end|unsubscribe\w*|declin\w*|refus\w*|not retain\w*|do not retain|session held)\b",
    re.I,
)
# A label made only of a participle or a state word, possibly negated: a status, not an action.
STATE_LIKE = re.compile(r"^(not\s+)?(\w+(ed|wn)|met|ready|done|held|open|closed)(\s+yet)?$", re.I)

# (template, what the button says or does): the view answers with a confirmation first, or the
# page is itself the confirmation step.
ASKS_FIRST = {
    ("training/templates/training/requirements.html", "Remove"),
    ("training/templates/training/module_detail.html", "Delete the module"),
    ("contracts/templates/contracts/contract.html", "Delete the quote"),
    ("mentoring/templates/mentoring/mentor_detail.html", "Do not retain"),
    ("mentoring/templates/mentoring/mentor_detail.html", "Withdraw the application"),
    ("coaching/templates/coaching/pairing.html", "Decline"),
    ("coaching/templates/coaching/pairing.html", "End the pairing"),
    ("groups/templates/groups/co_ownership.html", "Decline"),
    ("mentoring/templates/mentoring/transfer_detail.html", "Refuse the handover"),
    ("groups/templates/groups/session_cancel.html", "Yes, cancel the session"),
    ("organisations/templates/organisations/team_confirm_delete.html", "Remove"),
    ("people/templates/people/confirm_delete.html", "Remove"),
    # The proposal's closure is itself confirmed by a second staff member (four eyes).
    ("mentoring/templates/mentoring/match_detail.html", "Propose to close the match"),
    # Issue 15: the last debt, asking first through core.views.ask_first.
    ("casework/templates/casework/proposal.html", "Discard"),
    ("groups/templates/groups/detail.html", "Founding session held: close the membership"),
    ("groups/templates/groups/settings.html", "Remove"),
    ("mailing/templates/mailing/announcements.html", "Unsubscribe"),
    ("mailing/templates/mailing/lists/detail.html", "Unsubscribe"),
    ("mentoring/templates/mentoring/match_detail.html", "Withdraw the proposal"),
    ("mentoring/templates/mentoring/run_detail.html", "Reject"),
    ("onboarding/templates/onboarding/journey_detail.html", "Close the journey"),
    ("organisations/templates/organisations/role_requests.html", "Withdraw"),
}
# Debt, issue 15 §9: destructive buttons that still act at once. Empty: each of the last ones
# (a proposal's discard, a group's founding, a closure's removal, an unsubscription from the
# announcements or from a list, a closure proposal's withdrawal, a pair's rejection, a journey's
# closure, a role request's withdrawal) now asks first through core.views.ask_first; a network
# membership's withdrawal is a GET to its confirmation page. The one-click unsubscription from an
# e-mail (RFC 8058, mailing.views.announcements.unsubscribe) is no button of a page: it stays
# one POST, on purpose, and is not listed.
# Found when the class grew to declining (F9 of the outside test): answers to an invitation or a
# request that the other side can send again, so not lost for good; still to be given a
# confirmation.
ACTS_AT_ONCE: set[tuple[str, str]] = {
    ("mentoring/templates/mentoring/agreement_form.html", "Decline"),
    ("networks/templates/networks/detail.html", "Decline"),
    ("networks/templates/networks/list.html", "Decline"),
    ("organisations/templates/organisations/role_requests.html", "Decline"),
}


def post_button_labels() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for form in FORM.finditer(text):
            for button in BUTTON.findall(form.group(0)):
                for label in LABEL.findall(button):
                    found.add((str(path.relative_to(ROOT)), label))
    return found


def destructive_buttons() -> set[tuple[str, str]]:
    return {(path, label) for path, label in post_button_labels() if DESTRUCTIVE.search(label)}


def test_every_post_button_says_an_action_not_a_state() -> None:
    states = sorted((p, label) for p, label in post_button_labels() if STATE_LIKE.match(label))
    assert not states, f"buttons labelled as a state, say the action instead: {states}"


def test_the_state_check_knows_the_labels_the_tester_met() -> None:
    for label in ("Not retained", "Withdrawn", "Met", "Ready", "Not ready yet", "Held"):
        assert STATE_LIKE.match(label), label
    for label in ("Do not retain", "Withdraw the application", "Mark as met", "Reopen", "Undo"):
        assert not STATE_LIKE.match(label), label


def test_every_destructive_button_is_classified() -> None:
    unknown = destructive_buttons() - ASKS_FIRST - ACTS_AT_ONCE
    assert not unknown, (
        f"destructive buttons neither confirmed nor listed as debt: {sorted(unknown)} — ask first "
        "(core.views.confirm_page) and list them in ASKS_FIRST"
    )


def test_the_lists_name_buttons_that_exist() -> None:
    found = destructive_buttons()
    assert not (ASKS_FIRST | ACTS_AT_ONCE) - found, sorted((ASKS_FIRST | ACTS_AT_ONCE) - found)
    assert not ASKS_FIRST & ACTS_AT_ONCE
