"""The learned half of the no-sanction reader: a logistic regression over hashed word uni/bigrams
and character 3–5-grams of the folded note (lower case, no accents), written with numpy alone.
Character n-grams carry the stems (« retir », « exclu », « punit ») through inflections, typos and
phrasings the rules' lists do not know.

The reader (punitive.py) refuses a note when its rules find a sanction OR when this model's
probability is at least THRESHOLD, on a note of MIN_WORDS words or more where the rules saw no
legitimate reason (the youth's wish, the match going on, another cause, a refused sanction): the
rules explain what they found; the model adds notes whose wording is close to notes of sanctions.
It may also DOUBT a refusal, but only one resting on the rules' structural inference alone (a stop
or a condition read beside a conduct word: DOUBTABLE) on a note of MIN_WORDS words or more whose
wording is far from any sanction (probability under DOUBT): a named sanction, a lever or a
deprivation is never cleared — a missed sanction costs a youth their mentor. Why a model, and why
these thresholds: leave-one-corpus-out cross-validation over the corpora (docs/benchmarks.md, "A
learned component beside the rules" and "Fifth pass"; bench/sanction_reader_cv.py reproduces it),
chosen only on the folds where neither the rules nor the model had seen the held corpus.

Weights: data/punitive_model.npz, trained on TRAINING_CORPORA by
`manage.py retrain_sanction_model` (deterministic: full-batch Adam from zeros, no randomness; the
file is written byte for byte the same). No Django here: the bench trains it outside the project.
"""

import io
import json
import re
import unicodedata
import zipfile
import zlib
from functools import cache
from pathlib import Path

import numpy as np

DIMENSION = 1 << 18
THRESHOLD = 0.6
# Under this probability the model doubts a refusal that rests only on DOUBTABLE findings.
DOUBT = 0.2
DOUBTABLE = frozenset({"stop_for_conduct", "condition"})
# Shorter texts (« Inquiétude », "Worrying messages.") carry too few n-grams to judge a wording:
# the rules alone read them (no corpus note that the model alone refused was shorter).
MIN_WORDS = 5
WEIGHTS = Path(__file__).parent / "data" / "punitive_model.npz"
CORPORA = Path(__file__).parent / "tests" / "corpora"
# Named one by one: a corpus dropped in the folder (a new held-out one) is never trained on by
# accident. A corpus is added here only after it has been measured once.
TRAINING_CORPORA = (
    "closure_notes_fr_en.jsonl",
    "closure_reasons.jsonl",
    "closure_notes_dev2.jsonl",
    "closure_notes_dev3.jsonl",
    "closure_notes_heldout2.jsonl",
    "closure_notes_heldout3.jsonl",
    "closure_notes_heldout4.jsonl",  # measured once unseen (docs/benchmarks.md), then trained on
    "closure_notes_heldout5.jsonl",  # idem (fifth pass), trained on in the sixth
    "closure_notes_heldout6.jsonl",  # idem (sixth pass), trained on in the seventh
    "closure_notes_heldout7.jsonl",  # idem (seventh pass), trained on in the eighth
    "closure_notes_heldout8.jsonl",  # idem (eighth pass), trained on in the ninth
    "closure_notes_heldout9.jsonl",  # idem (ninth pass), trained on in the tenth
    "closure_notes_heldout10.jsonl",  # idem (tenth pass), trained on in the eleventh
)
_WORD = re.compile(r"[a-z0-9']+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _grams(words: list[str]) -> set[str]:
    grams = {f"w:{w}" for w in words}
    grams |= {f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)}
    for w in words:
        padded = f" {w} "
        for n in (3, 4, 5):
            grams |= {f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)}
    return grams


def _index(grams: set[str]) -> np.ndarray:
    return np.unique(np.array([zlib.crc32(g.encode()) % DIMENSION for g in grams], dtype=np.int64))


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed feature indices and their L2-normalised weights (binary presence)."""
    index = _index(_grams(_WORD.findall(fold(text))))
    if not len(index):
        return index, np.zeros(0)
    return index, np.full(len(index), 1 / np.sqrt(len(index)))


def _stack(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = [features(t) for t in texts]
    doc = np.concatenate([np.full(len(i), n, dtype=np.int64) for n, (i, _v) in enumerate(rows)])
    return doc, np.concatenate([i for i, _v in rows]), np.concatenate([v for _i, v in rows])


def train(
    texts: list[str], labels: list[bool], *, epochs: int = 300, l2: float = 1e-4
) -> np.ndarray:
    """Weights (bias last) by full-batch gradient descent with Adam from zeros; deterministic."""
    doc, index, value = _stack(texts)
    y = np.array(labels, dtype=float)
    weights = np.zeros(DIMENSION + 1)
    m, v = np.zeros_like(weights), np.zeros_like(weights)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = np.bincount(doc, weights=weights[index] * value, minlength=len(y)) + weights[-1]
        error = (1 / (1 + np.exp(-z)) - y) / len(y)
        grad = np.zeros_like(weights)
        grad[:-1] = np.bincount(index, weights=error[doc] * value, minlength=DIMENSION)
        grad[:-1] += l2 * weights[:-1]
        grad[-1] = error.sum()
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad**2
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return weights


def probability(weights: np.ndarray, text: str) -> float:
    index, value = features(text)
    z = float(weights[index] @ value + weights[-1])
    return float(1 / (1 + np.exp(-z)))


def corpus(name: str) -> list[tuple[str, bool]]:
    lines = (CORPORA / name).read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [(r["text"], r["label"] in (True, "sanction")) for r in rows]


def train_on_corpora(names: tuple[str, ...] = TRAINING_CORPORA) -> np.ndarray:
    rows = [row for name in names for row in corpus(name)]
    return train([t for t, _ in rows], [y for _, y in rows])


def save(weights: np.ndarray, path: Path) -> None:
    """Only the non-zero weights, as float32, in a zip whose bytes depend on the weights alone
    (fixed entry dates, unlike numpy's savez): retraining writes the same file."""
    keep = np.flatnonzero(weights)
    arrays: dict[str, np.ndarray] = {
        "index": keep.astype(np.int64),
        "weight": weights[keep].astype(np.float32),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def load(path: Path) -> np.ndarray:
    with np.load(path, allow_pickle=False) as data:
        weights = np.zeros(DIMENSION + 1)
        weights[data["index"]] = data["weight"]
    return weights


@cache
def shipped() -> np.ndarray:
    """The committed weights, loaded once per process."""
    return load(WEIGHTS)
