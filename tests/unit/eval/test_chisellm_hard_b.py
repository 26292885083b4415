"""The second half of the chisellm-hard designs: golden models are deterministic per seed and long, specs name
every port, and the reference declares exactly the ports the vectors drive and check."""

import functools
import re

import pytest

from chisellm.eval.suites.chisellm_hard import LEVEL, all_designs

DESIGNS = ("seq_divider", "booth_multiplier", "isqrt_seq", "gcd_stream", "scoreboard", "bht_2bit", "tlb4",
           "packet_header_parser", "rle_encoder", "token_bucket", "axi_lite_regs", "apb_regs", "hamming_secded",
           "timer_capture_compare", "pipelined_mac", "histogram_ram", "cam8", "crossbar_rv")


@functools.cache
def _design(name):
    return next(d for d in all_designs() if d.name == name)


@functools.cache
def _tasks(name):
    return tuple(_design(name).tasks(LEVEL))


@pytest.mark.parametrize("name", DESIGNS)
def test_golden_model_is_deterministic_per_seed_and_seeds_differ(name):
    first = _tasks(name)
    again = _design(name).tasks(LEVEL)
    assert len(first) >= 5
    assert [t.vectors.digest for t in first] == [t.vectors.digest for t in again]
    assert len({t.vectors.digest for t in first}) == len(first), "two tasks share their stimulus"
    assert all(t.vectors.cycles >= 300 for t in first)


@pytest.mark.parametrize("name", DESIGNS)
def test_spec_names_every_port_once_rendered(name):
    for task in _tasks(name):
        for port in task.vectors.inputs + task.vectors.outputs:
            if port.name != "reset":
                assert f"`{port.name}`" in task.instruction, f"{task.id}: the spec never names `{port.name}`"
        assert not re.search(r"\$\{?[a-z]", task.instruction), f"{task.id}: unrendered placeholder"


@pytest.mark.parametrize("name", DESIGNS)
def test_reference_declares_exactly_the_vector_ports(name):
    for task in _tasks(name):
        declared = set(re.findall(r"val (\w+) = IO\(", task.reference_code))
        ports = {p.name for p in task.vectors.inputs + task.vectors.outputs} - {"reset"}
        assert declared == ports, f"{task.id}: reference ports {sorted(declared ^ ports)} differ from the vectors"


@pytest.mark.parametrize("name", DESIGNS)
def test_clocked_vectors_assert_reset_first_and_check_nothing_before_it(name):
    for task in _tasks(name):
        vectors = task.vectors
        if not vectors.clocked:
            assert "reset" not in [p.name for p in vectors.inputs]
            continue
        reset = [p.name for p in vectors.inputs].index("reset")
        assert vectors.stimulus[0][reset] == 1
        assert all(v is None for v in vectors.expected[0])
        assert sum(row[reset] for row in vectors.stimulus) >= 2, "no reset in mid-run"


@pytest.mark.parametrize("name", DESIGNS)
def test_wrong_answer_differs_from_the_reference(name):
    wrong = _design(name).wrong_answers()
    for task in _tasks(name):
        assert wrong[task.id] != task.reference_code
