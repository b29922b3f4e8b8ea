from django.db import models
from django.utils.translation import gettext_lazy as _

# Tasks are due from two weeks before day one (J-14) to three months after (J+90).
DAY_MIN = -14
DAY_MAX = 90


class TutoringType(models.TextChoices):
    INTEGRATION = "integration", _("Integration (new hires)")
    TRAINING = "training", _("Training (interns in a school curriculum)")
    INSERTION = "insertion", _("Insertion (job seekers with few qualifications)")


class Phase(models.TextChoices):
    PREPARE = "prepare", _("Prepare")
    WELCOME = "welcome", _("Welcome")
    ACCOMPANY = "accompany", _("Accompany")
    CLOSE = "close", _("Close")


PHASE_ORDER = [Phase.PREPARE, Phase.WELCOME, Phase.ACCOMPANY, Phase.CLOSE]


class OwnerRole(models.TextChoices):
    HR = "hr", _("HR")
    IT = "it", _("IT")
    MANAGER = "manager", _("Manager")
    TUTOR = "tutor", _("Tutor")
    REFERENT = "referent", _("Referent")
    COLLEAGUE = "colleague", _("Colleague")
    NEWCOMER = "newcomer", _("Newcomer")
    COORDINATOR = "coordinator", _("Coordinator (project manager)")


# Roles held organisation-wide by named people (OrgContact); the others come from the journey.
CONTACT_ROLES = [OwnerRole.HR, OwnerRole.IT, OwnerRole.COLLEAGUE]


class ChecklistTopic(models.TextChoices):
    """The day-one checklist (seed 002, 'sécurisation'): places, people, jobs, culture, rules."""

    NONE = "", _("Not on the day-one checklist")
    PLACES = "places", _("Places")
    PEOPLE = "people", _("People")
    JOBS = "jobs", _("Jobs")
    CULTURE = "culture", _("Culture")
    RULES = "rules", _("Rules")


class KitKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Work equipment")
    COMPUTER = "computer", _("Computer")
    UNIFORM = "uniform", _("Uniform")
    KEYS = "keys", _("Keys")
    DOCUMENTS = "documents", _("Documents")
    ACCOUNTS = "accounts", _("Accounts")


class SupportKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PROCEDURE = "procedure", _("Procedure")
    VIDEO = "video", _("Video")
    LINK = "link", _("Link")


class CompetencyKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge (savoir)")
    KNOW_HOW = "know_how", _("Know-how (savoir-faire)")


class JourneyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class ObservationSource(models.TextChoices):
    TUTOR = "tutor", _("Tutor's observation")
    SELF = "self", _("Self-assessment")


class FeedbackKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
