"""Precision and recall per entity kind of a detector on a pseudonymisation corpus
(tests/corpora/pseudonymisation_*.jsonl, format in tests/corpora/README.md).

Match rule: a predicted span is correct when it overlaps (shares at least one character with)
an expected span of the same kind; an expected span is found when a predicted span of the same
kind overlaps it. Precision of a kind = correct predictions / predictions of that kind; recall =
expected spans found / expected spans of that kind; "overall" adds every kind up. Kinds a detector
does not know (the regex baseline has no place, institution, age, NIR or IBAN) count as missed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .entities import KINDS

Span = tuple[str, int, int]  # kind, start, end
Detector = Callable[[str], Iterable[Span]]


@dataclass
class Item:
    text: str
    expected: list[Span]
    note: str = ""


@dataclass
class KindScore:
    predicted: int = 0
    correct: int = 0
    expected: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def load(path: Path) -> list[Item]:
    """The corpus's items with each expected entity located: the n-th listing of a string is its
    n-th occurrence in the text. A string that is not in its text is an error of the corpus."""
    items = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        raw = json.loads(line)
        text, spans = raw["text"], []
        after: dict[str, int] = {}
        for entity in raw["entities"]:
            kind, value = entity["kind"], entity["text"]
            if kind not in KINDS:
                raise ValueError(f"{path.name}:{number}: unknown kind {kind!r}")
            start = text.find(value, after.get(value, 0))
            if start < 0:
                raise ValueError(f"{path.name}:{number}: {value!r} is not in its text")
            after[value] = start + len(value)
            spans.append((kind, start, start + len(value)))
        items.append(Item(text, spans, raw.get("note", "")))
    return items


def _overlap(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def evaluate(items: Iterable[Item], detector: Detector) -> dict[str, KindScore]:
    """Scores per kind, plus "overall"."""
    scores = {kind: KindScore() for kind in (*KINDS, "overall")}
    for item in items:
        predicted = list(detector(item.text))
        for span in predicted:
            ok = any(_overlap(span, e) for e in item.expected)
            for key in (span[0], "overall"):
                scores[key].predicted += 1
                scores[key].correct += ok
                if not ok:
                    scores[key].false_alarms.append(f"{item.text[span[1] : span[2]]} | {item.text}")
        for span in item.expected:
            ok = any(_overlap(p, span) for p in predicted)
            for key in (span[0], "overall"):
                scores[key].expected += 1
                scores[key].found += ok
                if not ok:
                    scores[key].missed.append(f"{item.text[span[1] : span[2]]} | {item.text}")
    return scores


def table(results: dict[str, dict[str, KindScore]]) -> str:
    """A Markdown table: one row per kind, precision and recall of each named detector."""
    names = list(results)
    head = "| Kind | Expected | " + " | ".join(f"{n} P | {n} R" for n in names) + " |"
    rule = "| --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |"
    rows = [head, rule]
    first = results[names[0]]
    for kind in (*KINDS, "overall"):
        if not first[kind].expected and not any(r[kind].predicted for r in results.values()):
            continue
        cells = []
        for name in names:
            score = results[name][kind]
            precision = f"{score.precision:.2f}" if score.predicted else "–"
            cells.append(f"{precision} | {score.recall:.2f}")
        label = f"**{kind}**" if kind == "overall" else kind
        rows.append(f"| {label} | {first[kind].expected} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
