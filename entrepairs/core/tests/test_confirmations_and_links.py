"""Issue 15 §9: destructive actions ask first, on a page of their own that works without script
(core/confirm.html): revoking an access token, ending someone's role. §6: a person's own
record links to their line manager only when they may open the manager's record."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _french(client):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def test_it_asks_before_revoking_an_access_token(world, client_for) -> None:
    from entrepairs.accounts.models import AccessToken

    token, _secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="Export nocturne"
    )
    address = f"/account/tokens/{token.pk}/revoke/"
    client = _french(client_for(world.coordinator))
    assert f'<form method="get" action="{address}"' in client.get("/account/").content.decode()

    question = client.get(address)
    html = question.content.decode()
    assert question.status_code == 200
    assert "Révoquer ce jeton d’accès\u202f?" in html and "«\u00a0Export nocturne\u00a0»" in html
    assert f'<form method="post" action="{address}"' in html
    assert 'id="confirm-back" href="/account/"' in html
    token.refresh_from_db()
    assert token.revoked_at is None  # nothing happened yet

    assert client.post(address).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_else_may_open_the_token_confirmation(world, client_for) -> None:
    from entrepairs.accounts.models import AccessToken

    token, _secret = AccessToken.issue(
        user=world.coordinator.user, organisation=world.org_a, name="Export"
    )
    answer = client_for(world.professional).get(f"/account/tokens/{token.pk}/revoke/")
    assert answer.status_code == 404


def test_it_asks_before_ending_a_role(world, client_for) -> None:
    # The external facilitator's role in organisation B, ended by B's coordinator.
    membership = world.facilitator.memberships.get(organisation=world.org_b)
    address = f"/organisations/{world.org_b.pk}/members/{membership.pk}/end/"
    client = _french(client_for(world.coordinator_b))
    page = client.get(f"/organisations/{world.org_b.pk}/").content.decode()
    assert f'<form method="get" action="{address}"' in page

    html = client.get(address).content.decode()
    assert "Retirer ce rôle\u202f?" in html and "Fanny Facilitatrice perd le rôle" in html
    membership.refresh_from_db()
    assert membership.is_active

    client.post(address)
    assert not type(membership).objects.filter(pk=membership.pk, is_active=True).exists()


def test_ones_own_record_links_the_line_manager_only_when_it_may_be_opened(
    world, client_for
) -> None:
    manager = f'href="/people/{world.manager.pk}/"'
    own = f"/people/{world.professional.pk}/"
    member = client_for(world.professional)
    html = member.get(own).content.decode()
    # A professional does not open their manager's record (people's visibility rules)...
    assert member.get(f"/people/{world.manager.pk}/").status_code == 404
    assert manager not in html and "Marc Manager" in html  # ...so it is named, not linked
    coordinator = client_for(world.coordinator)
    assert manager in coordinator.get(own).content.decode()
    assert coordinator.get(f"/people/{world.manager.pk}/").status_code == 200
