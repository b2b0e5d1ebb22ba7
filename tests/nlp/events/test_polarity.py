"""A trigger's polarity and modality from the words before it."""

from __future__ import annotations

import pytest

from warta.nlp.events.polarity import _denied, _negates


@pytest.mark.parametrize(("left", "expected"), [
    ("polisi tidak", True),  # "polisi tidak menangkap …"
    ("kedua menteri belum", True),
    ("rencana itu batal", True),
    ("bukan hanya", False),  # "bukan hanya menolak, …": not only
    ("dpr tak hanya", False),
    ("meski tidak mengetahui isi", False),  # the knowing is denied, not the talks that follow
    ("warga tak dikenal", False),  # "penyerang tak dikenal menyerang …": unknown attackers
    ("ia tidak akan", True),
])
def test_a_negator_negates_the_trigger_unless_a_verb_or_hanya_comes_between(left, expected):
    assert _negates(left.split()[-4:]) is expected


@pytest.mark.parametrize(("left", "expected"), [
    ("pemerintah membantah telah", True),  # "… membantah telah menangkap …": the arrest is denied
    ("kelompok itu menepis tudingan", True),  # "… menepis tudingan menyerang …"
    ("ia membantah menculik dan", True),  # "membantah menculik dan membunuh …": both acts denied
    ("membantah tudingan itu dan", False),  # "… dan menuduh X": the denier's own second act
    ("menyangkal laporan tersebut , lalu", False),
    ("polisi menangkap", False),
    ("junta membantah menargetkan warga dan menyatakan serangan", False),  # a second predicate, of saying
])
def test_a_denial_covers_its_complement_but_not_a_second_act_after_a_conjunction(left, expected):
    assert _denied(left.split()) is expected
