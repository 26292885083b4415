"""The unbiased pass@k estimator against its closed form and known values."""

from itertools import combinations
from math import comb

import pytest

from chisellm.eval.passk import mean_pass_at_k, pass_at_k


@pytest.mark.parametrize("n,c,k", [(1, 0, 1), (1, 1, 1), (5, 2, 1), (5, 2, 3), (10, 3, 5), (20, 1, 10), (200, 13, 100)])
def test_matches_closed_form(n, c, k):
    assert pass_at_k(n, c, k) == pytest.approx(1 - comb(n - c, k) / comb(n, k), rel=1e-9, abs=1e-12)


def test_matches_enumeration_of_subsets():
    outcomes = [1, 0, 0, 1, 0, 0]  # 6 answers, 2 correct
    for k in range(1, 7):
        subsets = list(combinations(outcomes, k))
        expected = sum(any(s) for s in subsets) / len(subsets)
        assert pass_at_k(6, 2, k) == pytest.approx(expected)


def test_pass_at_1_is_the_fraction_correct():
    assert pass_at_k(8, 3, 1) == pytest.approx(3 / 8)


def test_edges():
    assert pass_at_k(5, 0, 5) == 0.0
    assert pass_at_k(5, 3, 3) == 1.0  # only 2 wrong answers: any 3 include a right one
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)
    with pytest.raises(ValueError):
        pass_at_k(2, 3, 1)


def test_mean_skips_tasks_with_too_few_answers():
    assert mean_pass_at_k([(5, 1), (1, 1)], k=5) == pytest.approx(1.0)
    assert mean_pass_at_k([(5, 1), (5, 0)], k=1) == pytest.approx(0.1)
    assert mean_pass_at_k([(1, 1)], k=5) is None
