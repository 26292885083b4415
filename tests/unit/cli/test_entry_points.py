"""`python -m chisellm` is the CLI, `--version` prints the package version, `chisellm setup --check` reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import chisellm

SRC = str(Path(chisellm.__file__).resolve().parents[1])


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    return subprocess.run([sys.executable, "-m", "chisellm", *args], capture_output=True, text=True, env=full_env,
                          timeout=60)


def test_module_entry_point_prints_the_version():
    proc = _run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"chisellm {chisellm.__version__}"


def test_setup_check_names_an_empty_toolchain_folder(tmp_path):
    proc = _run("setup", "--check", env={"CHISELLM_TOOLCHAIN": str(tmp_path / "tc")})
    assert proc.returncode == 1
    assert f"not installed in {tmp_path / 'tc'}" in proc.stdout
