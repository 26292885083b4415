"""Render alpaca rows with the model's chat template and tokenize them so the loss covers the answer only.

Prompt tokens get label -100 (ignored by the loss); the answer, its end-of-turn token and what the template
puts after it get their own ids as labels. Rows longer than `cutoff_len` are cut at the end of the answer and
counted; a row whose prompt alone fills `cutoff_len` is dropped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chisellm.config.prompt import join_prompt
from chisellm.train.data import AlpacaRow
from chisellm.utils.errors import ChiselLLMError

IGNORE_INDEX = -100
SUPPORTED_TEMPLATES = ("qwen", "chatml")

# Qwen's ChatML template without a default system prompt: used when a tokenizer ships no template of its own.
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


@dataclass(frozen=True)
class EncodedSample:
    """Token ids of one rendered row and its labels (-100 on prompt tokens)."""

    input_ids: list[int]
    labels: list[int]

    def __len__(self) -> int:
        return len(self.input_ids)


@dataclass
class EncodingReport:
    """What encoding did to the rows: how many were cut or dropped for `cutoff_len`."""

    rows: int = 0
    truncated: int = 0
    dropped: int = 0
    tokens: int = 0
    answer_tokens: int = 0
    longest: int = 0
    truncated_examples: list[str] = field(default_factory=list)

    def summary(self, cutoff_len: int) -> str:
        """One line for the run log."""
        mean = self.tokens / max(1, self.rows - self.dropped)
        line = (f"{self.rows} rows, {self.tokens} tokens (mean {mean:.0f}, longest {self.longest}); "
                f"{self.truncated} longer than cutoff_len={cutoff_len} (answer cut), {self.dropped} dropped (prompt alone too long)")
        if self.truncated_examples:
            line += f"; e.g. {', '.join(self.truncated_examples)}"
        return line


def ensure_chat_template(tokenizer, template: str) -> None:
    """Check the `template` key and give the tokenizer a ChatML template if it has none.

    Raises:
        ChiselLLMError: for a template we do not support.
    """
    if template not in SUPPORTED_TEMPLATES:
        raise ChiselLLMError(f"template `{template}` is not supported",
                             hint="use template: qwen (ChatML); the model's own chat template is used when it has one")
    if not getattr(tokenizer, "chat_template", None):
        tokenizer.chat_template = CHATML_TEMPLATE


def row_messages(row: AlpacaRow) -> list[dict[str, str]]:
    """The chat turns before the answer: optional system, then the instruction (+ input) as the user turn."""
    user = join_prompt(row.instruction, row.input)
    messages = [{"role": "system", "content": row.system}] if row.system else []
    return messages + [{"role": "user", "content": user}]


def render_row(tokenizer, row: AlpacaRow) -> tuple[str, str]:
    """Prompt text (ending with the assistant header) and the answer text that follows it in the full chat."""
    messages = row_messages(row)
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": row.output}], tokenize=False)
    if not full.startswith(prompt):
        raise ChiselLLMError(f"{row.source}: the chat template renders the answer turn differently from the prompt",
                             hint="use a ChatML (qwen) chat template")
    return prompt, full[len(prompt):]


def encode_rows(tokenizer, rows: list[AlpacaRow], cutoff_len: int) -> tuple[list[EncodedSample], EncodingReport]:
    """Tokenize rows into samples with answer-only labels, cutting to `cutoff_len`.

    Returns:
        The kept samples (same order as the rows) and a report of cut and dropped rows.
    """
    rendered = [render_row(tokenizer, row) for row in rows]
    prompt_ids = tokenizer([p for p, _ in rendered], add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer([a for _, a in rendered], add_special_tokens=False)["input_ids"]
    report = EncodingReport(rows=len(rows))
    samples: list[EncodedSample] = []
    for row, prompt, answer in zip(rows, prompt_ids, answer_ids):
        if len(prompt) + len(answer) > cutoff_len:
            report.truncated += 1
            if len(report.truncated_examples) < 3:
                report.truncated_examples.append(f"{row.source} ({len(prompt) + len(answer)} tokens)")
            if len(prompt) >= cutoff_len - 1:
                report.dropped += 1
                continue
            answer = answer[: cutoff_len - len(prompt)]
        sample = EncodedSample(list(prompt) + list(answer), [IGNORE_INDEX] * len(prompt) + list(answer))
        report.tokens += len(sample)
        report.answer_tokens += len(answer)
        report.longest = max(report.longest, len(sample))
        samples.append(sample)
    if not samples:
        raise ChiselLLMError(f"every row is longer than cutoff_len={cutoff_len} in its prompt alone",
                             hint="raise cutoff_len")
    return samples, report
