"""Local generation with transformers: batched, left-padded, adapter applied through PEFT, stops at EOS."""

from __future__ import annotations

from typing import Any

from chisellm.config.eval import EvalConfig, GenerationConfig
from chisellm.eval.backends.base import Conversation
from chisellm.config.model_source import ModelSource
from chisellm.utils.errors import ChiselLLMError

# Used only when a tokenizer ships no chat template: ChatML, what Qwen-family models (our default base) use.
CHATML_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


class TransformersBackend:
    """Generates with a transformers causal LM (plus a PEFT adapter when the source has one)."""

    name = "transformers"

    def __init__(self, source: ModelSource, generation: GenerationConfig, device: str = "auto", cpu_threads: int = 0,
                 quantization: str = "none"):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self.generation = generation
        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        if cpu_threads and self.device == "cpu":
            torch.set_num_threads(cpu_threads)  # OpenMP threads spin badly when other work holds the cores
        dtype = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        load: dict[str, Any] = {"dtype": dtype, "local_files_only": True}
        if quantization != "none":
            load.update(_quantized_loading(quantization, self.device, dtype))
        torch.manual_seed(generation.seed)
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(source.tokenizer, local_files_only=True)
            model = AutoModelForCausalLM.from_pretrained(source.base, **load)
        except OSError as exc:
            raise ChiselLLMError(f"cannot load model {source.label}: {str(exc).splitlines()[0]}",
                                 hint="check the path; models are read from local folders or the local cache only") from None
        if source.adapter:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, source.adapter)
        self.model = (model if quantization != "none" else model.to(self.device)).eval()
        self.tokenizer.padding_side = "left"  # decoder-only batches must end on the prompt's last token
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        if not getattr(self.tokenizer, "chat_template", None):
            self.tokenizer.chat_template = CHATML_TEMPLATE
        self.stop_ids = _stop_token_ids(self.tokenizer, self.model)

    def chat(self, conversations: list[Conversation], n: int) -> list[list[str]]:
        """`n` completions per conversation from one batched `generate` call per `generation.batch_size` of them."""
        import torch

        out: list[list[str]] = []
        size = self.generation.batch_size
        # Greedy decoding gives one answer per prompt; copies stand in for the other n - 1.
        per_prompt = 1 if self.generation.temperature == 0 else n
        for start in range(0, len(conversations), size):
            batch = conversations[start:start + size]
            texts = [self.tokenizer.apply_chat_template(list(c.messages), tokenize=False, add_generation_prompt=True)
                     for c in batch]
            encoded = self.tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
            with torch.inference_mode():
                sequences = self.model.generate(**encoded, **self._sampling(per_prompt))
            new_tokens = sequences[:, encoded["input_ids"].shape[1]:]
            decoded = self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
            out.extend((decoded[i * per_prompt:(i + 1) * per_prompt] * n)[:n] for i in range(len(batch)))
        return out

    def _sampling(self, n: int) -> dict[str, Any]:
        greedy = self.generation.temperature == 0
        args: dict[str, Any] = {"max_new_tokens": self.generation.max_new_tokens, "num_return_sequences": n,
                                "do_sample": not greedy, "eos_token_id": self.stop_ids,
                                "pad_token_id": self.tokenizer.pad_token_id}
        if not greedy:
            args.update(temperature=self.generation.temperature, top_p=self.generation.top_p)
        return args


def create(config: EvalConfig) -> TransformersBackend:
    from chisellm.config.model_source import resolve_model_source

    source = resolve_model_source(config.adapter or config.model, config.base or None)
    return TransformersBackend(source, config.generation, config.device, config.cpu_threads, config.quantization)


def identity(config: EvalConfig) -> str:
    return config.adapter or config.model


def _quantized_loading(quantization: str, device: str, dtype: Any) -> dict[str, Any]:
    """from_pretrained arguments for a 4- or 8-bit base through bitsandbytes (CUDA only)."""
    from chisellm.utils.extras import require_extra

    if not device.startswith("cuda"):
        raise ChiselLLMError(f"quantization: {quantization} needs a CUDA GPU (bitsandbytes) and this run is on {device}",
                             hint="pass -q none (run_eval.py) or --set quantization=none")
    require_extra("quant", f"quantization: {quantization}")
    from transformers import BitsAndBytesConfig

    bits = (BitsAndBytesConfig(load_in_8bit=True) if quantization == "8bit" else
            BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=dtype))
    return {"quantization_config": bits, "device_map": {"": device if ":" in device else f"{device}:0"}}


def _stop_token_ids(tokenizer: Any, model: Any) -> list[int]:
    """EOS ids of the tokenizer and the generation config, plus ChatML's end-of-turn token when it exists."""
    ids: list[int] = []
    configured = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    for value in (tokenizer.eos_token_id, configured, tokenizer.convert_tokens_to_ids("<|im_end|>")):
        for token in value if isinstance(value, list) else [value]:
            if isinstance(token, int) and token >= 0 and token != tokenizer.unk_token_id and token not in ids:
                ids.append(token)
    return ids
