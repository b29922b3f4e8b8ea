"""Scoring a text rule on a held-out corpus (JSON Lines of {"text", "label", "note"}; the label is
true/false or "sanction"/"legitimate").

The corpora were written by someone who had not read the rules' code, and are never used to tune
them (DECISIONS.md, "held-out corpora"): their figures measure the rule, the floors guard them.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"(tp {self.true_positives}, fp {self.false_positives}, "
            f"fn {self.false_negatives}, tn {self.true_negatives})"
        )


def score(path: Path, flags: Callable[[str], bool]) -> Score:
    result = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        flagged, expected = flags(item["text"]), item["label"] in (True, "sanction")
        if flagged and expected:
            result.true_positives += 1
        elif flagged:
            result.false_positives += 1
            result.false_alarms.append(item["text"])
        elif expected:
            result.false_negatives += 1
            result.missed.append(item["text"])
        else:
            result.true_negatives += 1
    return result
