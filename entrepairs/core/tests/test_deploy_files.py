"""deploy/ and docs/deployment.md as a system administrator uses them (issue 17, point 4): the
example environment file works through bin/prod-manage, and every `manage.py` command they name
exists with the options they give it."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = [
    ROOT / "docs" / "deployment.md",
    ROOT / "docs" / "install.md",
    *sorted((ROOT / "deploy").rglob("*")),
]


def test_the_example_environment_file_passes_the_deployment_checks(tmp_path):
    text = (ROOT / "deploy" / "env.example").read_text()
    text = text.replace("SECRET_KEY=change-me", "SECRET_KEY=" + "k" * 60 + "-test-9f8e7d6c5b4a")
    text = text.replace(
        "ENCRYPTION_KEYS=change-me", "ENCRYPTION_KEYS=" + Fernet.generate_key().decode()
    )
    text = re.sub(
        r"(?m)^DATABASE_URL=.*$", f"DATABASE_URL=sqlite:///{tmp_path}/deploy.sqlite3", text
    )
    env_file = tmp_path / "env"
    env_file.write_text(text)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ENCRYPTION_KEYS", "DATABASE_URL", "DEBUG"}
    }
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(ROOT / "bin" / "prod-manage"), "check", "--deploy", "--fail-level", "WARNING"],
        env={**environment, "ENTREPAIRS_ENV_FILE": str(env_file)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _commands_named() -> set[tuple[str, str]]:
    found = set()
    for path in DOCUMENTS:
        if path.is_file():
            for line in path.read_text().splitlines():
                for match in re.finditer(
                    r"(?:manage\.py|prod-manage) ([a-z_]+)((?: --[a-z-]+)*)", line
                ):
                    found.add((match.group(1), match.group(2)))
    return found


@pytest.mark.parametrize("command,options", sorted(_commands_named()))
def test_each_command_the_deployment_documents_name_exists(command, options):
    commands = get_commands()
    assert command in commands, f"manage.py {command} is documented but does not exist"
    parser = load_command_class(commands[command], command).create_parser("manage.py", command)
    known = {option for action in parser._actions for option in action.option_strings}
    for option in options.split():
        assert option in known, f"manage.py {command} has no option {option}"
