"""What onboarding tells people about (core.notifications: the inbox gathers each kind)."""

from django.utils.translation import gettext_lazy as _l

from entrepairs.core.notifications import notification_kind

ARRIVAL_TASKS = notification_kind("onboarding.arrival_tasks", _l("Tasks for a newcomer's arrival"))
TUTOR_NAMED = notification_kind("onboarding.tutor_named", _l("You are the tutor of a newcomer"))
FIRST_LUNCH = notification_kind("onboarding.first_lunch", _l("Lunch with a newcomer"))
JOB_SHADOWING = notification_kind("onboarding.job_shadowing", _l("Job shadowing"))
TASKS_DUE = notification_kind("onboarding.tasks_due", _l("Onboarding tasks due"))
TASKS_OVERDUE = notification_kind("onboarding.tasks_overdue", _l("Onboarding tasks overdue"))
REMINDER = notification_kind("onboarding.reminder", _l("Onboarding reminder"))
KIT_TO_PREPARE = notification_kind("onboarding.kit_to_prepare", _l("Welcome kit items to prepare"))
