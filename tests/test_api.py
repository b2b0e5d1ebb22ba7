import warta
from tests.conftest import ARTICLE_TXT
from warta.model import Article


def test_analyze_text_and_article():
    doc = warta.analyze(ARTICLE_TXT)
    assert doc.language == "id" and doc.article.title.startswith("Menlu")
    assert len(doc.sentences) >= 7
    for s in doc.sentences:
        assert ARTICLE_TXT[s.start:s.end] == s.text
    art = Article(text="Judul\n\nMenteri mengatakan bahwa anggaran akan naik tahun depan.", title="Judul")
    assert warta.analyze(art).article is art


def test_offsets_index_the_text_as_read_despite_normalisation():
    text = "Judul  berita\n\nOrang -orang berkumpul di depan gedung DPR . Polisi berjaga ."
    doc = warta.analyze(text)
    assert [s.text for s in doc.sentences] == ["Judul  berita", "Orang -orang berkumpul di depan gedung DPR .",
                                              "Polisi berjaga ."]


def test_pipe_streams_in_order_with_skips_and_processes():
    texts = [f"Berita {i}\n\nPresiden bertemu menteri ke-{i} di Jakarta dan membahas anggaran negara." for i in range(6)]
    texts.insert(3, "The president met the minister in Jakarta to discuss the national budget today.")
    docs = list(warta.pipe(texts, n_process=2, batch_size=2))
    assert [d.article.title for d in docs] == [t.splitlines()[0] for t in texts]
    assert docs[3].skipped and docs[3].language == "en"
    assert all(d.sentences for i, d in enumerate(docs) if i != 3)
