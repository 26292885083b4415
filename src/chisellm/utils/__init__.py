"""Small helpers shared by every layer: user-facing errors, atomic file writes, JSONL reading."""

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import append_jsonl, atomic_write_text, read_json, read_jsonl, read_text, write_jsonl

__all__ = ["ChiselLLMError", "append_jsonl", "atomic_write_text", "read_json", "read_jsonl", "read_text", "write_jsonl"]
