"""My account: two-factor status and personal access tokens for the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import confirm_page

from .. import services, sessions
from ..forms import AccessTokenForm
from ..selectors import get_token_for, token_organisations_for, tokens_for
from ..two_factor import has_two_factor, requires_two_factor


@login_required
def account_settings(request: AuthedHttpRequest) -> HttpResponse:
    organisations = token_organisations_for(request.user)
    form = AccessTokenForm(request.POST or None, organisations=organisations)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_secret = services.access_token_issue(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Token “%(name)s” created. Copy it now: it will not be shown again.")
                % {"name": token.name},
            )
            form = AccessTokenForm(organisations=organisations)
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": tokens_for(request.user).select_related("organisation"),
            "has_two_factor": has_two_factor(request.user),
            "requires_two_factor": requires_two_factor(request.user),
            "idle_minutes": sessions.current_limit(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    token = get_token_for(request.user, pk, "delete")
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Revoke this access token?"),
            question=_(
                "“%(name)s” stops working at once: any program using it is refused. "
                "This cannot be undone."
            )
            % {"name": token.name},
            confirm=_("Revoke the token"),
            back=reverse("accounts:settings"),
        )
    try:
        services.access_token_revoke(token=token, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:settings")


@login_required
@require_http_methods(["GET", "POST"])
def sign_out_everywhere(request: AuthedHttpRequest) -> HttpResponse:
    if request.method == "GET":  # ask first: it ends this session too (outside test)
        return confirm_page(
            request,
            title=_("Sign out everywhere?"),
            question=_(
                "Every session of your account ends, this one included: you will sign in again "
                "on each device. Your access tokens keep working."
            ),
            confirm=_("Sign out everywhere"),
            back=reverse("accounts:settings"),
        )
    services.sign_out_everywhere(request=request, end_this_session=True, by=request.user)
    messages.success(
        request, _("You are signed out on every device and browser. Your access tokens still work.")
    )
    return redirect("account_login")


@login_required
def email_managed_by_organisation(request: AuthedHttpRequest) -> HttpResponse:
    """Replaces allauth's "add an e-mail address" page: an account has one address, the one its
    organisation records for the person. An unconfirmed second address would otherwise sign in
    (allauth matches any address of an account) and could copy another account's address."""
    messages.info(
        request,
        _(
            "Your e-mail address is the one your organisation records: ask your coordinator to change it."
        ),
    )
    return redirect("accounts:settings")


@login_required
@require_POST
def address_confirmation_send(request: AuthedHttpRequest) -> HttpResponse:
    """From the two-factor set-up page, when the account's address is not confirmed."""
    services.address_confirmation_send(request=request, by=request.user)
    return redirect("mfa_activate_totp")


def set_language(request: HttpRequest) -> HttpResponse:
    """The language control: Django's own view (cookie, redirect back), and for a signed-in
    person their account's language too (accounts.services.language_choose), so e-mails follow
    the choice made on the page (outside test of #15)."""
    if request.method == "POST":
        services.language_choose(user=request.user, language=request.POST.get("language", ""))
    return django_set_language(request)
