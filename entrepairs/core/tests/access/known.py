"""Cells where the code differs from the expected table, triaged.

LEAKS: the code shows or lets through what the table refuses on confidentiality grounds. The test
asserts the expected (correct) outcome and is marked xfail(strict=True); when the code is fixed the
test passes, strict xfail fails the run, and the entry is removed here.

JUDGEMENT: the code differs on a product judgement call (not a confidentiality leak); the test
asserts what the code does today and docs/access-matrix.md lists the question for the reviewer.
"""

LEAKS: dict[str, str] = {}

JUDGEMENT: dict[str, tuple[str, str]] = {}
