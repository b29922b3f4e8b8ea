"""bin/_supervise, which bin/demo runs the web app and the worker under: a stopped process is
started again, one that cannot start is given up, and stopping the supervisor stops its child
(issue 17: a crashed worker took the web app down with it)."""

import os
import signal
import subprocess
import time
from pathlib import Path

SUPERVISE = Path(__file__).resolve().parents[3] / "bin" / "_supervise"


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "SUPERVISE_DELAY": "0", **extra}


def test_a_process_that_cannot_start_is_given_up(tmp_path):
    runs = tmp_path / "runs"
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [str(SUPERVISE), "demo part", "bash", "-c", f"echo run >> {runs}; exit 3"],
        env=_env(SUPERVISE_MAX_QUICK_FAILURES="3"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert runs.read_text().count("run") == 3
    assert "demo part stopped 3 times in a row (last exit code 3)" in result.stderr


def test_a_crashed_process_is_started_again_and_stopped_with_its_supervisor(tmp_path):
    runs, pid_file = tmp_path / "runs", tmp_path / "pid"
    # First run crashes; the second stays up and says who it is.
    script = (
        f"echo run >> {runs}; "
        f'if [ "$(wc -l < {runs})" -lt 2 ]; then exit 1; fi; '
        f"echo $$ > {pid_file}; exec sleep 60"
    )
    supervisor = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [str(SUPERVISE), "worker", "bash", "-c", script],
        env=_env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text().strip():
                break
            time.sleep(0.05)
        child = int(pid_file.read_text())
        os.kill(child, 0)  # running
        assert runs.read_text().count("run") == 2
    finally:
        supervisor.send_signal(signal.SIGTERM)
        _, stderr = supervisor.communicate(timeout=20)
    assert supervisor.returncode == 0
    assert "worker stopped (exit code 1): starting it again" in stderr
    for _ in range(100):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the supervised process outlived its supervisor")
