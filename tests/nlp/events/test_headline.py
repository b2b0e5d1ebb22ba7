"""A headline act's clause (warta.nlp.events.headline): a comma joins clauses, not the names of a list."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from warta.nlp.events.headline import headline_clause


def _ctx(text: str, names: list[str], *, title: bool = True):
    words = text.split()
    ent_at = [-1] * len(words)
    for k, name in enumerate(names):
        n = len(name.split())
        i = next(i for i in range(len(words)) if " ".join(words[i:i + n]) == name)
        ent_at[i:i + n] = [k] * n
    idx = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    doc = [SimpleNamespace(is_space=False) for _ in words]
    return SimpleNamespace(lower=[w.lower() for w in words], ent_at=ent_at, idx=idx, doc=doc,
                           title_end=len(text) if title else 0), words


@pytest.mark.parametrize(("text", "names", "trigger", "clause"), [
    ("Warga Tolak Tambang , Polisi Tangkap Dua Orang", [], "Tolak", "Warga Tolak Tambang"),
    ("Warga Tolak Tambang , Polisi Tangkap Dua Orang", [], "Tangkap", "Polisi Tangkap Dua Orang"),
    ("Budi , Andi dan Rudi Bertemu di Bogor", ["Budi", "Andi", "Rudi"], "Bertemu", "Budi , Andi dan Rudi Bertemu di Bogor"),
    ("Budi Temui Andi , Rudi dan Ani", ["Budi", "Andi", "Rudi", "Ani"], "Temui", "Budi Temui Andi , Rudi dan Ani"),
])
def test_a_headline_comma_joins_clauses_but_not_names(text, names, trigger, clause):
    ctx, words = _ctx(text, names)
    i = words.index(trigger)
    a, b = headline_clause(ctx, i, i + 1, 0, len(words))
    assert " ".join(words[a:b]) == clause


def test_outside_the_headline_the_window_stands():
    ctx, words = _ctx("Warga menolak tambang , polisi menangkap dua orang", [], title=False)
    assert headline_clause(ctx, 1, 2, 0, len(words)) == (0, len(words))
