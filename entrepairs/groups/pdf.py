"""PDF documents (reportlab): the attendance sheet of a session with each member's signature per
half-day, the attendance certificate and the certificate of completion (certificat de réalisation)
of a member over a period (periods.py). The quote and contract are in the contracts app, built with
the helpers here. They carry names, dates, times and counts only — never what was said in the
group. Dates, hours and numbers are written in the reader's language ("1 mai 2027", "3,5 heures")."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from reportlab.lib.units import cm
from reportlab.platypus import Image, Spacer, Table

from entrepairs.core.documents import build, long_date, paragraph, response, table
from entrepairs.core.french import clock as french_clock
from entrepairs.core.french import labelled

from .certificates import check_certificate
from .models import Attendance, AttendanceSignature, Session
from .periods import Period
from .signatures import half_days

# Callers use pdf.response (and tests pdf.build…): the helpers live in core.documents.
__all__ = ["build", "long_date", "paragraph", "response", "table"]


def clock(moment: datetime) -> str:
    """ "14 h 00" in French (core.french.clock, the one home of times in sentences)."""
    return french_clock(moment)


def hours_text(hours: float) -> str:
    """3.5 → "3,5" in French; whole hours without decimals."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return number_format(text, use_l10n=True)


def _plural_count(value: float) -> int:
    """The number gettext chooses the plural by: a fraction counts its whole part in French
    ("1,5 heure", "0,5 heure"), and is plural in English ("1.5 hours")."""
    if value == int(value):
        return int(value)
    return int(value) if (get_language() or "").startswith("fr") else 2


def sessions_count(n: int) -> str:
    """ "0 séance", "1 séance", "2 séances" (zero is singular in French)."""
    return ngettext("%(n)s session", "%(n)s sessions", n) % {"n": n}


def hours_count(hours: float) -> str:
    """ "0 heure", "1,5 heure", "3 heures"."""
    return ngettext("%(n)s hour", "%(n)s hours", _plural_count(hours)) % {"n": hours_text(hours)}


def party_of(organisation: Any) -> dict[str, Any]:
    """An organisation's legal identity as documents print it (contracts freezes the same on an
    invoice at issue: contracts.identity.party)."""
    return {
        "name": organisation.name,
        "address": getattr(organisation, "address", ""),
        "siret": getattr(organisation, "siret", ""),
        "vat_number": getattr(organisation, "vat_number", ""),
        "nda": getattr(organisation, "training_declaration_number", ""),
        "certification": getattr(organisation, "certification", ""),
    }


def identity_lines(org: Any, *, training: bool = False) -> list[Any]:
    """The organisation's legal identity, as far as it is known: name, address, SIRET, VAT
    number; for the training body its declaration number (NDA) and certification."""
    data = org if isinstance(org, dict) else party_of(org)
    flow = [paragraph(data["name"])]
    if data.get("address"):
        flow.append(paragraph(" — ".join(data["address"].splitlines())))
    if data.get("siret"):
        flow.append(paragraph(labelled(_("SIRET"), data["siret"])))
    if data.get("vat_number"):
        flow.append(paragraph(labelled(_("VAT number"), data["vat_number"])))
    if training and data.get("nda"):
        flow.append(
            paragraph(
                _(
                    "Training declaration number %(nda)s (this registration does not amount to "
                    "the State's approval)."
                )
                % {"nda": data["nda"]}
            )
        )
    if training and data.get("certification"):
        flow.append(paragraph(data["certification"]))
    return flow


def training_body(group: Any, period: Period | None = None) -> Any:
    """Who runs the group as a training body, and so issues its certificates: the provider of
    the group's signed contract (the one signed last that was in force during `period`, else the
    last signed), or the group's own organisation when no contract names another — never the
    client (outside test: the certificate named the client as issuer)."""
    contracts = group.contracts.filter(status__in=["signed", "ended"]).select_related("provider")
    if period is not None:
        within = contracts.filter(signed_at__date__lte=period.end).order_by("-signed_at").first()
        if within is not None:
            return within.provider
    latest = contracts.order_by("-signed_at").first()
    return latest.provider if latest is not None else group.organisation


def _issuer_lines(group: Any, period: Period | None = None) -> list[Any]:
    return [
        paragraph(labelled(_("Training body"), "").rstrip()),
        *identity_lines(training_body(group, period), training=True),
        Spacer(1, 0.4 * cm),
    ]


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
        *_issuer_lines(group, Period(start.date(), start.date())),
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


def _signed(row: Attendance) -> tuple[int, int]:
    """The half-days a row's member signed, and the half-days its session covers."""
    return len(row.signatures.all()), len(half_days(row.session))


