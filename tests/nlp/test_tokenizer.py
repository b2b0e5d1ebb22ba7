"""The normalising tokenizer: the same tokens as spaCy's own tokenizer, found through its cache, and the
Doc's text kept once per Doc."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from warta.nlp.load import load_pipeline
from warta.nlp.normalize import normalize
from warta.nlp.tokenizer import CACHE_CHUNKS, EXTRA_INFIXES, TEXT_KEY, NormalizingTokenizer, doc_text

#: A special case ("H.") early, then words glued to punctuation and quote marks, hyphens, numbers.
TEXT = ('JAKARTA - H. Budi Santoso, S.H., bertemu Menlu Sari di Gedung Merdeka (GM) pada Senin (3/11).\n'
        '"Kami siap bekerja sama," kata Budi.Dia menambahkan, anak-anak di Kota Baru-Lama dapat Rp 4,2 miliar.'
        '\u201cTidak ada masalah,\u201d ujar Sari usai rapat pukul 10.00 WIB.')


def _fresh_base():
    nlp = spacy.blank("id")
    base = nlp.tokenizer
    base.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *EXTRA_INFIXES]).finditer
    return base


def _tokens(doc: Doc) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in doc]


def test_same_tokens_as_spacy_cold_and_warm():
    tok = NormalizingTokenizer(_fresh_base())
    expected = _tokens(_fresh_base()(normalize(TEXT)[0]))
    assert _tokens(tok(TEXT)) == expected  # cold: each chunk tokenized alone first
    assert _tokens(tok(TEXT)) == expected  # warm: from spaCy's cache
    other = TEXT.replace("Budi", "Wati").replace("Sari", "Rina")
    assert _tokens(tok(other)) == _tokens(_fresh_base()(normalize(other)[0]))


def test_new_chunks_are_cached_and_the_cache_may_grow():
    tok = NormalizingTokenizer(_fresh_base())
    assert tok.base.max_cache_size >= CACHE_CHUNKS
    tok("Budi, kata Sari.")
    assert {"Budi,", "kata", "Sari."} <= tok._seen


def test_doc_text_is_kept_and_checked():
    nlp = load_pipeline()
    doc = nlp.make_doc(TEXT)
    assert doc.user_data[TEXT_KEY] == doc.text == doc_text(doc)
    other = nlp.make_doc("Budi pergi ke Bandung.")
    other.user_data[TEXT_KEY] = "Wati pergi ke Bogor!!"  # a stale text (another Doc's) is not trusted
    assert doc_text(other) == "Budi pergi ke Bandung."
    bare = Doc(nlp.vocab, words=["Halo", "dunia"], spaces=[True, False])
    assert doc_text(bare) == "Halo dunia"
    assert doc_text(Doc(nlp.vocab, words=[])) == ""


def test_built_with_extra_infixes_splits_as_setting_them_afterwards():
    import spacy
    from spacy.util import compile_infix_regex, registry

    from warta.nlp.tokenizer import EXTRA_INFIXES, NormalizingTokenizer, create_normalizing_tokenizer

    ours = create_normalizing_tokenizer()(spacy.blank("id"))
    nlp = spacy.blank("id")
    base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
    base.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *EXTRA_INFIXES]).finditer
    reference = NormalizingTokenizer(base)
    assert ours.base.rules == reference.base.rules
    for text in ('Dr. H. Budi, S.H. tiba pk. 10.00 WIB di Jl. Merdeka No. 5.', 'Ia berkata:"Kami siap."Lalu pergi.',
                 'harga Rp. 5.000,- dll. tahun 2024.Menurut WIB.Ia', 'negara,"kata dia. "(RCD) ke situ',
                 'pulang.(sumber: warta.com) Jl.(lama)'):
        assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in reference(text)]
