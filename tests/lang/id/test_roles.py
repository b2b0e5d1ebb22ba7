"""Police and military ranks before a name give the person's sector."""

from __future__ import annotations

import pytest

from warta.lang.id.roles import rank_sector


@pytest.mark.parametrize(("before", "sector"), [
    ("kapolres garut akbp", "COP"),
    ("kata kombes pol", "COP"),
    ("ajun komisaris besar", "COP"),
    ("kepala penerangan kodam letkol inf", "MIL"),
    ("komandan korem kolonel", "MIL"),
    ("panglima tni laksamana madya", "MIL"),
    ("kadiv humas polri irjen", "COP"),
    ("brigjen pol", "COP"),
    ("brigjen tni", "MIL"),
    ("brigjen", None),  # both services have it
    ("kata juru bicara", None),
    ("", None),
])
def test_a_rank_before_a_name_gives_the_service(before, sector):
    assert rank_sector(before.split()) == sector


def test_every_rank_the_name_rules_know_has_a_service_or_is_shared():
    """The service tables and the rank lists the name rules cut at (``RANK_ABBREVIATIONS``, ``RANK_PHRASES``)
    must not drift apart: a rank added to one is added to the other."""
    from warta.lang.id.roles import MILITARY_RANKS, POLICE_RANKS, RANK_ABBREVIATIONS, RANK_PHRASES, SHARED_RANKS

    assert (RANK_ABBREVIATIONS | RANK_PHRASES) <= (POLICE_RANKS | MILITARY_RANKS | SHARED_RANKS)
    assert not POLICE_RANKS & MILITARY_RANKS
