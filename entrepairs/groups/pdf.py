"""PDF documents (reportlab): the attendance sheet of a session with each member's signature per
half-day, the attendance certificate and the certificate of completion (certificat de réalisation)
of a member over a period (periods.py). The quote and contract are in the contracts app, built with
the helpers here. They carry names, dates, times and counts only — never what was said in the
group. Dates, hours and numbers are written in the reader's language ("1 mai 2027", "3,5 heures")."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format, number_format, time_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Attendance, AttendanceSignature, Session
from .periods import Period
from .signatures import half_days

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


def long_date(moment: Any) -> str:
    """ "1 mai 2027" in French, "1 May 2027" in English."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment)
    return date_format(moment, "j F Y")


def clock(moment: datetime) -> str:
    return time_format(timezone.localtime(moment), "H:i")


def hours_text(hours: float) -> str:
    """3.5 → "3,5" in French; whole hours without decimals."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return number_format(text, use_l10n=True)


def labelled(label: Any, value: Any) -> str:
    """ "Lieu : Siège" in French (a space before the colon), "Place: Siège" in English."""
    return _("%(label)s: %(value)s") % {"label": label, "value": value}


def _facilitators(group: Any) -> str:
    return ", ".join(str(p) for p in group.facilitators.all())


def _signature_cell(signature: AttendanceSignature | None, status: str) -> Any:
    """A drawn signature as its picture, a typed one as the name, with the time and the device."""
    if signature is None:
        return paragraph(status)
    how = (
        _("own device")
        if signature.method == AttendanceSignature.Method.OWN_DEVICE
        else _("facilitator's device")
    )
    caption = paragraph(
        _("signed on %(date)s at %(time)s (%(how)s)")
        % {"date": long_date(signature.signed_at), "time": clock(signature.signed_at), "how": how}
    )
    if signature.is_drawn:
        picture = Image(BytesIO(bytes(signature.drawing)), width=3.3 * cm, height=1.1 * cm)
        return [picture, caption]
    return [paragraph(f"« {signature.typed_name} »"), caption]


def attendance_sheet(session: Session) -> bytes:
    """The sheet of one session: a column per half-day (DECISIONS.md: signed per half-day)."""
    group = session.group
    status = dict(Attendance.Status.choices)
    marks = {a.member_id: a for a in session.attendance.all()}
    slots = half_days(session)
    signatures = {
        (s.attendance.member_id, s.day, s.half_day): s
        for s in AttendanceSignature.objects.filter(attendance__session=session).select_related(
            "attendance"
        )
    }
    header: list[Any] = [_("Participant"), _("Organisation"), _("Attendance")]
    header += [paragraph(slot.label) for slot in slots]
    rows: list[list[Any]] = [header]
    for member in group.members.exclude(status="left").select_related("person__organisation"):
        mark = marks.get(member.pk)
        label = str(status.get(mark.status, "")) if mark else ""
        row: list[Any] = [paragraph(member.person), paragraph(member.person.organisation), label]
        for slot in slots:
            row.append(_signature_cell(signatures.get((member.pk, slot.day, slot.half_day)), "—"))
        rows.append(row)
    free = 17 * cm - 10.5 * cm
    widths = [4.5 * cm, 3.5 * cm, 2.5 * cm] + [max(free / max(len(slots), 1), 3.5 * cm)] * len(
        slots
    )
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    when = (
        f"{long_date(start)}, {clock(start)}–{clock(end)}"
        if start.date() == end.date()
        else f"{long_date(start)} {clock(start)} – {long_date(end)} {clock(end)}"
    )
    flow = [
        paragraph(labelled(_("Group"), f"{group.name} ({group.get_kind_display()})")),
        paragraph(labelled(_("Session"), when)),
        paragraph(labelled(_("Place"), session.place)),
        paragraph(labelled(_("Facilitator"), _facilitators(group))),
        Spacer(1, 0.5 * cm),
        table(rows, widths),
        Spacer(1, 0.6 * cm),
        paragraph(
            _(
                "Each signature was recorded electronically with its time, the device used and "
                "the address it came from."
            )
        ),
        Spacer(1, 0.6 * cm),
        paragraph(labelled(_("Signature of the facilitator"), _facilitators(group))),
    ]
    return build(_("Attendance sheet"), flow)


def _attendance_over(member: Any, period: Period) -> tuple[list[Attendance], int]:
    rows = list(
        Attendance.objects.filter(
            member=member,
            session__starts_at__date__gte=period.start,
            session__starts_at__date__lte=period.end,
            session__status=Session.Status.HELD,
        )
        .select_related("session")
        .prefetch_related("signatures")
        .order_by("session__starts_at")
    )
    held = member.group.sessions.filter(
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
        status=Session.Status.HELD,
    ).count()
    return rows, held


def _hours(rows: list[Attendance]) -> float:
    return sum((r.session.duration.total_seconds() for r in rows), 0.0) / 3600


def _dates_table(rows: list[Attendance]) -> Table:
    labels = dict(Attendance.Status.choices)
    dates: list[list[Any]] = [[_("Date"), _("Duration"), _("Attendance"), _("Half-days signed")]]
    for r in rows:
        dates.append(
            [
                long_date(r.session.starts_at),
                _("%(hours)s h") % {"hours": hours_text(r.session.duration.total_seconds() / 3600)},
                str(labels[r.status]),
                str(len(r.signatures.all())),
            ]
        )
    return table(dates, [4.5 * cm, 3 * cm, 4 * cm, 4 * cm])


def certificate(member: Any, period: Period) -> bytes:
    """The attendance certificate of a member over a period (calendar, programme or contract
    year, or explicit dates)."""
    group = member.group
    rows, held = _attendance_over(member, period)
    present = [r for r in rows if r.status == Attendance.Status.PRESENT]
    excused = [r for r in rows if r.status == Attendance.Status.EXCUSED]
    flow = [
        paragraph(
            _(
                "I, the undersigned %(facilitator)s, facilitator of the %(kind)s “%(group)s”, "
                "certify that %(name)s (%(org)s) attended %(present)s of the %(held)s sessions held "
                "over %(period)s (%(excused)s excused absences), %(hours)s hours in all."
            )
            % {
                "facilitator": _facilitators(group),
                "kind": group.get_kind_display().lower(),
                "group": group.name,
                "name": member.person,
                "org": member.person.organisation,
                "present": len(present),
                "held": held,
                "period": period.label,
                "excused": len(excused),
                "hours": hours_text(_hours(present)),
            }
        ),
        Spacer(1, 0.5 * cm),
        _dates_table(rows),
        Spacer(1, 1 * cm),
        paragraph(_("Issued on %(date)s.") % {"date": long_date(timezone.localdate())}),
        paragraph(labelled(_("Facilitator"), _facilitators(group))),
    ]
    return build(_("Attendance certificate"), flow)


def _declaration_number(organisation: Any) -> str:
    """The provider's declaration number (NDA) where the organisation records one."""
    for name in ("nda", "nda_number", "declaration_number", "training_declaration_number"):
        value = getattr(organisation, name, "")
        if value:
            return str(value)
    return ""


