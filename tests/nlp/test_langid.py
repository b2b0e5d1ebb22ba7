import pytest

from warta.nlp.langid import detect_language

ID = ("Presiden menegaskan bahwa pemerintah akan menambah anggaran pendidikan tahun depan. "
      "Menurut dia, kebijakan tersebut sudah dibahas bersama DPR setelah rapat kerja kemarin.")
MS = ("Perdana Menteri berkata kerajaan akan menambah peruntukan pendidikan kerana ia penting. "
      "Beliau berkata demikian selepas mesyuarat kabinet, dan wang itu boleh digunakan serta-merta sahaja.")


def test_indonesian_document():
    assert detect_language(ID).code == "id"


def test_malay_document_stays_malay():
    assert detect_language(MS).code == "ms"


def test_english_and_empty():
    assert detect_language("The minister said the government would raise the education budget next year.").code == "en"
    assert detect_language("12345 !!!").code == "und"


@pytest.mark.parametrize("headline", ["KPK menahan Bupati Sidoarjo.", "Prabowo lantik menteri kabinet",
                                      "Polisi tangkap dua pelaku begal di Bekasi", "DPR sahkan RUU TNI"])
def test_short_indonesian_headlines_are_indonesian(headline):
    assert detect_language(headline).code == "id"


@pytest.mark.parametrize("headline", ["The president signed the bill on Monday.", "Trump meets Putin in Alaska",
                                      "Der Präsident hat das Gesetz unterzeichnet.", "Presidente firma la ley"])
def test_short_foreign_headlines_stay_foreign(headline):
    assert detect_language(headline).code not in ("id", "ms")


def test_one_indonesian_looking_word_does_not_make_an_english_sentence_indonesian():
    text = "The president met the minister in Jakarta to discuss the national budget today."
    assert detect_language(text).code == "en"
