"""Padding-free packing: bins are valid, samples never see each other, packed and padded losses match."""

from __future__ import annotations

import random

import pytest
import torch

from chisellm.train.data import read_alpaca_rows
from chisellm.train.packing import PackedDataset, PaddedCollator, PaddingFreeCollator, pack_into_bins
from chisellm.train.prompt import IGNORE_INDEX, encode_rows
from chisellm.train.trainer import answer_loss_sum

pytestmark = pytest.mark.train


def test_bins_hold_every_sample_once_within_capacity():
    rng = random.Random(0)
    lengths = [rng.randint(1, 300) for _ in range(500)]
    bins = pack_into_bins(lengths, 512)
    assert sorted(i for b in bins for i in b) == list(range(500))
    assert all(sum(lengths[i] for i in b) <= 512 for b in bins)
    assert len(bins) <= 1.1 * sum(lengths) / 512 + 1  # first-fit decreasing packs tightly
    assert pack_into_bins(lengths, 512) == bins  # deterministic
    with pytest.raises(ValueError):
        pack_into_bins([600], 512)


@pytest.fixture(scope="module")
def model_and_samples(tiny_model_dir, tiny_tokenizer, fixture_jsonl):
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, attn_implementation="sdpa", dtype=torch.float32)
    samples, _ = encode_rows(tiny_tokenizer, read_alpaca_rows(fixture_jsonl)[:6], cutoff_len=512)
    return model, samples


def test_packed_row_is_padding_free_with_restarting_positions(model_and_samples):
    _, samples = model_and_samples
    batch = PaddingFreeCollator()([samples[:2], samples[2:3]])
    assert batch["input_ids"].shape == (1, sum(len(s) for s in samples[:3]))
    starts = (batch["position_ids"][0] == 0).nonzero().squeeze(-1).tolist()
    assert starts == [0, len(samples[0]), len(samples[0]) + len(samples[1])]
    assert all(batch["labels"][0, s] == IGNORE_INDEX for s in starts)
    assert int(batch["num_sequences"]) == 3


def test_no_sample_attends_to_another(model_and_samples):
    model, samples = model_and_samples
    batch = PaddingFreeCollator()([samples[:3]])
    with torch.no_grad():
        packed = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits[0]
        offset = 0
        for sample in samples[:3]:
            alone = model(input_ids=torch.tensor([sample.input_ids])).logits[0]
            torch.testing.assert_close(packed[offset: offset + len(sample)], alone, atol=1e-4, rtol=1e-4)
            offset += len(sample)


def test_packed_and_padded_losses_and_gradients_match(model_and_samples):
    model, samples = model_and_samples
    results = []
    for batch in (PaddedCollator(pad_token_id=0)([[s] for s in samples]), PaddingFreeCollator()([samples])):
        model.zero_grad()
        batch.pop("num_sequences")
        loss = model(**batch, use_cache=False).loss
        loss.backward()
        results.append((loss.detach(), model.model.layers[0].self_attn.q_proj.weight.grad.clone()))
    (padded_loss, padded_grad), (packed_loss, packed_grad) = results
    assert torch.isfinite(padded_loss)
    torch.testing.assert_close(packed_loss, padded_loss, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(packed_grad, padded_grad, atol=1e-5, rtol=1e-4)


def test_chunked_answer_loss_equals_plain_cross_entropy():
    torch.manual_seed(0)
    logits = torch.randn(3, 1500, 50, requires_grad=True)
    targets = torch.randint(0, 50, (3, 1500))
    targets[:, :100] = IGNORE_INDEX
    ours = answer_loss_sum(logits, targets)
    ref = torch.nn.functional.cross_entropy(logits.reshape(-1, 50), targets.reshape(-1), reduction="sum")
    torch.testing.assert_close(ours, ref)
    (grad_ours,) = torch.autograd.grad(ours, logits)
    (grad_ref,) = torch.autograd.grad(ref, logits)
    torch.testing.assert_close(grad_ours, grad_ref)


def test_packed_dataset_counts_samples_honestly(model_and_samples):
    _, samples = model_and_samples
    dataset = PackedDataset(samples, capacity=512)
    assert sum(len(dataset[i]) for i in range(len(dataset))) == len(samples)
    assert len(dataset) < len(samples)


def test_head_inside_the_loss_matches_the_models_logits(model_and_samples):
    from chisellm.train.trainer import answer_loss_sum_from_hidden

    model, samples = model_and_samples
    batch = PaddingFreeCollator()([samples[:3]])
    targets = batch["labels"][:, 1:]
    keep = (targets != IGNORE_INDEX).any(dim=0).nonzero().squeeze(-1)
    outputs = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False,
                    output_hidden_states=True, logits_to_keep=keep)
    from_logits = answer_loss_sum(outputs.logits, targets[:, keep])
    from_hidden = answer_loss_sum_from_hidden(outputs.hidden_states[-1][:, keep],
                                              model.get_output_embeddings().weight, targets[:, keep])
    torch.testing.assert_close(from_hidden, from_logits, atol=1e-4, rtol=1e-5)
    model_loss = model(**{k: v for k, v in batch.items() if k != "num_sequences"}, use_cache=False).loss
    torch.testing.assert_close(from_hidden / (targets != IGNORE_INDEX).sum(), model_loss, atol=1e-5, rtol=1e-5)
