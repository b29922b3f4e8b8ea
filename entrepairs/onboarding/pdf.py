"""The welcome booklet (issue 6 point 6): people to know, places, kit, the first weeks' schedule.

Built from the template version and the journey with reportlab (pure Python, works offline).
No evaluation content goes into the booklet.
"""

import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import ChecklistTopic, Journey

FIRST_WEEKS_DAYS = 28


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f5f8b")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#d9dee5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
            ]
        )
    )
    return table


def booklet_pdf(journey: Journey, people: list[tuple[str, Any]]) -> bytes:
    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Title"], styles["Heading2"]

    def p(text: str) -> Paragraph:
        return Paragraph(escape(text), body)

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Welcome booklet"),
        author=str(journey.organisation),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
    )
    version = journey.version
    story: list[Any] = [
        Paragraph(escape(_("Welcome, %(name)s") % {"name": journey.newcomer}), h1),
        p(
            _("%(org)s — %(function)s — day one: %(date)s")
            % {
                "org": journey.organisation,
                "function": version.template.function,
                "date": journey.start_date.strftime("%d/%m/%Y"),
            }
        ),
        Spacer(1, 0.4 * cm),
    ]
    if version.objectives:
        story += [Paragraph(escape(_("What we expect together")), h2), p(version.objectives)]

    story.append(Paragraph(escape(_("People to know")), h2))
    rows = [[_("Role"), _("Name"), _("Contact")]]
    rows += [[label, str(person), person.email or person.phone or ""] for label, person in people]
    for intro in journey.introductions.select_related("person")[:40]:
        rows.append([intro.why or _("Team"), str(intro.person), intro.person.email or ""])
    story.append(
        _table(
            [[p(c) for c in r] if i else r for i, r in enumerate(rows)], [4 * cm, 5 * cm, 8 * cm]
        )
    )

    places = journey.tasks.filter(topic=ChecklistTopic.PLACES)
    story.append(Paragraph(escape(_("Places")), h2))
    sites = journey.organisation.sites.all()
    for site in sites:
        story.append(p(f"{site.name} — {site.address}"))
    for task in places:
        story.append(p(f"• {task.title}"))
    if not sites and not places:
        story.append(p(_("Your tutor will show you around on day one.")))

    story.append(Paragraph(escape(_("Your welcome kit")), h2))
    kit_rows = [[_("Item"), _("Provided by"), _("Ready")]]
    for item in journey.kit_checks.select_related("provider"):
        kit_rows.append(
            [
                item.label,
                str(item.provider or item.get_provider_role_display()),
                _("yes") if item.is_ready else _("on day one"),
            ]
        )
    story.append(
        _table(
            [[p(c) for c in r] if i else r for i, r in enumerate(kit_rows)],
            [7 * cm, 6 * cm, 4 * cm],
        )
    )

    story.append(Paragraph(escape(_("Your first weeks")), h2))
    end = journey.start_date + datetime.timedelta(days=FIRST_WEEKS_DAYS)
    schedule = [[_("Date"), _("What"), _("With")]]
    for task in journey.tasks.filter(
        due_date__gte=journey.start_date, due_date__lte=end
    ).select_related("owner"):
        schedule.append(
            [
                task.due_date.strftime("%d/%m"),
                task.title,
                str(task.owner or task.get_owner_role_display()),
            ]
        )
    for session in journey.shadowing_sessions.filter(date__lte=end).select_related("colleague"):
        schedule.append(
            [
                session.date.strftime("%d/%m"),
                _("Job shadowing: %(topic)s") % {"topic": session.topic},
                str(session.colleague),
            ]
        )
    if journey.first_lunch_on:
        schedule.append(
            [
                journey.first_lunch_on.strftime("%d/%m"),
                _("First lunch with colleagues")
                + (f" — {journey.first_lunch_place}" if journey.first_lunch_place else ""),
                "",
            ]
        )
    schedule[1:] = sorted(schedule[1:], key=lambda r: r[0][3:] + r[0][:2])
    story.append(
        _table(
            [[p(c) for c in r] if i else r for i, r in enumerate(schedule)],
            [2.5 * cm, 10 * cm, 4.5 * cm],
        )
    )

    supports = list(version.supports.all())
    if supports:
        story.append(Paragraph(escape(_("To read and watch")), h2))
        for support in supports:
            story.append(p(f"• {support.title} ({support.get_kind_display()}) {support.url}"))
    doc.build(story)
    return buffer.getvalue()
