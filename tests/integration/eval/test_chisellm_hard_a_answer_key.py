"""The answer key of the first half of the chisellm-hard designs through the real engine: every reference passes
its golden vectors and every wrong answer fails them."""

import pytest

from chisellm.eval.suites.check import check_answer_key
from chisellm.eval.suites.chisellm_hard import LEVEL, all_designs

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

DESIGNS = ("skid_buffer", "fifo_credit", "uart_rx_oversample", "rr_arbiter_lock", "rv32i_alu", "rv32i_decoder",
           "dm_cache_tags", "fir_fixed_point", "stream_crc32", "fifo_fwft", "width_upsizer", "width_downsizer",
           "spi_master", "pwm_deadtime", "window_watchdog", "interrupt_controller", "plru4")


def test_references_pass_and_wrong_answers_fail():
    designs = [d for d in all_designs() if d.name in DESIGNS]
    assert sorted(d.name for d in designs) == sorted(DESIGNS)
    tasks = [t for d in designs for t in d.tasks(LEVEL)]
    wrong = {k: v for d in designs for k, v in d.wrong_answers().items()}
    result = check_answer_key(tasks, wrong)
    assert result.ok, "\n".join(f"{p.task_id}: {p.problem}" for p in result.failures)
    assert len(result.validated) == len(tasks)
    for problem in result.problems:  # the wrong answers must fail in simulation, not by not compiling
        assert problem.wrong.verdict == "sim_mismatch", f"{problem.task_id}: {problem.wrong.verdict}"
