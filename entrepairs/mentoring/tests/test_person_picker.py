"""The case-worker picker (people.picker source "mentoring.case_workers"): on a youth's file it
offers the case workers of the youth's agency, the role youth_assign_case_worker checks; another
agency's staff never come back, and someone who may not see the youth gets 404, on the page's
search and in the API alike."""

import pytest

from entrepairs.people.picker import sign_context

pytestmark = pytest.mark.django_db
PAGE = "/people/pick/mentoring.case_workers/"
API = "/api/v1/people/pick/mentoring.case_workers/"


def _ids(answer):  # type: ignore[no-untyped-def]
    assert answer.status_code == 200, answer.content
    return {r["id"] for r in answer.json()["results"]}


def test_a_youths_case_worker_is_picked_among_their_agencys_case_workers(
    mworld, client_for, api_for
):
    w = mworld.world
    context = {"context": sign_context({"youth": mworld.youth.pk})}
    page = _ids(client_for(w.coordinator).get(PAGE, context))
    api = _ids(api_for(w.coordinator, w.org_a).get(API, context))
    assert page == api == {str(w.worker_b.pk)}
    assert str(mworld.worker_c.pk) not in page  # another agency's case worker


def test_another_agency_gets_404_for_a_youth_it_does_not_follow(mworld, client_for, api_for):
    context = {"context": sign_context({"youth": mworld.youth.pk})}
    assert client_for(mworld.worker_c).get(PAGE, context).status_code == 404
    api = api_for(mworld.worker_c, mworld.org_c).get(API, context)
    assert api.status_code == 404


def test_the_youth_file_renders_a_picker_with_the_case_worker_chosen(mworld, client_for):
    html = (
        client_for(mworld.world.coordinator)
        .get(f"/mentoring/youths/{mworld.youth.pk}/")
        .content.decode()
    )
    assert 'id="id_w-case_worker"' in html and 'role="combobox"' in html
    assert 'data-picker-url="/people/pick/mentoring.case_workers/"' in html
