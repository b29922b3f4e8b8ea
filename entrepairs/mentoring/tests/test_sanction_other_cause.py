"""Another cause (an adoption, a move, an administrative closure, the mentor's doing) clears a note
only when it is the reason, not whenever it is named. The known bug: any note mentioning adoption
(« sa mère adoptive ») passed whatever else it said. Development examples written for the fix,
never taken from a corpus."""

import pytest

from entrepairs.mentoring.punitive import read, rules_reading


@pytest.mark.parametrize(
    "text",
    [
        # an adoptive family only named: the youth's conduct is the reason
        "Le mentorat est suspendu parce qu'il a insulté sa mère adoptive.",
        "Le mentorat est suspendu : il a frappé son père adoptif.",
        "Suspension du jumelage pour mauvais comportement chez ses parents adoptifs.",
        "Mentoring stopped because he hit his adoptive mother.",
        # the adoption named, the conduct given as the reason
        "Mentorat arrêté suite à ses fugues répétées depuis son adoption.",
        "The match is paused because of his behaviour at school since the adoption.",
        # the other cause denied
        "Ce n'est pas à cause de l'adoption : on arrête le mentorat pour son insolence.",
        # a move named, but the conduct given as the reason
        "Le mentor déménage, mais surtout on arrête le mentorat parce qu'il a volé au foyer.",
        # the adoptive family decides, on a condition of the youth's conduct
        "La famille adoptive souhaite suspendre le parrainage tant qu'il n'aura pas de meilleures "
        "notes au collège.",
    ],
)
def test_it_refuses_a_sanction_that_also_names_another_cause(text):
    reading = rules_reading(text)  # the rules themselves, not the learned model behind them
    assert reading.is_sanction, text
    assert "stop_for_conduct" in [f.kind for f in reading.findings]


@pytest.mark.parametrize(
    "text",
    [
        "Adoption prononcée : la nouvelle famille et l'enfant préfèrent clore le jumelage.",
        "Les parents adoptifs, informés, préfèrent clore le jumelage ; l'enfant est d'accord.",
        "Clôture suite à l'adoption plénière ; la famille adoptive préfère ne pas poursuivre.",
        "Mentorat terminé : Lucas a été adopté et vit désormais en Savoie.",
        "Closed after the adoption, at the adoptive parents' request, with the child's agreement.",
        "Fugue en cours : pause administrative, reprise dès son retour s'il le souhaite.",
        "The match ends because he is moving to a residential school in another county.",
        "Le jeune avait fait des bêtises l'an dernier ; le jumelage s'arrête parce que la mentore "
        "déménage à Lille.",
        "Pause tant que la mentore déménage ; le jeune avait eu des soucis de comportement.",
    ],
)
def test_it_accepts_a_note_whose_reason_is_the_other_cause(text):
    assert not read(text).is_sanction, read(text).findings
