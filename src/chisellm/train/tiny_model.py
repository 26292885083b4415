"""Build a small random Qwen2-architecture model and a byte-level BPE tokenizer trained on local data.

No download: the tokenizer is trained with the `tokenizers` library on the dataset's own text, the model is
initialised at random from a `Qwen2Config`. The tokenizer carries Qwen's ChatML chat template with
`<|im_end|>` as end-of-sequence, so everything downstream (prompt rendering, answer-only loss, generation)
runs exactly as it would with a Qwen2.5 checkpoint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from chisellm.train.data import read_alpaca_rows
from chisellm.utils.errors import ChiselLLMError

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

# Qwen2.5's template, with the default system prompt shortened to a neutral one.
QWEN_CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' %}"
    "{{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}"
    "{%- else %}"
    "{{- '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}"
    "{%- endif %}"
    "{%- for message in messages %}"
    "{%- if message['role'] != 'system' %}"
    "{{- '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}"
)


@dataclass(frozen=True)
class TinyPreset:
    """Shape of a built model."""

    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    max_position_embeddings: int


PRESETS = {
    # ~1-3M parameters: CPU tests in seconds.
    "tiny": TinyPreset(vocab_size=1024, hidden_size=192, intermediate_size=512, num_hidden_layers=4,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096),
    # ~45-55M parameters (depending on the vocabulary the data supports): a from-scratch full fine-tune on a GPU.
    "small": TinyPreset(vocab_size=8192, hidden_size=640, intermediate_size=1792, num_hidden_layers=10,
                        num_attention_heads=10, num_key_value_heads=2, max_position_embeddings=4096),
}


# Qwen2/Qwen2.5's pre-tokenizer split: words, single digits, punctuation runs, newlines and spaces apart.
QWEN2_SPLIT_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                       r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_VOCAB_SIZE = 151_643  # Qwen2.5's BPE vocabulary before its special tokens


def train_tokenizer(texts: list[str], vocab_size: int, qwen_split: bool = False):
    """Train a byte-level BPE on `texts` and wrap it as a transformers fast tokenizer with ChatML.

    `qwen_split` pre-tokenizes as Qwen2.5 does (its regex, NFC), so with `QWEN2_VOCAB_SIZE` no token spans
    two words, digits stay single and token counts come close to the real tokenizer's on this text (a
    vocabulary fitted to the corpus merges its identifiers a little more often, so counts are a lower bound).
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE())
    if qwen_split:
        bpe.normalizer = normalizers.NFC()
        bpe.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_SPLIT_PATTERN), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    else:
        bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL_TOKENS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    bpe.train_from_iterator(texts, trainer=trainer)
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                                        additional_special_tokens=["<|im_start|>", "<|im_end|>"],
                                        model_max_length=32768, padding_side="right")
    tokenizer.chat_template = QWEN_CHAT_TEMPLATE
    return tokenizer


def dataset_texts(data_path: str | Path) -> list[str]:
    """Every text field of an alpaca JSONL (plus the chat template's fixed words): a tokenizer's corpus."""
    rows = read_alpaca_rows(Path(data_path))
    texts = [part for row in rows for part in (row.system or "", row.instruction, row.input, row.output) if part]
    texts.append("system\nYou are a helpful assistant.\nuser\nassistant\n")
    return texts


def build_qwen_shaped_tokenizer(out_dir: str | Path, data_path: str | Path) -> Path:
    """A Qwen2.5-shaped tokenizer (Qwen's split, byte-level BPE, 151,643 merges at most, ChatML) trained on
    `data_path`: for measuring token counts of a dataset where the real tokenizer cannot be downloaded."""
    tokenizer = train_tokenizer(dataset_texts(data_path), QWEN2_VOCAB_SIZE, qwen_split=True)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(out_dir, save_jinja_files=False)
    return out_dir


def build_tiny_model(out_dir: str | Path, data_path: str | Path, preset: str = "tiny", seed: int = 0) -> Path:
    """Write a random Qwen2 model plus a locally trained tokenizer to `out_dir`.

    Args:
        out_dir: Folder to create (model weights, config, tokenizer files).
        data_path: Alpaca JSONL whose text trains the tokenizer.
        preset: `tiny` (~2M parameters) or `small` (~45-55M).
        seed: Seed of the random weights.

    Returns:
        The output folder, loadable with `from_pretrained`.
    """
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    if preset not in PRESETS:
        raise ChiselLLMError(f"unknown preset `{preset}`", hint=f"use one of {', '.join(PRESETS)}")
    shape = PRESETS[preset]
    tokenizer = train_tokenizer(dataset_texts(data_path), shape.vocab_size)
    config = Qwen2Config(
        vocab_size=len(tokenizer), hidden_size=shape.hidden_size, intermediate_size=shape.intermediate_size,
        num_hidden_layers=shape.num_hidden_layers, num_attention_heads=shape.num_attention_heads,
        num_key_value_heads=shape.num_key_value_heads, max_position_embeddings=shape.max_position_embeddings,
        tie_word_embeddings=preset == "tiny", bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"),
        pad_token_id=tokenizer.convert_tokens_to_ids("<|endoftext|>"),
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir, save_jinja_files=False)  # template inside tokenizer_config.json
    generation = {"eos_token_id": config.eos_token_id, "pad_token_id": config.pad_token_id}
    (out_dir / "generation_config.json").write_text(json.dumps(generation, indent=2) + "\n", encoding="utf-8")
    return out_dir


def count_parameters(model_dir: str | Path) -> int:
    """Parameter count of a saved model (for reports and tests)."""
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(model_dir)
    return sum(p.numel() for p in model.parameters())
