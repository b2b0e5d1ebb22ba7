"""The argument rules' flags: polarity of a trigger from the words before it."""

from __future__ import annotations

import pytest

from warta.nlp.events.args import _negates


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


@pytest.mark.parametrize(("words", "etype", "expected"), [
    (["kompas.com"], "ORG", False),  # "(sumber: kompas.com)": a credit, not a party
    (["antaranews.co.id"], "ORG", False),
    (["harian", "kompas"], "ORG", True),
    (["badan", "pusat"], "ORG", True),
    (["jakarta"], "GPE", True),
])
def test_a_web_address_is_never_an_actor(words, etype, expected):
    from types import SimpleNamespace

    from warta.nlp.events.args import is_actor_mention

    ctx = SimpleNamespace(ents={"e1": {"type": etype}}, lower=["menurut", *words, "."])
    assert is_actor_mention(ctx, (1, 1 + len(words), "e1")) is expected
