"""The onboarding fixture world, on top of the shared one.

In org A: the coordinator runs a published "Educator" template; Paula (professional) is a trained
tutor with 4 h a week; Colin (colleague) is the IT contact and holds no other onboarding right;
Nina and Oscar are newcomers (accounts, line manager Marc). Nobody holds the HR role.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from entrepairs.core.services import SYSTEM
from entrepairs.onboarding import services, templating
from entrepairs.onboarding.models import (
    Competency,
    KitItem,
    OrgContact,
    TemplateReminder,
    TemplateTask,
    TutorProfile,
)

TASKS = [
    # phase, title, owner, start, due, mandatory, topic
    ("prepare", "Order the contract", "hr", -14, -3, True, ""),
    ("prepare", "Prepare the computer and accounts", "it", -7, -1, True, ""),
    ("welcome", "Tour of the premises", "tutor", 0, 0, True, "places"),
    ("welcome", "Explain the house rules", "referent", 0, 1, True, "rules"),
    ("accompany", "First week review", "tutor", 5, 7, True, ""),
    ("accompany", "Read the fire procedure", "newcomer", 0, 10, False, ""),
    ("close", "Meta-communication meeting", "tutor", 45, 60, True, ""),
]


def build_template(organisation, *, function="Educator", publish=True):  # type: ignore[no-untyped-def]
    template = templating.template_create(organisation=organisation, function=function, by=SYSTEM)
    version = template.versions.get()
    version.objectives = "Welcome educators into the institutional project."
    version.save()
    for phase, title, owner, start, due, mandatory, topic in TASKS:
        TemplateTask.objects.create(
            version=version,
            phase=phase,
            title=title,
            owner_role=owner,
            start_day=start,
            due_day=due,
            mandatory=mandatory,
            topic=topic,
        )
    KitItem.objects.create(version=version, kind="computer", label="Laptop", provider_role="it")
    KitItem.objects.create(version=version, kind="keys", label="Building keys", provider_role="hr")
    Competency.objects.create(version=version, kind="knowledge", name="Child protection law")
    Competency.objects.create(version=version, kind="know_how", name="Write an incident report")
    TemplateReminder.objects.create(version=version, day=10, message="Recall the fire procedure")
    if publish:
        templating.version_publish(version=version, by=SYSTEM)
    return template


@pytest.fixture
def onb(world):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership, Role
    from entrepairs.people.models import Person

    def newcomer(first, last):  # type: ignore[no-untyped-def]
        email = f"{first}.{last}@tutelle-nord.test".lower()
        user = User.objects.create_user(email, world.password, display_name=f"{first} {last}")
        p = Person.objects.create(
            organisation=world.org_a,
            first_name=first,
            last_name=last,
            email=email,
            user=user,
            line_manager=world.manager,
            team=world.core,
            profession="educator",
        )
        Membership.objects.create(person=p, organisation=world.org_a, role=Role.NEWCOMER)
        return p

    template = build_template(world.org_a)
    version = template.latest_published()
    TutorProfile.objects.create(
        person=world.professional,
        trained=True,
        trained_on=datetime.date(2025, 3, 1),
        allocated_hours=4,
    )
    OrgContact.objects.create(organisation=world.org_a, role="it", person=world.colleague)
    nina = newcomer("Nina", "Nouvelle")
    oscar = newcomer("Oscar", "Autre")
    return SimpleNamespace(template=template, version=version, nina=nina, oscar=oscar)


@pytest.fixture
def start(world, onb):  # type: ignore[no-untyped-def]
    """Start a journey (by default for Nina, day one in ten days, Paula as tutor)."""

    def run(newcomer=None, *, days=10, tutor="default", **kwargs):  # type: ignore[no-untyped-def]
        return services.journey_start(
            version=onb.version,
            newcomer=newcomer or onb.nina,
            start_date=timezone.localdate() + datetime.timedelta(days=days),
            coordinator=world.coordinator,
            tutor=world.professional if tutor == "default" else tutor,
            **kwargs,
        )

    return run


@pytest.fixture(autouse=True)
def _english(english_messages):  # type: ignore[no-untyped-def]
    """These tests read messages in the source language (fixture in the root conftest)."""
