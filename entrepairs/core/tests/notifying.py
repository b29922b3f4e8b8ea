"""A kind of notification for the tests of the inbox itself (each app declares its own)."""

from entrepairs.core.notifications import notification_kind

EXAMPLE = notification_kind("tests.example", "Un exemple")
# Where the tests' notifications lead: any page of the site.
LINK = "/notifications/"
