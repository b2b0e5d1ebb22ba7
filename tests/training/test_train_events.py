"""The event model's training: the folds of its repeated cross-validation."""

from __future__ import annotations

from collections import Counter

from warta.training.train_events import _fold


def test_round_zero_folds_by_sentence_number():
    assert [_fold(s, 5, 0) for s in range(7)] == [0, 1, 2, 3, 4, 0, 1]


def test_later_rounds_are_other_fixed_splits_of_similar_size():
    rounds = [[_fold(s, 5, r) for s in range(1000)] for r in (1, 2)]
    assert rounds[0] != rounds[1] and rounds[0] != [s % 5 for s in range(1000)]
    assert rounds[0] == [_fold(s, 5, 1) for s in range(1000)]  # the same on every run
    for folds in rounds:
        assert all(150 <= n <= 250 for n in Counter(folds).values())
