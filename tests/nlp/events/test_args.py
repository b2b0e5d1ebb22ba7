"""The argument rules: who is an actor, addresses, subjects and objects."""

from __future__ import annotations

import pytest


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

    lower = ["menurut", *words, "."]
    ctx = SimpleNamespace(ents={"e1": {"type": etype}}, lower=lower, addresses=frozenset(), dateline_span=(0, 0),
                          ent_at=[-1, *[0] * len(words), -1], mentions=[(1, 1 + len(words), "e1")], outlets=frozenset())
    assert is_actor_mention(ctx, (1, 1 + len(words), "e1")) is expected


def test_the_datelines_outlet_is_never_an_actor(nlp):
    """``MEDAN, KOMPAS — …``: the outlet reports the news; it takes no part in it, there or later in the text
    (``kata Budi kepada Kompas``, ``Kompas menghubungi Budi``)."""
    from warta.nlp.events.args import is_actor_mention

    doc = nlp("MEDAN, KOMPAS — Polisi menangkap dua tersangka. Kompas menghubungi Budi Santoso, "
              "tetapi ia menolak menjawab.")
    ctx = _ctx(doc)
    outlet = [m for m in ctx.mentions if doc[m[0]].lower_ == "kompas"]
    assert len(outlet) == 2, "the NER names the outlet in the dateline and in the text"
    assert not any(is_actor_mention(ctx, m) for m in outlet)
    assert any(is_actor_mention(ctx, m) for m in ctx.mentions if doc[m[0]].text == "Budi")


@pytest.mark.parametrize(("text", "addresses"), [
    ("Buruh berunjuk rasa di Gedung DPR , Jakarta , Rabu .", ["Jakarta"]),
    ("Ia berbicara di Masjid Istiqlal , Menteng , Jakarta Pusat .", ["Menteng", "Jakarta Pusat"]),
    ("Amerika Serikat , Jerman dan Inggris mengecam serangan itu .", []),  # a list of parties, no place word
    # an institution's name (Senayan: the parliament) inside an address is the district
    ("Buruh berkumpul di Gedung DPR , Senayan , Jakarta , Rabu .", ["Senayan", "Jakarta"]),
    ("Ia ditemui di Gedung DPR , Senayan , Senin .", ["Senayan"]),
    ("Di Gedung DPR , Senayan menolak usul itu .", []),  # no place or day after it: a party
    # the office or body a place phrase names may be a party; the place after its comma is its address
    ("Guru berdemo di depan kantor Kementerian Pendidikan , Jakarta Pusat , Senin .", ["Jakarta Pusat"]),
    ("Kementerian Pendidikan , Jakarta Pusat dan Jerman menolak .", []),  # not after a place phrase: a list
])
def test_places_continuing_an_address_are_no_parties(text, addresses):
    import spacy

    from warta.nlp.events.addresses import addresses as find_addresses

    doc = spacy.blank("id")(text)
    names = {"Gedung DPR": "FAC", "Masjid Istiqlal": "FAC", "Jakarta": "GPE", "Menteng": "GPE",
             "Jakarta Pusat": "GPE", "Kementerian Pendidikan": "ORG", "Amerika Serikat": "GPE", "Jerman": "GPE", "Inggris": "GPE", "Senayan": "ORG"}
    mentions, by_id = [], {}
    for name, kind in names.items():
        n = len(name.split())
        for i in range(len(doc) - n + 1):
            if doc[i:i + n].text == name and not (name == "Jakarta" and doc[i + 1].text == "Pusat"):
                by_id[name] = {"type": kind}
                mentions.append((i, i + n, name))
    lower = [t.lower_ for t in doc]
    found = find_addresses(lower, sorted(mentions), by_id)
    assert sorted(doc[s:e].text for s, e, _ in mentions if s in found) == sorted(addresses)


@pytest.fixture(scope="module")
def nlp():
    from warta.nlp.load import load_pipeline

    return load_pipeline()


def _ctx(doc):
    from warta.nlp.events import args as arg_rules

    return arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])


def test_the_doer_of_a_passive_act_is_never_after_a_preposition(nlp):
    from warta.nlp.events.args import objects

    doc = nlp("Sepuluh orang ditangkap lalu dibawa ke Polres Bogor untuk diperiksa.")
    ctx = _ctx(doc)
    end = next(t.i for t in doc if t.lower_ == "ditangkap") + 1
    assert objects(ctx, end, len(doc), agent=True) == []  # where they were taken, not who arrested them
    doc = nlp("Warga itu ditangkap polisi di Bogor.")
    end = next(t.i for t in doc if t.lower_ == "ditangkap") + 1
    assert [a["name"] for a in objects(_ctx(doc), end, len(doc), agent=True)] == ["polisi"]


def test_mereka_is_never_a_place_named_before(nlp):
    from warta.nlp.events.args import subject

    doc = nlp("Ratusan petani berunjuk rasa di depan Gedung DPRD, Semarang. Mereka menolak rencana tambang itu.")
    start = next(t.i for t in doc if t.lower_ == "menolak")
    lo = next(t.i for t in doc if t.text == "Mereka")
    assert all(a["name"] != "Semarang" for a in subject(_ctx(doc), start, lo))


