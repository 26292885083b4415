"""The one exception type the CLI turns into a clean message instead of a traceback."""

from __future__ import annotations


class ChiselLLMError(Exception):
    """A problem the user can fix: the message names what is wrong and what to do.

    Args:
        message: What went wrong, naming the file, line or key involved.
        hint: The fix, e.g. "run `make setup`".
    """

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  fix: {self.hint}" if self.hint else self.message
