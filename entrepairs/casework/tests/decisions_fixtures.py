"""The fixture world of safety checks and key decisions, on top of the casework one (import the
`dw` fixture into a test module).

Org A's experts: Pauline (psychologist) and Jules (legal adviser), both holding the expert role;
Oscar holds the expert role in org B. Lina's case is Noyau Lille 1's; a gated decision about her
("psychologist" advice mandatory) and an ungated one are prepared by Paula.
"""

from types import SimpleNamespace

import pytest

from entrepairs.casework import services
from entrepairs.casework.models import DecisionType
from entrepairs.core.services import SYSTEM
from entrepairs.organisations.models import Role

__all__ = ["dw"]


def _expert(org, first, last, profession):  # type: ignore[no-untyped-def]
    from entrepairs.accounts.models import User
    from entrepairs.organisations.models import Membership
    from entrepairs.people.models import Person

    email = f"{first}.{last}@{org.slug}.test".lower()
    user = User.objects.create_user(email, "pw-casework-1", display_name=first)
    person = Person.objects.create(
        organisation=org,
        first_name=first,
        last_name=last,
        email=email,
        user=user,
        profession=profession,
    )
    Membership.objects.create(person=person, organisation=org, role=Role.EXPERT)
    return person


@pytest.fixture
def dw(cw, open_case):  # type: ignore[no-untyped-def]
    w = cw.w
    psy = _expert(w.org_a, "Pauline", "Psy", "psychologist")
    jur = _expert(w.org_a, "Jules", "Juriste", "legal_adviser")
    oscar = _expert(w.org_b, "Oscar", "ExpertB", "psychologist")
    case = open_case(cw.children[0])
    other_case = open_case(cw.children[1], team=cw.core2)
    services.decision_defaults_ensure(organisation_id=w.org_a.pk)
    gated_type = DecisionType.objects.get(organisation=w.org_a, trigger="insecurity")
    free_type = DecisionType.objects.get(organisation=w.org_a, required_advice=[])
    gated = services.decision_prepare(
        case=case,
        decision_type=gated_type,
        title="Mise à l'abri",
        options="Rester ; changer de lieu",
        arguments="Menaces rapportées",
        child_view="Veut rester près de son école",
        by=w.professional,
    )
    free = services.decision_prepare(
        case=case,
        decision_type=free_type,
        title="Séjour linguistique",
        options="Oui ; non",
        arguments="",
        child_view="Très motivée",
        by=w.professional,
    )
    return SimpleNamespace(
        cw=cw,
        w=w,
        psy=psy,
        jur=jur,
        oscar=oscar,
        case=case,
        other_case=other_case,
        gated_type=gated_type,
        free_type=free_type,
        gated=gated,
        free=free,
        SYSTEM=SYSTEM,
    )
