"""Event arguments read off a dependency tree (hand-written parses, so no parser model is needed)."""

from __future__ import annotations

import pytest

from warta.nlp.events.component import EventCoder
from warta.nlp.events.lexicon import default_lexicon
from warta.nlp.syntax import Tree


@pytest.fixture(scope="module")
def nlp():
    from warta.nlp.load import build_pipeline

    return build_pipeline(overrides={"components.warta_events.use_model": False})


def code(nlp, words_arcs):
    """Analyse the sentence of ``words_arcs`` [(word, head index, dep, pos)] with that parse as warta_syntax."""
    text = " ".join(w for w, *_ in words_arcs)
    doc = nlp(text, disable=["warta_syntax", "warta_events"])
    assert [t.text for t in doc] == [w for w, *_ in words_arcs]
    tree = Tree.empty(len(doc))
    tree.add_sentence(0, [h for _w, h, _d, _p in words_arcs], [d for _w, _h, d, _p in words_arcs],
                      [p for *_x, p in words_arcs])
    doc._.warta_syntax = tree
    coder = EventCoder(default_lexicon(), None)
    return {c.record["type"]: c.record for c in coder.candidates(doc)}


def names(actors):
    return [a["name"] for a in actors]


def test_passive_agent_is_the_source_and_subject_the_target(nlp):
    ev = code(nlp, [("Rudi", 1, "nsubj:pass", "PROPN"), ("Hartono", 0, "flat:name", "PROPN"),
                    ("ditangkap", 2, "ROOT", "VERB"), ("oleh", 4, "case", "ADP"), ("polisi", 2, "obl", "NOUN"),
                    ("di", 6, "case", "ADP"), ("Surabaya", 2, "obl", "PROPN"), (".", 2, "punct", "PUNCT")])["COERCE"]
    assert ev["source"][0]["sector"] == "COP"
    assert names(ev["target"]) == ["Rudi Hartono"]


def test_pe_an_nominal_names_its_patient_and_oleh_its_agent(nlp):
    ev = code(nlp, [("Penangkapan", 4, "nsubj", "NOUN"), ("Rudi", 0, "nmod", "PROPN"),
                    ("Hartono", 1, "flat:name", "PROPN"), ("oleh", 4, "case", "ADP"), ("polisi", 0, "nmod", "NOUN"),
                    ("mengejutkan", 5, "ROOT", "VERB"), ("warga", 5, "obj", "NOUN"), (".", 5, "punct", "PUNCT")])
    ev = ev["COERCE"]
    assert ev["source"][0]["sector"] == "COP"
    assert names(ev["target"]) == ["Rudi Hartono"]


def test_other_nominals_name_their_agent(nlp):
    ev = code(nlp, [("Serangan", 3, "nsubj", "NOUN"), ("udara", 0, "nmod", "NOUN"), ("Israel", 0, "nmod", "PROPN"),
                    ("menewaskan", 3, "ROOT", "VERB"), ("sepuluh", 5, "nummod", "NUM"), ("orang", 3, "obj", "NOUN"),
                    (".", 3, "punct", "PUNCT")])["ASSAULT"]
    assert ev["source"][0]["country"] == "ISR"


def test_nearest_subject_and_the_person_after_a_title(nlp):
    # "Menanggapi X, Presiden Y meminta Z": a fronted clause misparsed as a second subject
    ev = code(nlp, [("Menanggapi", 8, "nsubj", "PROPN"), ("kritik", 0, "obj", "NOUN"), ("Rusia", 1, "nmod", "PROPN"),
                    (",", 4, "punct", "PUNCT"), ("Presiden", 8, "nsubj", "PROPN"), ("Prancis", 4, "flat:name", "PROPN"),
                    ("Emmanuel", 4, "flat:name", "PROPN"), ("Macron", 6, "flat:name", "PROPN"),
                    ("meminta", 8, "ROOT", "VERB"), ("Jerman", 8, "obj", "PROPN"), ("membantu", 8, "xcomp", "VERB"),
                    (".", 8, "punct", "PUNCT")])["REQUEST"]
    assert names(ev["source"]) == ["Emmanuel Macron"]
    assert ev["target"][0]["country"] == "DEU"


