from spacy.language import Language

from tests.conftest import ARTICLE_TXT
from warta.nlp.contracts import check_contracts
from warta.nlp.load import build_pipeline, load_pipeline


def test_every_component_keeps_its_requires_and_assigns():
    assert check_contracts(load_pipeline(), ARTICLE_TXT) == []


def test_contract_check_catches_a_component_that_lies():
    @Language.component("warta_test_liar", assigns=["doc.ents"], requires=["token.is_sent_start"])
    def liar(doc):
        return doc

    nlp = build_pipeline()
    nlp.add_pipe("warta_test_liar", first=True)
    problems = check_contracts(nlp, ARTICLE_TXT)
    assert any("declares it assigns doc.ents" in p for p in problems)
    assert any("requires token.is_sent_start" in p for p in problems)


def test_pipeline_order_comes_from_config(tmp_path):
    from warta.nlp.load import DEFAULT_CONFIG

    cfg = tmp_path / "empty.cfg"
    import re

    cfg.write_text(re.sub(r"(?m)^pipeline = .*$", "pipeline = []", DEFAULT_CONFIG.read_text()))
    nlp = build_pipeline(cfg)
    assert nlp.pipe_names == []
    assert nlp("a  b")._.warta_text == "a  b"


def test_normalising_tokenizer_keeps_original_text():
    doc = load_pipeline()("orang -orang “datang”")
    assert doc.text == 'orang-orang "datang"'
    assert doc._.warta_text == "orang -orang “datang”"


def test_contract_check_catches_an_undeclared_read_and_write():
    """A component that reads what it does not require, or writes what it does not assign, fails the check."""

    @Language.component("warta_test_undeclared", assigns=["doc._.warta_events"])
    def undeclared(doc):
        doc._.warta_events = list(doc._.warta_entities or [])[:0]  # reads warta_entities undeclared
        doc._.warta_time_notes = []  # writes warta_time_notes undeclared
        return doc

    nlp = build_pipeline()
    nlp.add_pipe("warta_test_undeclared")
    problems = check_contracts(nlp, ARTICLE_TXT)
    assert "warta_test_undeclared: reads doc._.warta_entities but does not declare it in requires or assigns" in problems
    assert "warta_test_undeclared: writes doc._.warta_time_notes but does not declare it in assigns" in problems


def test_a_shipped_component_fails_the_check_without_its_requires(monkeypatch):
    """Dropping a declared requirement of a component that reads it is reported."""
    nlp = build_pipeline()
    meta = nlp.get_pipe_meta("warta_quotes")
    monkeypatch.setattr(meta, "requires", [r for r in meta.requires if r != "doc._.warta_entities"])
    assert "warta_quotes: reads doc._.warta_entities but does not declare it in requires or assigns" in \
        check_contracts(nlp, ARTICLE_TXT)
