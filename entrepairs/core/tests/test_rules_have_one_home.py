"""Views, API views and templates ask the app's rules and selectors; they never read a viewer's
roles themselves (issue 11: a rule copied into a view drifts, and a drifted copy is a leak)."""

import re
from pathlib import Path

import entrepairs

ROOT = Path(entrepairs.__file__).parent
# Reading roles or tenancy straight off the viewer, or naming a role, is the rules' business.
ROLE_READS = re.compile(
    r"\.managed_orgs\b|\.orgs_with\(|\.is_platform_admin\b|\.role\s*==|role__in\s*=|\bRole\.[A-Z]"
)


def _channel_files() -> list[Path]:
    files = [*ROOT.glob("*/views/**/*.py"), *ROOT.glob("*/api/**/*.py")]
    files += [*ROOT.glob("*/templates/**/*.html")]
    return sorted(files)


def _reads(path: Path) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ROLE_READS.search(line)
    ]


def test_no_view_api_or_template_reads_roles_itself() -> None:
    files = _channel_files()
    assert len(files) > 100  # positive control: the walk reaches every app's channels
    found = [hit for path in files for hit in _reads(path)]
    assert found == []


def test_the_rules_are_where_the_roles_are_read() -> None:
    """Positive control: the pattern finds role reads where they belong."""
    assert _reads(ROOT / "people" / "rules.py")
    assert _reads(ROOT / "groups" / "rules.py")
