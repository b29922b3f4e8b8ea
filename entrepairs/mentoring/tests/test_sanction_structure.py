"""Each part of a sanction's structure, read in several phrasings (French and English), and each
defeater that keeps a legitimate note legitimate. Development examples: written for the reader,
never taken from the held-out corpora."""

import pytest

from entrepairs.mentoring.punitive import read

# Per-text examples of a text rule, corpus-like: run once, on PostgreSQL (DECISIONS.md; bin/test).
# No database is read.
pytestmark = pytest.mark.once


def kinds(text: str) -> list[str]:
    return [f.kind for f in read(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "Jumelage gelé après sa bagarre avec un éducateur.",
        "On coupe les rencontres avec la marraine : elle a encore découché.",
        "Nous mettons un terme au parrainage vu ses vols répétés.",
        "Mentoring cut back to once a month due to his attitude.",
        "Match put on ice after he trashed the common room.",
    ],
)
def test_an_act_on_mentoring_for_the_youths_conduct(text):
    assert "stop_for_conduct" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le mentorat est arrêté pour qu'il comprenne que voler est grave.",
        "Pause du jumelage : ça lui apprendra.",
        "C'est le seul moyen de pression qu'il nous reste, nous suspendons le mentorat.",
        "Meetings stopped to teach him a lesson.",
        "Cooling-off period for the match.",
    ],
)
def test_mentoring_used_as_a_lever(text):
    assert "lever" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le jumelage reprendra quand il aura retrouvé le chemin du lycée.",
        "Pas de sorties avec le parrain le temps qu'il redevienne respectueux.",
        "Le mentorat restera suspendu sauf s'il accepte de voir la psychologue.",
        "Mentoring will resume once he is back in school full time.",
        "No mentor visits as long as she keeps breaking curfew.",
    ],
)
def test_a_condition_on_the_youth(text):
    assert "condition" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Mesure disciplinaire : plus de mentor ce mois-ci.",
        "Sortie avec la mentore annulée à titre de sanction.",
        "He has to earn his mentor back.",
        "She's grounded, no mentor this weekend.",
    ],
)
def test_a_named_sanction(text):
    assert "explicit" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Ce n'est pas une sanction, mais vu ses insultes on arrête le mentorat.",
        "It's not a punishment, but given his fights we are ending the match.",
    ],
)
def test_a_disclaimer_does_not_hide_the_conduct_behind_the_act(text):
    assert read(text).is_sanction


@pytest.mark.parametrize(
    "text",
    [
        # negation and another cause
        "Ce n'est pas une sanction : la mentore part travailler au Québec.",
        "Aucun lien avec sa scolarité difficile : le parrain arrête pour raisons de santé.",
        "Unrelated to his behaviour: the mentor moved abroad.",
        # the match goes on
        "Exclu du collège trois jours ; le mentorat continue.",
        "He was suspended from school; they keep meeting every week.",
        # the youth's own wish after a conflict
        "Elle a demandé une pause après une dispute avec sa mentore.",
        "He chose to end the match after a rough term at school.",
        # someone else's sanction, or a sanction refused
        "Il a été puni par sa famille d'accueil ; le jumelage n'est pas touché.",
        "Nous avons refusé la demande du foyer de suspendre le mentorat pour le punir.",
        "The care home asked us to stop the visits as a punishment; we said no.",
        # conditions about the mentor or the youth's health
        "Pause tant que la mentore est en congé maternité.",
        "Paused until the mentor comes back from leave.",
        "Pause tant que le jeune est hospitalisé.",
        # the mentor's own conduct, safeguarding, administrative closure
        "Le mentor a été exclu du programme pour non-respect de la charte.",
        "Safeguarding concern about the mentor's conduct; match suspended pending review.",
        "Fugue en cours : pause administrative, reprise dès son retour s'il le souhaite.",
        # adoption, move, exams, holidays
        "Adoption prononcée : la famille et l'enfant souhaitent garder la marraine.",
        "Placement à 300 km décidé par le juge : fin du jumelage.",
        "Pause pendant les révisions du bac, à la demande de la jeune.",
        "Paused for the summer holidays.",
    ],
)
def test_a_legitimate_note_stays_legitimate(text):
    assert not read(text).is_sanction, read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Le jumelage est suspendu : Mehdi a été interpellé samedi.",
        "Mentoring stopped; he keeps bullying younger kids.",
        "Fin du parrainage parce qu'il a triché au contrôle.",
    ],
)
def test_a_reason_in_unlisted_words_is_the_youths_doing(text):
    assert "stop_for_conduct" in kinds(text), read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Fin du jumelage parce qu'il a trouvé un apprentissage à Nantes.",
        "Pause because she is in hospital.",
        "Clôture : le bénévole change de région.",
        "Ended because the youth felt the mentor was too pushy.",
        "Clôture du jumelage car il part vivre chez sa grand-mère.",
        "Fin car il a été placé dans un autre foyer.",
        "Match closed because he has a new foster family far away.",
        "Il a perdu son père, pause le temps du deuil.",
    ],
)
def test_a_reason_that_is_a_legitimate_cause_passes(text):
    assert not read(text).is_sanction, read(text).findings


def test_the_school_excluding_the_youth_is_not_an_act_on_mentoring():
    reading = read("Exclu du lycée pour bagarre ; la mentore vient le voir plus souvent.")
    assert not reading.is_sanction, reading.findings


def test_a_lever_names_its_phrase_in_the_explanation():
    reading = read("On suspend le mentorat pour qu'il comprenne.")
    assert reading.findings[0].phrase == "pour qu'il comprenne"


def test_the_explanation_quotes_the_note_as_written_accents_included():
    reading = read("À titre éducatif, les sorties avec la mentore sont supprimées.")
    assert reading.findings[0].phrase == "À titre éducatif"
    assert "as a lever" in reading.explanation()
