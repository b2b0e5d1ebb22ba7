"""Word forms of trigger matches (warta.nlp.events.forms)."""

from __future__ import annotations

import pytest

from warta.nlp.events.forms import noun_trigger


@pytest.mark.parametrize(("word", "stem"), [("serangan", "serang"), ("penahanan", "tahan"), ("demo", "demo"),
                                            ("dialognya", "dialog"), ("dukungannya", "dukung"),
                                            ("kunjungan", "kunjung")])
def test_a_noun_names_its_doer_after_it(word, stem):
    assert noun_trigger(word, stem)


@pytest.mark.parametrize(("word", "stem"), [("menahan", "tahan"), ("melakukan", "lakukan"),
                                            ("mengadakan", "adakan"), ("membebaskan", "bebas"),
                                            ("ditahan", "tahan"), ("akan", "akan"), ("siap", "siap"),
                                            ("menyerang", "serang")])
def test_a_verb_form_or_a_modal_is_no_noun(word, stem):
    assert not noun_trigger(word, stem)
