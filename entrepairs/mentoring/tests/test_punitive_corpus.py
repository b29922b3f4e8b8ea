"""The no-sanction rule measured on held-out closure reasons (corpora/README.md).

Measured on 2026-12-02: precision 0.667, recall 0.174 (12 of 69 punitive reasons refused,
6 of 68 legitimate ones refused by mistake). The floors sit just under: one more miss or one more
false alarm fails (mutation: without the `\bpuni` pattern, recall 0.130). They catch a regression,
and the low recall is the known weakness that the rule's second pass must fix (issue 14),
without ever reading this corpus to do it.
"""

from pathlib import Path

from entrepairs.core.tests.corpus import score
from entrepairs.mentoring.punitive import is_punitive

CORPUS = Path(__file__).parent / "corpora" / "closure_reasons.jsonl"
PRECISION_FLOOR = 0.65
RECALL_FLOOR = 0.17


def test_it_keeps_its_precision_and_recall_on_held_out_closure_reasons():
    result = score(CORPUS, is_punitive)
    print(f"no-sanction rule on {CORPUS.name}: {result}")
    assert result.true_positives + result.false_negatives >= 60  # the corpus is whole
    assert result.precision >= PRECISION_FLOOR, result
    assert result.recall >= RECALL_FLOOR, result
