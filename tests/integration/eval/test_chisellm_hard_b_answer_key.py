"""The second half of the chisellm-hard answer key, graded by the real engine in one batch: every reference
passes its golden vectors and every wrong answer fails them."""

import pytest

from chisellm.eval.suites.check import check_answer_key
from chisellm.eval.suites.chisellm_hard import LEVEL, all_designs
from chisellm.hdl.engine import Engine, EngineOptions

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

DESIGNS = {"seq_divider", "booth_multiplier", "isqrt_seq", "gcd_stream", "scoreboard", "bht_2bit", "tlb4",
           "packet_header_parser", "rle_encoder", "token_bucket", "axi_lite_regs", "apb_regs", "hamming_secded",
           "timer_capture_compare", "pipelined_mac", "histogram_ram", "cam8", "crossbar_rv"}


def test_every_reference_passes_and_every_wrong_answer_fails(tmp_path):
    designs = [d for d in all_designs() if d.name in DESIGNS]
    assert {d.name for d in designs} == DESIGNS
    tasks = [t for d in designs for t in d.tasks(LEVEL)]
    wrong = {k: v for d in designs for k, v in d.wrong_answers().items()}
    with Engine(EngineOptions(cache_dir=tmp_path / "cache")) as engine:  # a fresh cache: every answer simulated
        result = check_answer_key(tasks, wrong, engine=engine)
    assert not [(p.task_id, p.problem) for p in result.failures]
    assert len(result.validated) == len(tasks) >= 5 * len(DESIGNS)
