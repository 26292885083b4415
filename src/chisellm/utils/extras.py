"""Optional dependency groups (the `[train]` and `[quant]` extras): check them where a feature starts, so a
missing one is an install command, not a `ModuleNotFoundError` from deep inside an import."""

from __future__ import annotations

import importlib.util

from chisellm.utils.errors import ChiselLLMError

# The import names each extra must provide (pyproject.toml's [project.optional-dependencies]).
EXTRAS = {
    "train": ("torch", "transformers", "peft", "accelerate", "safetensors", "tokenizers"),
    "quant": ("bitsandbytes",),
    "api": ("openai",),  # `chisellm eval --api`
    "deepspeed": ("deepspeed",),  # not an extra of ours: `pip install deepspeed`, as LLaMA-Factory asks
}


def is_available(module: str) -> bool:
    """True when `module` can be imported (without importing it)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ValueError:  # sys.modules[module] is None: marked as not importable
        return False


def require_extra(extra: str, feature: str) -> None:
    """Raise a `ChiselLLMError` naming `pip install "chisellm[extra]"` unless every module of `extra` imports.

    Args:
        extra: A key of `EXTRAS`.
        feature: What needs it, for the message (e.g. "`chisellm train`").
    """
    missing = [name for name in EXTRAS[extra] if not is_available(name)]
    if missing:
        command = "pip install deepspeed" if extra == "deepspeed" else f'pip install "chisellm[{extra}]"'
        raise ChiselLLMError(f"{feature} needs {', '.join(missing)}, which is not installed", hint=command)
