"""How the audit trail names onboarding's records (issue 15 §7, core.audit.register_names): a
journey by its newcomer and template, an evaluation by its journey and its kind, date or level
(never its encrypted text), the rest by its title or its person."""

from entrepairs.core import audit


def register() -> None:
    from . import models as m

    for model, field in (
        (m.Competency, "name"),
        (m.JourneyTask, "title"),
        (m.KitCheck, "label"),
        (m.KitItem, "label"),
        (m.Reminder, "message"),
        (m.ShadowingSession, "topic"),
        (m.Support, "title"),
        (m.Template, "function"),
        (m.TemplateReminder, "message"),
        (m.TemplateTask, "title"),
    ):
        names, find = audit.by_field(model, field)
        audit.register_names(model, names, find=find)
    journeys = audit.by_text(m.Journey, related=("newcomer", "version__template"))
    audit.register_names(m.Journey, journeys)
    audit.register_names(m.TemplateVersion, audit.by_text(m.TemplateVersion, related=("template",)))
    for about_a_person in (m.Introduction, m.OrgContact, m.TutorProfile):
        audit.register_names(about_a_person, audit.by_text(about_a_person, related=("person",)))
    audit.register_names(m.ClosingReview, audit.through(m.ClosingReview, "journey", journeys))
    audit.register_names(m.FeedbackEntry, audit.through(m.FeedbackEntry, "journey", journeys, str))
    audit.register_names(
        m.CompetencyObservation,
        audit.through(m.CompetencyObservation, "journey", journeys, str, related=("competency",)),
    )
