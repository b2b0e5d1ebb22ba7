"""Word forms of trigger matches (warta.nlp.events.forms)."""

from __future__ import annotations

import pytest

from warta.nlp.events.forms import describes_thing, noun_trigger


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


@pytest.mark.parametrize(("text", "trigger", "verb"), [
    ("Serikat itu mendukung aksi para guru dan mengancam mogok", "mengancam", "mendukung"),
    ("Budi bertemu Menteri Luar Negeri Andi dan juga mengunjungi pabrik", "mengunjungi", "bertemu"),
    ("Terdakwa dibawa ke pengadilan dan diperiksa polisi", "diperiksa", "dibawa"),
    ("Budi dan Ani menolak usul itu", "menolak", None),  # two subjects, not two predicates
    ("Guru dan pemogokan", "pemogokan", None),  # a noun
    ("Budi mengatakan bahwa Ani dan mengancam", "mengancam", None),  # no verb in the clause before it
    ("Polisi menyita barang bukti terkait kasus itu dan menahan tersangka", "menahan", "menyita"),  # terkait: no verb
])
def test_a_verb_joined_by_dan_shares_the_earlier_verbs_subject(text, trigger, verb):
    from warta.nlp.events.forms import joined_verb

    lower = text.lower().split()
    got = joined_verb(lower, lower.index(trigger), 0)
    assert (lower[got] if got is not None else None) == verb


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("pertemuan itu berlangsung tertutup", "pertemuan", True),
    ("seusai pertemuan , menteri itu berbicara", "pertemuan", True),  # the meeting is the time of what follows
    ("setelah serangan , warga mengungsi", "serangan", True),
    ("pertemuan kedua menteri berlangsung tertutup", "pertemuan", False),
    ("setelah menyerang , mereka kabur", "menyerang", False),  # a verb: not a one-word nominal trigger
])
def test_an_act_named_as_a_time_or_with_a_demonstrative_points_back(text, trigger, expected):
    from warta.nlp.events.forms import anaphoric

    lower = text.split()
    i = lower.index(trigger)
    assert anaphoric(lower, i, i + 1) is expected


@pytest.mark.parametrize(("words", "i", "thing"), [
    ("fasilitas militer iran".split(), 1, True),
    ("fasilitas nuklir dan militer iran".split(), 3, True),
    ("kapal polisi".split(), 1, True),
    ("pasukan militer iran".split(), 1, False),  # troops are people
    ("militer iran".split(), 0, False),
])
def test_a_role_noun_describing_a_thing(words, i, thing):
    assert describes_thing(words, i) is thing
