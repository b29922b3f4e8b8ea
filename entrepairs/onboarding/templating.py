"""Template versioning (seed 002: the welcome process is an institutional project that evolves).

A published version is frozen: journeys keep the version they started with. Changing a template
means changing its draft, a copy of the latest published version, then publishing it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entrepairs.core.services import service
from entrepairs.organisations.services import require_coordinates

from .models import Template, TemplateVersion, TutoringType
from .models.templates import DEFAULT_SCALE, VERSION_PARTS


def _require_runs(by: Any, organisation_id: Any) -> None:
    """Templates are the coordinator's: one of the organisation's coordinators changes them."""
    require_coordinates(
        by, organisation_id, _("You cannot change templates of this organisation."), "template"
    )


@service
@transaction.atomic
def template_create(
    *,
    organisation: Any,
    function: str,
    tutoring_type: str = TutoringType.INTEGRATION,
    project_manager: Any = None,
    by: Any,
) -> Template:
    """A new template starts with an empty draft version 1 and a four-level grid scale; a
    coordinator of the organisation creates it."""
    require_coordinates(
        by,
        getattr(organisation, "pk", None),
        _("You cannot create templates in this organisation."),
        "organisation",
    )
    if project_manager is not None and project_manager.organisation_id != organisation.pk:
        raise ValidationError(
            {"project_manager": _("This person belongs to another organisation.")}
        )
    template = Template(
        organisation=organisation,
        function=function.strip(),
        tutoring_type=tutoring_type,
        project_manager=project_manager,
    )
    template.full_clean()
    template.save()
    TemplateVersion.objects.create(
        template=template, number=1, scale=[_(level) for level in DEFAULT_SCALE]
    )
    return template


@service
@transaction.atomic
def template_update(
    *,
    template: Template,
    function: str,
    tutoring_type: str,
    project_manager: Any = None,
    organisation: Any = None,
    by: Any,
) -> Template:
    """The function, tutoring type and project manager of a template; its organisation stays
    (`organisation`, when a channel sends one, must be the template's own).
    A function already used by another template of the organisation is refused with a message."""
    _require_runs(by, template.organisation_id)
    if organisation is not None and getattr(organisation, "pk", None) != template.organisation_id:
        raise ValidationError({"organisation": [_("A template stays in its organisation.")]})
    if project_manager is not None and project_manager.organisation_id != template.organisation_id:
        raise ValidationError(
            {"project_manager": _("This person belongs to another organisation.")}
        )
    template.function, template.tutoring_type = function.strip(), tutoring_type
    template.project_manager = project_manager
    template.full_clean()
    template.save()
    return template


@service
@transaction.atomic
def template_draft(*, template: Template, by: Any) -> TemplateVersion:
    """The version to edit: the current draft, or a new draft copied from the latest published one."""
    _require_runs(by, template.organisation_id)
    Template.objects.select_for_update(of=("self",)).filter(pk=template.pk).first()
    draft = template.draft()
    if draft is not None:
        return draft
    source = template.latest_published()
    assert source is not None  # a template always has a draft or a published version
    draft = TemplateVersion.objects.create(
        template=template,
        number=source.number + 1,
        objectives=source.objectives,
        organisational_frame=source.organisational_frame,
        didactic_frame=source.didactic_frame,
        scale=list(source.scale),
        tutor_hours_per_week=source.tutor_hours_per_week,
    )
    for model in VERSION_PARTS:
        manager = model._default_manager
        manager.bulk_create(
            model(version=draft, **{f: getattr(part, f) for f in model.copy_fields})
            for part in manager.filter(version=source)
        )
    return draft


def require_draft(version: TemplateVersion) -> None:
    if version.is_published:
        raise ValidationError(
            _("Version %(n)s is published and frozen: edit the template's draft instead.")
            % {"n": version.number}
        )


@service
@transaction.atomic
def version_save_part(*, part: Any, by: Any) -> Any:
    """Add or change a task, kit item, competency, support or reminder of a draft version; a
    line stays in its version."""
    _require_runs(by, part.version.template.organisation_id)
    if part.pk is not None:
        stored = type(part)._default_manager.filter(pk=part.pk).values_list("version_id", flat=True)
        if stored.exists() and stored.get() != part.version_id:
            raise ValidationError({"version": _("A line cannot move to another version.")})
    require_draft(part.version)
    part.full_clean()
    part.save()
    return part


@service
@transaction.atomic
def version_delete_part(*, part: Any, by: Any) -> None:
    _require_runs(by, part.version.template.organisation_id)
    require_draft(part.version)
    part.delete()


@service
@transaction.atomic
def version_save_frames(*, version: TemplateVersion, by: Any) -> TemplateVersion:
    _require_runs(by, version.template.organisation_id)
    require_draft(version)
    version.full_clean()
    version.save()
    return version


@service
@transaction.atomic
def version_publish(*, version: TemplateVersion, by: Any) -> TemplateVersion:
    """Publishing freezes the version; new journeys use it, running journeys keep theirs."""
    _require_runs(by, version.template.organisation_id)
    version = TemplateVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    require_draft(version)
    version.full_clean()
    if not version.tasks.exists():
        raise ValidationError(_("Add at least one task before publishing."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at", "updated_at"])
    return version
