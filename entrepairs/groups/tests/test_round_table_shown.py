"""The session page's round table: the speaking order as a numbered list, or a plain "Not set."
when there is none (it read « 1. Non défini. » as if it were the first speaker)."""


def test_no_speaking_order_is_said_not_numbered(accepted, client_for, english_messages) -> None:
    page = client_for(accepted.w.facilitator).get(f"/groups/sessions/{accepted.past.pk}/")
    html = page.content.decode()
    assert '<p id="speaking-order" class="muted">Not set.</p>' in html
    assert '<ol id="speaking-order">' not in html


def test_a_speaking_order_is_a_numbered_list(accepted, client_for, english_messages) -> None:
    member = accepted.past.group.members.select_related("person").first()
    assert member is not None
    accepted.past.speaking_order = [str(member.pk)]
    accepted.past.save(update_fields=["speaking_order"])
    html = client_for(accepted.w.facilitator).get(f"/groups/sessions/{accepted.past.pk}/")
    text = html.content.decode()
    assert f'<ol id="speaking-order"><li>{member.person}</li></ol>' in text
