"""The French identifying-data detector measured on every pseudonymisation corpus
(corpora/pseudonymisation_*.jsonl; match rule in groups/detection/evaluation.py).

Measured on 2026-12-02 on pseudonymisation_dev.jsonl (285 sentences, 234 entities; the corpus the
rules were developed on, so its figures are optimistic): overall precision 0.99, recall 0.99;
person 0.99 / 1.00; phone, NIR, date, age, address, e-mail, IBAN 1.00 / 1.00; place 0.93 / 0.93;
institution 0.97 / 0.97. The regex detector it replaced: overall 0.60 / 0.35, person 0.48 / 0.49
(docs/benchmarks.md). On 2026-12-03 the dev corpus grew
to 363 sentences (78 for the classes an outside tester found missed: lower-case civilities,
couples, families, birth months, ISO and worded dates, ages in months, towns that are first names);
before the fixes: overall 0.98 / 0.89, person 0.97 / 0.93, date 1.00 / 0.72, age 1.00 / 0.84;
after: overall 0.99 / 0.99, person 0.99 / 1.00, date and age 1.00 / 1.00, place 0.95 / 0.95,
institution 0.97 / 0.97. On 2026-12-04 the dev corpus grew by 14 texts for the classes a second
outside tester found (a first name before a comma, maiden names, days without a month and ranges
of days, lower-case first names that are words after « la petite », titles); after the fixes,
every corpus still over its floors (overall P/R before → after: dev 0.984/0.987 → 0.98/0.99,
dev3 0.957/0.975 → 0.957/0.977, held-out 1 0.978/0.976 → 0.974/0.978, held-out 2 unchanged
0.961/0.970, held-out 3 0.974/0.972 → 0.972/0.972, held-out 4 0.947/0.962 → 0.946/0.964; the
held-out corpora measured, never tuned on). The floors sit a little under the figures. A corpus without floors of its own here (the held-out corpus, when it comes)
is held to the issue's goals less a margin until its figures are measured and written here.
"""

from pathlib import Path

import pytest

from entrepairs.groups.detection import detect
from entrepairs.groups.detection.evaluation import evaluate, load
from entrepairs.groups.identifying_regex import find_identifying as find_with_regex

# A corpus: run once, on PostgreSQL (DECISIONS.md; bin/test). No database is read.
pytestmark = pytest.mark.once

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
    # Written on 2026-12-03 by another helper that never read the detector, before the second
    # tuning pass (tuned on the development corpus only), measured once after it: P/R overall
    # 0.94 / 0.94, person 0.98 / 0.94, phone 1.00 / 1.00, NIR 1.00 / 0.83, date 1.00 / 0.97,
    # age 1.00 / 0.93, address 1.00 / 1.00, place 0.76 / 0.79, institution 0.69 / 0.91 (its author
    # counts national bodies such as "la CAF" as no entity, unlike the first held-out corpus).
    # Before the second pass: overall 0.93 / 0.86, person 0.96 / 0.89, date 1.00 / 0.68.
    "pseudonymisation_heldout2.jsonl": {
        "overall precision": 0.91,
        "overall recall": 0.91,
        "person recall": 0.92,
        "person precision": 0.95,
        "phone recall": 0.97,
        "date recall": 0.93,
        "age recall": 0.89,
        "address recall": 0.95,
        "place recall": 0.72,
        "institution recall": 0.85,
    },
    # Written on 2026-12-03 for the third tuning pass (persons the detector may miss: names that
    # are words, lower case, sentence starts, nicknames, particles, initials, foreign names; and
    # negatives), tuned on. Before the pass (all 468 texts): overall 0.93 / 0.92, person
    # 0.98 / 0.92, date 1.00 / 0.92, age 1.00 / 0.97; after: overall 0.96 / 0.98, person
    # 0.99 / 0.98, date and age 1.00 / 1.00 (place 0.76 / 0.85, institution 0.50 / 1.00: it
    # counts national bodies such as "la CAF" as no entity). The development corpus is unchanged.
    "pseudonymisation_dev3.jsonl": {
        "overall precision": 0.93,
        "overall recall": 0.95,
        "person recall": 0.96,
        "person precision": 0.97,
        "phone recall": 0.95,
        "date recall": 0.95,
        "age recall": 0.95,
        "address recall": 0.95,
        "place recall": 0.75,
        "institution recall": 0.90,
    },
    # Written on 2026-12-03 (third session of the day) by a helper that read no code nor corpus,
    # while the third tuning pass ran on its own development texts; measured once after it:
    # overall 0.96 / 0.94, person 0.98 / 0.97, phone 1.00 / 1.00, NIR 1.00 / 0.75, date
    # 1.00 / 1.00, age 1.00 / 0.97, address 1.00 / 1.00, place 0.87 / 0.81, institution
    # 0.82 / 0.78. (Held-out 2 after the same pass: overall 0.96 / 0.96, person 0.98 / 0.98.)
    "pseudonymisation_heldout3.jsonl": {
        "overall precision": 0.93,
        "overall recall": 0.91,
        "person recall": 0.95,
        "person precision": 0.95,
        "phone recall": 0.95,
        "date recall": 0.95,
        "age recall": 0.93,
        "address recall": 0.95,
        "place recall": 0.75,
        "institution recall": 0.72,
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


@pytest.mark.parametrize("name", ["pseudonymisation_dev.jsonl", "pseudonymisation_dev3.jsonl"])
def test_there_is_a_development_corpus_of_200_sentences_at_least(name: str) -> None:
    items = load(Path(__file__).parent / "corpora" / name)
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


# A name counts as hidden only when none of its letters is left in clear: the overlap measure
# above counts « Kevin » found in « Kevin Marchand » as a hit while the surname stays readable
# (outside test of issue 13). Measured 2026-12-03: held-out 2 0.971, held-out 3 0.956, dev 1.000,
# dev3 0.952; after the fourth pass (names joined over particles, surnames written first, N'/O',
# hyphens and initials): held-out 1 0.989, held-out 2 0.988, held-out 3 0.992 (seen before: their
# failure lists showed the classes), dev 1.000, dev3 0.980 (516 texts).
FULLY_HIDDEN = {
    "pseudonymisation_heldout.jsonl": 0.97,
    "pseudonymisation_heldout2.jsonl": 0.97,
    "pseudonymisation_heldout3.jsonl": 0.97,
    "pseudonymisation_dev.jsonl": 0.98,
    "pseudonymisation_dev3.jsonl": 0.96,
}


@pytest.mark.parametrize("name", sorted(FULLY_HIDDEN))
def test_it_leaves_no_letter_of_a_name_in_clear(name: str) -> None:
    items = load(Path(__file__).parent / "corpora" / name)
    names = hidden = 0
    left = []
    for item in items:
        covered = {i for e in detect(item.text) for i in range(e.start, e.end)}
        for kind, start, end in item.expected:
            if kind != "person":
                continue
            names += 1
            if all(i in covered or not item.text[i].isalpha() for i in range(start, end)):
                hidden += 1
            else:
                left.append(item.text[start:end])
    assert hidden / names >= FULLY_HIDDEN[name], (hidden, names, left)