def completion_certificate(member: Any, period: Period) -> bytes:
    """The certificat de réalisation of one participant (DECISIONS.md, French training-body
    practice, Code du travail L6353-1): who, which action, when, how long, attended hours."""
    group = member.group
    provider = group.organisation
    rows, held = _attendance_over(member, period)
    present = [r for r in rows if r.status == Attendance.Status.PRESENT]
    sessions = list(
        group.sessions.filter(
            starts_at__date__gte=period.start,
            starts_at__date__lte=period.end,
            status=Session.Status.HELD,
        ).order_by("starts_at")
    )
    planned_hours = sum((s.duration.total_seconds() for s in sessions), 0.0) / 3600
    first = long_date(sessions[0].starts_at) if sessions else long_date(period.start)
    last = long_date(sessions[-1].ends_at) if sessions else long_date(period.end)
    flow: list[Any] = [
        paragraph(
            _(
                "I, the undersigned %(signatory)s, representing the provider %(provider)s, "
                "certify that %(name)s, employee of %(employer)s, followed the action "
                "“%(group)s” (%(kind)s)."
            )
            % {
                "signatory": _facilitators(group),
                "provider": provider,
                "name": member.person,
                "employer": member.person.organisation,
                "group": group.name,
                "kind": group.get_kind_display().lower(),
            }
        ),
        paragraph(_("Nature of the action: training action (article L6313-1 of the Labour Code).")),
        paragraph(
            _(
                "The action took place from %(first)s to %(last)s: %(held)s sessions, "
                "%(hours)s hours."
            )
            % {"first": first, "last": last, "held": held, "hours": hours_text(planned_hours)}
        ),
        paragraph(
            _("Attendance of the participant: %(present)s hours out of %(hours)s (%(n)s sessions).")
            % {
                "present": hours_text(_hours(present)),
                "hours": hours_text(planned_hours),
                "n": len(present),
            }
        ),
    ]
    number = _declaration_number(provider)
    if number:
        flow.append(
            paragraph(_("Declaration of activity number: %(number)s.") % {"number": number})
        )
    flow += [
        Spacer(1, 0.5 * cm),
        _dates_table(rows),
        Spacer(1, 1 * cm),
        paragraph(
            _(
                "The provider keeps the supporting documents (signed attendance sheets) at the "
                "disposal of the funders."
            )
        ),
        paragraph(_("Issued on %(date)s.") % {"date": long_date(timezone.localdate())}),
        paragraph(labelled(_("Signature of the provider"), _facilitators(group))),
    ]
    return build(_("Certificate of completion"), flow)
