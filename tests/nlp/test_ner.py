"""The NER component decodes the trained model exactly as spaCy's own transition loop does."""

import pytest

from warta.api import as_article, make_doc
from warta.nlp.load import load_pipeline
from warta.nlp.ner import Moves, WartaNer

# our own sentences: multi-token names, organisations, places, a sentence break right after a name,
# a line break inside the text, numbers and punctuation
TEXTS = [
    "Menteri Luar Negeri Sugiono bertemu Duta Besar Jepang Masaki Yasushi di Jakarta, Selasa (4/3/2025).",
    "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan hujan lebat di Jawa Barat.\n\n"
    "Kepala BMKG Dwikorita Karnawati meminta warga Bandung waspada. Banjir melanda Kabupaten Bekasi.",
    "Presiden Prabowo Subianto tiba di Beijing untuk menghadiri KTT APEC. Ia disambut Xi Jinping.",
    "Warga Nahdlatul Ulama berkumpul di Masjid Istiqlal. Polisi Daerah Metro Jaya menjaga lokasi.",
    "Rapat itu dihadiri Ketua DPR Puan Maharani, Wakil Ketua Sufmi Dasco Ahmad dan anggota Komisi I.",
    "",
    "Jakarta",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _docs(nlp, texts):
    sentences = nlp.get_pipe("warta_sentences")
    return [sentences(make_doc(nlp, as_article(t))) if t else make_doc(nlp, as_article("x"))[:0].as_doc()
            for t in texts]


def _ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob for t in doc]


def test_pipeline_uses_the_decoder(nlp):
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, WartaNer) and ner.exact
    assert set(ner.labels) == {"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}


def test_same_entities_as_spacy_decoding(nlp):
    ner = nlp.get_pipe("ner")
    ours = _docs(nlp, TEXTS)
    theirs = [d.copy() for d in ours]
    ner.set_annotations(ours)
    nonempty = [d for d in theirs if len(d)]
    ner.ner.set_annotations(nonempty, ner.ner.predict(nonempty))
    assert [_ents(d) for d in ours] == [_ents(d) for d in theirs]
    found = {e.text for d in ours for e in d.ents}
    assert {"Prabowo Subianto", "Xi Jinping"} <= found  # the model does find names here


def test_entities_do_not_cross_sentence_starts(nlp):
    ner = nlp.get_pipe("ner")
    (doc,) = _docs(nlp, [TEXTS[0]])
    for token in doc:
        token.is_sent_start = True
    theirs = doc.copy()
    ner(doc)
    ner.ner.set_annotations([theirs], ner.ner.predict([theirs]))
    assert all(len(e) == 1 for e in doc.ents) and _ents(doc) == _ents(theirs)


def test_preset_entities_are_left_to_spacy(nlp):
    from spacy.tokens import Span

    ner = nlp.get_pipe("ner")
    (doc,) = _docs(nlp, [TEXTS[2]])
    doc.set_ents([Span(doc, 0, 1, label="ORG")], default="unmodified")  # "Presiden" preset as ORG
    ner(doc)
    assert (doc.ents[0].start, doc.ents[0].end, doc.ents[0].label_) == (0, 1, "ORG")


def test_pipe_batches_and_order(nlp):
    ner = nlp.get_pipe("ner")
    docs = _docs(nlp, TEXTS * 3)
    single = [_ents(ner(d.copy())) for d in docs]
    assert [_ents(d) for d in ner.pipe(docs, batch_size=4)] == single


def test_moves_need_every_biluo_kind():
    moves = Moves.of(["B-PER", "B-ORG", "I-PER", "I-ORG", "L-PER", "L-ORG", "U-PER", "U-", "U-ORG", "O"])
    assert moves.labels == ("PER", "ORG") and moves.out == 9 and list(moves.unit) == [6, 8]
    with pytest.raises(ValueError, match="BILUO"):
        Moves.of(["B-PER", "L-PER", "U-PER", "O"])
