"""Export: merge a LoRA adapter into a bf16 base (or re-save a fully fine-tuned model) as sharded safetensors
with tokenizer, generation config and a model card."""
