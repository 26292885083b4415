"""`chisellm export`: merge a trained adapter into its bf16 base and write a ready-to-serve model folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def export_command(
    adapter: Path = typer.Option(..., "--adapter", help="Training output folder (adapter or full model)."),
    out: Path = typer.Option(..., "--out", help="Folder for the merged model."),
    shard_size: str = typer.Option("2GB", "--shard-size", help="Largest safetensors shard, e.g. 2GB or 500MB."),
    eval_summary: Optional[Path] = typer.Option(None, "--eval-summary",
                                                help="summary.json of an eval run, for the model card."),
    base: Optional[Path] = typer.Option(None, "--base", help="Base model folder (default: the one training recorded)."),
) -> None:
    """Merge LoRA into a bf16 base (never 4-bit); write sharded safetensors, tokenizer, generation config, model card."""
    from chisellm.utils.extras import require_extra

    require_extra("train", "`chisellm export`")
    from chisellm.export.merge import export_model

    result = export_model(adapter, out, shard_size=shard_size, eval_summary=eval_summary, base=base)
    typer.echo(f"exported {result.source.label} -> {result.out_dir} "
               f"({result.parameters:,} parameters, {len(result.shards)} shard(s))")
