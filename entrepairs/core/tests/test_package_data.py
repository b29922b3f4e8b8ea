"""Every file the code reads beside its modules (templates, static files, the French catalogue, the
detector's word lists, the sanction reader's weights...) is declared as package data, so that an
install from a wheel has it (issue 14: the reader's weights were not; a wheel then held no
template at all)."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "entrepairs"


def _regex(pattern: str) -> re.Pattern[str]:
    """setuptools' glob: `**/` any depth of folders (none included), `*` within one name."""
    out = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.compile(out + r"\Z")


def _owning_package(path: Path) -> Path:
    folder = path.parent
    while not (folder / "__init__.py").exists():
        folder = folder.parent
    return folder


def test_every_file_beside_the_code_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = [_regex(p) for p in config["tool"]["setuptools"]["package-data"]["*"]]
    files = [
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.suffix not in {".py", ".pyc"}
        and "__pycache__" not in p.parts
        and "tests" not in p.relative_to(PACKAGE).parts
    ]
    assert any(p.suffix == ".npz" for p in files)  # the walk sees the data files
    missing = [
        str(p.relative_to(ROOT))
        for p in files
        if not any(r.match(p.relative_to(_owning_package(p)).as_posix()) for r in patterns)
    ]
    assert missing == [], f"not declared in [tool.setuptools.package-data]: {missing}"
