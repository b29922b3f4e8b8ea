"""The no-sanction reader (entrepairs.mentoring.punitive) against the keyword baseline, on the
closure-note corpora: precision, recall and latency, three runs.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_no_sanction.py --runs 3

Per run: the model load (first call of core.nlp.french(), once per process: only run 1 pays it,
in a fresh process), then every note of both corpora read once; latency per note is the
median and 95th percentile of `read()`. Figures go to docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "entrepairs" / "mentoring" / "tests" / "corpora"
NAMES = [
    "closure_notes_fr_en.jsonl",
    "closure_reasons.jsonl",
    "closure_notes_dev2.jsonl",
    "closure_notes_dev3.jsonl",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")
    import django

    django.setup()
    from entrepairs.core.nlp import french
    from entrepairs.core.tests.corpus import score
    from entrepairs.mentoring.punitive import is_punitive, read
    from entrepairs.mentoring.punitive_keywords import is_punitive as keywords

    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    started = time.perf_counter()
    french()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    for name in NAMES:
        path = CORPORA / name
        print(f"{name}: reader {score(path, is_punitive)}")
        print(f"{name}: keywords {score(path, keywords)}")
    texts = [
        json.loads(line)["text"]
        for name in NAMES
        for line in (CORPORA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for run in range(1, args.runs + 1):
        times = []
        for text in texts:
            t = time.perf_counter()
            read(text)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"run {run}: {len(texts)} notes, total {sum(times) / 1000:.2f} s, "
            f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
