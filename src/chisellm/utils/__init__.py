"""Small helpers shared by every layer: user-facing errors, atomic file writes, JSONL reading."""

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import atomic_write_text, append_jsonl, read_jsonl, write_jsonl

__all__ = ["ChiselLLMError", "atomic_write_text", "append_jsonl", "read_jsonl", "write_jsonl"]
