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


def test_training_keeps_as_the_component_keeps():
    # a condition or an order is never an event, in training as in the component
    from types import SimpleNamespace

    from warta.nlp.events.component import NEVER, EventCoder
    from warta.training.train_events import Example, keep

    assert {"conditional", "imperative"} <= NEVER
    for why in (["conditional"], ["imperative"], ["no_source"], []):
        ex = Example(0, [], 1, 0, has_source=True, rules_ok=not why, roles_ok=True,
                     conditional=bool(NEVER.intersection(why)))
        record = {"_why_not": why, "source": [{"name": "X"}], "_roles": None}
        coder = EventCoder.__new__(EventCoder)
        coder.model = SimpleNamespace(name="m", version="0", probability=lambda f: 0.99, threshold=0.5,
                                      threshold_no_source=0.5, threshold_rules_ok=0.5)
        assert keep(ex, 0.99, (0.5, 0.5, 0.5)) is coder.keep(SimpleNamespace(record=record, features=[])) \
            is (not NEVER.intersection(why))
