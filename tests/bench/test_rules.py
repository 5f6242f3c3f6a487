"""The rules benchmark's model replay: each distinct call computed once, its answer handed back after."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from rules import Replay  # noqa: E402


def test_replay_computes_each_distinct_call_once():
    calls = []

    def model(texts, about=None):
        calls.append((list(texts), about))
        return [len(t) for t in texts]

    replay = Replay(model)
    assert replay(["ab", "c"]) == [2, 1]
    assert replay(["ab", "c"]) == [2, 1]
    assert replay(["ab", "c"], about=[True, False]) == [2, 1]
    assert replay(["xyz"]) == [3]
    assert calls == [(["ab", "c"], None), (["ab", "c"], [True, False]), (["xyz"], None)]
    assert len(replay.answers) == 3
    assert replay.seconds >= 0.0