def attendance_wording(row: Attendance) -> str:
    """What a document says of one session's attendance: it follows the signed sheet (French
    training-body practice: attendance is proven by a signature per half-day), so a presence
    nobody signed is "declared, not signed", never a bare « Présent·e »."""
    if row.status != Attendance.Status.PRESENT:
        return str(dict(Attendance.Status.choices)[row.status])
    signed, expected = _signed(row)
    if signed >= expected:
        return _("Present, signed")
    if signed == 0:
        return _("Presence declared, sheet not signed")
    return ngettext(
        "Present, %(signed)s of %(expected)s half-days signed",
        "Present, %(signed)s of %(expected)s half-days signed",
        signed,
    ) % {
        "signed": signed,
        "expected": expected,
    }


def _dates_table(rows: list[Attendance]) -> Table:
    dates: list[list[Any]] = [[_("Date"), _("Duration"), _("Attendance"), _("Half-days signed")]]
    for r in rows:
        dates.append(
            [
                long_date(r.session.starts_at),
                _("%(hours)s h") % {"hours": hours_text(r.session.duration.total_seconds() / 3600)},
                attendance_wording(r),
                str(len(r.signatures.all())),
            ]
        )
    return table(dates, [4.5 * cm, 3 * cm, 5 * cm, 3 * cm])


def certificate(member: Any, period: Period) -> bytes:
    """The attendance certificate of a member over a period (calendar, programme or contract
    year, or explicit dates); refused over a period with nothing held
    (`certificates.check_certificate`). Its wording follows the attendance: the sessions
    attended and the half-days signed; a member who attended none gets a statement of
    attendance saying so (their absences, which a funder may ask for), never a certificate of
    presence."""
    check_certificate(member, period, completion=False)
    group = member.group
    rows, held = _attendance_over(member, period)
    present = [r for r in rows if r.status == Attendance.Status.PRESENT]
    excused = [r for r in rows if r.status == Attendance.Status.EXCUSED]
    values = {
        "facilitator": _facilitators(group),
        "kind": group.get_kind_display().lower(),
        "group": group.name,
        "name": member.person,
        "org": member.person.organisation,
        "present": sessions_count(len(present)),
        "held": ngettext("%(n)s held", "%(n)s held", held) % {"n": held},
        "period": period.label,
        "excused": ngettext("%(n)s excused absence", "%(n)s excused absences", len(excused))
        % {"n": len(excused)},
        "hours": hours_count(_hours(present)),
    }
    if present:
        title = _("Attendance certificate")
        sentence = _(
            "I, the undersigned %(facilitator)s, facilitator of the %(kind)s “%(group)s”, "
            "certify that %(name)s (%(org)s) attended %(present)s out of %(held)s over "
            "%(period)s (%(excused)s), %(hours)s in all."
        )
        signed = sum(min(_signed(r)) for r in present)
        expected = sum(_signed(r)[1] for r in present)
        proof = _("Half-days signed on the attendance sheet: %(signed)s out of %(n)s.") % {
            "signed": signed,
            "n": expected,
        }
    else:
        title = _("Attendance statement")
        sentence = _(
            "I, the undersigned %(facilitator)s, facilitator of the %(kind)s “%(group)s”, "
            "state that %(name)s (%(org)s) attended none of the sessions held over %(period)s "
            "(sessions held: %(held)s; %(excused)s)."
        )
        values["held"] = str(held)
        proof = ""
    flow = [
        *_issuer_lines(group, period),
        paragraph(sentence % values),
        *([paragraph(proof)] if proof else []),
        Spacer(1, 0.5 * cm),
        _dates_table(rows),
        Spacer(1, 1 * cm),
        paragraph(_("Issued on %(date)s.") % {"date": long_date(timezone.localdate())}),
        paragraph(labelled(_("Facilitator"), _facilitators(group))),
    ]
    return build(title, flow)


def completion_certificate(member: Any, period: Period) -> bytes:
    """The certificat de réalisation of one participant (DECISIONS.md, French training-body
    practice, Code du travail L6353-1): who, which action, when, how long, attended hours; refused
    when the member attended nothing over the period (`certificates.check_certificate`)."""
    check_certificate(member, period, completion=True)
    group = member.group
    provider = training_body(group, period)
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
        *_issuer_lines(group, period),
        paragraph(
            _(
                "I, the undersigned %(signatory)s, representing the provider %(provider)s, "
                "certify that %(name)s, employee of %(employer)s, followed the action "
                "“%(group)s” (%(kind)s)."
            )
            % {
                "signatory": _facilitators(group),
                "provider": provider.name,
                "name": member.person,
                "employer": member.person.organisation,
                "group": group.name,
                "kind": group.get_kind_display().lower(),
            }
        ),
        paragraph(_("Nature of the action: training action (article L6313-1 of the Labour Code).")),
        paragraph(
            _("The action took place from %(first)s to %(last)s: %(sessions)s, %(hours)s.")
            % {
                "first": first,
                "last": last,
                "sessions": sessions_count(held),
                "hours": hours_count(planned_hours),
            }
        ),
        paragraph(
            _("Attendance of the participant: %(present)s out of %(hours)s (%(sessions)s).")
            % {
                "present": hours_count(_hours(present)),
                "hours": hours_count(planned_hours),
                "sessions": sessions_count(len(present)),
            }
        ),
    ]
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
