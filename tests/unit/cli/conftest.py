"""Run `chisellm` in-process (fast enough for property tests) with trip-wires on everything past input checks:
the verification engine, the toolchain and training. Malformed input must be rejected before any of them."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass

import pytest


@dataclass
class CliOutcome:
    code: int
    stdout: str
    stderr: str


def _tripwire(name: str):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{name} was reached: the input passed validation")
    return refuse


@pytest.fixture(scope="session")
def cli():
    """`cli(*args)` runs `chisellm *args` as `main()` does (a ChiselLLMError becomes exit 2) and returns the
    exit code and output; any other exception propagates, so a traceback fails the test."""
    import chisellm.hdl.engine as engine
    import chisellm.hdl.toolchain as toolchain
    import chisellm.train.recipe as recipe
    from chisellm.cli.main import main

    patch = pytest.MonkeyPatch()
    for module, name in ((engine, "default_engine"), (engine, "verify_many"), (engine, "Engine"),
                         (toolchain, "toolchain_fingerprint"), (recipe, "run_training")):
        patch.setattr(module, name, _tripwire(f"{module.__name__}.{name}"))

    def run(*args: str) -> CliOutcome:
        out, err = io.StringIO(), io.StringIO()
        argv = sys.argv
        sys.argv = ["chisellm", *map(str, args)]
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.argv = argv
        return CliOutcome(code, out.getvalue(), err.getvalue())

    yield run
    patch.undo()
