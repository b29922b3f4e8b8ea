"""My account: two-factor status and personal access tokens for the API."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import get_visible_or_404
from entrepairs.organisations.models import Organisation
from entrepairs.organisations.viewer import viewer_for

from .. import sessions
from ..forms import AccessTokenForm
from ..models import AccessToken
from ..two_factor import has_two_factor, requires_two_factor


def _token_organisations(request: AuthedHttpRequest):  # type: ignore[no-untyped-def]
    viewer = viewer_for(request.user)
    return (
        Organisation.objects.all()
        if viewer.is_platform_admin
        else Organisation.objects.filter(pk__in=viewer.organisation_ids)
    )


@login_required
def account_settings(request: AuthedHttpRequest) -> HttpResponse:
    form = AccessTokenForm(request.POST or None, organisations=_token_organisations(request))
    new_secret = None
    if request.method == "POST" and form.is_valid():
        token, new_secret = AccessToken.issue(
            user=request.user,
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
        )
        messages.success(
            request,
            _("Token “%(name)s” created. Copy it now: it will not be shown again.")
            % {"name": token.name},
        )
        form = AccessTokenForm(organisations=_token_organisations(request))
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "new_secret": new_secret,
            "tokens": AccessToken.objects.filter(user=request.user).select_related("organisation"),
            "has_two_factor": has_two_factor(request.user),
            "requires_two_factor": requires_two_factor(request.user),
            "idle_minutes": sessions.current_limit(request),
        },
    )


@login_required
@require_POST
def token_revoke(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    token = get_visible_or_404(AccessToken.objects.filter(user=request.user), pk=pk)
    token.revoke()
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:settings")


@login_required
@require_POST
def sign_out_everywhere(request: AuthedHttpRequest) -> HttpResponse:
    sessions.sign_out_everywhere(request=request, user=request.user, end_this_session=True)
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
