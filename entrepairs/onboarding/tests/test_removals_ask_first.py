"""Removing a welcome contact or a part of a template's draft asks first (issue 15 §9): the
buttons open a question (GET), the question's button removes (POST); others are not asked."""

from django.conf import settings
from django.urls import reverse

from entrepairs.onboarding import templating

from ..models import OrgContact


def _french(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def test_removing_a_contact_asks_first(world, onb, client_for) -> None:
    contact = OrgContact.objects.get(organisation=world.org_a, role="it")
    address = reverse("onboarding:contact_delete", args=[contact.pk])
    client = _french(client_for(world.coordinator))
    assert (
        f'<form method="get" action="{address}"'
        in client.get("/onboarding/setup/").content.decode()
    )

    html = client.get(address).content.decode()
    assert f"Retirer {contact.person} du rôle" in html
    assert f'<form method="post" action="{address}"' in html
    assert OrgContact.objects.filter(pk=contact.pk).exists()  # nothing happened yet

    assert client.post(address).status_code == 302
    assert not OrgContact.objects.filter(pk=contact.pk).exists()
    # Someone who may not remove it is not asked either.
    other = OrgContact.objects.create(organisation=world.org_a, role="it", person=world.colleague)
    refused = client_for(world.professional).get(
        reverse("onboarding:contact_delete", args=[other.pk])
    )
    assert refused.status_code in (403, 404)


def test_removing_a_part_of_a_draft_asks_first(world, onb, client_for) -> None:
    draft = templating.template_draft(template=onb.template, by=world.coordinator)
    part = draft.tasks.order_by("title").first()
    assert part is not None
    address = reverse("onboarding:version_part_delete", args=[draft.pk, "task", part.pk])
    client = _french(client_for(world.coordinator))

    html = client.get(address).content.decode()
    assert (
        f"Retirer «\u00a0{part}\u00a0»\u202f?" in html
        and f'<form method="post" action="{address}"' in html
    )
    assert draft.tasks.filter(pk=part.pk).exists()  # nothing happened yet

    assert client.post(address).status_code == 302
    assert not draft.tasks.filter(pk=part.pk).exists()
    assert client_for(world.professional).get(address).status_code in (403, 404)
