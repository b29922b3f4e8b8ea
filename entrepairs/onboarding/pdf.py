"""The welcome booklet (issue 6 point 6, issue 14 point 5): people to know (each once, with their
roles, phone and e-mail), places, kit, the first weeks' schedule.

Rendered from an HTML template by WeasyPrint as a tagged PDF/UA-1 document (structure tree,
MarkInfo, the document language and title), so screen readers follow its headings, lists and
tables. Works offline (no remote resource). No evaluation content goes into the booklet.
"""

import datetime
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML

from entrepairs.core.documents import page_footer_css

from .models import ChecklistTopic, Journey
from .selectors import PersonToKnow

BOOKLET_CSS = Path(__file__).with_name("booklet.css")


FIRST_WEEKS_DAYS = 28


def _schedule(journey: Journey) -> list[dict[str, Any]]:
    end = journey.start_date + datetime.timedelta(days=FIRST_WEEKS_DAYS)
    rows: list[dict[str, Any]] = [
        {"date": t.due_date, "what": t.title, "with": t.owner or t.get_owner_role_display()}
        for t in journey.tasks.filter(
            due_date__gte=journey.start_date, due_date__lte=end
        ).select_related("owner")
    ]
    rows += [
        {"date": s.date, "what": s.topic, "with": s.colleague, "shadowing": True}
        for s in journey.shadowing_sessions.filter(date__lte=end).select_related("colleague")
    ]
    if journey.first_lunch_on:
        rows.append(
            {"date": journey.first_lunch_on, "what": journey.first_lunch_place, "lunch": True}
        )
    return sorted(rows, key=lambda r: r["date"])


def booklet_html(journey: Journey, people: list[PersonToKnow]) -> str:
    return render_to_string(
        "onboarding/booklet.html",
        {
            "journey": journey,
            "version": journey.version,
            "people": people,
            "sites": journey.organisation.sites.all(),
            "places": journey.tasks.filter(topic=ChecklistTopic.PLACES),
            "kit": journey.kit_checks.select_related("provider"),
            "schedule": _schedule(journey),
            "supports": journey.version.supports.all(),
            "lang": translation.get_language() or "fr",
        },
    )


def booklet_pdf(journey: Journey, people: list[PersonToKnow]) -> bytes:
    pdf: bytes = HTML(string=booklet_html(journey, people)).write_pdf(
        stylesheets=[CSS(filename=str(BOOKLET_CSS)), CSS(string=page_footer_css())],
        pdf_variant="pdf/ua-1",
    )
    return pdf
