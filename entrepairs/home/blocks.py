"""What each role has to do today, as blocks that link to where the work is done.

Home only assembles: every block's rows come from the owning app's selectors, which hold the
access rules (never repeat one here). Each block runs a fixed number of queries (its first rows
and its count), so the page costs the same whatever the data size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entrepairs.casework import selectors as casework
from entrepairs.casework.selectors import proposals_waiting
from entrepairs.contracts.selectors import invoices_due
from entrepairs.core.french import clock, long_date
from entrepairs.core.health import platform_health
from entrepairs.core.link_access import NO_LONGER_OPEN, mark_openable
from entrepairs.core.notifications import inbox
from entrepairs.groups import selectors as groups
from entrepairs.mentoring import selectors as mentoring
from entrepairs.onboarding import dashboard as onboarding
from entrepairs.onboarding import selectors as onboarding_selectors
from entrepairs.organisations.models import Role
from entrepairs.organisations.selectors import organisations_visible_to, role_requests_waiting_for
from entrepairs.organisations.viewer import Viewer, viewer_for

# Rows shown per block; the count says how many there are in all.
ROWS = 5


@dataclass
class Line:
    text: str
    detail: str = ""
    link: str = ""
    # A notification whose action was done (core.notifications.resolve): greyed, « Traité ».
    done: bool = False


@dataclass
class Block:
    key: str
    title: str
    count: int
    lines: list[Line]
    link: str
    link_text: str
    empty: str
    # A next step for the first line ("bring a situation"), when there is one.
    action: Line | None = None


@dataclass
class Section:
    role: str
    title: str
    blocks: list[Block] = field(default_factory=list)


def _when(moment: datetime) -> str:
    """ "mardi 8 décembre 2026, 14 h 00" (dates and times in the reader's language, core.french)."""
    local = timezone.localtime(moment)
    return _("%(day)s, %(time)s") % {
        "day": long_date(local, "l j F Y"),
        "time": clock(local),
    }


def _rows(queryset: Any) -> tuple[list[Any], int]:
    """The first rows and the number in all: two queries, whatever the size."""
    return list(queryset[:ROWS]), queryset.count()


# --- member and facilitator (groups) ---------------------------------------------------------


def member_blocks(user: Any) -> list[Block]:
    sessions, count = _rows(groups.next_sessions_as_member(user))
    action = None
    if sessions:
        action = Line(
            _("Prepare: bring a situation to work on"),
            link=reverse("groups:situation_new", args=[sessions[0].pk]),
        )
    return [
        Block(
            key="member.next_sessions",
            title=_("My next group sessions"),
            count=count,
            lines=[
                Line(
                    s.group.name,
                    " · ".join(p for p in (_when(s.starts_at), s.place) if p),
                    reverse("groups:session", args=[s.pk]),
                )
                for s in sessions
            ],
            link=reverse("groups:list"),
            link_text=_("See my groups"),
            empty=_("No session planned in your groups."),
            action=action,
        )
    ]


def facilitator_blocks(user: Any) -> list[Block]:
    ahead, ahead_count = _rows(groups.sessions_to_run(user))
    due, due_count = _rows(groups.attendance_to_record(user))
    return [
        Block(
            key="facilitator.sessions_to_run",
            title=_("Sessions to run"),
            count=ahead_count,
            lines=[
                Line(s.group.name, _when(s.starts_at), reverse("groups:session", args=[s.pk]))
                for s in ahead
            ],
            link=reverse("groups:dashboard"),
            link_text=_("Open my facilitator dashboard"),
            empty=_("No session planned."),
        ),
        Block(
            key="facilitator.attendance_to_record",
            title=_("Attendance left to record"),
            count=due_count,
            lines=[
                Line(s.group.name, _when(s.starts_at), reverse("groups:attendance", args=[s.pk]))
                for s in due
            ],
            link=reverse("groups:dashboard"),
            link_text=_("Open my facilitator dashboard"),
            empty=_("Every attendance is recorded."),
        ),
    ]


# --- coordinator ------------------------------------------------------------------------------


def coordinator_blocks(user: Any, viewer: Viewer) -> list[Block]:
    today = timezone.localdate()
    late, late_count = _rows(onboarding.late_tasks_for(viewer))
    kits, kits_count = _rows(onboarding.kits_not_ready_for(viewer))
    proposals, proposals_count = _rows(proposals_waiting(viewer))
    waiting, waiting_count = _rows(mentoring.youths_without_mentor(user))
    small, small_count = _rows(groups.groups_below_size(user))
    invoices, invoices_count = _rows(invoices_due(user, today))
    journey = "onboarding:journey"
    return [
        Block(
            key="coordinator.late_journey_tasks",
            title=_("Late onboarding tasks"),
            count=late_count,
            lines=[
                Line(
                    _("%(task)s — %(newcomer)s")
                    % {"task": t.title, "newcomer": t.journey.newcomer},
                    _("due on %(date)s") % {"date": long_date(t.due_date)},
                    reverse(journey, args=[t.journey_id]),
                )
                for t in late
            ],
            link=reverse("onboarding:dashboard"),
            link_text=_("Open the onboarding dashboard"),
            empty=_("No onboarding task is late."),
        ),
        Block(
            key="coordinator.kits_not_ready",
            title=_("Welcome kits not ready"),
            count=kits_count,
            lines=[
                Line(
                    str(j.newcomer),
                    ngettext(
                        "%(count)s item not ready · day one on %(date)s",
                        "%(count)s items not ready · day one on %(date)s",
                        j.unready,
                    )
                    % {"count": j.unready, "date": long_date(j.start_date)},
                    reverse(journey, args=[j.pk]),
                )
                for j in kits
            ],
            link=reverse("onboarding:dashboard"),
            link_text=_("Open the onboarding dashboard"),
            empty=_("Every welcome kit is ready."),
        ),
        Block(
            key="coordinator.composition_proposals",
            title=_("Core team composition proposals to decide"),
            count=proposals_count,
            lines=[
                Line(
                    str(p.core_team),
                    _("proposed on %(date)s") % {"date": long_date(p.created_at)},
                    reverse("casework:proposal", args=[p.pk]),
                )
                for p in proposals
            ],
            link=reverse("casework:home"),
            link_text=_("Open casework"),
            empty=_("No proposal waits for a decision."),
        ),
        Block(
            key="coordinator.youths_without_mentor",
            title=_("Youths waiting for a mentor"),
            count=waiting_count,
            lines=[
                Line(
                    str(y.person),
                    _("waiting since %(date)s") % {"date": long_date(y.enrolled_on)},
                    reverse("mentoring:youth", args=[y.pk]),
                )
                for y in waiting
            ],
            link=reverse("mentoring:youths"),
            link_text=_("See the youths"),
            empty=_("Every youth has a mentor."),
        ),
        Block(
            key="coordinator.groups_below_size",
            title=_("Groups below their minimum size"),
            count=small_count,
            lines=[
                Line(
                    g.name,
                    ngettext(
                        "%(count)s member, %(minimum)s at least",
                        "%(count)s members, %(minimum)s at least",
                        g.active_count,
                    )
                    % {"count": g.active_count, "minimum": g.size_limits[0]},
                    reverse("groups:detail", args=[g.pk]),
                )
                for g in small
            ],
            link=reverse("groups:list"),
            link_text=_("See the groups"),
            empty=_("Every group has enough members."),
        ),
        Block(
            key="coordinator.invoices_due",
            title=_("Invoices due within 30 days"),
            count=invoices_count,
            lines=[
                Line(
                    _("Invoice %(number)s") % {"number": i.number},
                    _("payment due on %(date)s") % {"date": long_date(i.due_on)},
                    reverse("contracts:detail", args=[i.contract_id]),
                )
                for i in invoices
            ],
            link=reverse("contracts:list"),
            link_text=_("See the contracts"),
            empty=_("No invoice falls due within 30 days."),
        ),
    ]


# --- manager ----------------------------------------------------------------------------------


def manager_blocks(user: Any, viewer: Viewer) -> list[Block]:
    staff, staff_count = _rows(groups.staff_attendance(user))
    newcomers, newcomers_count = _rows(onboarding.manager_journeys(viewer))
    return [
        Block(
            key="manager.staff_attendance",
            title=_("My staff's attendance at group sessions"),
            count=staff_count,
            lines=[
                Line(
                    str(p),
                    _("present: %(present)s · excused: %(excused)s · absent: %(absent)s")
                    % {"present": p.present, "excused": p.excused, "absent": p.absent},
                    reverse("groups:staff"),
                )
                for p in staff
            ],
            link=reverse("groups:staff"),
            link_text=_("See my staff's sessions"),
            empty=_("None of your staff belongs to a group."),
        ),
        Block(
            key="manager.newcomers",
            title=_("My newcomers"),
            count=newcomers_count,
            lines=[
                Line(
                    str(j.newcomer),
                    ngettext(
                        "day one on %(date)s · %(count)s late task",
                        "day one on %(date)s · %(count)s late tasks",
                        j.late,
                    )
                    % {"date": long_date(j.start_date), "count": j.late},
                    reverse("onboarding:journey", args=[j.pk]),
                )
                for j in newcomers
            ],
            link=reverse("onboarding:dashboard"),
            link_text=_("Open onboarding"),
            empty=_("No newcomer in your team."),
        ),
    ]


# --- case worker ------------------------------------------------------------------------------


def case_worker_blocks(user: Any) -> list[Block]:
    since = timezone.localdate() - timedelta(days=30)
    youths, youths_count = _rows(mentoring.caseload_of(user))
    changes, changes_count = _rows(mentoring.caseload_changes(user, since))
    return [
        Block(
            key="case_worker.youths",
            title=_("My youths"),
            count=youths_count,
            lines=[
                Line(str(y.person), y.get_status_display(), reverse("mentoring:youth", args=[y.pk]))
                for y in youths
            ],
            link=reverse("mentoring:youths"),
            link_text=_("See all my youths"),
            empty=_("No youth in your caseload."),
        ),
        Block(
            key="case_worker.changes",
            title=_("What changed in the last 30 days"),
            count=changes_count,
            lines=[
                Line(
                    _("%(change)s — %(youth)s")
                    % {"change": c.get_kind_display(), "youth": c.youth.person},
                    long_date(c.happened_on),
                    reverse("mentoring:youth", args=[c.youth_id]),
                )
                for c in changes
            ],
            link=reverse("mentoring:youths"),
            link_text=_("See all my youths"),
            empty=_("Nothing changed for your youths."),
        ),
    ]


# --- core-team member (casework) ---------------------------------------------------------------


def core_team_blocks(own: Any) -> list[Block]:
    """A guardian's casework: their cases, the decisions they prepare, the safety checks to do on
    their cases, the cases they cover during a colleague's leave (casework.selectors)."""
    today = timezone.localdate()
    cases, cases_count = _rows(own.cases)
    decisions, decisions_count = _rows(own.decisions)
    checks, checks_count = _rows(own.checks)
    covered, covered_count = _rows(own.covered)

    def case_line(case: Any) -> Line:
        return Line(
            str(case.child), case.get_status_display(), reverse("casework:case", args=[case.pk])
        )

    def check_detail(check: Any) -> str:
        if check.due_on < today:
            return _("Late — due on %(date)s") % {"date": long_date(check.due_on)}
        return _("Due on %(date)s") % {"date": long_date(check.due_on)}

    home = reverse("casework:home")
    return [
        Block(
            key="core_team.cases",
            title=_("My cases"),
            count=cases_count,
            lines=[case_line(c) for c in cases],
            link=home,
            link_text=_("See my core teams"),
            empty=_("You are the guardian of no open case."),
        ),
        Block(
            key="core_team.decisions",
            title=_("Decisions to prepare"),
            count=decisions_count,
            lines=[
                Line(
                    d.title,
                    str(d.case.child),
                    reverse("casework:decision", args=[d.pk]),
                )
                for d in decisions
            ],
            link=home,
            link_text=_("See my core teams"),
            empty=_("No decision to prepare."),
        ),
        Block(
            key="core_team.checks",
            title=_("Safety checks to do"),
            count=checks_count,
            lines=[
                Line(
                    str(c.case.child),
                    check_detail(c),
                    reverse("casework:safety_check", args=[c.pk]),
                )
                for c in checks
            ],
            link=home,
            link_text=_("See my core teams"),
            empty=_("No safety check to do on your cases."),
        ),
        Block(
            key="core_team.covered",
            title=_("Cases I cover during a leave"),
            count=covered_count,
            lines=[case_line(c) for c in covered],
            link=home,
            link_text=_("See my core teams"),
            empty=_("You cover no colleague's case today."),
        ),
    ]


# --- newcomer ---------------------------------------------------------------------------------


def newcomer_blocks(viewer: Viewer) -> list[Block]:
    journey = onboarding_selectors.own_journey(viewer)
    tasks, tasks_count = _rows(
        onboarding_selectors.owned_tasks(viewer).filter(done_at=None).order_by("due_date")
    )
    lines = []
    if journey is not None:
        step = onboarding_selectors.next_task(journey)
        if step is not None:
            # What to do today comes first: the next task, its day and the page that tells it
            # (outside test F26: the block showed the phase and the tutor, never the next step).
            late = step.due_date < timezone.localdate()
            lines.append(
                Line(
                    _("Next step: %(task)s") % {"task": step.title},
                    (_("overdue since %(date)s") if late else _("due on %(date)s"))
                    % {"date": long_date(step.due_date)},
                    reverse("onboarding:my_journey") + "#h-next",
                )
            )
        lines.append(
            Line(
                _("Phase: %(phase)s") % {"phase": journey.get_phase_display()},
                _("day one on %(date)s") % {"date": long_date(journey.start_date)},
                reverse("onboarding:my_journey"),
            )
        )
        if journey.tutor_id:
            lines.append(Line(_("My tutor: %(name)s") % {"name": journey.tutor}))
    lines += [
        Line(
            t.title,
            _("due on %(date)s") % {"date": long_date(t.due_date)},
            reverse("onboarding:my_tasks"),
        )
        for t in tasks
    ]
    return [
        Block(
            key="newcomer.journey",
            title=_("My onboarding journey"),
            count=tasks_count,
            lines=lines,
            link=reverse("onboarding:my_journey"),
            link_text=_("Open my journey"),
            empty=_("Your journey has not started yet."),
        )
    ]


# --- expert and auditor (casework) ------------------------------------------------------------


def expert_blocks(user: Any) -> list[Block]:
    """The decisions submitted to the expert that still wait for their advice: each opens the
    decision, where the advice is recorded (casework.selectors.expert_requests)."""
    waiting, count = _rows(casework.expert_requests(user).filter(advised_at__isnull=True))
    return [
        Block(
            key="expert.advice_waiting",
            title=_("Decisions waiting for your advice"),
            count=count,
            lines=[
                Line(
                    r.decision.title,
                    _("%(type)s · asked on %(date)s")
                    % {"type": r.decision.decision_type, "date": long_date(r.created_at)},
                    reverse("casework:decision", args=[r.decision_id]),
                )
                for r in waiting
            ],
            link=reverse("casework:expert_inbox"),
            link_text=_("See every advice request"),
            empty=_("No decision waits for your advice."),
        )
    ]


def auditor_blocks(audits: list[Any], count: int) -> list[Block]:
    """The audits the viewer conducts and that are not over: the sampled cases are read from the
    audit's page, until its last day (casework.selectors.audits_to_conduct)."""
    today = timezone.localdate()

    def detail(audit: Any) -> str:
        sampled = ngettext(
            "%(count)s sampled case", "%(count)s sampled cases", audit.sample_size
        ) % {"count": audit.sample_size}
        if audit.starts_on > today:
            when = _("starts on %(date)s") % {"date": long_date(audit.starts_on)}
        else:
            when = _("until %(date)s") % {"date": long_date(audit.ends_on)}
        return f"{audit.core_team} · {sampled} · {when}"

    return [
        Block(
            key="auditor.audits",
            title=_("Audits to conduct"),
            count=count,
            lines=[
                Line(a.title, detail(a), reverse("casework:audit", args=[a.pk])) for a in audits
            ],
            link=reverse("casework:home"),
            link_text=_("Open the core teams' page"),
            empty="",
        )
    ]


# --- platform administrator -------------------------------------------------------------------


def admin_blocks(user: Any) -> list[Block]:
    organisations, count = _rows(organisations_visible_to(user).order_by("-created_at"))
    health = platform_health()

    def state(ok: bool) -> str:
        return _("working") if ok else _("needs attention")

    worker = health["worker"]
    worker_detail = state(worker["ok"])
    if worker.get("last_heartbeat"):
        beat = datetime.fromisoformat(worker["last_heartbeat"])
        worker_detail = _("%(state)s · last sign of life %(when)s") % {
            "state": worker_detail,
            "when": _when(beat),
        }
    queue = health["queue"]
    jobs_detail = (
        _("%(waiting)d waiting · %(failed)d failed")
        % {"waiting": queue["depth"], "failed": queue["failed"]}
        if queue["ok"]
        else state(False)
    )
    return [
        Block(
            key="admin.organisations",
            title=_("Organisations"),
            count=count,
            lines=[
                Line(
                    o.name,
                    _("created on %(date)s") % {"date": long_date(o.created_at)},
                    reverse("organisations:detail", args=[o.pk]),
                )
                for o in organisations
            ],
            link=reverse("organisations:list"),
            link_text=_("See every organisation"),
            empty=_("No organisation yet."),
        ),
        Block(
            key="admin.health",
            title=_("Platform health"),
            count=sum(1 for part in ("database", "cache", "worker") if not health[part]["ok"]),
            lines=[
                Line(_("Database"), state(health["database"]["ok"])),
                Line(_("Cache"), state(health["cache"]["ok"])),
                Line(_("Background tasks"), worker_detail),
                Line(_("Waiting and failed jobs"), jobs_detail, reverse("jobs:list")),
            ],
            # The Django admin opens to active staff only (AdminSite.has_permission).
            link=reverse("admin:index") if may_open_admin(user) else "",
            link_text=_("Open the administration"),
            empty="",
        ),
    ]


def may_open_admin(user: Any) -> bool:
    """Whether the Django administration lets the user in: the home page links to it then only."""
    return bool(user.is_active and user.is_staff)


def staff_blocks(user: Any) -> list[Block]:
    """A staff account that is not the platform administrator: the way into the administration."""
    return [
        Block(
            key="staff.administration",
            title=_("Administration"),
            count=0,
            lines=[],
            link=reverse("admin:index"),
            link_text=_("Open the administration"),
            empty=_("Your account may open the platform's administration."),
        )
    ]


# --- everyone ---------------------------------------------------------------------------------


def _notification_detail(notification: Any) -> str:
    """Its date, and that its record may no longer be opened when so (core.link_access)."""
    day = long_date(notification.created_at)
    return f"{day} — {NO_LONGER_OPEN}" if notification.link_lost else day


def everyone_blocks(user: Any) -> list[Block]:
    unread = inbox(user).unread()
    latest = mark_openable(user, unread.order_by("-created_at")[:ROWS])
    blocks = [
        Block(
            key="everyone.notifications",
            title=_("Notifications"),
            count=unread.count(),
            lines=[
                Line(
                    n.headline,
                    _notification_detail(n),
                    reverse("notifications:open", args=[n.pk]) if n.link_open else "",
                    done=n.done_at is not None,
                )
                for n in latest
            ],
            link=reverse("notifications:list"),
            link_text=_("Open my notifications"),
            empty=_("Nothing new."),
        )
    ]
    requests = role_requests_waiting_for(user)
    if requests:
        blocks.append(
            Block(
                key="everyone.role_requests",
                title=_("Role requests"),
                count=requests,
                lines=[],
                link=reverse("organisations:role_requests"),
                link_text=_("Answer"),
                empty=ngettext(
                    "%(count)s request from another organisation waits for your answer.",
                    "%(count)s requests from other organisations wait for your answer.",
                    requests,
                )
                % {"count": requests},
            )
        )
    return blocks


def home_sections(user: Any) -> list[Section]:
    """The sections of the viewer's home page: one per role they hold, then what everyone sees."""
    viewer = viewer_for(user)
    held = set().union(*viewer.roles.values()) if viewer.roles else set()
    sections = []
    member = member_blocks(user)
    if Role.PROFESSIONAL in held or member[0].count:
        sections.append(Section("member", _("As a group member"), member))
    if Role.FACILITATOR in held:
        sections.append(Section("facilitator", _("As a facilitator"), facilitator_blocks(user)))
    if held & {Role.COORDINATOR, Role.ADMIN}:
        sections.append(
            Section("coordinator", _("As a coordinator"), coordinator_blocks(user, viewer))
        )
    if Role.MANAGER in held:
        sections.append(Section("manager", _("As a manager"), manager_blocks(user, viewer)))
    if Role.CASE_WORKER in held:
        sections.append(Section("case_worker", _("As a case worker"), case_worker_blocks(user)))
    own = casework.own_casework(viewer)
    if casework.has_own_casework(viewer, own):
        sections.append(
            Section("core_team", _("As a member of a core team"), core_team_blocks(own))
        )
    if Role.NEWCOMER in held:
        sections.append(Section("newcomer", _("As a newcomer"), newcomer_blocks(viewer)))
    if casework.may_see_expert_inbox(user):
        sections.append(Section("expert", _("As an expert"), expert_blocks(user)))
    audits, count = _rows(casework.audits_to_conduct(viewer))
    if count:
        sections.append(Section("auditor", _("As an auditor"), auditor_blocks(audits, count)))
    if viewer.is_platform_admin:
        sections.append(
            Section("platform_admin", _("As the platform administrator"), admin_blocks(user))
        )
    elif may_open_admin(user):
        sections.append(Section("staff", _("As a staff member"), staff_blocks(user)))
    sections.append(Section("everyone", _("For everyone"), everyone_blocks(user)))
    return sections
