"""Find what to load for a trained output folder: a full model, or an adapter plus the base it was trained on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chisellm.config.run_record import RUN_RECORD_NAME, find_run_record
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_json

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "tokenizer.model", "vocab.json")


@dataclass(frozen=True)
class ModelSource:
    """What to load: `base` weights, an optional PEFT `adapter` on top, and where the tokenizer lives."""

    base: str
    adapter: str | None
    tokenizer: str

    @property
    def label(self) -> str:
        return f"{self.base} + {self.adapter}" if self.adapter else self.base


def resolve_model_source(path: str | Path, base: str | Path | None = None) -> ModelSource:
    """Resolve a model folder, an adapter folder, or a hub-style name given as a local path.

    An adapter folder holds `adapter_config.json`; its base is `base` when given (`--base`), else read from
    `chisellm_run.json` (`config.model_name_or_path`), else from the adapter config's `base_model_name_or_path`.

    Raises:
        ChiselLLMError: when the path or the base model cannot be found.
    """
    folder = Path(path)
    if not folder.exists():
        raise ChiselLLMError(f"{folder}: model or adapter folder not found",
                             hint="pass the output_dir of `chisellm train` or an exported model folder")
    has_tokenizer = any((folder / name).exists() for name in TOKENIZER_FILES)
    if not (folder / "adapter_config.json").exists():
        if not (folder / "config.json").exists():
            raise ChiselLLMError(f"{folder}: neither config.json (a model) nor adapter_config.json (an adapter)",
                                 hint="point at the folder training or export wrote")
        return ModelSource(base=str(folder), adapter=None, tokenizer=str(folder))
    if base is not None:
        if not Path(base).exists():
            raise ChiselLLMError(f"--base {base}: folder not found", hint="pass the base model folder the adapter was trained on")
        base = str(Path(base).resolve())
    else:
        base = _base_of_adapter(folder)
    return ModelSource(base=base, adapter=str(folder), tokenizer=str(folder) if has_tokenizer else base)


def _base_of_adapter(folder: Path) -> str:
    record = find_run_record(folder)
    base = record.base_model if record else None
    if not base:
        adapter_config = read_json(folder / "adapter_config.json", "adapter config")
        base = adapter_config.get("base_model_name_or_path") if isinstance(adapter_config, dict) else None
    if not base:
        raise ChiselLLMError(f"{folder}: cannot tell the base model (no {RUN_RECORD_NAME} and no base_model_name_or_path)",
                             hint="re-run training, which records the base model")
    # Training records absolute paths; older records hold paths relative to where training ran.
    for candidate in (folder / base, Path(base)):
        if candidate.exists():
            return str(candidate.resolve())
    return str(base)  # a hub id: loaders read it from the local cache only (local_files_only=True)
