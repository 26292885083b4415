"""Where answers come from. One small module per backend; `make_backend` picks one from the eval config."""

from chisellm.eval.backends.base import ChatMessages, Conversation, GenerationBackend, first_turn
from chisellm.eval.backends.registry import backend_identity, make_backend

__all__ = ["ChatMessages", "Conversation", "GenerationBackend", "backend_identity", "first_turn", "make_backend"]
