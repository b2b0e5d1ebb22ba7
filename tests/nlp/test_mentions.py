"""Mention selection on our own sentences; mentions._in_body finds exactly the whole-word occurrences the regular
expression it replaced found."""

import random
import re
from types import SimpleNamespace

from warta.nlp.mentions import _in_body


def _analyze(body: str, *, published: str):
    """Our own sentences analysed as an article titled "Judul"."""
    import warta
    from tests.conftest import TODAY
    from warta.io.readers.base import ReadOptions, build_article

    return warta.analyze(build_article(body=body, title="Judul", options=ReadOptions(today=TODAY), origin="t",
                                       reader="text", published_raw=published))


def _regex_in_body(body: str, text: str) -> bool:
    for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body):
        before = body[max(0, m.start() - 2):m.start()]
        if m.start() > 0 and not re.search(r"(^|[.!?\n\"]\s*)$", before):
            return True
    return False


def test_examples():
    ctx = SimpleNamespace(body="Budi datang. Kata Budi, rapat ditunda. Budiman pulang.")
    assert _in_body(ctx, "Budi")  # "Kata Budi": not sentence-initial
    assert not _in_body(SimpleNamespace(body="Budi datang. Budi pulang.\nBudi tidur."), "Budi")
    assert not _in_body(SimpleNamespace(body="Sang Budiman datang."), "Budi")  # not a whole word
    assert _in_body(SimpleNamespace(body='Ia berkata "Budi" lalu pergi, kata Budi_x dan Budi'), "Budi")