def test_the_company_in_a_title_is_not_the_party_its_holder_is(nlp):
    from warta.nlp.events.args import objects

    doc = nlp("Hakim memvonis mantan Direktur Utama PT Karya Logam, Rudi Santoso, enam tahun penjara.")
    end = next(t.i for t in doc if t.lower_ == "memvonis") + 1
    names = [a["name"] for a in objects(_ctx(doc), end, len(doc))]
    assert names and names[0] == "Rudi Santoso" and "PT Karya Logam" not in names


@pytest.mark.parametrize("text", [
    "Polisi menangkap Wali Kota Medan, Sumatera Utara, Budi Santoso pada Senin malam.",
    "Jaksa menahan Kepala Dinas Pendidikan Kabupaten Bogor, Jawa Barat, Andi Wijaya di Bogor.",
])
def test_the_places_of_a_title_and_their_province_are_not_parties_of_their_own(nlp, text):
    from warta.nlp.events.args import objects

    doc = nlp(text)
    end = next(t.i for t in doc if t.lower_ in ("menangkap", "menahan")) + 1
    names = [a["name"] for a in objects(_ctx(doc), end, len(doc))]
    assert names in (["Budi Santoso"], ["Andi Wijaya"])


def test_a_kind_noun_with_a_demonstrative_points_back_to_the_last_actor_of_its_kind(nlp):
    from warta.nlp.events.args import subject

    doc = nlp("Taliban merebut kota itu pekan lalu. Kelompok itu juga menuduh Pakistan membantu musuhnya.")
    start = next(t.i for t in doc if t.lower_ == "menuduh")
    lo = next(t.i for t in doc if t.text == "Kelompok")
    assert [a["name"] for a in subject(_ctx(doc), start, lo)] == ["Taliban"]


def test_the_subject_is_before_an_aside_naming_who_reports_it(nlp):
    from warta.nlp.events.args import subject

    doc = nlp("Kementerian Pertanian, kata Budi Santoso, sudah menolak rencana itu.")
    start = next(t.i for t in doc if t.lower_ == "menolak")
    src = subject(_ctx(doc), start, 0)
    assert [a["name"] for a in src] == ["Kementerian Pertanian"] and src[0]["_how"] == "entity"


def test_a_region_after_a_party_is_its_branch_not_a_party(nlp):
    from warta.nlp.events.args import subject

    doc = nlp("Golkar Jabar menolak usulan pemerintah pusat.")
    start = next(t.i for t in doc if t.lower_ == "menolak")
    assert [a["name"] for a in subject(_ctx(doc), start, 0)] == ["Partai Golongan Karya"]



@pytest.mark.parametrize("text", [
    "Ribuan buruh menolak RUU Cipta Kerja di depan gedung parlemen.",
    "Para mahasiswa menolak revisi UU KPK dan Perppu Ormas.",
])
def test_a_laws_name_is_no_party(nlp, text):
    from warta.nlp.events.args import is_actor_mention

    doc = nlp(text)
    ctx = _ctx(doc)
    law = {t.i for t in doc if (t.i > 0 and doc[t.i - 1].lower_ in ("ruu", "uu", "perppu")) or t.lower_ in ("ruu", "uu")}
    # the mention layer drops such a name ("RUU Cipta Kerja") or keeps it as no party ("UU KPK": a body's name)
    assert not any(is_actor_mention(ctx, m) for m in ctx.mentions if m[0] in law)


def test_mereka_is_the_last_party_named_before_it_named_or_not(nlp):
    from warta.nlp.events.args import subject

    doc = nlp("Ribuan buruh berunjuk rasa di depan kantor gubernur pada Senin. Mereka menolak kenaikan harga BBM.")
    start = next(t.i for t in doc if t.lower_ == "menolak")
    lo = next(t.i for t in doc if t.text == "Mereka")
    assert [a["sector"] for a in subject(_ctx(doc), start, lo)] == ["LAB"]  # the workers, unnamed
    doc = nlp("Ribuan buruh bertemu pengurus Partai Buruh di Jakarta. Mereka menolak kenaikan harga BBM.")
    start = next(t.i for t in doc if t.lower_ == "menolak")
    lo = next(t.i for t in doc if t.text == "Mereka")
    assert [a["name"] for a in subject(_ctx(doc), start, lo)] == ["Partai Buruh"]  # named after the workers


@pytest.mark.parametrize(("text", "noun", "name"), [
    ("Hakim juga menilai Komisi Pemilihan Umum lalai dalam tugasnya.", "hakim", "hakim"),
    ("Pasukan keamanan Israel menahan dua warga.", "pasukan", "Pasukan keamanan Israel"),
])
def test_a_role_noun_takes_its_own_words_never_a_predicate(nlp, text, noun, name):
    from warta.nlp.events.args import role_actor

    doc = nlp(text)
    ctx = _ctx(doc)
    i = next(t.i for t in doc if t.lower_ == noun)
    actor, _end = role_actor(ctx, i, len(doc))
    assert actor is not None and actor["name"] == name
