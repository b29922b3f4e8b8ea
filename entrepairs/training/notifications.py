"""Training's notifications: a required training about to expire (the person and the coordinators
of the module's organisation). Subjects name the training and the date only."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _l

from entrepairs.core.notifications import msg, notification_kind, notify
from entrepairs.organisations.models import MANAGING_ROLES, Membership

from .models import TrainingCompletion

EXPIRY = notification_kind(
    "training.expiry",
    _l("A required training is about to expire"),
    # Resolved by a renewal (training.services.completion_record), and for the person by their
    # enrolment to a session (session_enrol).
    actionable=True,
)


def send_expiry_alert(completion: TrainingCompletion) -> None:
    module = completion.module
    expires = completion.expires_on  # worded in the reader's language when read
    person = completion.person
    if person.user_id:
        notify(
            kind=EXPIRY,
            recipient=person.user,
            organisation=module.organisation_id,
            subject=msg(
                "Your training “%(module)s” expires on %(date)s", module=module.name, date=expires
            ),
            body=msg("Enrol to a session to renew it before that day."),
            link=reverse("training:mine"),
            about=completion,
        )
    coordinators = (
        Membership.objects.active()
        .filter(organisation_id=module.organisation_id, role__in=MANAGING_ROLES)
        .exclude(person_id=person.pk)
        .filter(person__user__isnull=False)
        .select_related("person__user")
    )
    seen = set()
    for membership in coordinators:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        notify(
            kind=EXPIRY,
            recipient=membership.person.user,
            organisation=module.organisation_id,
            subject=msg(
                "The training “%(module)s” of %(person)s expires on %(date)s",
                module=module.name,
                person=person,
                date=expires,
            ),
            # The compliance page records a renewal; it plans no session (outside test of
            # issue 15: a text promising an action its page does not have).
            body=msg("Open the compliance table to follow the renewal and record it once done."),
            link=reverse("training:compliance"),
            about=completion,
        )
