"""A network's mailing lists: parse, ask the selectors and rules, call the service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.french import french_text
from entrepairs.core.http import AuthedHttpRequest, client_address
from entrepairs.core.permissions import check
from entrepairs.core.ratelimit import RateLimited
from entrepairs.core.views import ask_first
from entrepairs.networks.selectors import get_network_for

from .. import selectors, services
from ..forms import ListAddressForm, ListMessageForm, MailingListForm
from ..models import MailingList

ARCHIVE_PAGE = 20


@login_required
def network_lists(request: AuthedHttpRequest, network_pk: Any) -> HttpResponse:
    """The lists of a network (its members; others: 404); its organisers create lists here."""
    network = get_network_for(request.user, network_pk)
    may_create = check(request.user, "mailing.add_mailinglist", network)
    form = MailingListForm(request.POST or None)
    if request.method == "POST":
        if not may_create:
            services.mailing_list_save(mailing_list=MailingList(network=network), by=request.user)
        if form.is_valid():
            try:
                created = services.mailing_list_save(
                    mailing_list=MailingList(network=network, **form.cleaned_data),
                    by=request.user,
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The mailing list was created."))
                return redirect("mailing_lists:detail", created.pk)
    lists = selectors.lists_for(request.user).filter(network=network)
    return render(
        request,
        "mailing/lists/network.html",
        {
            "network": network,
            "lists": lists,
            "subscribed": selectors.own_list_subscriptions(request.user),
            "may_create": may_create,
            "form": form,
        },
    )


def _detail_context(request: AuthedHttpRequest, mailing_list: MailingList) -> dict[str, Any]:
    archive = selectors.list_messages_for(request.user).filter(mailing_list=mailing_list)
    return {
        "mailing_list": mailing_list,
        "network": mailing_list.network,
        "subscription": selectors.own_list_subscriptions(request.user).get(mailing_list.pk),
        "may_post": check(request.user, "mailing.post_to_mailinglist", mailing_list),
        "page": Paginator(archive, ARCHIVE_PAGE).get_page(request.GET.get("page")),
        "post_form": ListMessageForm(),
        "address_form": ListAddressForm(),
    }


@login_required
def list_detail(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """The list's page: subscribe in one click, the archive (members only), the post form for
    those who may post."""
    mailing_list = selectors.get_list_for(request.user, pk)
    return render(request, "mailing/lists/detail.html", _detail_context(request, mailing_list))


@login_required
@require_POST
def list_subscription(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    mailing_list = selectors.get_list_for(request.user, pk)
    action = request.POST.get("action")
    if action == "unsubscribe":
        asked = ask_first(
            request,
            title=_("Unsubscribe from the list %(list)s?") % {"list": mailing_list},
            question=_(
                "You will no longer receive its messages; you may subscribe again at any time."
            ),
            confirm=_("Yes, unsubscribe"),
            back=reverse("mailing_lists:detail", args=[mailing_list.pk]),
        )
        if asked is not None:
            return asked
        services.list_unsubscribe(mailing_list=mailing_list, by=request.user)
        messages.success(request, _("You will no longer receive the messages of this list."))
    elif action == "address":
        form = ListAddressForm(request.POST)
        status = 200
        if form.is_valid():
            try:
                services.list_subscribe_address(
                    mailing_list=mailing_list,
                    email=form.cleaned_data["email"],
                    by=request.user,
                    client_ip=client_address(request),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except RateLimited as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                messages.success(
                    request,
                    _("If this address is not subscribed yet, it will receive a link to confirm."),
                )
                return redirect("mailing_lists:detail", mailing_list.pk)
        context = _detail_context(request, mailing_list) | {"address_form": form}
        return render(
            request, "mailing/lists/detail.html", context, status=400 if status == 200 else status
        )
    else:
        services.list_subscribe(mailing_list=mailing_list, by=request.user)
        messages.success(
            request,
            french_text(
                _("You will receive the messages of the list %(list)s.") % {"list": mailing_list}
            ),
        )
    return redirect("mailing_lists:detail", mailing_list.pk)


@login_required
@require_POST
def list_post(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """Post a message: queued for the worker, the answer is the message's page with its
    progress."""
    mailing_list = selectors.get_list_for(request.user, pk)
    form = ListMessageForm(request.POST)
    if not check(request.user, "mailing.post_to_mailinglist", mailing_list):
        services.list_message_post(mailing_list=mailing_list, subject="", body="", by=request.user)
    if form.is_valid():
        try:
            message = services.list_message_post(
                mailing_list=mailing_list, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is queued for %(n)s subscriber.",
                    "The message is queued for %(n)s subscribers.",
                    message.total,
                )
                % {"n": message.total},
            )
            return redirect("mailing_lists:message", message.pk)
    context = _detail_context(request, mailing_list) | {"post_form": form}
    return render(request, "mailing/lists/detail.html", context, status=400)


@login_required
def list_message(request: AuthedHttpRequest, pk: Any) -> HttpResponse:
    """A message of the archive (the network's members; others: 404) and its sending progress;
    HTMX polls the progress fragment while batches remain."""
    message = selectors.get_list_message_for(request.user, pk)
    if request.headers.get("HX-Request"):
        return render(request, "mailing/lists/message.html#progress", {"message": message})
    return render(request, "mailing/lists/message.html", {"message": message})
