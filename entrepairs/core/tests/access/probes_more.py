"""Probes of contracts (quote, signed agreement, invoice, their PDFs), announcements and the
newsletter's subscriptions, calendar
feeds (each role's own feed, the secret URL, a revoked URL, the feeds API), mentoring programmes,
onboarding templates and youth transfers. Same conventions as probes.py."""

from __future__ import annotations

from .probes import A, Probe, _fixed, _o
from .world import Side


def _own_feed(side: Side, role: str) -> str:
    """The viewer's own feed URL (a role with no person has none: an unknown secret)."""
    secret = side.objects["feeds"].get(role, "no-such-secret")
    return f"/groups/ics/{secret}.ics"


def _feed_of(key: str) -> object:
    return lambda side: f"/groups/ics/{side.objects[key]}.ics"


def _professional_feed(side: Side) -> str:
    return f"/groups/ics/{side.objects['feeds']['professional']}.ics"


def _contract_data(side: Side) -> dict[str, object]:
    quote = side.objects["quote"]
    return {
        "provider": str(quote.provider_id),
        "client": str(quote.client_id),
        "price_grid": str(quote.price_grid_id),
        "session_hours": "3",
        "sessions_per_year": 10,
        "beneficiaries": 6,
    }


def _all_invoiced(side: Side) -> bool:
    """Every held session of the agreement is on an invoice (the page's POST did its work)."""
    return not side.objects["agreement"].lines.filter(invoiced_at__isnull=True).exists()


def _invoice_pdf(api: bool) -> object:
    """The agreement's issued invoice as a PDF (page or API)."""

    def url(side: Side) -> str:
        base = f"{A if api else ''}/groups/contracts/{side.objects['agreement'].pk}/invoices/"
        number = side.objects["invoice_number"]
        return f"{base}{number}/" if api else f"{base}{number}.pdf"

    return url


Q = "/groups/contracts/{quote}/"
G = "/groups/contracts/{agreement}/"

