"""What a third outside test broke in groups (issue 13), each checked on the page and in the API.

- The line-manager warning's "Fix it" link was shown as escaped markup on the person page: the
  messages keep the link a view built with `format_html`, and still escape what people typed.
- A certificate of completion over a period with nothing held said "followed the action … 0
  session": a certificate attests what happened (`certificates.check_certificate`).
- A person served posted as a composition candidate got "not in your organisations": they are
  named, with why they cannot be a candidate (`services.not_staff_message`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone, translation

from entrepairs.groups.models import Group
from entrepairs.people.models import Person

from .. import services
from .test_compose_split import _body, _pool
from .test_line_manager_change import _form

# --- the line-manager warning's link -------------------------------------------------------


def _edit_bob_under_chloe(gw: Any, client: Any) -> str:
    bob, chloe = gw.others[1], gw.others[2]
    page = client.post(f"/people/{bob.pk}/edit/", _form(bob, chloe), follow=True)
    assert page.redirect_chain[-1][0] == f"/people/{bob.pk}/"
    return str(page.content.decode())


def test_the_fix_link_is_a_real_link_on_the_person_page(gw: Any, client_for: Any) -> None:
    html = _edit_bob_under_chloe(gw, client_for(gw.w.coordinator))
    assert f'<a href="/groups/{gw.group.pk}/">Fix it</a>' in html
    assert "&lt;a href" not in html


def test_the_fix_link_reads_corriger_in_french(gw: Any, client_for: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        html = _edit_bob_under_chloe(gw, client_for(gw.w.coordinator))
    assert f'<a href="/groups/{gw.group.pk}/">Corriger</a>' in html
    assert "&lt;a" not in html


def test_a_name_with_markup_stays_text_in_the_warning(gw: Any, client_for: Any) -> None:
    """Only the view's own markup is kept: what people typed is escaped."""
    chloe = gw.others[2]
    Person.objects.filter(pk=chloe.pk).update(first_name="<b>Chloe</b>")
    html = _edit_bob_under_chloe(gw, client_for(gw.w.coordinator))
    assert "<b>Chloe</b>" not in html and "&lt;b&gt;Chloe&lt;/b&gt;" in html
    assert f'<a href="/groups/{gw.group.pk}/">Fix it</a>' in html


def test_the_import_messages_keep_the_link_too(gw: Any, client_for: Any) -> None:
    from .test_line_manager_change import _csv

    bob, chloe = gw.others[1], gw.others[2]
    client = client_for(gw.w.coordinator)
    page = client.post(
        "/people/import/",
        {"organisation": gw.w.org_a.pk, "file": _csv(f"Bob,Bernard,{bob.email},{chloe.email}")},
    )
    done = client.post("/people/import/", {"token": page.context["token"]}, follow=True)
    html = done.content.decode()
    assert f'<a href="/groups/{gw.group.pk}/">Fix it</a>' in html and "&lt;a" not in html


# --- certificates attest what happened -----------------------------------------------------


def _period(days_from: int, days_to: int) -> str:
    today = timezone.localdate()
    start, end = today + timedelta(days=days_from), today + timedelta(days=days_to)
    return f"from={start.isoformat()}&to={end.isoformat()}"


def _both(gw: Any, client_for: Any, api_for: Any, kind: str, query: str) -> tuple[Any, Any]:
    member = gw.members[0]
    api = api_for(gw.w.coordinator).get(f"/api/v1/groups/members/{member.pk}/{kind}/?{query}")
    page = client_for(gw.w.coordinator).get(
        f"/groups/{gw.group.pk}/members/{member.pk}/{kind}.pdf?{query}", follow=True
    )
    return api, page


def test_no_certificate_over_a_period_with_nothing_held(
    gw: Any, client_for: Any, api_for: Any
) -> None:
    """Nothing held in the next weeks (gw.future is planned, not held)."""
    for kind in ("certificate", "completion"):
        api, page = _both(gw, client_for, api_for, kind, _period(1, 30))
        assert api.status_code == 400, api.content
        assert "nothing to certify" in str(api.json())
        assert page.redirect_chain[-1][0] == f"/groups/{gw.group.pk}/"
        assert "nothing to certify yet" in page.content.decode()


