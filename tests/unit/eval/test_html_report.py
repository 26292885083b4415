"""The HTML report keeps long axis labels inside the chart and shows each failing task's error, mismatch and code."""

import re

from chisellm.eval.grade import GradedAnswer
from chisellm.eval.html_report import CHAR_PX, bar_chart, render_html
from chisellm.eval.metrics import summarize
from chisellm.eval.tasks import EvalTask, Requirements


def task(task_id: str, level: str) -> EvalTask:
    return EvalTask(id=task_id, level=level, category="c", instruction="Write it.", input="", module_name="M",
                    reference_code=None, requires=Requirements(True, True, True))


def test_long_labels_fit_inside_the_svg():
    label = "L4 parameterized generators / held_out"
    svg = bar_chart("t", {label: {"a": 0.5}, "L1": {"a": 1.0}}, ["a"])
    height = float(re.search(r'<svg[^>]* height="([\d.]+)"', svg).group(1))
    first_x = float(re.search(r'<text x="([\d.]+)" y="[\d.]+" font-size="11"', svg).group(1))
    reach = len(label) * CHAR_PX
    assert first_x - reach * 0.87 >= 0  # rotated -30 degrees: the label's far end stays right of x = 0
    assert height >= 10 + 180 + 24 + reach * 0.5


def test_failing_task_shows_error_mismatch_and_code():
    tasks = [task("ok_task", "L1"), task("bad_task", "L3")]
    graded = [GradedAnswer("ok_task", 0, "ok", True, True, True),
              GradedAnswer("bad_task", 0, "sim_mismatch", False, True, True, message="cycle 3: out expected 5 got 4",
                           mismatch={"cycle": 3, "port": "out", "expected": 5, "got": 4},
                           completion="class M extends Module { /* <wrong> */ }")]
    summary = summarize(tasks, graded, [1], {"source": "answers", "eval_set": "x", "samples": 1, "temperature": 0})
    html = render_html(summary)
    assert "cycle 3: out expected 5 got 4" in html and "port=out" in html
    assert "/* &lt;wrong&gt; */" in html  # the answer's code, escaped
    assert summary.tasks[0].failure is None and summary.tasks[1].failure["verdict"] == "sim_mismatch"
