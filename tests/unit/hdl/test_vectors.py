import pytest

from chisellm.hdl import Port, Vectors
from chisellm.utils.errors import ChiselLLMError


def small() -> Vectors:
    return Vectors.from_cycles([Port("a", 4)], [Port("y", 4)], [({"a": 1}, {"y": 2}), ({"a": 3}, {"y": None})], clocked=False)


def test_json_round_trip_keeps_everything():
    vec = small()
    again = Vectors.from_json(vec.to_json())
    assert again == vec
    assert again.digest == vec.digest
    assert again.cycles == 2 and again.expected[1] == (None,)


def test_digest_changes_with_content():
    other = Vectors.from_cycles([Port("a", 4)], [Port("y", 4)], [({"a": 1}, {"y": 3}), ({"a": 3}, {"y": None})], clocked=False)
    assert other.digest != small().digest


@pytest.mark.parametrize("bad,missing", [({"inputs": [], "outputs": []}, "stimulus"), ({}, "inputs")])
def test_missing_fields_are_named(bad, missing):
    with pytest.raises(ChiselLLMError, match=missing):
        Vectors.from_json(bad, "vec.json")


def test_row_length_must_match_ports():
    with pytest.raises(ValueError, match="cycle 0"):
        Vectors((Port("a", 1),), (Port("y", 1),), ((1, 2),), ((0,),))


def test_duplicate_ports_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        Vectors((Port("a", 1),), (Port("a", 1),), ((1,),), ((0,),))
