"""Announcements and subscriptions pages: parse, call the service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors, limit
from entrepairs.core.french import french_text
from entrepairs.core.http import AuthedHttpRequest, client_address
from entrepairs.core.permissions import check
from entrepairs.core.ratelimit import RateLimited
from entrepairs.core.views import ask_first, get_visible_or_404, require
from entrepairs.organisations.models import Organisation
from entrepairs.people.selectors import acting_person

from .. import selectors, services
from ..forms import AnnouncementForm, NewsletterForm
from ..models import Announcement, Subscription


@login_required
def announcement_list(request: AuthedHttpRequest) -> HttpResponse:
    providers = Organisation.objects.filter(
        pk__in=Announcement.objects.values("provider_id")
    ) | selectors.publisher_choices(request.user)
    mine = set(selectors.subscriptions_of(request.user).values_list("provider_id", flat=True))
    return render(
        request,
        "mailing/announcements.html",
        {
            "published": selectors.published_announcements().select_related("provider")[:50],
            "drafts": selectors.drafts_for(request.user),
            "providers": providers.distinct(),
            "subscribed": mine,
            "can_manage": check(request.user, "mailing.add_announcement"),
            "public_pages": selectors.publisher_choices(request.user),
            "owns_newsletter": selectors.owns_a_newsletter(request.user),
        },
    )


@login_required
def announcement_create(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "mailing.add_announcement")
    form = AnnouncementForm(request.POST or None)
    limit(form, "provider", selectors.publisher_choices(request.user))
    if request.method == "POST" and form.is_valid():
        announcement = services.announcement_save(
            announcement=form.save(commit=False),
            by=request.user,
            author=acting_person(request.user),
        )
        if form.cleaned_data["publish"]:
            count = services.announcement_publish(announcement=announcement, by=request.user)
            messages.success(
                request,
                ngettext(
                    "Published; %(n)s subscriber will get it.",
                    "Published; %(n)s subscribers will get it.",
                    count,
                )
                % {"n": count},
            )
        else:
            messages.success(request, _("The announcement was saved as a draft."))
        return redirect("mailing:announcements")
    return render(request, "groups/form.html", {"form": form, "title": _("New announcement")})


@login_required
@require_POST
def subscribe(request: AuthedHttpRequest) -> HttpResponse:
    provider = get_visible_or_404(Organisation.objects.all(), pk=request.POST.get("provider"))
    if request.POST.get("action") == "unsubscribe":
        asked = ask_first(
            request,
            title=_("Unsubscribe from the announcements of %(org)s?") % {"org": provider},
            question=_("You will no longer receive them; you may subscribe again at any time."),
            confirm=_("Yes, unsubscribe"),
            back=reverse("mailing:announcements"),
        )
        if asked is not None:
            return asked
        sub = Subscription.objects.filter(
            provider=provider, email__iexact=request.user.email
        ).first()
        if sub:
            services.unsubscribe(token=sub.token)
        messages.success(request, _("You will no longer receive these announcements."))
    else:
        services.subscribe(
            provider=provider, email=request.user.email, person=acting_person(request.user)
        )
        messages.success(
            request,
            french_text(_("You will receive the announcements of %(org)s.") % {"org": provider}),
        )
    return redirect("mailing:announcements")


@csrf_exempt  # the secret token is the credential; mail clients POST without a form (RFC 8058)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click from the e-mail: no sign-in. POST (RFC 8058) or the button on the page."""
    sub = (
        Subscription.objects.filter(token=token).select_related("provider", "mailing_list").first()
    )
    if sub is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(token=token)
        sub.refresh_from_db()
    return render(request, "mailing/unsubscribe.html", {"sub": sub})


SUBSCRIBERS_PAGE = 100


@login_required
def subscribers(request: AuthedHttpRequest) -> HttpResponse:
    """Who signed up to the newsletters the viewer coordinates (none: 404, like a list they may
    not see)."""
    if not selectors.owns_a_newsletter(request.user):
        raise Http404
    rows = selectors.subscribers_for(request.user)
    counts = rows.aggregate(
        active=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        waiting=Count("pk", filter=Q(confirmed_at__isnull=True, unsubscribed_at__isnull=True)),
    )
    page = Paginator(rows, SUBSCRIBERS_PAGE).get_page(request.GET.get("page"))
    return render(request, "mailing/subscribers.html", {"page": page, "counts": counts})


def newsletter(request: HttpRequest, provider_pk: Any) -> HttpResponse:
    """The public sign-up page of an organisation's newsletter (no account needed): the address
    gets a confirmation link (double opt-in). The answer never says whether it was known."""
    provider = Organisation.objects.filter(pk=provider_pk).first()
    if provider is None:
        raise Http404
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscribe_public(
                provider=provider,
                email=form.cleaned_data["email"],
                client_ip=client_address(request),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except RateLimited as exc:
            form.add_error(None, exc.message)
            context = {"provider": provider, "form": form}
            return render(request, "mailing/newsletter.html", context, status=429)
        else:
            return render(
                request, "mailing/newsletter.html", {"provider": provider, "requested": True}
            )
    return render(request, "mailing/newsletter.html", {"provider": provider, "form": form})


def newsletter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail. GET shows a button (mail scanners follow links, never
    forms), POST confirms."""
    errors: list[str] = []
    sub = None
    if request.method == "POST":
        try:
            sub = services.subscription_confirm(token=token)
        except ValidationError as exc:
            errors = exc.messages
    return render(request, "mailing/newsletter_confirm.html", {"sub": sub, "errors": errors})
