"""Where answers come from. One small module per backend; `make_backend` picks one from the eval config."""

from chisellm.eval.backends.base import ChatMessages, GenerationBackend, make_backend

__all__ = ["ChatMessages", "GenerationBackend", "make_backend"]
