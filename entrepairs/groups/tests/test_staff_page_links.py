"""Issue 15, point 6: the staff page's link to the calendar feeds is shown only to whom the feeds
page answers (the same permission it requires)."""

import pytest


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_it_shows_the_calendar_link_iff_the_viewer_may_follow_it(world, client_for, who) -> None:
    client = client_for(getattr(world, who))
    shown = 'href="/groups/calendar/"' in client.get("/groups/staff/").content.decode()
    followable = client.get("/groups/calendar/").status_code < 400
    assert shown == followable
    assert followable == (who == "manager")  # an administrator has no person, hence no feed
