"""The French identifying-data detector measured on every pseudonymisation corpus
(corpora/pseudonymisation_*.jsonl; match rule in groups/detection/evaluation.py).

Measured on 2026-12-02 on pseudonymisation_dev.jsonl (285 sentences, 234 entities; the corpus the
rules were developed on, so its figures are optimistic): overall precision 0.99, recall 0.99;
person 0.99 / 1.00; phone, NIR, date, age, address, e-mail, IBAN 1.00 / 1.00; place 0.93 / 0.93;
institution 0.97 / 0.97. The regex detector it replaced: overall 0.60 / 0.35, person 0.48 / 0.49
(docs/benchmarks.md). The floors sit a little
under the figures. A corpus without floors of its own here (the held-out corpus, when it comes)
is held to the issue's goals less a margin until its figures are measured and written here.
"""

from pathlib import Path

import pytest

from entrepairs.groups.detection import detect
from entrepairs.groups.detection.evaluation import evaluate, load
from entrepairs.groups.identifying_regex import find_identifying as find_with_regex

CORPORA = sorted((Path(__file__).parent / "corpora").glob("pseudonymisation_*.jsonl"))
FLOORS = {
    # Written by a helper that never read the detector (README beside it), measured once after
    # the detector was finished: P/R overall 0.96 / 0.95, person 0.97 / 0.97, phone 1.00 / 1.00,
    # date 1.00 / 0.92, age 1.00 / 0.92, address 0.97 / 1.00, place 0.84 / 0.78, institution
    # 0.91 / 0.96 (regex detector: overall 0.76 / 0.48, person 0.68 / 0.62).
    "pseudonymisation_heldout.jsonl": {
        "overall precision": 0.93,
        "overall recall": 0.92,
        "person recall": 0.94,
        "person precision": 0.94,
        "phone recall": 0.97,
        "date recall": 0.88,
        "age recall": 0.88,
        "address recall": 0.95,
        "place recall": 0.72,
        "institution recall": 0.92,
    },
    "pseudonymisation_dev.jsonl": {
        "overall precision": 0.95,
        "overall recall": 0.95,
        "person recall": 0.95,
        "person precision": 0.95,
        "phone recall": 0.95,
        "date recall": 0.95,
        "age recall": 0.95,
        "address recall": 0.95,
        "place recall": 0.85,
        "institution recall": 0.90,
    },
}
UNMEASURED = {
    "overall precision": 0.85,
    "overall recall": 0.80,
    "person recall": 0.85,
    "phone recall": 0.90,
    "date recall": 0.85,
    "address recall": 0.85,
}


def _spans(text: str) -> list[tuple[str, int, int]]:
    return [(e.kind, e.start, e.end) for e in detect(text)]


def _regex_spans(text: str) -> list[tuple[str, int, int]]:
    kinds = {"name": "person"}
    return [(kinds.get(f.kind, f.kind), f.start, f.end) for f in find_with_regex(text)]


def test_there_is_a_development_corpus_of_200_sentences_at_least() -> None:
    items = load(Path(__file__).parent / "corpora" / "pseudonymisation_dev.jsonl")
    assert len(items) >= 200
    assert sum(1 for i in items if not i.expected) >= 50  # negatives too


@pytest.mark.parametrize("path", CORPORA, ids=[p.name for p in CORPORA])
def test_it_keeps_its_precision_and_recall_per_kind(path: Path) -> None:
    items = load(path)
    scores = evaluate(items, _spans)
    baseline = evaluate(items, _regex_spans)
    for kind, score in scores.items():
        print(
            f"{path.name} {kind}: P {score.precision:.2f} R {score.recall:.2f} ({score.expected})"
        )
    for floor_name, floor in FLOORS.get(path.name, UNMEASURED).items():
        kind, measure = floor_name.split()
        value = getattr(scores[kind], measure)
        assert value >= floor, (floor_name, value, scores[kind].missed, scores[kind].false_alarms)
    assert scores["person"].recall > baseline["person"].recall
    assert scores["overall"].recall > baseline["overall"].recall
