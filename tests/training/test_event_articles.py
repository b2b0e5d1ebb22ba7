"""Event training examples from whole annotated articles (warta.training.event_articles)."""

from __future__ import annotations

import json

import pytest

from warta.training.event_articles import ArticleDataError, article_pairs, gold_rows, read_articles

TEXT = ("Polisi Tangkap Dua Pengedar\n\nBANDUNG - Polres Cimahi menangkap dua pengedar sabu di Cimahi, Senin (3/3). "
        "Kapolres AKBP Budi Santosa mengatakan keduanya kini ditahan.")


def _write(folder, stem: str, article: dict, gold: dict) -> None:
    (folder / f"{stem}.json").write_text(json.dumps(article), encoding="utf-8")
    (folder / f"{stem}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


def _gold(evidence: str) -> dict:
    return {"entities": [{"name": "Kepolisian Resor Cimahi", "type": "ORG", "aliases": ["Polres Cimahi"]}],
            "events": [{"type": "COERCE", "core": True, "evidence": evidence,
                        "source": [{"name": "Kepolisian Resor Cimahi"}], "target": [{"name": "dua pengedar"}]}]}


def test_pairs_need_a_gold_file_beside_the_article(tmp_path):
    _write(tmp_path, "01", {"text": TEXT}, _gold("menangkap dua pengedar"))
    (tmp_path / "02.json").write_text("{}", encoding="utf-8")  # no gold: not a training article
    assert article_pairs([tmp_path]) == [(tmp_path / "01.json", tmp_path / "01.gold.json")]
    with pytest.raises(ArticleDataError, match="not a folder"):
        article_pairs([tmp_path / "missing"])


def test_gold_rows_span_the_evidence_and_name_actors_by_all_their_forms(tmp_path):
    evidence = "BANDUNG - Polres Cimahi menangkap dua pengedar sabu di Cimahi, Senin (3/3)."
    [(start, end, kind, core, event)] = gold_rows(TEXT, _gold(evidence), tmp_path / "01.gold.json")
    assert TEXT[start:end] == evidence and kind == "COERCE" and core
    assert event["source"] == [{"text": "Kepolisian Resor Cimahi Polres Cimahi"}]
    assert event["target"] == [{"text": "dua pengedar"}]  # a descriptive actor keeps its words


def test_evidence_not_in_the_article_names_the_file_and_event(tmp_path):
    with pytest.raises(ArticleDataError, match=r"01\.gold\.json: events\[0\]\.evidence"):
        gold_rows(TEXT, _gold("Polisi menangkap tiga orang."), tmp_path / "01.gold.json")


def test_articles_are_read_as_the_json_reader_reads_them(tmp_path):
    _write(tmp_path, "01", {"title": "Polisi Tangkap Dua Pengedar", "text": TEXT.split("\n\n", 1)[1],
                            "published": "2025-03-04"}, _gold("menangkap"))
    [(article, gold, where)] = read_articles(article_pairs([tmp_path]))
    assert article.text == TEXT and str(article.published) == "2025-03-04"
    assert gold["events"][0]["type"] == "COERCE" and where.name == "01.gold.json"
    (tmp_path / "01.json").write_text('{"title": "x"}', encoding="utf-8")
    with pytest.raises(ArticleDataError, match=r"01\.json: field 'text' missing"):
        read_articles(article_pairs([tmp_path]))


def test_article_candidates_are_labelled_by_evidence_and_retellings_left_out():
    from types import SimpleNamespace

    from warta.training.train_events import _label, sample_weights

    text = "Polisi menangkap Budi. Penangkapan Budi dilakukan malam hari. Polisi juga menangkap Ani."
    gold = [(0, 22, "COERCE", True, {"type": "COERCE", "source": [{"text": "Polisi"}], "target": [{"text": "Budi"}]})]

    def cand(word: str, start: int, source: str, target: str):
        at = text.index(word, start)
        return SimpleNamespace(features=[f"word={word}"], record={
            "trigger": (at, at + len(word)), "type": "COERCE", "_why_not": [],
            "source": [{"name": source}] if source else [], "target": [{"name": target}]})

    cands = [cand("menangkap", 0, "Polisi", "Budi"),  # the evidence's act
             cand("Penangkapan", 0, "", "Budi"),  # told again without the doer: not the gold event, a negative
             cand("menangkap", 60, "Polisi", "Ani")]  # another act of the type: no gold event
    coder = SimpleNamespace(candidates=lambda doc: cands)
    doc = SimpleNamespace(text=text, _=SimpleNamespace(warta_entities=[]))
    exs: list = []
    _label(exs, 7, doc, coder, gold, {0: 3}, article=True)
    assert [(ex.label, ex.core, ex.roles_ok, ex.article, ex.sentence) for ex in exs] == [
        (1, 3, True, True, 7), (0, -1, False, True, 7), (0, -1, False, True, 7)]
    cands[1].record["source"] = [{"name": "Polisi"}]  # now the retelling names the evidence's actors: left out
    exs = []
    _label(exs, 7, doc, coder, gold, {0: 3}, article=True)
    assert [ex.features for ex in exs] == [["word=menangkap"], ["word=menangkap"]]
    exs.append(exs[0].__class__(8, [], 0, -1, True, True, False))  # one events-id candidate
    assert sample_weights(exs) == [0.5, 0.5, 1.0]  # the two sources weigh the same


def test_the_bundled_articles_are_valid_training_data():
    from warta.nlp.events.lexicon import TYPES
    from warta.training.event_articles import ARTICLES_DIR

    if not ARTICLES_DIR.is_dir():
        pytest.skip("training articles not installed (a wheel ships without them)")
    pairs = article_pairs([ARTICLES_DIR])
    assert len(pairs) >= 50
    for article, gold, where in read_articles(pairs):
        rows = gold_rows(article.text, gold, where)  # raises on evidence not in the article
        assert rows, where
        assert article.published is not None, where
        for ev in gold["events"]:
            assert ev["type"] in TYPES and isinstance(ev.get("core"), bool), where
            actors = {a["name"] for role in ("source", "target") for a in ev.get(role) or []}
            assert all(isinstance(name, str) and name.strip() for name in actors), where


def test_the_held_out_articles_are_valid_and_never_training_data():
    import json
    from pathlib import Path

    from warta.nlp.events.lexicon import TYPES
    from warta.training.event_articles import ARTICLES_DIR

    heldout = Path(__file__).resolve().parents[2] / "evaluation" / "heldout"
    if not heldout.is_dir():
        pytest.skip("held-out articles not in this checkout")
    pairs = article_pairs([heldout])
    assert len(pairs) >= 24 and all(ARTICLES_DIR not in a.parents for a, _g in pairs)
    for article, gold, where in read_articles(pairs):
        gold_rows(article.text, gold, where)  # raises on evidence not in the article
        assert article.published is not None, where
        for ev in gold["events"]:
            assert ev["type"] in TYPES and isinstance(ev.get("core"), bool), where

    def ids(found: list[tuple[Path, Path]]) -> list[str]:
        return [json.loads(a.read_text(encoding="utf-8"))["id"] for a, _g in found]

    held = ids(pairs)
    assert len(set(held)) == len(held)  # one id per article, its gold's
    assert held == [json.loads(g.read_text(encoding="utf-8"))["doc"] for _a, g in pairs]
    assert not set(held) & set(ids(article_pairs([ARTICLES_DIR])) if ARTICLES_DIR.is_dir() else [])
