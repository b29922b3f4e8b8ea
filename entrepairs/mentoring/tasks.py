"""Background work for mentoring: the follow-up alerts (large matching runs: matching.run_matching,
beside the code it runs, so lifecycle can enqueue it without importing the tasks)."""

from typing import Any

from django.tasks import TaskContext, task
from django.utils.translation import gettext_lazy as _

from entrepairs.core.audit import audit_context
from entrepairs.core.jobs import durable
from entrepairs.core.jobs.once import send_once
from entrepairs.core.scheduling import every

from .matching import run_matching  # noqa: F401 - jobs enqueued under this name still resolve


@every("15 */6 * * *")
@durable(label=_("Mentoring follow-up alerts"))
@task()
def mentoring_alerts() -> int:
    """Every 6 hours: alerts for matches without contact or with an overdue check-in."""
    from .lifecycle import alerts_refresh

    with audit_context(source="task"):
        return alerts_refresh()


@every("40 3 * * *")
@durable(label=_("Erasure of ended mentoring data"))
@task()
def mentoring_retention_purge() -> int:
    """Every night: erase what was shared with the mentor of each match whose retention period
    (the agreement's days after the end) is over (retention.py). Returns how many matches."""
    from .retention import purge_due

    with audit_context(source="task"):
        matches, _ = purge_due()
        return matches


@durable(retries=5, retry_on=(OSError,), label=_("Mentoring check-in e-mail"))
@task(takes_context=True)
def send_checkin_link(context: TaskContext, addresses: list[Any], url: str, days: int) -> int:
    """The check-in link e-mail, each [address, language] in its own language (core.mail): a
    short subject and the link, no name of the youth or of anyone (DECISIONS.md, e-mails)."""
    from django.utils.translation import gettext as _

    from entrepairs.core.mail import send_in_language

    def body() -> str:
        return _(
            "A short mentoring check-in is waiting for your answer: how are the meetings going? "
            "Answer within %(days)d days by following this link:\n\n%(url)s\n\n"
            "The link works once. If you did not expect this e-mail, ignore it."
        ) % {"days": days, "url": url}

    with audit_context(source="task"):
        for row in addresses:
            # A task queued before languages were passed holds addresses alone: French.
            address, language = (row, "fr") if isinstance(row, str) else row
            # Each address once per job, however often it runs (core.jobs.once).
            with send_once(f"checkin:{context.task_result.id}:{address}") as due:
                if due:
                    send_in_language(
                        language,
                        to=[address],
                        subject=lambda: _("Your mentoring check-in"),
                        body=body,
                        on_commit=False,
                    )
        return len(addresses)
