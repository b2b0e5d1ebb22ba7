"""Search snippets: only the store's own marks reach the page as highlights."""

from warta.store.query import MARK_CLOSE, MARK_OPEN
from warta.store.search import snippet


def test_mark_characters_inside_an_article_are_not_highlights():
    text = f"Polisi {MARK_OPEN}menyerang{MARK_CLOSE} markas {MARK_OPEN}itu{MARK_CLOSE} kemarin."
    got = snippet([text], "serang", mark=(MARK_OPEN, MARK_CLOSE))
    assert got == f"Polisi {MARK_OPEN}menyerang{MARK_CLOSE} markas itu kemarin"
    assert snippet([f"Warga {MARK_OPEN}berkumpul"], "warga", mark=(MARK_OPEN, MARK_CLOSE)).count(MARK_OPEN) == 1
