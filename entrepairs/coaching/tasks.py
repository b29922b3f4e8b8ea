"""Background work of coaching: flagging new tutors still without a coach."""

from django.tasks import task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.scheduling import every


@every("0 8 * * *")
@durable(label=_("New tutors still without a coach"))
@task()
def flag_tutors_without_coach() -> int:
    """Every day at 8:00: each request still open after its organisation's number of weeks is
    flagged once, and its coordinators are told."""
    from . import services

    with audit_context(source="task"):
        return services.requests_flag()
