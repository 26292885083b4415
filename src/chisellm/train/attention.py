"""Document-masked flex attention for packed rows (`flash_attn: flex`).

A packed row holds several samples whose `position_ids` restart at 0. transformers turns those position_ids
into a document mask (causal, and no token attends across a sample boundary); for flex attention that mask is
a `BlockMask`, so the attention kernel skips every 128x128 block outside the samples instead of computing
and masking [heads, S, S] scores as SDPA does.

We register our own attention function rather than use transformers' `flex_attention`, for two reasons
measured on an H200: transformers compiles flex with `max-autotune` in training (minutes of autotuning per
shape) and repeats the key/value heads whenever the query head count is not a power of two (40 for
Qwen2.5-14B), while flex's native grouped-query support needs no copy. The document mask itself is
transformers' (`find_packed_sequence_indices`), turned into a `BlockMask` here.
"""

from __future__ import annotations

import torch

ATTENTION_NAME = "chisellm_flex"
_compiled = {}


def _flex_kernel(device_type: str):
    """flex_attention compiled once for CUDA (fixed shapes: the collator pads packed batches to a multiple of
    cutoff_len); on a CPU the eager reference (forward only, used by tests), since compiling costs a minute."""
    from torch.nn.attention.flex_attention import flex_attention

    if device_type != "cuda":
        return flex_attention
    if device_type not in _compiled:
        _compiled[device_type] = torch.compile(flex_attention, dynamic=False)
    return _compiled[device_type]


def document_block_mask(batch_size: int, q_length: int, kv_length: int, q_offset: int = 0, kv_offset: int = 0,
                        mask_function=None, attention_mask: torch.Tensor | None = None,
                        device: torch.device | str = "cpu", **kwargs):
    """transformers' flex mask builder, with the block-mask construction compiled on CUDA only.

    `mask_function` arrives already combined with the packed-sequence (document) mask when the batch came
    with restarting position_ids and no attention mask.
    """
    from torch.nn.attention.flex_attention import create_block_mask
    from transformers.masking_utils import (add_offsets_to_mask_function, and_masks, causal_mask_function,
                                            padding_mask_function, prepare_padding_mask)

    mask_function = mask_function or causal_mask_function
    if attention_mask is not None and not bool(attention_mask.all()):
        padding = prepare_padding_mask(attention_mask, kv_length, kv_offset)
        mask_function = and_masks(mask_function, padding_mask_function(padding))
    mask_function = add_offsets_to_mask_function(mask_function, q_offset, kv_offset)
    return create_block_mask(mask_mod=mask_function, B=batch_size, H=None, Q_LEN=q_length, KV_LEN=kv_length,
                             device=device, _compile=torch.device(device).type == "cuda")


@torch.compiler.disable(recursive=False)
def flex_document_attention(module: torch.nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                            attention_mask, scaling: float | None = None, dropout: float = 0.0, **kwargs):
    """Attention over [batch, heads, seq, dim] with the document `BlockMask` transformers built for this batch.

    Returns the output as [batch, seq, heads, dim] and no weights, as transformers' attention functions do.
    """
    from torch.nn.attention.flex_attention import BlockMask

    if dropout > 0:
        raise ValueError("flash_attn: flex does not support attention dropout; set attention_dropout: 0")
    if attention_mask is not None and not isinstance(attention_mask, BlockMask):
        raise ValueError("flash_attn: flex needs a document mask from packed position_ids, got a dense mask; "
                         "use neat_packing: true (padded batches run with flash_attn: sdpa)")
    enable_gqa = query.shape[1] != key.shape[1]
    output = _flex_kernel(query.device.type)(query, key, value, block_mask=attention_mask, scale=scaling,
                                             enable_gqa=enable_gqa)
    return output.transpose(1, 2).contiguous(), None


def register_flex_attention() -> str:
    """Make `attn_implementation=chisellm_flex` known to transformers (idempotent); returns the name."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface

    AttentionInterface.register(ATTENTION_NAME, flex_document_attention)
    AttentionMaskInterface.register(ATTENTION_NAME, document_block_mask)
    return ATTENTION_NAME
