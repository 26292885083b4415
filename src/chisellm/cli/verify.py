"""`chisellm verify`: compile, elaborate, lower and simulate Chisel sources."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from chisellm.utils.errors import ChiselLLMError

# Types of the fields a --batch row may carry (`id` is only echoed back).
BATCH_FIELDS = {"code": str, "top": str, "top_args": str, "vectors": (dict, type(None)), "id": (str, int)}


def verify_command(
    file: Optional[Path] = typer.Argument(None, help="A Chisel source file (.scala)."),
    top: Optional[str] = typer.Option(None, "--top", help="The class to elaborate."),
    vectors: Optional[Path] = typer.Option(None, "--vectors", help="Golden vectors (JSON, see chisellm.hdl.vectors)."),
    top_args: str = typer.Option("", "--top-args", help="Constructor arguments, e.g. '8, 4'."),
    batch: Optional[Path] = typer.Option(None, "--batch", help="JSONL rows with code, top and optional vectors/top_args."),
    out: Optional[Path] = typer.Option(None, "--out", help="With --batch: write results here instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    emit_verilog: bool = typer.Option(False, "--verilog", help="Print the Verilog firtool produced."),
) -> None:
    """Verify one Chisel FILE (--top NAME), or a whole --batch FILE.jsonl (one JSON result per row)."""
    from chisellm.hdl import Candidate, Vectors
    from chisellm.hdl.engine import verify_many

    if batch is not None:
        _verify_batch(batch, out)
        return
    if file is None or top is None:
        raise ChiselLLMError("give a FILE and --top NAME, or --batch FILE.jsonl", hint="see `chisellm verify --help`")
    source = _read_source(file)
    vecs = Vectors.from_json(_read_json(vectors), str(vectors)) if vectors else None
    result = verify_many([Candidate(source, top, vecs, top_args)])[0]
    if as_json:
        typer.echo(json.dumps(result.to_json(with_verilog=emit_verilog), indent=2))
    else:
        typer.echo(f"{file}: {result.summary()}")
        for diag in result.diagnostics[1:8]:
            typer.echo(f"  {file}:{diag}")
        if emit_verilog and result.verilog:
            typer.echo(result.verilog)
    raise typer.Exit(0 if result.ok else 1)


def _verify_batch(path: Path, out: Path | None) -> None:
    from chisellm.hdl import Candidate, Vectors
    from chisellm.hdl.engine import verify_many
    from chisellm.utils.io import read_jsonl_lines

    numbered = list(read_jsonl_lines(path, required=("code", "top"), types=BATCH_FIELDS))
    if not numbered:
        raise ChiselLLMError(f"{path}: no rows", hint="write one JSON object per line with code and top")
    rows = [row for _, row in numbered]
    candidates = [Candidate(r["code"], r["top"], Vectors.from_json(r["vectors"], f"{path}:{line}") if r.get("vectors") else None,
                            r.get("top_args", "")) for line, r in numbered]

    from chisellm.utils.table import progress, render_table

    with progress("verifying", len(candidates)) as update:
        results = verify_many(candidates, progress=lambda done, _total: update(done))
    lines = [json.dumps({"id": r.get("id", i), **res.to_json()}) for i, (r, res) in enumerate(zip(rows, results))]
    if out is not None:
        from chisellm.utils.io import atomic_write_text

        atomic_write_text(out, "\n".join(lines) + "\n")
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    if out is not None:  # results went to a file: show a table here
        table = [(row.get("id", i), res.verdict.value, res.cycles, f"{sum(res.timings.values()):.2f}")
                 for i, (row, res) in enumerate(zip(rows, results))]
        typer.echo(render_table(("id", "verdict", "cycles", "seconds"), table, left_columns=2), err=True)
    passed = sum(res.ok for res in results)
    typer.echo(f"{passed}/{len(results)} ok", err=True)


def _read_source(path: Path) -> str:
    if not path.exists():
        raise ChiselLLMError(f"{path}: no such file", hint="check the path")
    data = path.read_bytes()
    # Undecodable bytes survive as surrogates, so the engine reports the line instead of crashing here.
    return data.decode("utf-8", "surrogateescape")


def _read_json(path: Path) -> dict:
    from chisellm.utils.io import read_json

    return read_json(path, "vectors file")
