"""Upload-limits benchmark: how long and how much memory reading hostile and legitimate files takes.

Run by hand (not a test), from the repository root:

    .venv/bin/python bench/bench_uploads.py

Each file is generated in memory (entrepairs/core/tests/spreadsheets.py) and read by
`entrepairs.core.uploads.read_rows` with the default limits (and, for the bombs, once more with
the compression-ratio guard off, to show the streaming limits behind it). Prints the packed size,
the outcome (rows read or the limit that refused it), wall time and CPU time of the read, and the
peak memory allocated during it (tracemalloc, in a second pass so it does not slow the timing).
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entrepairs.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from entrepairs.core import uploads  # noqa: E402
from entrepairs.core.tests import spreadsheets as S  # noqa: E402


def read(data: bytes, name: str, limits: uploads.Limits) -> str:
    try:
        return f"{sum(1 for _ in uploads.read_rows(data, name, limits)):,} rows"
    except uploads.UploadError as exc:
        return f"refused: {exc.code}"


def main() -> None:
    translation.activate("en")
    default = uploads.Limits.from_settings()
    no_ratio = uploads.Limits.from_settings(compression_ratio=10**9)
    cases = [
        ("1 row of 2,000,000 cells", S.workbook(S.sheet_xml(S.wide_row(2_000_000, values=True)))),
        (
            "shared strings bomb (3,000,000 texts)",
            S.workbook(
                S.sheet_xml(S.people_rows(1)), S.shared_strings_xml("x" for _ in range(3_000_000))
            ),
        ),
        ("100,000 rows (xlsx)", S.people_workbook(100_000)),
        ("10,000 rows (xlsx, at the limit)", S.people_workbook(10_000)),
        ("100,000 rows (csv)", S.csv_people(100_000)),
        ("10,000 rows (csv, at the limit)", S.csv_people(10_000)),
    ]
    read(S.people_workbook(1), "warm-up.xlsx", default)
    print(
        f"{'file':<40} {'packed':>9}  {'limits':<10} {'outcome':<28} {'wall s':>7} {'cpu s':>6} {'peak MB':>8}"
    )
    for label, data in cases:
        name = "p.csv" if "csv" in label else "p.xlsx"
        for limits_name, limits in (("default", default), ("no ratio", no_ratio)):
            if limits_name == "no ratio" and "bomb" not in label and "cells" not in label:
                continue
            wall, cpu = time.perf_counter(), time.process_time()
            outcome = read(data, name, limits)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            tracemalloc.start()
            read(data, name, limits)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(
                f"{label:<40} {len(data) / 1024:>7.0f}KB  {limits_name:<10} {outcome:<28} "
                f"{wall:>7.2f} {cpu:>6.2f} {peak:>8.1f}"
            )


if __name__ == "__main__":
    main()
