"""The prompt checks of the build: unstated golden-model facts and duplicate eval tasks fail it."""

from __future__ import annotations

import random

import pytest

from chisellm.data import prompts
from chisellm.data.checks import duplicate_eval_tasks, enforce_prompt_checks, unstated_facts
from chisellm.data.families import FAMILIES
from chisellm.utils.errors import ChiselLLMError


def _design(family: str, seed: int = 0):
    return FAMILIES[family].design(random.Random(seed))


def test_a_prompt_without_a_declared_fact_is_named() -> None:
    design = _design("reload_timer")
    good = prompts.spec_instruction(design, random.Random(0))
    assert unstated_facts("r-0", "spec2chisel", design, good) == []
    cut = good.replace("the reload value and the count both reset to 0", "the registers start somewhere")
    problems = unstated_facts("r-0", "spec2chisel", design, cut)
    assert problems == ["r-0: reset fact not stated: 'the reload value and the count both reset to 0'"]
    assert unstated_facts("r-0", "verilog2chisel", design, cut) == []  # the Verilog input is the behaviour
    with pytest.raises(ChiselLLMError, match="1 prompts omit behaviour"):
        enforce_prompt_checks(problems, [])


def test_crc_prompts_say_start_wins_and_the_reset_value() -> None:
    for seed in range(6):
        design = _design("crc", seed)
        text = prompts.spec_instruction(design, random.Random(seed))
        assert "`start` wins over `valid`" in text
        assert f"reset and `start` set the register to 0x{design.params['init']:X}" in text


def test_combinational_generators_do_not_ask_for_the_implicit_reset() -> None:
    for family in ("adder_tree", "sorting_network", "max_finder", "barrel_rotator", "complex_multiplier"):
        text = prompts.interface_block(_design(family))
        assert "implicit synchronous" not in text and "purely combinational" in text, family
    assert "implicit synchronous" in prompts.interface_block(_design("reload_timer"))


def _eval_row(row_id: str, instruction: str, vectors: dict) -> dict:
    return {"id": row_id, "instruction": instruction, "input": "",
            "test_config": {"top_args": "", "vectors": vectors}}


def test_eval_tasks_with_one_prompt_and_one_set_of_vectors_fail_the_build() -> None:
    rows = [_eval_row("a", "p", {"x": [1]}), _eval_row("b", "p", {"x": [1]}), _eval_row("c", "p", {"x": [2]}),
            _eval_row("d", "q", {"x": [1]})]
    assert duplicate_eval_tasks(rows) == [["a", "b"]]
    with pytest.raises(ChiselLLMError, match="share prompt and vectors"):
        enforce_prompt_checks([], rows)
    enforce_prompt_checks([], rows[1:])
