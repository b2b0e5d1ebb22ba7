"""Quote-mark direction, and quotes that survive scraped text with the spaces around marks lost."""

from __future__ import annotations

import re

import pytest

from warta.bench import bundled_samples
from warta.io.readers import iter_articles
from warta.lang.id.abbreviations import NON_TERMINAL
from warta.nlp.quotes.marks import mark_roles


@pytest.fixture(scope="module")
def nlp():
    from warta.nlp.load import build_pipeline

    return build_pipeline()


def roles(nlp, text):
    doc = nlp.make_doc(text)
    return [opens for _i, opens in sorted(mark_roles(doc).items())]


@pytest.mark.parametrize("text", [
    'Ia pergi. "Kami menolak," kata Budi.',  # spaces tell
    "Ia pergi.“Kami menolak,”kata Budi.",  # curly marks tell
    'Ia pergi."Kami menolak,"kata Budi.',  # neither: the paragraph's running state
    'Kata Budi: "Kami menolak" .',
])
def test_direction_of_marks(nlp, text):
    assert roles(nlp, text) == [True, False]


def test_a_new_paragraph_resets_the_state(nlp):
    assert roles(nlp, 'Ia berkata "kami\n\n"Kami pergi,"kata Budi.') == [True, True, False]


def glue(text: str) -> str:
    """The spaces scrapers lose: before an opening mark after a full stop, after a closing mark before a
    word, and after a full stop before a capitalised word."""
    text = re.sub(r'([.!?]) +([“"])', r"\1\2", text)
    text = re.sub(r'([,.!?][”"]) +(\w)', r"\1\2", text)
    return re.sub(r"(\w{2,})\. +(?=[A-Z][a-z])",
                  lambda m: m.group(0) if m.group(1) in NON_TERMINAL else m.group(1) + ".", text)


def quotes_of(nlp, text):
    from warta.api import analyze
    from warta.io.document_json import document_to_dict

    d = document_to_dict(analyze(text))
    names = {e["id"]: e["name"] for e in d["entities"]}
    return sorted(("".join(q["text"].split()), q["direct"], names.get(q.get("speaker"))) for q in d["quotes"])


def test_bundled_samples_keep_their_quotes_when_glued(nlp):
    checked = 0
    for article in iter_articles([str(bundled_samples())]):
        glued = glue(article.text)
        if glued == article.text:
            continue
        before = quotes_of(nlp, article.text)
        after = quotes_of(nlp, glued)
        direct = [q for q in before if q[1]]
        assert [q for q in after if q[1]] == direct, article.id
        assert len(after) == len(before), article.id
        checked += bool(direct)
    assert checked >= 3