def test_an_unnamed_group_is_an_actor(nlp):
    ev = code(nlp, [("Tiga", 1, "nummod", "NUM"), ("petani", 2, "nsubj:pass", "NOUN"), ("ditembak", 2, "ROOT", "VERB"),
                    ("tentara", 2, "obl:agent", "NOUN"), ("di", 5, "case", "ADP"), ("Papua", 2, "obl", "PROPN"),
                    (".", 2, "punct", "PUNCT")])["ASSAULT"]
    assert ev["source"][0]["sector"] == "MIL"
    assert names(ev["target"]) == ["Tiga petani"]


@pytest.mark.parametrize(("noun", "group"), [
    ("panitia", "panitia"),  # a committee
    ("kelompok-kelompok", "kelompok-kelompok"),  # a reduplicated plural of a group noun
    ("pendukungnya", "pendukungnya"),  # with a possessive
])
def test_committees_plurals_and_possessed_groups_are_actors(nlp, noun, group):
    # "Gubernur meminta panitia menunda lomba."
    ev = code(nlp, [("Gubernur", 1, "nsubj", "NOUN"), ("meminta", 1, "ROOT", "VERB"), (noun, 1, "obj", "NOUN"),
                    ("menunda", 1, "xcomp", "VERB"), ("lomba", 3, "obj", "NOUN"), (".", 1, "punct", "PUNCT")])["REQUEST"]
    assert names(ev["target"]) == [group]


def test_a_reduplicated_word_that_is_no_group_is_no_actor(nlp):
    # "Gubernur meminta hal-hal baru." — "hal-hal" (things) is a plural, but of no group of people
    ev = code(nlp, [("Gubernur", 1, "nsubj", "NOUN"), ("meminta", 1, "ROOT", "VERB"), ("hal-hal", 1, "obj", "NOUN"),
                    ("baru", 2, "amod", "ADJ"), (".", 1, "punct", "PUNCT")])["REQUEST"]
    assert ev["target"] == []


def test_a_group_noun_in_apposition_to_a_name_is_that_name(nlp):
    # "Polisi menangkap Budi, seorang aktivis yang dicurigai jaksa." — the activist is Budi
    ev = code(nlp, [("Polisi", 1, "nsubj", "NOUN"), ("menangkap", 1, "ROOT", "VERB"), ("Budi", 1, "obj", "PROPN"),
                    (",", 5, "punct", "PUNCT"), ("seorang", 5, "det", "DET"), ("aktivis", 2, "appos", "NOUN"),
                    ("yang", 7, "nsubj:pass", "PRON"), ("dicurigai", 5, "acl:relcl", "VERB"), ("jaksa", 7, "obl:agent", "NOUN"),
                    (".", 1, "punct", "PUNCT")])
    assert names(ev["ACCUSE"]["target"]) == ["Budi"]  # suspected: the activist the clause hangs on


def test_an_amount_word_parsed_as_the_subject_gives_way_to_what_it_counts(nlp):
    ev = code(nlp, [("Sebanyak", 3, "nsubj:pass", "NOUN"), ("20", 2, "nummod", "NUM"), ("nelayan", 0, "nmod", "NOUN"),
                    ("ditangkap", 3, "ROOT", "VERB"), ("oleh", 5, "case", "ADP"), ("tentara", 3, "obl", "NOUN"),
                    (".", 3, "punct", "PUNCT")])["COERCE"]
    assert names(ev["target"]) == ["20 nelayan"]  # "Sebanyak 20 nelayan": the fishermen, not the amount


def test_a_request_targets_the_subject_of_the_clause_it_asks_for(nlp):
    ev = code(nlp, [("Rudi", 2, "nsubj", "PROPN"), ("Hartono", 0, "flat:name", "PROPN"),
                    ("meminta", 2, "ROOT", "VERB"), ("agar", 6, "mark", "SCONJ"), ("para", 5, "det", "DET"),
                    ("petani", 6, "nsubj", "NOUN"), ("menanam", 2, "advcl", "VERB"), ("padi", 6, "obj", "NOUN"),
                    (".", 2, "punct", "PUNCT")])["REQUEST"]
    assert names(ev["source"]) == ["Rudi Hartono"]
    assert names(ev["target"]) == ["para petani"]


def test_a_clause_modifying_a_noun_acts_for_that_noun(nlp):
    ev = code(nlp, [("Presiden", 11, "nsubj", "PROPN"), ("Rudi", 0, "flat:name", "PROPN"),
                    ("Hartono", 1, "flat:name", "PROPN"), (",", 4, "punct", "PUNCT"), ("setelah", 5, "mark", "SCONJ"),
                    ("melakukan", 0, "acl", "VERB"), ("pertemuan", 5, "obj", "NOUN"), ("dengan", 8, "case", "ADP"),
                    ("Budi", 6, "nmod", "PROPN"), ("Santoso", 8, "flat:name", "PROPN"), (",", 11, "punct", "PUNCT"),
                    ("pulang", 11, "ROOT", "VERB"), (".", 11, "punct", "PUNCT")])["CONSULT"]
    assert names(ev["source"]) == ["Rudi Hartono"]
    assert names(ev["target"]) == ["Budi Santoso"]


