"""The answer backends by name: each module declares `create(config)` (the backend, its heavy imports inside)
and `identity(config)` (what run.json records as the model). Adding a backend = one module + one line here
(+ the flag or key in config/eval.py that selects it)."""

from __future__ import annotations

import importlib
from types import ModuleType

from chisellm.config.eval import EvalConfig
from chisellm.eval.backends.base import GenerationBackend

BACKEND_MODULES = {
    "oracle": "chisellm.eval.backends.oracle",
    "api": "chisellm.eval.backends.openai_api",
    "transformers": "chisellm.eval.backends.transformers_backend",
    "vllm": "chisellm.eval.backends.vllm_backend",
    "scripted": "chisellm.eval.backends.scripted",
}


def backend_module(name: str) -> ModuleType:
    """The module of backend `name` (importing it is cheap: libraries load in `create`)."""
    return importlib.import_module(BACKEND_MODULES[name])


def make_backend(config: EvalConfig) -> GenerationBackend:
    """The backend `config.source` names.

    Raises:
        ChiselLLMError: when the backend's library is missing or its model cannot be found.
    """
    return backend_module(config.source).create(config)


def backend_identity(config: EvalConfig) -> str:
    """The model label a run records: the API and model name, the model folder, `oracle`, or the answers file."""
    if config.source == "answers":
        return config.answers
    return backend_module(config.source).identity(config)
