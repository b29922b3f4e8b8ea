"""The no-sanction reader (punitive.py, spaCy French model) measured on two corpora.

Measured on 2026-12-02 (docs/benchmarks.md):
- closure_notes_fr_en.jsonl (237 notes, issue 14, written before the reader by its author):
  precision 1.000, recall 0.974 (112 of 115 sanctions refused, no legitimate note refused);
  the keyword baseline: precision 0.615, recall 0.139.
- closure_reasons.jsonl (137 reasons, written by an independent helper, never read to tune):
  precision 0.855, recall 0.768; the keyword baseline: precision 0.667, recall 0.174.
The floors sit just under the measured figures: a regression fails, a gain is kept.
"""

from pathlib import Path

import pytest

from entrepairs.core.tests.corpus import score
from entrepairs.mentoring.punitive import is_punitive

CORPORA = Path(__file__).parent / "corpora"
FLOORS = {
    # corpus: (least positives, precision floor, recall floor)
    "closure_notes_fr_en.jsonl": (110, 0.97, 0.95),
    "closure_reasons.jsonl": (60, 0.84, 0.75),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_it_keeps_its_precision_and_recall_on_held_out_closure_notes(name):
    least, precision_floor, recall_floor = FLOORS[name]
    result = score(CORPORA / name, is_punitive)
    print(f"no-sanction reader on {name}: {result}")
    assert result.true_positives + result.false_negatives >= least  # the corpus is whole
    assert result.precision >= precision_floor, result
    assert result.recall >= recall_floor, result