def test_same_as_the_regular_expression_on_generated_text():
    rng = random.Random(5)
    alphabet = ["A", "a", " ", ".", "\n", '"', "_", "é", "1", "-", "!"]
    for _ in range(20_000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
        assert _in_body(SimpleNamespace(body=body), text) == _regex_in_body(body, text), (body, text)


def test_a_common_word_opening_a_sentence_is_never_a_one_word_name():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.mentions import select_mentions

    doc = spacy.blank("id")("Rapat selesai. Kurang lebih dua jam Budi Santoso berbicara.")
    people = [Span(doc, 3, 4, label="PER"), Span(doc, 7, 9, label="PER")]  # the model's guesses
    chosen = select_mentions(doc, [], people, kb_types={})
    assert [doc[c.start:c.end].text for c in chosen] == ["Budi Santoso"]


def test_a_weekday_or_a_discourse_particle_is_never_a_one_word_name():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.mentions import select_mentions

    doc = spacy.blank("id")("Nah, polisi menangkap Hartono pada Ahad malam.")
    guesses = [Span(doc, 0, 1, label="PER"), Span(doc, 4, 5, label="PER"), Span(doc, 6, 7, label="PER")]
    chosen = select_mentions(doc, [], guesses, kb_types={})
    assert [doc[c.start:c.end].text for c in chosen] == ["Hartono"]


def test_other_given_names_before_a_kb_surname_are_another_person():
    doc = _analyze("Ketua panitia Herman Suharto mengatakan acara itu diikuti 300 peserta. "
                   "Presiden Terpilih Joko Widodo datang, "
                   "sedangkan Presiden Soesilo Bambang Yudhoyono tidak hadir.",
                   published="2014-08-20")
    got = {e.name: e.kb for e in doc.entities if e.type == "PER"}
    assert got.get("Herman Suharto", "missing") is None  # a namesake of the former president, not him
    assert "per:soeharto" not in got.values()
    assert "per:joko-widodo" in got.values()  # "Terpilih" is a title word, not a given name
    assert "per:susilo-bambang-yudhoyono" in got.values()  # the old spelling of Susilo


def test_military_ranks_are_not_part_of_the_name():
    doc = _analyze("Juru bicara militer, Mayor Jenderal Than Htike Aung, membantah laporan itu. "
                   "Letnan Kolonel Rudi Hartanto memimpin pasukan ke perbatasan.",
                   published="2024-08-20")
    names = {e.name for e in doc.entities if e.type == "PER"}
    assert names == {"Than Htike Aung", "Rudi Hartanto"}


def test_a_disease_is_never_a_person_or_a_body():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.mentions import select_mentions

    doc = spacy.blank("id")("Warga Kupang terpapar Covid-19 dan Ebola , kata Budi Santoso .")
    guesses = [Span(doc, 3, 6, label="PER"), Span(doc, 7, 8, label="ORG"), Span(doc, 10, 12, label="PER")]
    chosen = select_mentions(doc, [], guesses, kb_types={})
    assert [doc[c.start:c.end].text for c in chosen] == ["Budi Santoso"]


def test_a_policy_or_a_document_acronym_is_never_a_body():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.mentions import select_mentions

    doc = spacy.blank("id")("PSBB diperpanjang , KTP warga diperiksa , kata Budi Santoso dari PSSI .")
    guesses = [Span(doc, 0, 1, label="ORG"), Span(doc, 3, 4, label="ORG"), Span(doc, 8, 10, label="PER"),
               Span(doc, 11, 12, label="ORG")]
    chosen = select_mentions(doc, [], guesses, kb_types={})
    assert [doc[c.start:c.end].text for c in chosen] == ["Budi Santoso", "PSSI"]


def test_a_title_over_a_regency_and_a_rank_gives_the_person_its_sector():
    doc = _analyze("Bupati Sumedang Andi Wijaya menolak usulan itu. Kapolres Sumedang AKBP Hendra Gunawan menyebut "
                   "massa sudah bubar. Wali Kota Cimahi Rina Kartika hadir.", published="2024-08-20")
    sectors = {e.name: e.sector for e in doc.entities if e.type == "PER"}
    assert sectors == {"Andi Wijaya": "GOV", "Hendra Gunawan": "COP", "Rina Kartika": "GOV"}
    # after a comma the name is someone else's: the regent of the clause before is not its subject
    doc = _analyze("Saat Andi Wijaya menjadi Bupati Sumedang, Hendra Gunawan sempat mengkritiknya.",
                   published="2024-08-20")
    assert {e.name: e.sector for e in doc.entities if e.type == "PER"}.get("Hendra Gunawan") is None


def test_an_organisation_span_running_into_a_rank_ends_there():
    doc = _analyze("“Tersangka sudah kami tahan,” kata Kepala Kepolisian Resor Cianjur AKBP Rudi Hartanto. "
                   "Kepala Kepolisian Daerah Jawa Barat Inspektur Jenderal Rudi Setiawan ikut hadir.",
                   published="2024-08-20")
    names = {(e.name, e.type) for e in doc.entities}
    assert ("Rudi Hartanto", "PER") in names
    assert not any("AKBP" in n or "Inspektur" in n for n, _ in names)
    assert [doc.entities[int(q.speaker[1:]) - 1].name for q in doc.quotes if q.speaker] == ["Rudi Hartanto"]


def test_a_written_out_rank_ends_an_organisation_and_is_never_a_name_of_its_own():
    import spacy

    from warta.nlp.name_spans import rank_cut

    doc = spacy.blank("id")("Kepala Divisi Humas Polri Brigadir Jenderal Rudi Hartono . Inspektur Jenderal hadir .")
    assert rank_cut(doc, 1, 8) == (4, 6)  # "Divisi Humas Polri" | "Brigadir Jenderal" | "Rudi Hartono"
    assert rank_cut(doc, 9, 11) == (9, 11)  # a rank alone
    assert rank_cut(doc, 1, 4) is None


def test_the_name_after_a_law_word_is_the_laws():
    import spacy
    from spacy.tokens import Span

    from warta.nlp.mentions import select_mentions

    doc = spacy.blank("id")("DPR membahas RUU Penyiaran dan UU Otsus Papua , kata Budi Santoso .")
    guesses = [Span(doc, 3, 4, label="GPE"), Span(doc, 7, 8, label="GPE"), Span(doc, 10, 12, label="PER")]
    chosen = select_mentions(doc, [], guesses, kb_types={})
    assert [doc[c.start:c.end].text for c in chosen] == ["Papua", "Budi Santoso"]  # a place's name stays one


def test_initials_after_berinisial_name_a_person_not_a_country_or_a_body():
    doc = _analyze("Polisi menangkap dua pria berinisial RS dan AH di Depok. Seorang tersangka lain berinisial AS "
                   "masih diburu.", published="2025-03-10")
    people = {e.name for e in doc.entities if e.type == "PER"}
    assert {"RS", "AH", "AS"} <= people
    assert not any(e.name == "Amerika Serikat" for e in doc.entities)
