"""The reader's dependency-parse layer (punitive_parse.py) and respelling (punitive_spelling.py):
who does what to whom, in phrasings the surface cues alone missed. Development examples written for
the reader (not taken from any corpus)."""

import pytest

from entrepairs.mentoring.punitive import read, rules_reading
from entrepairs.mentoring.punitive_spelling import respell_text

# Per-text examples of a text rule, corpus-like: run once, on PostgreSQL (DECISIONS.md; bin/test).
# No database is read.
pytestmark = pytest.mark.once


def kinds(text: str) -> list[str]:
    return [f.kind for f in read(text).findings]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the mentoring as the passive subject of the act, the cause in a clause about the youth
        ("Sa marraine lui a été retirée parce qu'elle manquait de respect aux éducateurs.", None),
        # a pronoun standing for the mentoring, misconduct as the youth's verb
        ("Le parrainage ? On l'arrête, il a encore tapé un camarade.", "stop_for_conduct"),
        # a negated verb of keeping
        ("Nous ne maintenons pas les rencontres avec le mentor après son agression.", None),
        # an implicit condition: resumption hanging on the youth's effort
        ("On relancera le jumelage une fois qu'il se sera excusé.", "condition"),
        ("Les rendez-vous reprendront sous réserve d'une bonne conduite au foyer.", "condition"),
        # a purpose aimed at the youth, in a second sentence
        ("Les sorties sont suspendues. C'est pour qu'il se remette à travailler.", "lever"),
        # a privation of mentoring names a sanction by itself
        ("Elle est privée de ses rencontres avec sa marraine ce mois-ci.", "explicit"),
    ],
)
def test_the_parse_finds_a_sanction_in_unseen_structures(text, kind):
    found = kinds(text)
    assert found, text
    if kind:
        assert kind in found, read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        # a request refused or only considered
        "Le foyer voulait supprimer ses sorties avec le mentor pour le punir ; nous avons refusé.",
        "Il a été envisagé d'arrêter le parrainage après le vol, mais nous y avons renoncé.",
        # a third party's sanction on the youth, not on the mentoring
        "Le collège l'a exclu trois jours ; son mentor l'a vu mercredi.",
        "Le juge l'a sanctionné d'une mesure de réparation ; son mentor l'accompagne.",
        # the youth's own wish, a condition on the youth's health
        "Elle nous a dit qu'elle voulait arrêter, on respecte son choix.",
        "Les sorties reprendront quand il n'aura plus ses béquilles.",
        # an event after a causal connector, not the youth's doing
        "Sortie annulée à cause de la tempête, reportée à samedi.",
    ],
)
def test_the_parse_keeps_legitimate_notes_legitimate(text):
    # The rules' parse (the learned model behind it refuses « Les sorties reprendront quand il
    # n'aura plus ses béquilles », a condition's wording: a known false alarm, docs/benchmarks.md).
    assert not rules_reading(text).is_sanction, rules_reading(text).findings


def test_typos_and_sms_abbreviations_in_key_words_are_respelled():
    assert kinds("Mentorat supendu a cause de son comportment.") == ["stop_for_conduct"]
    assert "condition" in kinds("No mentor meetings untill she goes back to shcool.")
    # an ordinary word one edit from nothing in the key list stays as written
    assert respell_text("Le bilan annuel est positif.") == "Le bilan annuel est positif."
    assert respell_text("rdv annulé pdt 1 mois") == "rdv annulé pendant 1 mois"
