"""`chisellm agent`: one design through the repair loop (generate -> verify -> feedback -> regenerate)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from chisellm.utils.errors import ChiselLLMError

DEFAULT_EVAL_SET = "eval/eval_set_v1.jsonl"


def agent_command(
    spec: Optional[Path] = typer.Argument(None, help="The design request (text file). Optional with --suite-task."),
    top: Optional[str] = typer.Option(None, "--top", help="Class name of the module to build."),
    vectors: Optional[Path] = typer.Option(None, "--vectors", help="Golden vectors (JSON) to simulate against."),
    suite_task: Optional[str] = typer.Option(None, "--suite-task", help="Take prompt and grading from this eval task id."),
    eval_set: str = typer.Option(DEFAULT_EVAL_SET, "--eval-set", help="Where --suite-task is looked up."),
    model: Optional[str] = typer.Option(None, "--model", help="Model folder, or an adapter folder."),
    adapter: Optional[str] = typer.Option(None, "--adapter", help="Adapter folder; its base comes from chisellm_run.json."),
    api: Optional[str] = typer.Option(None, "--api", help="Base URL of an OpenAI-compatible server."),
    api_model: Optional[str] = typer.Option(None, "--api-model", help="Model name sent to --api."),
    scripted: Optional[Path] = typer.Option(None, "--scripted", help="Replay answers per round from this JSONL."),
    rounds: int = typer.Option(3, "--rounds", help="Answers at most (1 = no repair)."),
    as_json: bool = typer.Option(False, "--json", help="Print every step as one JSON line instead of text."),
    sets: list[str] = typer.Option([], "--set", help="Any eval config key, e.g. --set generation.max_new_tokens=2048."),
) -> None:
    """Generate Chisel for SPEC, verify it, feed the engine's diagnostics back up to --rounds times; print the
    final Chisel, Verilog and verdict (exit 0 when it passed, 1 when not)."""
    from chisellm.config import load_config
    from chisellm.config.eval import EvalConfig
    from chisellm.eval.backends import make_backend
    from chisellm.eval.repair import Feedback, Final, Generated, RepairSettings, Verified, repair_loop, step_json

    task = _task(spec, top, vectors, suite_task, eval_set)
    flags = {"eval_set": str(spec or eval_set), "model": model, "adapter": adapter, "api.url": api,
             "api.model": api_model, "scripted": str(scripted) if scripted else None, "rounds": rounds}
    settings = load_config(EvalConfig, None, [f"{k}={json.dumps(v)}" for k, v in flags.items() if v is not None] + sets)
    backend = make_backend(settings)
    loop = RepairSettings(rounds=settings.rounds, samples=1, chunk=1, system_prompt=settings.generation.system_prompt)
    final: Final | None = None
    for step in repair_loop(backend, [task], loop):
        if as_json:
            typer.echo(json.dumps(step_json(step)))
        elif isinstance(step, Generated):
            typer.echo(f"round {step.round}: generated {len(step.completion)} characters with {backend.name}", err=True)
        elif isinstance(step, Verified):
            g = step.graded
            detail = f" ({g.mismatches} mismatching)" if g.mismatches else ""
            typer.echo(f"round {g.round}: {g.verdict}{detail}", err=True)
        elif isinstance(step, Feedback):
            typer.echo(f"round {step.round}: feedback sent:\n" + _indent(step.text), err=True)
        if isinstance(step, Final):
            final = step
    if final is None:
        raise ChiselLLMError("the loop ended without a final answer", hint="this is a bug; please report it")
    if not as_json:
        typer.echo(f"// Chisel (round {final.rounds})\n{final.code}\n")
        if final.verilog:
            typer.echo(f"// Verilog\n{final.verilog}\n")
        typer.echo(f"verdict: {final.verdict} after {final.rounds} round(s): {'PASS' if final.passed else 'FAIL'}")
    raise typer.Exit(0 if final.passed else 1)


def _task(spec: Path | None, top: str | None, vectors: Path | None, suite_task: str | None, eval_set: str):
    from chisellm.eval.design import design_task
    from chisellm.eval.tasks import load_eval_set
    from chisellm.hdl import Vectors

    spec_text = _read_text(spec) if spec else None
    if suite_task:
        if vectors:
            raise ChiselLLMError("--suite-task brings its own grading; drop --vectors", hint="use one of the two")
        found = [t for t in load_eval_set(eval_set) if t.id == suite_task]
        if not found:
            raise ChiselLLMError(f"{eval_set}: no task with id `{suite_task}`", hint="check the id (see the eval set)")
        task = found[0]
        if top and top != task.module_name:
            raise ChiselLLMError(f"task `{suite_task}` builds `{task.module_name}`, not `{top}`", hint="drop --top")
        if spec_text is not None:
            from dataclasses import replace

            task = replace(task, instruction=spec_text, input="")
        return task
    if spec_text is None or not top:
        raise ChiselLLMError("give SPEC.txt and --top NAME (or --suite-task ID)", hint="see `chisellm agent --help`")
    vecs = None
    if vectors:
        try:
            vecs = Vectors.from_json(json.loads(_read_text(vectors)), str(vectors))
        except json.JSONDecodeError as exc:
            raise ChiselLLMError(f"{vectors}:{exc.lineno}: not valid JSON ({exc.msg})", hint="fix the vectors file") from None
    return design_task(spec_text, top, vectors=vecs)


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ChiselLLMError(f"{path}: no such file", hint="check the path")
    return path.read_text(encoding="utf-8", errors="replace")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
