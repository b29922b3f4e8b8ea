"""PDF documents (reportlab): attendance sheet and yearly attendance certificate (the quote and
contract are in the contracts app, built with the helpers here). They carry names, dates and counts only — never what was said in the group."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Attendance, Session

STYLES = getSampleStyleSheet()


def response(content: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp


def build(title: str, flow: list[Any]) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Entrepairs",
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        pageCompression=0,  # small documents; plain streams keep them searchable and testable
    )
    doc.build([Paragraph(title, STYLES["Title"]), Spacer(1, 0.4 * cm), *flow])
    return buffer.getvalue()


def paragraph(text: Any) -> Paragraph:
    return Paragraph(str(text).replace("&", "&amp;").replace("<", "&lt;"), STYLES["Normal"])


def table(rows: list[list[Any]], widths: list[float] | None = None) -> Table:
    grid = Table(rows, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
            ]
        )
    )
    return grid


def _facilitators(group: Any) -> str:
    return ", ".join(str(p) for p in group.facilitators.all())


def attendance_sheet(session: Session) -> bytes:
    group = session.group
    local = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    status = dict(Attendance.Status.choices)
    marks = {a.member_id: a.status for a in session.attendance.all()}
    rows: list[list[Any]] = [[_("Participant"), _("Organisation"), _("Attendance"), _("Signature")]]
    for member in group.members.exclude(status="left").select_related("person__organisation"):
        rows.append(
            [
                paragraph(member.person),
                paragraph(member.person.organisation),
                str(status.get(marks.get(member.pk, ""), "")),
                "",
            ]
        )
    flow = [
        paragraph(f"{_('Group')}: {group.name} ({group.get_kind_display()})"),
        paragraph(f"{_('Session')}: {local:%d/%m/%Y} {local:%H:%M}–{end:%H:%M}"),
        paragraph(f"{_('Place')}: {session.place}"),
        paragraph(f"{_('Facilitator')}: {_facilitators(group)}"),
        Spacer(1, 0.5 * cm),
        table(rows, [5.5 * cm, 4.5 * cm, 3 * cm, 4 * cm]),
        Spacer(1, 1 * cm),
        paragraph(f"{_('Signature of the facilitator')}: {_facilitators(group)}"),
    ]
    return build(_("Attendance sheet"), flow)


def certificate(member: Any, year: int) -> bytes:
    group = member.group
    rows = list(
        Attendance.objects.filter(
            member=member,
            session__starts_at__year=year,
            session__status=Session.Status.HELD,
        )
        .select_related("session")
        .order_by("session__starts_at")
    )
    held = group.sessions.filter(starts_at__year=year, status=Session.Status.HELD).count()
    present = [r for r in rows if r.status == Attendance.Status.PRESENT]
    excused = [r for r in rows if r.status == Attendance.Status.EXCUSED]
    hours = sum((r.session.duration.total_seconds() for r in present), 0.0) / 3600
    dates: list[list[Any]] = [[_("Date"), _("Duration"), _("Attendance")]]
    labels = dict(Attendance.Status.choices)
    for r in rows:
        dates.append(
            [
                f"{timezone.localtime(r.session.starts_at):%d/%m/%Y}",
                f"{r.session.duration.total_seconds() / 3600:.1f} h",
                str(labels[r.status]),
            ]
        )
    flow = [
        paragraph(
            _(
                "I, the undersigned %(facilitator)s, facilitator of the %(kind)s “%(group)s”, "
                "certify that %(name)s (%(org)s) attended %(present)s of the %(held)s sessions held "
                "in %(year)s (%(excused)s excused absences), %(hours).1f hours in all."
            )
            % {
                "facilitator": _facilitators(group),
                "kind": group.get_kind_display().lower(),
                "group": group.name,
                "name": member.person,
                "org": member.person.organisation,
                "present": len(present),
                "held": held,
                "year": year,
                "excused": len(excused),
                "hours": hours,
            }
        ),
        Spacer(1, 0.5 * cm),
        table(dates, [5 * cm, 4 * cm, 5 * cm]),
        Spacer(1, 1 * cm),
        paragraph(f"{_('Issued on')} {timezone.localdate():%d/%m/%Y}."),
        paragraph(f"{_('Facilitator')}: {_facilitators(group)}"),
    ]
    return build(_("Attendance certificate %(year)s") % {"year": year}, flow)
