"""The answer key of the first half of the chisellm-hard designs through the real engine: every reference passes
its golden vectors and every wrong answer fails them."""

import pytest

from chisellm.eval.grade import Answer, grade_answers
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


# More realistic bugs per design, beyond the shipped wrong answer: (reference text, its replacement).
MUTANTS = {
    "skid_buffer": [
        ('in_ready  := !skidValid', 'in_ready  := !skidValid || out_ready'),
        ('  out_valid := mainValid\n', '  out_valid := mainValid || in_valid\n'),
        ('mainValid := push', 'mainValid := false.B'),
    ],
    "fifo_credit": [
        ('credR := pop', 'credR := false.B\n  credit := pop'),
        ('when(in_valid && full) { ovf := true.B }', 'ovf := in_valid && full'),
        ('val push = in_valid && !full', 'val push = in_valid && (!full || out_ready)'),
    ],
    "uart_rx_oversample": [
        ('when(vote) { busy := false.B }', 'when(false.B) { busy := false.B }'),
        ('sample := 1.U', 'sample := 0.U'),
    ],
    "rr_arbiter_lock": [
        ('val holding = locked && req(owner)', 'val holding = false.B'),
        ('    locked := false.B\n  }', '  }'),
    ],
    "rv32i_alu": [
        ('"b0010".U -> lt.asUInt', '"b0010".U -> ltu.asUInt'),
        ('"b101".U -> !lt', '"b101".U -> !ltu'),
    ],
    "rv32i_decoder": [
        ('instr(31), instr(7), instr(30, 25)', 'instr(7), instr(31), instr(30, 25)'),
        ('opcode === "b1100111".U && f3 === 0.U', 'opcode === "b1100111".U'),
    ],
    "dm_cache_tags": [
        ('}.elsewhen(op === 3.U && isHit) {', '}.elsewhen(op === 3.U) {'),
        ('private val req = op =/= 0.U && !flush', 'private val req = op =/= 0.U'),
    ],
    "fir_fixed_point": [
        ('(sum +& (1 << (frac - 1)).S) >> frac', 'sum >> frac'),
        ('  when(in_valid) {\n    yR', '  when(true.B) {\n    yR'),
    ],
    "stream_crc32": [
        ('private val take = in_valid && (in_start || open)', 'private val take = in_valid'),
        ('when(in_last) { crcR := ~next }', 'when(in_last) { crcR := next }'),
    ],
    "fifo_fwft": [
        ('when(rd_en && isEmpty) { uf := true.B }', 'when(rd_en && isEmpty && !wr_en) { uf := true.B }'),
        ('almost_empty := n <= 1.U', 'almost_empty := n === 1.U'),
    ],
    "width_upsizer": [
        ('in_ready := !oValid || out_ready', 'in_ready := !oValid'),
        ('oLast  := in_last', 'oLast  := cnt === (r - 1).U'),
    ],
    "width_downsizer": [
        ('left := in_keep', 'left := in_keep | 1.U'),
        ('out_last  := last && isFinal', 'out_last  := last'),
    ],
    "spi_master": [
        ('when(half(0)) { txShift', 'when(!half(0)) { txShift'),
        ('sclk    := active && half(0)', 'sclk    := active && !half(0)'),
    ],
    "pwm_deadtime": [
        ('when(wrap) { active := duty }', 'active := duty'),
        ('private val raw = cnt < active', 'private val raw = cnt <= active'),
    ],
    "window_watchdog": [
        ('}.elsewhen(cnt === (timeout - 1).U) {', '}.elsewhen(cnt === timeout.U) {'),
        ('window := !faulted && inWindow', 'window := inWindow'),
    ],
    "interrupt_controller": [
        ('private val rise  = irq & ~prev', 'private val rise  = irq'),
        ('sortBy(i => (-prio(i), i))', 'sortBy(i => (-prio(i), -i))'),
    ],
    "plru4": [
        ('PriorityEncoder(~query_valid)', '(3.U - PriorityEncoder(Reverse(~query_valid)))'),
        ('b0(access_set) := !access_way(1)', 'b0(access_set) := access_way(1)'),
    ],
}


def test_stimulus_also_catches_other_bugs():
    """Each mutant of each reference fails the first seed of every variant (the stimulus is not tuned to one bug)."""
    designs = {d.name: d for d in all_designs() if d.name in MUTANTS}
    by_id, answers, labels = {}, [], {}
    for name, mutants in MUTANTS.items():
        first_seeds = {t.id: t for t in designs[name].tasks(LEVEL) if t.id.endswith(f"-s{designs[name].seeds[0]}")}
        for task in first_seeds.values():
            by_id[task.id] = task
            for k, (old, new) in enumerate(mutants):
                assert old in task.reference_code, f"{name}: mutant {k} no longer matches the reference"
                answers.append(Answer(task.id, k, f"```scala\n{task.reference_code.replace(old, new)}\n```"))
                labels[(task.id, k)] = new
    missed = [f"{g.task_id} mutant {g.sample}: {labels[(g.task_id, g.sample)]!r} ({g.verdict})"
              for g in grade_answers(by_id, answers) if g.passed or g.verdict != "sim_mismatch"]
    assert not missed, "\n".join(missed)
