"""Probes of attendance signatures (issue 13 §5) and the public newsletter sign-up (§6); world in
world_signatures.py. Signing is probed through the API (the page form posts the same service
call, and the matrix posts JSON, which a page form does not read)."""

from __future__ import annotations

from typing import Any

from .probes import A, Probe, _fixed, _o
from .world import Side

SIGN = A + "/groups/sessions/{signing}/signatures/"


def _sign(slot_key: str, member_key: str) -> Any:
    def data(side: Side) -> dict[str, Any]:
        member = side.objects[member_key]
        return {
            "member": str(member.pk),
            "half_day": side.objects[slot_key],
            "typed_name": member.person.full_name,
        }

    return data


def _signed(member_key: str, slot_key: str) -> Any:
    def done(side: Side) -> bool:
        from entrepairs.groups.models import AttendanceSignature

        day, _sep, half = side.objects[slot_key].rpartition("-")
        return AttendanceSignature.objects.filter(
            attendance__member=side.objects[member_key], day=day, half_day=half
        ).exists()

    return done


def _confirmed(side: Side) -> bool:
    side.objects["newsletter_pending"].refresh_from_db()
    return side.objects["newsletter_pending"].confirmed_at is not None


def _left(side: Side) -> bool:
    side.objects["newsletter_reader"].refresh_from_db()
    return side.objects["newsletter_reader"].unsubscribed_at is not None


def _confirm_link(side: Side) -> str:
    return f"/groups/newsletter/confirm/{side.objects['newsletter_confirm_token']}/"


def _altered_confirm_link(side: Side) -> str:
    return f"/groups/newsletter/confirm/{side.objects['newsletter_confirm_token'][:-3]}abc/"


def _reader_link(side: Side) -> str:
    return f"/groups/unsubscribe/{side.objects['newsletter_reader'].token}/"


# fmt: off
SIGNATURE_PROBES: list[Probe] = [
    # --- AttendanceSignature: the professional's own line (afternoon still open), the colleague's
    # line signed on the facilitator's device, a session missed, a window closed ---
    Probe("AttendanceSignature", "own_session_attended", "create", "api", "detail", _o(SIGN), None, "post",
          data=_sign("signing_pm", "member"), done=_signed("member", "signing_pm")),
    Probe("AttendanceSignature", "own_session_attended", "list", "api", "present", _o(SIGN), "pk", target_key="signature_own"),
    Probe("AttendanceSignature", "other_member", "create", "api", "detail", _o(SIGN), None, "post",
          data=_sign("signing_pm", "member_other"), done=_signed("member_other", "signing_pm")),
    Probe("AttendanceSignature", "other_member", "list", "api", "present", _o(SIGN), "pk", target_key="signature_other"),
    Probe("AttendanceSignature", "not_attended", "create", "api", "detail", _o(A + "/groups/sessions/{signing_missed}/signatures/"), None, "post",
          data=_sign("signing_missed_slot", "member")),
    Probe("AttendanceSignature", "session_closed", "create", "api", "detail", _o(A + "/groups/sessions/{session}/signatures/"), None, "post",
          data=_sign("closed_slot", "member")),
    Probe("AttendanceSignature", None, "download", "pdf", "detail", _o("/groups/sessions/{signing}/sheet.pdf"), None),
    # --- NewsletterSignup: the public form, the confirmation link, the one-click unsubscribe ---
    Probe("NewsletterSignup", "public_form", "view", "page", "detail", lambda s: f"/groups/newsletter/{s.org.pk}/", None, swap=False),
    Probe("NewsletterSignup", "public_form", "create", "api", "detail", _fixed(A + "/groups/newsletter/"), None, "post",
          with_id=False, swap=False, data=lambda s: {"provider": str(s.org.pk), "email": "nouvelle.lectrice@exemple.fr"}),
    Probe("NewsletterSignup", "confirm_link", "confirm", "page", "detail", _confirm_link, None, "post",
          with_id=False, swap=False, done=_confirmed),
    Probe("NewsletterSignup", "unsubscribe_link", "unsubscribe", "page", "detail", _reader_link, None, "post",
          with_id=False, swap=False, done=_left),
    Probe("NewsletterSignup", "invalid_link", "confirm", "page", "detail", _altered_confirm_link, None, "post",
          with_id=False, swap=False, done=_confirmed),
    Probe("NewsletterSignup", "invalid_link", "unsubscribe", "page", "detail", _fixed("/groups/unsubscribe/no-such-token/"), None, "post",
          with_id=False, swap=False),
]
# fmt: on