# fmt: off
MORE_PROBES: list[Probe] = [
    # --- Contract: the quote (no group yet) and the signed agreement ---
    Probe("Contract", None, "list", "page", "present", _fixed("/groups/contracts/"), "pk", with_id=False),
    Probe("Contract", None, "list", "api", "present", _fixed(f"{A}/groups/contracts/"), "pk", with_id=False),
    Probe("Contract", None, "view", "page", "detail", _o(Q), "client", via="quote"),
    Probe("Contract", None, "view", "api", "detail", _o(A + Q), "pk", via="quote"),
    Probe("Contract", None, "view", "page", "detail", _o(G), "client", via="agreement"),
    Probe("Contract", None, "view", "api", "detail", _o(A + G), "pk", via="agreement", target_key="agreement"),
    Probe("Contract", None, "download", "pdf", "detail", _o(Q, "quote.pdf"), "client", via="quote page"),
    Probe("Contract", None, "download", "pdf", "detail", _o(A + Q, "document/quote/"), "client", via="quote api"),
    Probe("Contract", None, "download", "pdf", "detail", _o(G, "contract.pdf"), "client", via="agreement page"),
    Probe("Contract", None, "download", "pdf", "detail", _o(A + G, "document/contract/"), "client", via="agreement api"),
    Probe("Contract", None, "create", "api", "detail", _fixed(f"{A}/groups/contracts/"), None, "post", with_id=False, data=_contract_data),
    Probe("Contract", None, "change", "api", "detail", _o(A + Q), None, "patch", data=lambda s: {"sessions_per_year": 12}),
    Probe("Contract", "quote", "accept", "api", "detail", _o(A + Q, "sign/"), None, "post"),
    # --- Invoice: the agreement's issued invoice (number on the contract page), the next one ---
    Probe("Invoice", None, "view", "page", "present", _o(G), "value:invoice_number", via="contract page"),
    Probe("Invoice", None, "download", "pdf", "detail", _invoice_pdf(api=False), "value:invoice_number", via="page"),  # type: ignore[arg-type]
    Probe("Invoice", None, "download", "pdf", "detail", _invoice_pdf(api=True), "value:invoice_number", via="api"),  # type: ignore[arg-type]
    Probe("Invoice", None, "create", "api", "detail", _o(A + G, "invoice/"), None, "post"),
    Probe("Invoice", None, "create", "page", "detail", _o(G, "invoice/"), None, "post", via="contract page", done=_all_invoiced),
    # --- Announcement (published and draft, by the coordinator) ---
    Probe("Announcement", "published", "list", "page", "present", _fixed("/groups/announcements/"), "announcepub", with_id=False),
    Probe("Announcement", "published", "list", "api", "present", _fixed(f"{A}/groups/announcements/"), "announcepub", with_id=False),
    Probe("Announcement", "published", "view", "api", "detail", _o(A + "/groups/announcements/{announcepub}/"), "announcepub"),
    Probe("Announcement", "draft", "list", "page", "present", _fixed("/groups/announcements/"), "announcedraft", with_id=False),
    Probe("Announcement", "draft", "list", "api", "present", _fixed(f"{A}/groups/announcements/"), "announcedraft", with_id=False),
    Probe("Announcement", "draft", "view", "api", "detail", _o(A + "/groups/announcements/{announcedraft}/"), "announcedraft", target_key="announcedraft"),
    Probe("Announcement", None, "create", "api", "detail", _fixed(f"{A}/groups/announcements/"), None, "post", with_id=False,
          data=lambda s: {"provider": str(s.org.pk), "title": "Atelier", "body": "Ouvert"}),
    Probe("Announcement", None, "change", "api", "detail", _o(A + "/groups/announcements/{announcepub}/"), None, "patch",
          data=lambda s: {"title": "Nouveau titre"}),
    Probe("Announcement", None, "delete", "api", "detail", _o(A + "/groups/announcements/{announcepub}/"), None, "delete"),
    # --- Subscription (newsletter): the subscriber list, and subscribing (to another organisation too)
    Probe("Subscription", None, "list", "api", "present", _fixed(f"{A}/groups/subscriptions/"), "value:subscriber_email", with_id=False, swap=False),
    Probe("Subscription", None, "create", "api", "detail", _fixed(f"{A}/groups/subscriptions/"), None, "post", with_id=False,
          data=lambda s: {"provider": str(s.org.pk)}),
    # --- CalendarFeed: the viewer's own feed shows the group's sessions (dates, places) ---
    Probe("CalendarFeed", None, "subscribe", "calendar", "present", _fixed(""), "group", via="own feed", swap=False, role_url=_own_feed),
    Probe("CalendarFeed", None, "content", "calendar", "present", _fixed(""), "situation", via="own feed", swap=False, role_url=_own_feed),
    Probe("CalendarFeed", None, "content", "calendar", "present", _fixed(""), "sessionnote", via="own feed, note", swap=False, role_url=_own_feed),
    # the professional's secret URL in anyone's hands, and a revoked one
    Probe("CalendarFeed", "valid_secret_url", "subscribe", "calendar", "detail", _professional_feed, "group", swap=False),
    Probe("CalendarFeed", "revoked", "subscribe", "calendar", "detail", _feed_of("revoked_secret"), None, swap=False),  # type: ignore[arg-type]
    # the feeds API: one's own feeds only; revoking another person's (or organisation's) is 404
    Probe("CalendarFeed", "own", "list", "api", "present", _fixed(f"{A}/groups/calendar-feeds/"), "pk", with_id=False),
    Probe("CalendarFeed", "own", "revoke", "api", "detail", _o(A + "/groups/calendar-feeds/{feed}/"), None, "delete"),
    # --- Programme ---
    Probe("Programme", None, "list", "page", "present", _fixed("/mentoring/"), "programme", with_id=False),
    Probe("Programme", None, "list", "api", "present", _fixed(f"{A}/mentoring/programmes/"), "programme", with_id=False),
    Probe("Programme", None, "view", "page", "detail", _o("/mentoring/programmes/{programme}/"), "programme"),
    Probe("Programme", None, "view", "api", "detail", _o(A + "/mentoring/programmes/{programme}/"), "programme"),
    Probe("Programme", None, "change", "page", "detail", _o("/mentoring/programmes/{programme}/edit/"), None),
    Probe("Programme", None, "change", "api", "detail", _o(A + "/mentoring/programmes/{programme}/"), None, "patch",
          data=lambda s: {"description": "Nouveau"}),
    # --- Template (onboarding) ---
    Probe("Template", None, "list", "page", "present", _fixed("/onboarding/templates/"), "template", with_id=False),
    Probe("Template", None, "list", "api", "present", _fixed(f"{A}/onboarding/templates/"), "template", with_id=False),
    Probe("Template", None, "view", "page", "detail", _o("/onboarding/templates/{template}/"), "template"),
    Probe("Template", None, "view", "api", "detail", _o(A + "/onboarding/templates/{template}/"), "template"),
    Probe("Template", None, "change", "api", "detail", _o(A + "/onboarding/templates/{template}/"), None, "patch",
          data=lambda s: {"function": "Educateur specialise"}),
    # --- Transfer (the youth moves to the agency's neighbour; a non-agency is refused) ---
    Probe("Transfer", None, "create", "api", "detail", _o(A + "/mentoring/youths/{youth}/transfer/"), None, "post",
          data=lambda s: {"to_agency": str(s.objects["other_agency"].pk)}),
    Probe("Transfer", "to_non_agency_organisation", "create", "api", "detail", _o(A + "/mentoring/youths/{youth}/transfer/"), None, "post",
          data=lambda s: {"to_agency": str(s.objects["client"].pk)}),
]
# fmt: on
