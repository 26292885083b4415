"""Where answers come from. One small module per backend; `make_backend` picks one from the eval config."""

from chisellm.eval.backends.base import ChatMessages, Conversation, GenerationBackend, first_turn, make_backend

__all__ = ["ChatMessages", "Conversation", "GenerationBackend", "first_turn", "make_backend"]