def test_under_a_title_the_person_acts_not_the_institution(nlp):
    ev = code(nlp, [("Anggota", 6, "nsubj", "PROPN"), ("Komisi", 0, "flat:name", "PROPN"),
                    ("I", 1, "flat:name", "PROPN"), ("DPR", 1, "flat:name", "PROPN"), (",", 5, "punct", "PUNCT"),
                    ("Rudi", 0, "appos", "PROPN"), ("mendukung", 6, "ROOT", "VERB"), ("Partai", 6, "obj", "PROPN"),
                    ("Golkar", 7, "flat:name", "PROPN"), (".", 6, "punct", "PUNCT")])["SUPPORT"]
    assert names(ev["source"]) == ["Rudi"]


def test_an_attack_noun_targets_whom_its_clause_says_it_hit(nlp):
    # "Serangan milisi menghancurkan dua gudang." — the object of the harming verb is the target
    ev = code(nlp, [("Serangan", 2, "nsubj", "NOUN"), ("milisi", 0, "nmod", "NOUN"),
                    ("menghancurkan", 2, "ROOT", "VERB"), ("dua", 4, "nummod", "NUM"),
                    ("gudang", 2, "obj", "NOUN"), (".", 2, "punct", "PUNCT")])["ASSAULT"]
    assert names(ev["target"]) == ["dua gudang"]


def test_casualties_of_an_attack_noun_are_its_target(nlp):
    # "Empat penambang tewas dalam serangan itu." — the subject of the casualty word
    ev = code(nlp, [("Empat", 1, "nummod", "NUM"), ("penambang", 2, "nsubj", "NOUN"), ("tewas", 2, "ROOT", "ADJ"),
                    ("dalam", 4, "case", "ADP"), ("serangan", 2, "obl", "NOUN"), ("itu", 4, "det", "DET"),
                    (".", 2, "punct", "PUNCT")])["ASSAULT"]
    assert names(ev["target"]) == ["Empat penambang"]


def test_an_unknown_name_or_a_counted_object_still_names_an_actor(nlp):
    # "Bawaslu menegur sejumlah pengawas." — neither is in the KB or typed by the NER necessarily: the
    # subject proper noun and the quantified object stand for actors by their words
    ev = code(nlp, [("Zorbalu", 1, "nsubj", "PROPN"), ("mendesak", 1, "ROOT", "VERB"), ("semua", 3, "det", "DET"),
                    ("kontraktor", 1, "obj", "NOUN"), ("mundur", 1, "xcomp", "VERB"), (".", 1, "punct", "PUNCT")])
    ev = ev["REQUEST"]
    assert names(ev["source"]) == ["Zorbalu"]
    assert names(ev["target"]) == ["semua kontraktor"]


def test_a_counted_measure_is_not_an_actor(nlp):
    # "Rektor itu dua kali menemui Zorbalu." -- "dua kali" (twice) is counted, but it is nobody
    ev = code(nlp, [("Kardono", 3, "nsubj", "PROPN"), ("dua", 2, "nummod", "NUM"), ("kali", 3, "obl", "NOUN"),
                    ("menemui", 3, "ROOT", "VERB"), ("Zorbalu", 3, "obj", "PROPN"), (".", 3, "punct", "PUNCT")])
    assert "dua kali" not in names(ev["CONSULT"]["source"]) + names(ev["CONSULT"]["target"])
    ev = code(nlp, [("Dua", 1, "nummod", "NUM"), ("kali", 2, "nsubj", "NOUN"), ("menemui", 2, "ROOT", "VERB"),
                    ("Zorbalu", 2, "obj", "PROPN"), (".", 2, "punct", "PUNCT")])
    assert names(ev["CONSULT"]["source"]) == []


def test_an_attack_noun_s_modifier_does_not_become_an_actor(nlp):
    # "serangan udara": the compound names the means, not an attacker
    ev = code(nlp, [("Serangan", 2, "nsubj", "NOUN"), ("udara", 0, "compound", "NOUN"),
                    ("berlanjut", 2, "ROOT", "VERB"), (".", 2, "punct", "PUNCT")])["ASSAULT"]
    assert "udara" not in names(ev["source"]) + names(ev["target"])


