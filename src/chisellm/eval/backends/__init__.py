"""Where answers come from. One small module per backend; `make_backend` picks one from the eval config."""

from chisellm.eval.backends.base import ChatMessages, GenerationBackend
from chisellm.eval.backends.registry import backend_identity, make_backend

__all__ = ["ChatMessages", "GenerationBackend", "backend_identity", "make_backend"]