def test_no_completion_for_a_member_who_attended_nothing(
    gw: Any, client_for: Any, api_for: Any
) -> None:
    marks = {m.pk: "present" for m in gw.members}
    marks[gw.members[0].pk] = "absent"
    services.attendance_record(session=gw.past, marks=marks, by=gw.w.facilitator)
    api, page = _both(gw, client_for, api_for, "completion", _period(-30, 0))
    assert api.status_code == 400
    assert "attests attendance that happened" in str(api.json())
    assert str(gw.members[0].person) in str(api.json())
    assert "attests attendance that happened" in page.content.decode()
    # The attendance certificate states the absence: still issued.
    api, page = _both(gw, client_for, api_for, "certificate", _period(-30, 0))
    assert api.status_code == 200 and api["Content-Type"] == "application/pdf"
    assert page.status_code == 200 and page["Content-Type"] == "application/pdf"
    # Positive control: a member who attended gets the certificate of completion.
    other = gw.members[1]
    answer = api_for(gw.w.coordinator).get(
        f"/api/v1/groups/members/{other.pk}/completion/?{_period(-30, 0)}"
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"


def test_the_refusal_reads_french(gw: Any, api_for: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "fr"
    member = gw.members[0]
    with translation.override("fr"):
        answer = api_for(gw.w.coordinator).get(
            f"/api/v1/groups/members/{member.pk}/completion/?{_period(1, 30)}",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert answer.status_code == 400
    assert "il n’y a encore rien à attester" in str(answer.json())


# --- a person served posted as a candidate -------------------------------------------------

SERVED = "is served by the organisation"


def test_a_served_person_is_named_as_compose_candidate_in_the_api(world: Any, api_for: Any) -> None:
    pool = _pool(world, teams=12, per_team=1)
    api = api_for(world.coordinator)
    proposed = api.post(
        "/api/v1/groups/compose/",
        {"kind": "peer_support", "candidates": [str(p.pk) for p in [*pool, world.youth]]},
        format="json",
    )
    assert proposed.status_code == 400
    said = " ".join(proposed.json()["error"]["fields"]["candidates"])
    assert str(world.youth) in said and SERVED in said
    assert "not in your organisations" not in said
    body = _body(world, pool, [[*pool[:6], world.youth], pool[6:12]])
    for step in ("check", "confirm"):
        answer = api.post(f"/api/v1/groups/compose/{step}/", body, format="json")
        assert answer.status_code == 400, answer.content
        said = " ".join(answer.json()["error"]["fields"]["groups"])
        assert str(world.youth) in said and SERVED in said
    assert not Group.objects.filter(name__startswith="Supervision API").exists()


def test_a_served_person_is_named_as_compose_candidate_on_the_page(
    world: Any, client_for: Any
) -> None:
    pool = _pool(world, teams=12, per_team=1)
    data = {
        "organisation": world.org_a.pk,
        "kind": "supervision",
        "name": "Avec un jeune",
        "facilitators": [world.facilitator.pk],
        "candidates": [p.pk for p in [*pool, world.youth]],
    }
    page = client_for(world.coordinator).post("/groups/compose/", data)
    assert page.status_code == 200
    errors = " ".join(page.context["form"].errors["candidates"])
    assert str(world.youth) in errors and SERVED in errors
    assert "not one of the available choices" not in page.content.decode()
    confirmed = {**data, **{f"group_{p.pk}": "1" for p in [*pool, world.youth]}, "confirm": "1"}
    page = client_for(world.coordinator).post("/groups/compose/", confirmed)
    assert SERVED in " ".join(page.context["form"].errors["candidates"])
    assert not Group.objects.filter(name__startswith="Avec un jeune").exists()


def test_a_served_person_is_named_when_added_as_member(gw: Any, api_for: Any) -> None:
    answer = api_for(gw.w.facilitator).post(
        "/api/v1/groups/members/",
        {"group": str(gw.group.pk), "person": str(gw.w.youth.pk)},
        format="json",
    )
    assert answer.status_code == 400
    said = answer.json()["error"]["fields"]["person"][0]
    assert str(gw.w.youth) in said and SERVED in said


def test_the_served_refusal_reads_french(world: Any, api_for: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "fr"
    pool = _pool(world, teams=6, per_team=1)
    with translation.override("fr"):
        answer = api_for(world.coordinator).post(
            "/api/v1/groups/compose/",
            {"kind": "peer_support", "candidates": [str(p.pk) for p in [*pool, world.youth]]},
            format="json",
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    said = " ".join(answer.json()["error"]["fields"]["candidates"])
    assert f"{world.youth} est accompagné·e par l’organisation" in said
    assert "ne peut donc en être ni candidate ni membre" in said
