"""The one place an alpaca row's instruction and input become the user turn, shared by training and eval so the
two can never render a prompt differently (and as LLaMA-Factory's alpaca converter does)."""

from __future__ import annotations


def join_prompt(instruction: str, input_text: str) -> str:
    """`instruction`, then a newline and `input_text` when there is one (LLaMA-Factory's alpaca join)."""
    return f"{instruction}\n{input_text}" if input_text else instruction
