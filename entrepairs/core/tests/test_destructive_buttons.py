"""Issue 15 §9: every POST form of the templates whose button withdraws, rejects, removes,
closes, cancels, deletes, revokes, discards or ends something is listed here, as either asking
first (a confirmation page: core/confirm.html through core.views.confirm_page, or a page of its
own that is itself the confirmation) or still acting at once (debt, to be given a confirmation:
this list only shrinks). A new destructive button fails this test until it is classified."""

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
    r"end|unsubscribe\w*|not retained)\b",
    re.I,
)

# (template, what the button says or does): the view answers with a confirmation first, or the
# page is itself the confirmation step.
ASKS_FIRST = {
    ("training/templates/training/requirements.html", "Remove"),
    ("training/templates/training/module_detail.html", "Delete the module"),
    ("contracts/templates/contracts/contract.html", "Delete the quote"),
    ("mentoring/templates/mentoring/mentor_detail.html", "Not retained"),
    ("mentoring/templates/mentoring/mentor_detail.html", "Withdrawn"),
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
ACTS_AT_ONCE: set[tuple[str, str]] = set()


def destructive_buttons() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for form in FORM.finditer(text):
            for button in BUTTON.findall(form.group(0)):
                for label in LABEL.findall(button):
                    if DESTRUCTIVE.search(label):
                        found.add((str(path.relative_to(ROOT)), label))
    return found


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
