"""Template builder (the coordinator as project manager), tutors and contacts."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from entrepairs.core.forms import add_errors
from entrepairs.core.http import AuthedHttpRequest
from entrepairs.core.views import confirm_page, require
from entrepairs.organisations.viewer import viewer_for

from .. import services, templating
from ..forms import PART_FORMS, ContactForm, FramesForm, TemplateForm, TutorProfileForm
from ..models import Journey, Template, TemplateVersion
from ..models.templates import VERSION_PARTS
from ..selectors import (
    get_contact_for,
    get_coordinated_organisation_for,
    get_template_for,
    get_version_for,
    get_version_part_for,
    managed_organisations,
    org_contacts_for,
    person_of,
    templates_for,
    templates_with_counts,
    tutor_profiles_for,
)
from .common import report

PART_MODELS = dict(zip(PART_FORMS, VERSION_PARTS, strict=True))


def _templates(request: AuthedHttpRequest) -> Any:
    return templates_for(viewer_for(request.user))


@login_required
def template_list(request: AuthedHttpRequest) -> HttpResponse:
    require(request.user, "onboarding.view_template")
    templates = (
        templates_with_counts(viewer_for(request.user))
        .select_related("organisation", "project_manager")
        .order_by("function", "id")
    )
    viewer = viewer_for(request.user)
    form = TemplateForm(
        request.POST or None, organisations=managed_organisations(viewer), viewer=viewer
    )
    if request.method == "POST" and form.is_valid():
        try:
            template = templating.template_create(by=person_of(request.user), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Template created: now describe its frames and tasks."))
            return redirect("onboarding:template", pk=template.pk)
    return render(request, "onboarding/template_list.html", {"templates": templates, "form": form})


def _version_context(version: TemplateVersion) -> dict[str, Any]:
    return {
        "tasks": version.tasks.all(),
        "kit_items": version.kit_items.all(),
        "competencies": version.competencies.all(),
        "supports": version.supports.all(),
        "reminders": version.reminders.all(),
    }


@login_required
def template_detail(
    request: AuthedHttpRequest,
    pk: str,
    bound: dict[str, Any] | None = None,
    number: int | None = None,
) -> HttpResponse:
    template = get_template_for(request.user, pk, "view")
    versions = list(template.versions.annotate(journey_count=Count("journeys")).order_by("-number"))
    wanted = str(number) if number is not None else request.GET.get("v")
    version = next((v for v in versions if str(v.number) == wanted), None) or versions[0]
    forms = {key: (bound or {}).get(key) or form_class() for key, form_class in PART_FORMS.items()}
    context = {
        "template": template,
        "version": version,
        "versions": versions,
        "forms": forms,
        "editable": not version.is_published,
        **_version_context(version),
    }
    return render(request, "onboarding/template_detail.html", context)


@login_required
@require_POST
def template_draft(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    template = get_template_for(request.user, pk, "change")
    draft = templating.template_draft(template=template, by=person_of(request.user))
    messages.success(
        request,
        _("Version %(n)s is a draft: running journeys keep their version.") % {"n": draft.number},
    )
    return redirect(f"{template_url(template)}?v={draft.number}")


def template_url(template: Template) -> str:
    from django.urls import reverse

    return reverse("onboarding:template", args=[template.pk])


def _version(request: AuthedHttpRequest, vpk: str) -> TemplateVersion:
    return get_version_for(request.user, vpk, "change")


@login_required
@require_POST
def version_publish(request: AuthedHttpRequest, vpk: str) -> HttpResponse:
    version = _version(request, vpk)
    try:
        templating.version_publish(version=version, by=person_of(request.user))
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Version %(n)s is published.") % {"n": version.number})
    return redirect(f"{template_url(version.template)}?v={version.number}")


@login_required
def version_frames(request: AuthedHttpRequest, vpk: str) -> HttpResponse:
    version = _version(request, vpk)
    if request.method != "POST" and version.is_published:
        # Nothing to edit here; a POST reaches the service, which refuses it with its message.
        messages.error(request, _("A published version is frozen: edit the draft instead."))
        return redirect(template_url(version.template))
    form = FramesForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        try:
            templating.version_save_frames(
                version=form.save(commit=False), by=person_of(request.user)
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(f"{template_url(version.template)}?v={version.number}")
    return render(request, "onboarding/frames_form.html", {"form": form, "version": version})


@login_required
@require_POST
def version_part_add(request: AuthedHttpRequest, vpk: str, kind: str) -> HttpResponse:
    version = _version(request, vpk)
    if kind not in PART_FORMS:
        raise Http404
    form = PART_FORMS[kind](request.POST)
    if form.is_valid():
        part = form.save(commit=False)
        part.version = version
        try:
            templating.version_save_part(part=part, by=person_of(request.user))
        except ValidationError as exc:
            add_errors(form, exc)
            if version.is_published:
                report(request, exc)  # a published version's page shows no form to hold it
        else:
            messages.success(request, _("Added."))
            return redirect(f"{template_url(version.template)}?v={version.number}#{kind}")
    response = template_detail(
        request, str(version.template_id), bound={kind: form}, number=version.number
    )
    response.status_code = 400
    return response


@login_required
@require_http_methods(["GET", "POST"])
def version_part_delete(
    request: AuthedHttpRequest, vpk: str, kind: str, part_pk: str
) -> HttpResponse:
    version = _version(request, vpk)
    if kind not in PART_MODELS:
        raise Http404
    part = get_version_part_for(request.user, PART_MODELS[kind], part_pk, "delete", version)
    back = f"{template_url(version.template)}?v={version.number}#{kind}"
    if request.method == "GET":  # ask first (issue 15: no one-click removal)
        return confirm_page(
            request,
            title=_("Remove “%(part)s”?") % {"part": part},
            question=_("It leaves this draft of %(template)s; journeys already started keep it.")
            % {"template": version.template},
            confirm=_("Remove"),
            back=back,
        )
    try:
        templating.version_delete_part(part=part, by=person_of(request.user))
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Removed."))
    return redirect(back)


# -- tutors and contacts ----------------------------------------------------------------------


@login_required
def setup(request: AuthedHttpRequest) -> HttpResponse:
    """Tutors (trained, time allocated, load) and who holds HR, IT and welcoming-colleague roles."""
    require(request.user, "onboarding.view_tutorprofile")
    organisation = get_coordinated_organisation_for(
        request.user, request.POST.get("organisation") or None
    )
    tutor_form = TutorProfileForm(
        request.POST if "tutor-submit" in request.POST else None,
        viewer=viewer_for(request.user),
        prefix="tutor",
    )
    contact_form = ContactForm(
        request.POST if "contact-submit" in request.POST else None,
        viewer=viewer_for(request.user),
        prefix="contact",
    )
    if request.method == "POST":
        if "tutor-submit" in request.POST and tutor_form.is_valid():
            try:
                services.tutor_profile_save(by=person_of(request.user), **tutor_form.cleaned_data)
            except ValidationError as exc:
                add_errors(tutor_form, exc)
            else:
                messages.success(request, _("Tutor saved."))
                return redirect("onboarding:setup")
        if "contact-submit" in request.POST and contact_form.is_valid():
            try:
                services.org_contact_save(
                    organisation=organisation,
                    by=person_of(request.user),
                    **contact_form.cleaned_data,
                )
            except ValidationError as exc:
                add_errors(contact_form, exc)
            else:
                messages.success(request, _("Contact saved."))
                return redirect("onboarding:setup")
    tutors = list(tutor_profiles_for(viewer_for(request.user)))
    loads = services.tutor_loads([t.person_id for t in tutors])
    tutor_rows = [(tutor, loads.get(tutor.person_id, (0, 0))) for tutor in tutors]
    contacts = org_contacts_for(viewer_for(request.user)).select_related("person")
    return render(
        request,
        "onboarding/setup.html",
        {
            "tutors": tutor_rows,
            "contacts": contacts,
            "tutor_form": tutor_form,
            "contact_form": contact_form,
            "organisation_id": organisation.pk,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthedHttpRequest, pk: str) -> HttpResponse:
    contact = get_contact_for(request.user, pk, "delete")
    if request.method == "GET":  # ask first (issue 15: no one-click removal)
        return confirm_page(
            request,
            title=_("Remove %(name)s as %(role)s?")
            % {"name": contact.person, "role": contact.get_role_display()},
            question=_("The onboarding tasks of this role will no longer be given to them."),
            confirm=_("Remove"),
            back=reverse("onboarding:setup"),
        )
    try:
        services.org_contact_delete(contact=contact, by=person_of(request.user))
    except ValidationError as exc:
        report(request, exc)
    else:
        messages.success(request, _("Removed."))
    return redirect("onboarding:setup")


__all__ = ["Journey"]
