"""A write's answer carries the same fields as a read of the same group (the schema promises them)."""


def test_it_answers_a_group_update_with_its_member_count_and_next_session(gw, client_for):
    client = client_for(gw.w.facilitator)
    url = f"/api/v1/groups/{gw.group.pk}/"
    read = client.get(url).json()
    written = client.patch(url, {"name": "Supervision Lille Nord"}, content_type="application/json")
    assert written.status_code == 200
    body = written.json()
    assert body["name"] == "Supervision Lille Nord"
    assert body["member_count"] == read["member_count"] == len(gw.members)
    assert body["next_session"] == read["next_session"]