@pytest.mark.parametrize(("words_arcs", "group"), [
    # "Pekan lalu tiga petani ditembak tentara." — a parse hanging "Pekan lalu" on the group: when, not who
    ([("Pekan", 2, "nmod", "NOUN"), ("lalu", 0, "amod", "ADJ"), ("tiga", 3, "nummod", "NUM"),
      ("petani", 4, "nsubj:pass", "NOUN"), ("ditembak", 4, "ROOT", "VERB"), ("tentara", 4, "obl:agent", "NOUN"),
      (".", 4, "punct", "PUNCT")], "tiga petani"),
    # "Menurut saksi, dua petani ditembak tentara." — a parse hanging "saksi ," on the group: never across a comma
    ([("Menurut", 1, "case", "ADP"), ("saksi", 3, "nmod", "NOUN"), (",", 1, "punct", "PUNCT"),
      ("dua", 4, "nummod", "NUM"), ("petani", 5, "nsubj:pass", "NOUN"), ("ditembak", 5, "ROOT", "VERB"),
      ("tentara", 5, "obl:agent", "NOUN"), (".", 5, "punct", "PUNCT")], "dua petani"),
])
def test_an_unnamed_groups_words_are_who_it_is_only(nlp, words_arcs, group):
    assert names(code(nlp, words_arcs)["ASSAULT"]["target"]) == [group]


@pytest.mark.parametrize(("title", "expected"), [
    ("Polisi Tangkap Dua Pelaku Pembakaran Masjid di Medan", True),
    ("Menlu Kecam Serangan ke Rafah", True),
    ("Polisi menangkap dua pelaku di Medan", False),
    ("BNPB: Banjir Rendam 3 Desa", True),
    ("KPK dan BPK", False),  # too few words to tell
])
def test_headline_case(title, expected):
    from warta.nlp.syntax import headline_case

    assert headline_case(title.split()) is expected


def test_a_headline_is_parsed_in_sentence_case(nlp):
    # title case makes every word look like a name; parsed as "Polisi tangkap dua pelaku …" the verb is a verb
    from warta.api import as_article, make_doc
    from warta.nlp.syntax import fill

    doc = nlp(make_doc(nlp, as_article("Polisi Tangkap Dua Pelaku Pembakaran Gudang di Medan\n\n"
                                       "JAKARTA - Berita ini tidak memuat peristiwa lain.")))
    n = next(t.i for t in doc if t.is_space)
    tree = Tree.empty(len(doc))
    fill(nlp.get_pipe("warta_syntax"), [(doc, tree, [(0, n)])])
    tangkap = next(t.i for t in doc if t.text == "Tangkap")
    assert tree.pos[tangkap] == "VERB" and tree.dep[0] == "nsubj" and tree.head[0] == tangkap


def test_a_day_or_month_misparsed_as_an_object_is_no_party(nlp):
    ev = code(nlp, [("Pasukan", 1, "nsubj", "NOUN"), ("menyerang", 1, "ROOT", "VERB"), ("Selasa", 1, "obj", "PROPN"),
                    (".", 1, "punct", "PUNCT")])["ASSAULT"]
    assert ev["source"][0]["sector"] == "MIL"
    assert "Selasa" not in names(ev["target"])


def test_a_quantified_act_or_thing_is_no_party():
    """``seluruh gugatan`` (all the suits) is counted like ``seluruh warga`` but names no one."""
    from types import SimpleNamespace

    from warta.nlp.events.syntax import _named_or_counted
    from warta.nlp.syntax import Tree

    words = ["hakim", "menolak", "seluruh", "gugatan", "dan", "seluruh", "warga"]
    tree = Tree([1, 1, 3, 1, 6, 6, 3], ["nsubj", "ROOT", "det", "obj", "cc", "det", "conj"],
                ["NOUN", "VERB", "DET", "NOUN", "CCONJ", "DET", "NOUN"])
    for i, h in enumerate(tree.head):
        if h != i:
            tree.kids.setdefault(h, []).append(i)
    ctx = SimpleNamespace(lower=words, doc=[SimpleNamespace(text=w) for w in words], ent_at=[-1] * len(words))
    assert not _named_or_counted(ctx, tree, 3)
    assert _named_or_counted(ctx, tree, 6)
