"""ChiseLLM: teach code LLMs to write Chisel that compiles, elaborates and behaves as specified."""

__version__ = "0.1.0"
