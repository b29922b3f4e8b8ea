"""A kind of notification for the tests of the inbox itself (each app declares its own)."""

from entrepairs.core.notifications import notification_kind

EXAMPLE = notification_kind("tests.example", "Un exemple")
# Where the tests' notifications lead: any page of the site.
LINK = "/notifications/"


def assert_named_in_app_only(notification, person) -> None:  # type: ignore[no-untyped-def]
    """The inbox headline names the person served by their short name ("Lina M."); the e-mail,
    which leaves the platform, names them nowhere (DECISIONS.md "Confidentiality")."""
    assert person.short_name in notification.headline, notification.headline
    subject, text = notification.email_text()
    for name in (person.first_name, person.last_name):
        assert name not in subject and name not in text, (name, subject, text)


def worded(notification, part: str = "headline") -> dict[str, str]:  # type: ignore[no-untyped-def]
    """`part` of a notification as a French and an English reader read it (issue 15 F6/F17:
    worded when read, whatever the sender's language), with plain spaces for easy comparison."""
    from django.utils import translation

    texts = {}
    for language in ("fr", "en"):
        with translation.override(language):
            text = str(getattr(notification, part))
        texts[language] = text.replace("\u00a0", " ").replace("\u202f", " ")
    return texts
