"""Planning a series with dry_run (API) or Preview (page) runs the real run's checks
(services.plan_check, one function) and reports what the real run would refuse — more than 24
sessions in a programme year, a recurrence that gives no session — with nothing written (issue 13,
outside test: the dry run answered the dates and no refusal)."""

from datetime import date

from django.utils import timezone

from ..models import Session


def _next_year_start() -> date:
    return date(timezone.localdate().year + 1, 1, 1)


def _body(gw, **changes):  # type: ignore[no-untyped-def]
    # Every Tuesday of next year: some 50 sessions, over the 24 a programme year holds.
    return {
        "start": _next_year_start().isoformat(),
        "frequency": "weekly",
        "interval_weeks": 1,
        "weekday": 1,
        "site": str(gw.site.pk),
        "room": "B",
        **changes,
    }


def test_the_dry_run_refuses_what_the_real_run_refuses(gw, api_for) -> None:
    api = api_for(gw.w.facilitator)
    url = f"/api/v1/groups/{gw.group.pk}/plan/"
    before = Session.objects.count()
    dry = api.post(url, {**_body(gw), "dry_run": True}, format="json")
    real = api.post(url, _body(gw), format="json")
    assert dry.status_code == real.status_code == 400
    assert dry.json() == real.json()
    assert "24" in str(dry.json()["error"]["fields"])
    # A recurrence that gives no session: the same again.
    empty = _body(gw, until=date(_next_year_start().year, 1, 3).isoformat())
    refused = api.post(url, {**empty, "dry_run": True}, format="json").json()
    assert refused == api.post(url, empty, format="json").json()
    assert "gives no session" in str(refused)
    assert Session.objects.count() == before
    # Positive control: a monthly series passes the dry run, then the real run plans it.
    monthly = _body(gw, frequency="monthly", nth=3)
    ok = api.post(url, {**monthly, "dry_run": True}, format="json")
    assert ok.status_code == 200 and len(ok.json()["dates"]) >= 6
    assert Session.objects.count() == before
    assert api.post(url, monthly, format="json").status_code == 201


def test_the_page_preview_shows_the_refusal_next_to_the_form(gw, client_for) -> None:
    client = client_for(gw.w.facilitator)
    data = {
        "start": _next_year_start().isoformat(),
        "frequency": "weekly",
        "nth": "1",
        "weekday": "1",
        "interval_weeks": "1",
        "start_time": "14:00",
        "duration_minutes": "210",
        "site": gw.site.pk,
        "room": "Salle B",
    }
    before = Session.objects.count()
    preview = client.post(f"/groups/{gw.group.pk}/plan/", {**data, "preview": "1"})
    assert preview.status_code == 200
    assert preview.context["form"].errors and "24" in str(preview.context["form"].errors)
    assert "preview-dates" in preview.content.decode()  # the dates are still shown
    assert Session.objects.count() == before
