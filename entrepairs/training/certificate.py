"""The certificate of a completion (certificat de réalisation): who completed which training,
when, at which session, given by whom, and until when it counts. Built on core.documents like the
groups' certificates; names and dates only."""

from django.utils.translation import gettext as _

from entrepairs.core.documents import build, long_date, paragraph

from .models import TrainingCompletion


def certificate_document(completion: TrainingCompletion) -> bytes:
    module = completion.module
    given_by = module.partner or module.organisation.name
    flow = [
        paragraph(
            _("%(organisation)s certifies that %(person)s completed the training “%(module)s”.")
            % {
                "organisation": module.organisation.name,
                "person": completion.person,
                "module": module.name,
            }
        ),
        paragraph(_("Completed on: %s") % long_date(completion.completed_on)),
        paragraph(_("Given by: %s") % given_by),
    ]
    if completion.session is not None:
        session = completion.session
        where = ", ".join(x for x in (session.place, session.trainer) if x)
        if where:
            flow.append(paragraph(_("Session: %s") % where))
    if module.topic:
        flow.append(paragraph(_("Topic: %s") % module.topic))
    flow.append(
        paragraph(
            _("Valid until: %s") % long_date(completion.expires_on)
            if completion.expires_on
            else _("This training does not expire.")
        )
    )
    return build(_("Certificate of completion"), flow)


def certificate_filename(completion: TrainingCompletion) -> str:
    return f"certificat-{completion.completed_on:%Y%m%d}-{str(completion.pk)[:8]}.pdf"
