"""Batching: padding-free packing (samples concatenated, positions restarting at 0 for each) or padded batches.

A packed row carries `position_ids` that restart at every sample and no attention mask; transformers then
builds a block-diagonal causal mask (SDPA/eager) or uses varlen flash-attention, so no sample attends to
another. The first token of every sample is a prompt token (label -100), so the shifted loss never predicts
across a boundary either.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.utils.data import Dataset

from chisellm.train.prompt import IGNORE_INDEX, EncodedSample


def pack_into_bins(lengths: list[int], capacity: int) -> list[list[int]]:
    """Group sample indices into bins of at most `capacity` tokens, first-fit decreasing (deterministic).

    Args:
        lengths: Token count of each sample; each must be <= capacity.
        capacity: Tokens a bin may hold (the config's cutoff_len).

    Returns:
        Bins of sample indices; every index appears exactly once, bins in creation order.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    bins: list[list[int]] = []
    room: list[int] = []
    for index in order:
        size = lengths[index]
        if size > capacity:
            raise ValueError(f"sample {index} has {size} tokens, more than the bin capacity {capacity}")
        # Scan only bins that could fit: lengths come in decreasing order, so most bins fill up early.
        for slot, free in enumerate(room):
            if free >= size:
                bins[slot].append(index)
                room[slot] -= size
                break
        else:
            bins.append([index])
            room.append(capacity - size)
    return bins


class SampleDataset(Dataset):
    """One item per sample (unpacked training, or packed eval)."""

    def __init__(self, samples: list[EncodedSample]):
        self.samples = samples

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, index: int) -> list[EncodedSample]:
        return [self.samples[index]]


class PackedDataset(Dataset):
    """One item per bin: a list of samples that together fit in `cutoff_len` tokens."""

    def __init__(self, samples: list[EncodedSample], capacity: int):
        self.samples = samples
        self.bins = pack_into_bins([len(s) for s in samples], capacity)

    def __len__(self) -> int:
        return len(self.bins)

    def __getitem__(self, index: int) -> list[EncodedSample]:
        return [self.samples[i] for i in self.bins[index]]


@dataclass
class PaddingFreeCollator:
    """Concatenate every sample of a batch into one row with per-sample `position_ids` and no padding.

    With `pad_to_multiple_of` (flex attention, compiled for fixed shapes) the row is filled up to the next
    multiple with one more pseudo-sample of pad tokens: its own positions, so nothing attends to it, and
    labels -100. `num_tokens` always counts the real tokens only.
    """

    pad_to_multiple_of: int | None = None
    pad_token_id: int = 0

    def __call__(self, items: list[list[EncodedSample]]) -> dict[str, torch.Tensor]:
        samples = [sample for item in items for sample in item]
        input_ids = [token for s in samples for token in s.input_ids]
        labels = []
        for sample in samples:
            # The first token of a sample is never a target: this keeps the shifted loss inside each sample.
            labels.extend([IGNORE_INDEX] + sample.labels[1:])
        positions = [p for s in samples for p in range(len(s))]
        real = len(input_ids)
        if self.pad_to_multiple_of:
            fill = -real % self.pad_to_multiple_of
            input_ids += [self.pad_token_id] * fill
            labels += [IGNORE_INDEX] * fill
            positions += list(range(fill))
        return {
            "input_ids": torch.tensor([input_ids], dtype=torch.long),
            "position_ids": torch.tensor([positions], dtype=torch.long),
            "labels": torch.tensor([labels], dtype=torch.long),
            "num_sequences": torch.tensor(len(samples)),
            "num_tokens": torch.tensor(real),
        }


@dataclass
class PaddedCollator:
    """Right-pad each sample to the longest in the batch (the reference workflow's batches)."""

    pad_token_id: int

    def __call__(self, items: list[list[EncodedSample]]) -> dict[str, torch.Tensor]:
        samples = [sample for item in items for sample in item]
        width = max(len(s) for s in samples)
        input_ids = torch.full((len(samples), width), self.pad_token_id, dtype=torch.long)
        labels = torch.full((len(samples), width), IGNORE_INDEX, dtype=torch.long)
        attention_mask = torch.zeros((len(samples), width), dtype=torch.long)
        for row, sample in enumerate(samples):
            input_ids[row, : len(sample)] = torch.tensor(sample.input_ids)
            labels[row, : len(sample)] = torch.tensor(sample.labels)
            attention_mask[row, : len(sample)] = 1
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels,
                "num_sequences": torch.tensor(len(samples))}
