"""The first half of the chisellm-hard designs: golden models are deterministic per seed, long enough, and their
specs name every port the vectors drive or check."""

import functools
import re

import pytest

from chisellm.eval.suites.chisellm_hard import LEVEL, all_designs

DESIGNS = ("skid_buffer", "fifo_credit", "uart_rx_oversample", "rr_arbiter_lock", "rv32i_alu", "rv32i_decoder",
           "dm_cache_tags", "fir_fixed_point", "stream_crc32", "fifo_fwft", "width_upsizer", "width_downsizer",
           "spi_master", "pwm_deadtime", "window_watchdog", "interrupt_controller", "plru4")


@functools.cache
def _design(name):
    return next(d for d in all_designs() if d.name == name)


@functools.cache
def _tasks(name):
    return _design(name).tasks(LEVEL)


@pytest.mark.parametrize("name", DESIGNS)
def test_golden_model_is_deterministic_per_seed_and_seeds_differ(name):
    design = _design(name)
    first = _tasks(name)
    again = design.tasks(LEVEL)
    assert len(first) >= 5
    assert [t.vectors.digest for t in first] == [t.vectors.digest for t in again]
    assert len({t.vectors.digest for t in first}) == len(first), "two tasks share their stimulus"
    assert all(t.vectors.cycles >= 300 for t in first)


@pytest.mark.parametrize("name", DESIGNS)
def test_spec_names_every_port_and_leaves_no_placeholder(name):
    design = _design(name)
    for task in _tasks(name):
        for port in task.vectors.inputs + task.vectors.outputs:
            if port.name != "reset":
                assert re.search(rf"\b{port.name}\b", task.instruction), f"{task.id}: spec never names `{port.name}`"
        assert "$" not in task.instruction, f"{task.id}: unrendered placeholder"
        assert f"class {design.top}" in task.reference_code


@pytest.mark.parametrize("name", DESIGNS)
def test_wrong_answer_differs_from_the_reference(name):
    design = _design(name)
    wrong = design.wrong_answers()
    for task in _tasks(name):
        assert wrong[task.id] != task.reference_code


@pytest.mark.parametrize("name", DESIGNS)
def test_clocked_designs_start_in_reset(name):
    for task in _tasks(name):
        names = [p.name for p in task.vectors.inputs]
        if task.vectors.clocked:
            assert task.vectors.stimulus[0][names.index("reset")] == 1
            assert all(v is None for v in task.vectors.expected[0])
        else:
            assert "reset" not in names
