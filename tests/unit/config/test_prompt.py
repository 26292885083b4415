"""Training and eval render a row's prompt through one function, so they cannot drift apart."""

from chisellm.config.prompt import join_prompt
from chisellm.eval.tasks import EvalTask, Requirements


def test_join_matches_llama_factory_alpaca():
    assert join_prompt("Write Adder.", "") == "Write Adder."
    assert join_prompt("Fix this.", "```scala\nx\n```") == "Fix this.\n```scala\nx\n```"


def test_eval_task_prompt_is_the_training_user_turn():
    import pytest

    prompt = pytest.importorskip("chisellm.train.prompt")  # needs the training extras' tokenizer stack
    from chisellm.train.data import AlpacaRow

    row = AlpacaRow("Fix this.", "code", "answer")
    task = EvalTask(id="t", level="L1", category="c", instruction="Fix this.", input="code", module_name="M",
                    reference_code=None, requires=Requirements(True, True, False))
    assert prompt.row_messages(row)[-1]["content"] == task.prompt
