"""« Mon parcours » (issue 15): in « Et ensuite », what is overdue (due before today, not done)
comes first, marked « En retard » with the day it was due in French (JJ/MM/AAAA); what is done
is not listed; what is next follows."""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import services


def test_overdue_items_come_first_with_their_day_in_french(world, onb, start, client_for) -> None:
    journey = start(onb.nina, days=-5).journey
    today = timezone.localdate()
    tasks = list(journey.tasks.order_by("title"))
    late, done, later = tasks[0], tasks[1], tasks[2]
    late.due_date = today - datetime.timedelta(days=3)
    done.due_date = today - datetime.timedelta(days=4)
    later.due_date = today + datetime.timedelta(days=2)
    for task in (late, done, later):
        task.save(update_fields=["due_date"])
    services.task_set_done(task=done, done=True, by=SYSTEM)

    client = client_for(onb.nina)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(reverse("onboarding:my_journey")).content.decode()

    section = html[html.index('id="h-next"') : html.index('id="h-ask"')]
    overdue = section[section.index('id="late-tasks"') : section.index('id="next-tasks"')]
    coming = section[section.index('id="next-tasks"') :]
    assert "Et ensuite" in html
    day = late.due_date.strftime("%d/%m/%Y")
    assert re.search(
        rf"En retard</span> <strong>{re.escape(late.title)}</strong> — à faire pour le {day}",
        overdue,
    )
    assert done.title not in section  # done: not listed, however late its day was
    assert later.title not in overdue and later.title in coming
    assert late.title not in coming
    # Every item of the first list is late and open; none of the second list is.
    assert overdue.count("En retard") == journey.tasks.late().count()
    assert "En retard" not in coming


def test_without_anything_late_the_list_starts_with_what_is_next(
    world, onb, start, client_for
) -> None:
    start(onb.nina, days=10)
    client = client_for(onb.nina)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(reverse("onboarding:my_journey")).content.decode()
    assert 'id="late-tasks"' not in html and 'id="next-tasks"' in html
    assert "En retard" not in html
