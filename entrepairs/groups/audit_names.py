"""How the audit trail names groups' records (issue 15 §7, core.audit.register_names). A
situation or a session note is named by its session (group and date), never by its text."""

from typing import Any

from entrepairs.core import audit


def _member(member: Any) -> str:
    return f"{member.person} — {member.group}"


def _attendance(attendance: Any) -> str:
    return f"{attendance.member.person} — {attendance.get_status_display()}"


def register() -> None:
    from . import models as m

    names, find = audit.by_field(m.Group, "name")
    audit.register_names(m.Group, names, find=find)
    audit.register_names(m.Charter, audit.by_text(m.Charter, related=("group",)))
    audit.register_names(
        m.GroupMember, audit.by_text(m.GroupMember, _member, related=("person", "group"))
    )
    sessions = audit.by_text(m.Session, related=("group",))
    audit.register_names(m.Session, sessions)
    audit.register_names(
        m.Attendance, audit.by_text(m.Attendance, _attendance, related=("member__person",))
    )
    for confidential in (m.SessionNote, m.Situation):
        audit.register_names(confidential, audit.through(confidential, "session", sessions))
