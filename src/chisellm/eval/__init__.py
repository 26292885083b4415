"""Evaluation: generate answers (local transformers, vLLM, an OpenAI-compatible API, an answers file or the
oracle), extract the Chisel, grade it through the verification engine, and report pass@k."""
