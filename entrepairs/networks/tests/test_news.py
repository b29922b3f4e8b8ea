"""A network's news: organisers publish, correct and delete them; the people of its member
organisations read them on the network page and in the API; anyone else gets a 404, like the
network itself."""

import pytest
from django.core.exceptions import ValidationError

from entrepairs.networks import services
from entrepairs.networks.models import NewsItem


@pytest.fixture
def news(world, network):  # type: ignore[no-untyped-def]
    return services.news_publish(
        network=network,
        title="Dîner des tuteurs",
        body="Rendez-vous le 12 à Lille.",
        by=world.coordinator,
    )


def test_it_lets_only_organisers_publish_correct_and_delete(world, network, news):
    for who in (world.professional, world.coordinator_b, None):
        with pytest.raises(ValidationError, match="organisers"):
            services.news_publish(network=network, title="x", body="y", by=who)
        with pytest.raises(ValidationError, match="organisers"):
            services.news_update(news=news, title="x", body="y", by=who)
        with pytest.raises(ValidationError, match="organisers"):
            services.news_delete(news=news, by=who)
    services.news_update(news=news, title="Dîner reporté", body="Au 19.", by=world.coordinator)
    news.refresh_from_db()
    assert (news.title, news.author) == ("Dîner reporté", world.coordinator)
    services.news_delete(news=news, by=world.coordinator)
    assert not NewsItem.objects.exists()


def test_it_refuses_a_news_item_without_a_title(world, network):
    with pytest.raises(ValidationError) as error:
        services.news_publish(network=network, title="  ", body="y", by=world.coordinator)
    assert "title" in error.value.message_dict


def test_the_page_shows_the_news_to_members_and_hides_it_from_other_organisations(
    world, network, news, client_for
):
    body = client_for(world.colleague).get(f"/networks/{network.pk}/").content.decode()
    assert "Dîner des tuteurs" in body
    assert f"/networks/news/{news.pk}/edit/" not in body
    for who in (world.coordinator_b, world.worker_b):
        c = client_for(who)
        assert c.get(f"/networks/{network.pk}/").status_code == 404
        assert c.get(f"/networks/news/{news.pk}/edit/").status_code == 404
        assert c.post(f"/networks/news/{news.pk}/delete/").status_code == 404
    # A member sees it but may not act: 403.
    c = client_for(world.colleague)
    assert c.get(f"/networks/news/{news.pk}/edit/").status_code == 403
    assert c.post(f"/networks/news/{news.pk}/delete/").status_code == 403
    assert NewsItem.objects.filter(pk=news.pk).exists()


def test_an_organiser_publishes_edits_and_deletes_on_the_page(world, network, client_for):
    c = client_for(world.coordinator)
    response = c.post(
        f"/networks/{network.pk}/",
        {
            "action": "publish_news",
            "news-title": "Formation des nouveaux tuteurs",
            "news-body": "Inscriptions ouvertes.",
        },
    )
    assert response.status_code == 302
    news = NewsItem.objects.get()
    assert "Formation des nouveaux tuteurs" in c.get(f"/networks/{network.pk}/").content.decode()
    response = c.post(
        f"/networks/news/{news.pk}/edit/",
        {"title": "Formation reportée", "body": "Nouvelle date à venir.", "published_on": ""},
    )
    assert response.status_code == 302
    news.refresh_from_db()
    assert news.title == "Formation reportée"
    assert c.get(f"/networks/news/{news.pk}/delete/").status_code == 200  # asks first
    assert c.post(f"/networks/news/{news.pk}/delete/").status_code == 302
    assert not NewsItem.objects.exists()


def test_a_member_cannot_publish_on_the_page(world, network, client_for):
    response = client_for(world.colleague).post(
        f"/networks/{network.pk}/",
        {"action": "publish_news", "news-title": "x", "news-body": "y"},
    )
    assert response.status_code == 403
    assert not NewsItem.objects.exists()


def test_the_api_shows_news_to_members_and_404_to_another_organisation(
    world, network, news, api_for
):
    body = api_for(world.colleague).get(f"/api/v1/networks/news/?network={network.pk}").json()
    assert [x["title"] for x in body["results"]] == ["Dîner des tuteurs"]
    assert api_for(world.colleague).get(f"/api/v1/networks/news/{news.pk}/").status_code == 200
    for who in (world.coordinator_b, world.worker_b):
        api = api_for(who)
        assert api.get("/api/v1/networks/news/").json()["count"] == 0
        assert api.get(f"/api/v1/networks/news/{news.pk}/").status_code == 404
        assert api.patch(f"/api/v1/networks/news/{news.pk}/", {"title": "x"}).status_code == 404
        assert api.delete(f"/api/v1/networks/news/{news.pk}/").status_code == 404
        created = api.post(
            "/api/v1/networks/news/", {"network": str(network.pk), "title": "x", "body": "y"}
        )
        assert created.status_code == 400  # an unseen network is an unknown id
    news.refresh_from_db()
    assert news.title == "Dîner des tuteurs"


def test_the_api_lets_organisers_write_and_refuses_members_with_403(world, network, api_for):
    member = api_for(world.colleague)
    payload = {"network": str(network.pk), "title": "Webinaire", "body": "Jeudi 18 h."}
    assert member.post("/api/v1/networks/news/", payload).status_code == 403
    organiser = api_for(world.coordinator)
    created = organiser.post("/api/v1/networks/news/", payload)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert member.patch(f"/api/v1/networks/news/{pk}/", {"title": "x"}).status_code == 403
    assert member.delete(f"/api/v1/networks/news/{pk}/").status_code == 403
    patched = organiser.patch(f"/api/v1/networks/news/{pk}/", {"title": "Webinaire avancé"})
    assert patched.status_code == 200
    assert patched.json()["title"] == "Webinaire avancé"
    assert organiser.delete(f"/api/v1/networks/news/{pk}/").status_code == 204
    assert not NewsItem.objects.exists()
