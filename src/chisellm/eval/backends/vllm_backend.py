"""Generation with vLLM when it is installed (GPU machines): continuous batching, LoRA applied per request."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from chisellm.config.eval import EvalConfig, GenerationConfig
from chisellm.eval.backends.base import Conversation
from chisellm.config.model_source import ModelSource
from chisellm.utils.errors import ChiselLLMError


def is_vllm_available() -> bool:
    """Whether `vllm` can be imported (checked without importing it)."""
    return importlib.util.find_spec("vllm") is not None


class VLLMBackend:
    """Generates with `vllm.LLM.chat`; an adapter is served as a LoRA request on its base model."""

    name = "vllm"

    def __init__(self, source: ModelSource, generation: GenerationConfig):
        if not is_vllm_available():
            raise ChiselLLMError("--backend vllm needs the vllm package", hint="pip install vllm (on a CUDA machine)")
        from vllm import LLM
        from vllm.lora.request import LoRARequest

        self.generation = generation
        lora = {"enable_lora": True, "max_lora_rank": _vllm_lora_rank(source.adapter)} if source.adapter else {}
        self.llm = LLM(model=source.base, tokenizer=source.tokenizer, seed=generation.seed, **lora)
        self.lora = LoRARequest("adapter", 1, source.adapter) if source.adapter else None

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        from vllm import SamplingParams

        params = SamplingParams(n=n, temperature=self.generation.temperature, top_p=self.generation.top_p,
                                max_tokens=self.generation.max_new_tokens, seed=self.generation.seed)
        outputs = self.llm.chat([list(c.messages) for c in conversations], params, lora_request=self.lora, use_tqdm=False)
        return [[choice.text for choice in output.outputs] for output in outputs]


def create(config: EvalConfig) -> VLLMBackend:
    from chisellm.config.model_source import resolve_model_source

    return VLLMBackend(resolve_model_source(config.adapter or config.model, config.base or None), config.generation)


def identity(config: EvalConfig) -> str:
    return config.adapter or config.model


def _vllm_lora_rank(adapter: str) -> int:
    """The adapter's rank rounded up to a size vLLM accepts for `max_lora_rank`."""
    rank = int(json.loads((Path(adapter) / "adapter_config.json").read_text(encoding="utf-8")).get("r", 8))
    return next((size for size in (8, 16, 32, 64, 128, 256, 512) if size >= rank), rank)
