from spacy.language import Language

from tests.conftest import ARTICLE_TXT
from warta.pipeline.contracts import check_contracts
from warta.pipeline.nlp import build_pipeline, load_pipeline


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
    from warta.pipeline.nlp import DEFAULT_CONFIG

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
