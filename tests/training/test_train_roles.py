"""Role-scorer training: labels and counts as events-id's scorer counts them (own small examples)."""

from __future__ import annotations

from warta.nlp.events.roles import RoleCandidate
from warta.training.train_roles import Trial, _argument_counts, _meets, right_count


def _actor(name: str, entity: str | None = None) -> dict:
    return {"name": name, "country": None, "sector": None, "entity": entity}


def _trial(gold_type: str = "COERCE") -> Trial:
    polisi, budi, jakarta = _actor("polisi"), _actor("Budi Santoso", "e1"), _actor("Jakarta", "e2")
    cands = [RoleCandidate(polisi, 0, 1, {"role"}), RoleCandidate(budi, 2, 4, {"mention", "rule_src"}),
             RoleCandidate(jakarta, 5, 6, {"mention"})]
    gold = {"type": gold_type, "source": [{"text": "polisi"}], "target": [{"text": "Budi"}]}
    return Trial(0, True, cands, [1, 0, 0], [0, 1, 0], [budi], [], gold, {"e1": ["Budi Santoso", "Budi"]})


def test_an_actor_meets_a_gold_actor_by_a_shared_word_of_its_name_or_mentions():
    assert _meets(_actor("Budi Santoso", "e1"), [{"text": "Pak Budi"}], {})
    assert _meets(_actor("dia", "e1"), [{"text": "Budi"}], {"e1": ["Budi"]})
    assert not _meets(_actor("polisi"), [{"text": "tentara"}], {})


def test_argument_counts_follow_roles_unless_the_type_is_reciprocal():
    t = _trial()
    assert _argument_counts(t, [_actor("polisi")], [_actor("Budi Santoso", "e1")]) == (2, 0, 0)
    assert _argument_counts(t, [_actor("Budi Santoso", "e1")], [_actor("polisi")]) == (0, 2, 2)
    swapped = _trial("CONSULT")  # parties in either role
    assert _argument_counts(swapped, [_actor("Budi Santoso", "e1")], [_actor("polisi")]) == (2, 0, 0)


def test_right_count_uses_the_scores_over_the_rules_choice():
    t = _trial()
    # the scorer puts polisi as source and Budi as target: both roles right
    assert right_count([t], [[0.9, 0.1, 0.1]], [[0.1, 0.8, 0.1]], (0.5, 0.5))[0] == 1
    # nobody over the thresholds: the rules' Budi-as-source stands, which is wrong
    assert right_count([t], [[0.2, 0.1, 0.1]], [[0.1, 0.2, 0.1]], (0.5, 0.5))[0] == 0
