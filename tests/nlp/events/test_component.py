"""Event coder (warta_events): triggers, arguments, flags, merging, lexicon validation, bounds."""

from __future__ import annotations

import pytest

import warta.nlp.events.component  # noqa: F401  (registers the factory)
from tests.nlp.events.helpers import candidates as records
from warta.lang.id.morphology import candidates, lemma
from warta.nlp.events.component import LexiconError, parse_lexicon


@pytest.fixture(scope="module")
def nlp():
    from warta.nlp.load import load_pipeline

    nlp = load_pipeline()
    assert nlp.pipe_names[-1] == "warta_events"  # the default config ends with the event coder
    return nlp


def run(nlp, text):
    from warta.api import as_article, make_doc

    doc = nlp(make_doc(nlp, as_article(text)))
    return doc, doc._.warta_events


def names(actors):
    return {a["name"] for a in actors}


def test_morphology_lemmas():
    known = {"temu", "kirim", "serang", "tangkap", "kunjung", "minta", "tersangka"}
    for word, want in [("bertemu", "temu"), ("pertemuan", "temu"), ("menemui", "temu"), ("dikirim", "kirim"),
                       ("pengiriman", "kirim"), ("menyerang", "serang"), ("serangan", "serang"),
                       ("penangkapan", "tangkap"), ("kunjungan", "kunjung"), ("mengunjungi", "kunjung"),
                       ("meminta", "minta"), ("tersangka", "tersangka")]:
        assert lemma(word, known) == want, (word, candidates(word))


def test_meeting_in_title_and_body_is_one_consult(nlp):
    text = ("Joko Widodo Bertemu Anthony Albanese di Canberra\n\n"
            "Presiden Joko Widodo bertemu Perdana Menteri Australia Anthony Albanese di Canberra pada Senin "
            "(3/7/2023). Kedua pemimpin membahas perdagangan.")
    _doc, events = run(nlp, text)
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert len(consult) == 1
    ev = consult[0]
    assert names(ev["source"] + ev["target"]) >= {"Joko Widodo", "Anthony Albanese"}
    assert len(ev["evidence"]) == 2
    assert ev["cameo"] == "04" and 0 < ev["confidence"] <= 1 and ev["summary_en"]


def test_passive_arrest_swaps_roles(nlp):
    _doc, events = run(nlp, "Seorang warga bernama Budi Santoso ditangkap oleh polisi di Surabaya pada Senin.")
    ev = next(e for e in events if e["type"] == "COERCE")
    assert ev["source"][0]["sector"] == "COP"
    assert any("Budi" in a["name"] or a["sector"] == "CVL" for a in ev["target"])


def test_negation_and_future(nlp):
    _doc, events = run(nlp, "Presiden Joko Widodo tidak bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta.")
    ev = next(e for e in events if e["type"] == "CONSULT")
    assert ev["negated"] is True
    _doc, events = run(nlp, "Presiden Joko Widodo akan bertemu Perdana Menteri Malaysia Anwar Ibrahim di Jakarta.")
    ev = next(e for e in events if e["type"] == "AGREE")  # a meeting announced is a promise to meet
    assert ev["future"] is True and ev["negated"] is False and ev["cameo"] == "03"


def test_sanction(nlp):
    _doc, events = run(nlp, "Amerika Serikat menjatuhkan sanksi kepada Iran pada Selasa karena program nuklirnya.")
    ev = next(e for e in events if e["type"] == "SANCTION")
    assert ev["source"][0]["country"] == "USA"
    assert ev["target"] and ev["target"][0]["country"] == "IRN"


def test_validator_names_file_line_field(tmp_path):
    header = "lemma_pattern\ttype\tmode\tcameo\tstrength\tvoice\tnote\n"
    with pytest.raises(LexiconError, match=r"x\.tsv:3: field 'type'"):
        parse_lexicon([header, "temu\tCONSULT\t\t04\t0.8\tany\tok\n", "tolak\tREFUSE\t\t12\t0.8\tany\tbad\n"], "x.tsv")
    with pytest.raises(LexiconError, match=r"x\.tsv:2: field 'strength'"):
        parse_lexicon([header, "temu\tCONSULT\t\t04\t1.5\tany\tbad\n"], "x.tsv")
    with pytest.raises(LexiconError, match=r"field 'lemma_pattern'"):
        parse_lexicon([header, "* temu\tCONSULT\t\t04\t0.5\tany\tbad\n"], "x.tsv")
    with pytest.raises(LexiconError, match=r"field 'columns'"):
        parse_lexicon([header, "temu\tCONSULT\t04\n"], "x.tsv")


def test_shipped_lexicon_covers_all_types():
    from warta.nlp.events.component import TYPES, default_lexicon

    lex = default_lexicon()
    assert {t.type for t in lex.triggers} >= set(TYPES)


def test_long_sentence_and_name_list_finish(nlp):
    long = "Presiden Joko Widodo bertemu warga " + " ".join(["dan menyerang"] * 1000) + " di Jakarta."
    _doc, events = run(nlp, long)
    assert isinstance(events, list)
    many = "Hadir: " + ", ".join(f"Budi Nomor{i} Santoso" for i in range(300)) + "."
    _doc, events = run(nlp, many)
    assert isinstance(events, list)


def test_conditional_meeting_is_not_an_event(nlp):
    text = ("Luhut Tanggapi Pertemuan\n\nJakarta - Luhut Binsar Pandjaitan menyambut baik rencana itu. "
            '"Bagus kalau Presiden dengan mantan presiden bertemu," kata Luhut, Minggu (5/10/2025).')
    doc, events = run(nlp, text)
    triggers = [doc.text[slice(*e["trigger"])].lower() for e in events if e["type"] == "CONSULT"]
    assert "bertemu" not in triggers


def test_the_pair_named_before_is_the_source_of_a_reciprocal_event(nlp):
    text = ("Putin dan Kim Bertemu\n\nVladimir Putin menerima Kim Jong Un di Vladivostok. Berbicara pada Rabu "
            "(13/9/2023), Putin mengatakan pasangan tersebut mendiskusikan kerja sama militer.")
    _doc, events = run(nlp, text)
    consult = [e for e in events if e["type"] == "CONSULT"]
    assert consult and {"Vladimir Putin", "Kim Jong Un"} <= names(consult[0]["source"] + consult[0]["target"])


def test_every_event_names_its_rule_model_and_date_source(nlp):
    # named actors on both sides: the learned model keeps this arrest whatever it decides on vaguer ones
    text = ("Polisi Tangkap Pencuri\n\nSURABAYA - Kepolisian Daerah Jawa Timur menangkap Budi Santoso di Surabaya "
            "pada Senin (2/6/2025). Kepolisian juga menahan seorang penadah.")
    _doc, events = run(nlp, text)
    assert events
    for ev in events:
        assert ev["rule"].startswith("triggers.tsv:")
        assert ev["model"] is None or (ev["model"]["name"] and 0 <= ev["model"]["p"] <= 1)
        assert ev["date_source"] in ("stated", "inferred", None)
        assert ev["historical"] in (True, False)


def test_stated_and_inferred_dates(nlp):
    _doc, events = run(nlp, "Amerika Serikat menjatuhkan sanksi kepada Iran pada Selasa (3/6/2025).")
    ev = next(e for e in events if e["type"] == "SANCTION")
    assert ev["date_source"] == "stated" and ev["date"] == "2025-06-03"


def test_a_time_in_a_clause_opened_by_setelah_dates_that_clause_not_the_trigger(nlp):
    text = ("Polisi membubarkan massa di Medan setelah kericuhan pecah pada Sabtu (7/6/2025), "
            "kata juru bicara kepolisian.")
    _doc, events = run(nlp, text)
    ev = next(e for e in events if e["type"] == "COERCE")
    assert ev["date_source"] == "inferred"
    _doc, events = run(nlp, "Polisi membubarkan massa di Medan pada Sabtu (7/6/2025) setelah kericuhan pecah.")
    ev = next(e for e in events if e["type"] == "COERCE")
    assert ev["date_source"] == "stated" and ev["date"] == "2025-06-07"


def test_historical_flag():
    from warta.nlp.events.when import historical

    assert historical("2019-05", "2025-06-01") is True
    assert historical("2025-05-20", "2025-06-01") is False
    assert historical(None, "2025-06-01") is False


def test_ke_is_a_destination_not_the_place_of_a_missile_launch(nlp):
    text = "Korea Utara menembakkan rudal ke Jepang di Pyongyang pada Senin."
    _doc, events = run(nlp, "Presiden Prabowo Subianto berkunjung ke Tokyo pada Senin (2/6/2025).")
    visit = next(e for e in events if e["type"] == "CONSULT")
    assert visit["location"] and visit["location"]["name"] == "Tokyo"
    from warta.nlp.events.args import location_of  # noqa: F401  (the rule under test)

    _doc, events = run(nlp, text)
    for ev in events:
        assert ev["location"] is None or ev["location"]["name"] != "Jepang"


def test_an_attack_aimed_somewhere_happens_there_unless_a_place_says_otherwise(nlp):
    _doc, events = run(nlp, "Pasukan Hamas menembakkan roket ke Haifa pada Senin malam.")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["location"] and attack["location"]["name"] == "Haifa"
    _doc, events = run(nlp, "Polisi menangkap dua pencuri di wilayah Bandung pada Selasa.")
    arrest = next(e for e in events if e["type"] == "COERCE")
    assert arrest["location"] and arrest["location"]["name"] == "Bandung"


def test_a_statement_or_sanction_against_a_country_does_not_happen_there(nlp):
    _doc, events = run(nlp, "Pemerintah Australia menjatuhkan sanksi terhadap Myanmar pada Kamis (3/4/2025).")
    sanction = next(e for e in events if e["type"] == "SANCTION")
    assert names(sanction["target"]) == {"Myanmar"}
    assert sanction["location"] is None or sanction["location"]["name"] != "Myanmar"
    _doc, events = run(nlp, "Tentara Myanmar menyerang Thailand pada Kamis (3/4/2025).")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["location"] and attack["location"]["name"] == "Thailand"


def test_a_failure_inside_the_event_coder_is_logged_and_noted_in_the_document(monkeypatch, caplog):
    """The coder never loses a document, and never swallows the failure either: it is logged and noted."""
    from warta.api import analyze
    from warta.nlp.events.component import EventCoder

    def broken(self, doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(EventCoder, "_first_pass", broken)
    with caplog.at_level("ERROR", logger="warta.nlp.events.component"):
        document = analyze("Presiden Joko Widodo bertemu Perdana Menteri Malaysia di Jakarta pada Senin.")
    assert document.events == []
    assert "events: event coding failed; no events coded (RuntimeError: boom)" in document.notes
    assert any("event coding failed" in r.getMessage() and "Presiden Joko" in r.getMessage() for r in caplog.records)


def test_event_settings_come_from_the_pipeline_config(tmp_path):
    """Windows, cut-offs and weights are component config (default.cfg), not module constants."""
    from warta.nlp.events.settings import DEFAULT_SETTINGS
    from warta.nlp.load import DEFAULT_CONFIG, build_pipeline

    shipped = build_pipeline().get_pipe("warta_events").settings
    assert shipped == DEFAULT_SETTINGS
    cfg = tmp_path / "narrow.cfg"
    cfg.write_text(DEFAULT_CONFIG.read_text().replace("window = 25", "window = 3").replace("phrase = 0.5", "phrase = 0.4"))
    settings = build_pipeline(cfg).get_pipe("warta_events").settings
    assert (settings.window, settings.certainty["phrase"], settings.right_window) == (3, 0.4, 15)


def test_the_speaker_is_the_accuser_of_a_reported_wrongdoing(nlp):
    # the role scorer alone made the victims the accusers here; the claim is the speaker's
    text = ("Menlu Kecam\n\nJAKARTA - Menteri Luar Negeri Budi Santoso berbicara kepada wartawan. "
            "“Myanmar melanggar hak warga Rohingya di Rakhine,” kata Budi Santoso, Senin (2/6/2025).")
    accuse = [r for r in records(nlp, text) if r["type"] == "ACCUSE" and not r["_title"]]  # the quote's
    assert accuse
    for ev in accuse:
        assert names(ev["source"]) == {"Budi Santoso"} and names(ev["target"]) == {"Myanmar"}


def test_a_trigger_word_inside_a_named_event_is_not_a_candidate(nlp):
    coder = nlp.get_pipe("warta_events")
    doc, _events = run(nlp, "Kakek Budi, veteran yang selamat dari Perang Dunia II, bercerita kepada siswa di Bandung.")
    assert any(e["type"] == "EVENT" for e in doc._.warta_entities)
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(coder.lex, None)
    assert [doc.text[slice(*c.record["trigger"])] for c in bare.candidates(doc)] == []
    doc, _events = run(nlp, "Pasukan itu menyerang pos perbatasan pada Senin (2/3/2026).")
    assert [c.record["type"] for c in bare.candidates(doc)] == ["ASSAULT"]


def test_a_trigger_word_inside_a_place_name_is_not_a_candidate(nlp):
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    doc, _events = run(nlp, "Polisi menangkap dua pencuri di Kabupaten Serang, Banten, pada Senin (2/3/2026).")
    assert any(e["type"] == "GPE" and e["name"].endswith("Serang") for e in doc._.warta_entities)
    assert [c.record["type"] for c in bare.candidates(doc)] == ["COERCE"]  # the arrest; no attack by "Serang"


def test_a_trigger_word_inside_an_organisations_name_is_not_a_candidate(nlp):
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    doc, _events = run(nlp, "Menurut data Badan Koordinasi Penanaman Modal, investasi asing naik tahun ini.")
    assert any(e["type"] == "ORG" and "Koordinasi" in e["name"] for e in doc._.warta_entities)
    assert [c.record["type"] for c in bare.candidates(doc)] == []  # no consultation by "Koordinasi"


def test_a_trigger_holding_its_modal_is_announced_not_done(nlp):
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    doc, _events = run(nlp, "Kementerian Koperasi akan membantu para pedagang pasar di Kota Bogor.")
    cands = [c.record for c in bare.candidates(doc)]
    assert [(r["type"], r["future"]) for r in cands] == [("AGREE", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Menurut pengamat itu, polisi seharusnya menahan pelaku penganiayaan di Depok.", []),  # ought to
    ("Pemerintah harus memaksa perusahaan membayar upah buruh.", []),
    ("Polisi menahan pelaku penganiayaan di Depok pada Senin (2/3/2026).", ["COERCE"]),
])
def test_what_ought_to_be_done_is_no_event(nlp, text, expected):
    _doc, events = run(nlp, text)
    assert [e["type"] for e in events if e["type"] == "COERCE"] == expected


def test_a_link_line_is_another_article_s_headline(nlp):
    # no event from "Baca juga: …", and the person it names is not whom a later "Ia" refers to
    text = ("Menlu Belanda Kecam Serangan\n\nDEN HAAG - Menteri Luar Negeri Belanda Caspar Veldkamp mengecam "
            "serangan terhadap konvoi bantuan di Sudan, Senin (3/3/2025).\n"
            "» Baca juga: Presiden Kenya William Ruto Bertemu Perdana Menteri Jepang di Nairobi\n"
            "Ia meminta Sudan menyelidiki serangan itu.")
    doc, events = run(nlp, text)
    line, end = doc.text.index("Baca juga"), doc.text.index("\nIa")
    assert events and all(not line <= e["trigger"][0] < end for e in events)
    people = {a["name"] for e in events for a in e["source"] + e["target"]}
    assert not any("Ruto" in p for p in people)
    assert any("Ruto" in e["name"] for e in doc._.warta_entities)  # still an entity of the text


@pytest.mark.parametrize(("text", "spans"), [
    ("Baca juga: A Bertemu B\nIsi.", [(0, 22)]),
    ("Isi.\n  - BACA JUGA : A\nLagi.\nArtikel ini telah tayang di Warta.com", [(5, 22), (29, 66)]),
    ("Ia baca juga koran itu.", []),  # not at the start of a line
])
def test_link_lines(text, spans):
    from warta.lang.id.page_furniture import link_lines

    assert link_lines(text) == spans


def test_a_name_inside_another_name_is_not_a_party_of_its_own(nlp):
    # "Presiden Prancis" is the president; the country inside his title is not whom he condemns
    _doc, events = run(nlp, "Presiden Prancis mengecam serangan terhadap kedutaan di Beirut.")
    accuse = next(e for e in events if e["type"] == "ACCUSE")
    assert "Prancis" not in names(accuse["target"])


def test_an_order_in_a_quote_is_not_the_act_it_orders(nlp):
    text = ("Demo di Depan Istana\n\nJAKARTA - Ribuan buruh berunjuk rasa di depan Istana Merdeka, Senin (2/3/2026). "
            "\"Tarik mundur pasukan dari kampung kami!\" teriak seorang orator.\n"
            "Polisi kemudian menarik mundur pasukan dari lokasi itu.")
    doc, events = run(nlp, text)
    retreats = [doc.text[slice(*e["trigger"])] for e in events if e["type"] == "RETREAT"]
    assert retreats == ["menarik mundur pasukan"]  # the police's act, not the orator's demand


@pytest.mark.parametrize(("quote", "trigger", "order"), [
    ("Hentikan penggusuran sekarang juga!", "Hentikan", True),
    ("Kepada bapak-bapak, tangkap para koruptor itu.", "tangkap", True),
    ("Demo ini berjalan damai.", "Demo", False),  # a root that is also a noun: the quote may open with it
    ("Kami menolak rencana itu.", "menolak", False),
])
def test_orders_in_quotes(nlp, quote, trigger, order):
    from warta.nlp.events.component import EventCoder

    doc, _events = run(nlp, f"JAKARTA - Ratusan buruh berkumpul di Monas. \"{quote}\" kata Budi Hartono, Senin (2/3/2026).")
    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    found = {doc.text[slice(*c.record["trigger"])].split()[0]: c.record["_why_not"] for c in bare.candidates(doc)}
    assert trigger in found and ("imperative" in found[trigger]) is order


@pytest.mark.parametrize("text", [
    "Presiden Brasil mengancam menjatuhkan sanksi kepada Paraguay.",  # right after the threat
    "Presiden Brasil mengancam akan segera menjatuhkan sanksi kepada Paraguay.",
])
def test_what_a_threat_threatens_is_embedded(nlp, text):
    from warta.nlp.events.component import EventCoder

    doc, _events = run(nlp, text)
    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    why = {c.record["type"]: c.record["_why_not"] for c in bare.candidates(doc)}
    assert "embedded" in why["SANCTION"] and "embedded" not in why["THREATEN"]


@pytest.mark.parametrize(("text", "typ", "requested"), [
    ("Presiden Brasil meminta Argentina mengirim bantuan pangan ke perbatasan.", "AID", True),
    ("Presiden Brasil mengancam menjatuhkan sanksi kepada Paraguay.", "SANCTION", True),
    # a request after a request is another request; another clause is not the content
    ("Fraksi itu mengajak sekaligus mendorong semua warga mendukung program itu.", "REQUEST", False),
    ("Warga meminta keadilan setelah polisi menangkap dua aktivis.", "COERCE", False),
    ("Permintaan itu muncul setelah jaksa menahan Budi Santoso.", "COERCE", False),
])
def test_what_a_request_or_threat_asks_for_is_never_coded(nlp, text, typ, requested):
    _assert_never_rule(nlp, text, typ, "requested", requested)


def _assert_never_rule(nlp, text, typ, rule, fires):
    """The last ``typ`` candidate of ``text`` is rejected by the NEVER ``rule`` exactly when ``fires``, and then no
    ``typ`` event is coded."""
    from warta.nlp.events.component import NEVER, EventCoder

    doc, events = run(nlp, text)
    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    why = [c.record["_why_not"] for c in bare.candidates(doc) if c.record["type"] == typ]
    assert why and (rule in why[-1]) is fires
    assert rule in NEVER
    if fires:
        assert typ not in {e["type"] for e in events}


def test_the_datelines_outlet_is_not_the_target_of_an_arrest(nlp):
    _doc, events = run(nlp, "MEDAN, KOMPAS — Tiga terduga pencuri kabel ditangkap polisi di Kabupaten Deli Serdang. "
                            "Mereka kini ditahan di kantor polisi.")
    arrests = [e for e in events if e["type"] == "COERCE"]
    assert arrests
    assert all("Kompas" not in names(e["source"] + e["target"]) for e in events)


@pytest.mark.parametrize(("text", "typ", "topic"), [
    ("Kedua delegasi bertemu di Doha untuk membahas gencatan senjata dan pembebasan tahanan.", "RETREAT", True),
    ("Partai itu belum mau membicarakan soal pengusungan calon presidennya.", "SUPPORT", True),
    # after the discussion, another verb: that act is not the topic
    ("Mereka membahas laporan itu, lalu polisi menangkap tiga orang.", "COERCE", False),
    ("DPR membahas dan mengesahkan undang-undang itu dalam sehari.", "SUPPORT", False),  # two verbs
])
def test_what_is_discussed_is_a_topic_not_an_event(nlp, text, typ, topic):
    _assert_never_rule(nlp, text, typ, "topic", topic)


def test_condemning_an_attack_reported_before_targets_the_attacker(nlp):
    _doc, events = run(nlp, "Militer Myanmar menyerang sebuah desa di Sagaing pada Senin. "
                            "Pemerintah Malaysia mengecam keras serangan tersebut.")
    condemn = [e for e in events if e["type"] == "ACCUSE"]
    assert condemn and "Myanmar" in " ".join(a["name"] for a in condemn[0]["target"])


def test_an_act_whose_doer_is_named_nowhere_is_coded_only_in_the_first_sentence(tmp_path):
    from warta.nlp.events.component import merge
    from warta.nlp.load import DEFAULT_CONFIG, build_pipeline

    alone = "Dua warga sipil ditembak di Kabupaten Intan Jaya."
    after = "Hujan deras mengguyur Jakarta sejak pagi. " + alone
    nlp = build_pipeline()
    first = [r for r in records(nlp, alone) if r["type"] == "ASSAULT"]
    later = [r for r in records(nlp, after) if r["type"] == "ASSAULT"]
    assert [r["source"] for r in first] == [[]] and [r["source"] for r in later] == [[]]
    # alone, the sentence may have lost the context that names the shooter: the attack is coded without a source
    assert [(e["type"], e["source"]) for e in merge(first, unnamed_first_only=True)] == [("ASSAULT", [])]
    # after a sentence that could have named the shooter and did not, no one can be coded as its doer
    assert merge(later, unnamed_first_only=True) == []
    assert [e["type"] for e in merge(later, unnamed_first_only=False)] == ["ASSAULT"]
    cfg = tmp_path / "keep.cfg"
    cfg.write_text(DEFAULT_CONFIG.read_text().replace("unnamed_doer_first_only = true", "unnamed_doer_first_only = false"))
    assert nlp.get_pipe("warta_events").settings.unnamed_doer_first_only is True
    assert build_pipeline(cfg).get_pipe("warta_events").settings.unnamed_doer_first_only is False


def test_an_act_aimed_at_no_one_named_is_coded_only_in_the_first_sentence(nlp):
    from warta.nlp.events.component import merge
    from warta.nlp.load import build_pipeline

    rain = "Hujan deras mengguyur Jakarta sejak pagi. "
    alone = "Menteri Pertanian Joko Santoso mengecam keras keputusan tersebut."
    first = [r for r in records(nlp, alone) if r["type"] == "ACCUSE"]
    later = [r for r in records(nlp, rain + alone) if r["type"] == "ACCUSE"]
    assert [r["target"] for r in first] == [[]] and [r["target"] for r in later] == [[]]
    # alone, the sentence may have lost the context that names what he condemns
    assert [e["type"] for e in merge(first, untargeted_first_only=True)] == ["ACCUSE"]
    # after a sentence that could have named it and did not, the record has no one it is aimed at
    assert merge(later, untargeted_first_only=True) == []
    assert [e["type"] for e in merge(later, untargeted_first_only=False)] == ["ACCUSE"]
    # a resignation is done alone: coded wherever it is told
    quit_ = [r for r in records(nlp, rain + "Menteri Pertanian Joko Santoso mengundurkan diri.") if r["type"] == "RETREAT"]
    assert [e["type"] for e in merge(quit_, untargeted_first_only=True)] == ["RETREAT"]
    assert nlp.get_pipe("warta_events").settings.untargeted_first_only is True
    off = build_pipeline(overrides={"components.warta_events.untargeted_first_only": False})
    assert off.get_pipe("warta_events").settings.untargeted_first_only is False


def test_an_attack_without_a_target_hits_the_foreign_place_it_struck(nlp):
    _doc, events = run(nlp, "Serangan udara yang dilancarkan Rusia di wilayah Kharkiv terus berlanjut.")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert names(attack["source"]) == {"Rusia"} and names(attack["target"]) == {"Kharkiv"}
    # a force in its own land: the place is where it happened, not whom it hit
    _doc, events = run(nlp, "Polisi menembakkan gas air mata di Jakarta Pusat.")
    assert all(not e["target"] for e in events if e["type"] == "ASSAULT")


def test_the_police_guarding_a_protest_are_not_its_protesters(nlp):
    _doc, events = run(nlp, "Aksi unjuk rasa petani di Medan dijaga ratusan polisi.")
    protest = next(e for e in events if e["type"] == "PROTEST")
    assert [a["sector"] for a in protest["source"]] == ["CVL"] and "polisi" not in names(protest["source"])


def test_protesters_keep_civilians_and_fall_back_on_them():
    from warta.nlp.events.aimed import protesters

    police = {"name": "polisi", "sector": "COP"}
    farmers = {"name": "petani", "sector": "CVL"}
    assert protesters([police], [farmers]) == ([farmers], [])
    assert protesters([farmers, police], []) == ([farmers], [])
    assert protesters([], [farmers]) == ([], [farmers])  # no one named as protesting: the scorer's target stays


def test_a_verb_ending_like_a_noun_keeps_its_subject_as_doer(nlp):
    # "membebaskan" ends in -an like a noun; the names after it are whom the police released
    doc, events = run(nlp, "Polisi membebaskan Budi Santoso dan Andi Wijaya di Medan pada Senin.")
    ev = next(e for e in events if doc.text[e["trigger"][0]:e["trigger"][1]] == "membebaskan")
    assert [a["sector"] for a in ev["source"]] == ["COP"]
    assert "Budi Santoso" in names(ev["target"])


def test_a_headline_act_happens_in_its_own_clause(nlp):
    """``X Temui Y, Bahas Banjir di Z``: the headline's comma joins two clauses; Z is where the flood is."""
    from datetime import date

    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Wali kota itu menyampaikan hasil pertemuan kepada wartawan.",
                        title="Budi Hartono Temui Andi Wijaya, Bahas Banjir di Bekasi",
                        options=ReadOptions(today=date(2026, 3, 3)), origin="t", reader="text",
                        published_raw="2026-03-02")
    meetings = [r for r in records(nlp, art) if r["type"] == "CONSULT"]
    assert meetings and all(r["location"] is None or r["location"]["name"] != "Bekasi" for r in meetings)


@pytest.mark.parametrize(("text", "typ", "source"), [
    ("Dewan Pers mengecam keras penangkapan dua wartawan di Medan.", "COERCE", []),  # not the critics' arrest
    ("Serikat buruh menuntut pembebasan Budi Santoso dari tahanan polisi.", "RETREAT", []),
    ("Komnas HAM menilai ada kecurangan yang dilakukan panitia seleksi.", "ACCUSE", None),  # the claim is theirs
    ("Israel dan Hamas menyetujui gencatan senjata selama tiga hari.", "CONCEDE", None),  # agreeing commits them
])
def test_an_act_viewed_is_not_the_viewers(nlp, text, typ, source):
    from warta.nlp.events.component import EventCoder

    bare = EventCoder(nlp.get_pipe("warta_events").lex, None)
    doc, _events = run(nlp, text)
    recs = [c.record for c in bare.candidates(doc) if c.record["type"] == typ]
    if source is None:
        assert all(r["source"] for r in recs)
    else:
        assert recs and all(r["source"] == source for r in recs)


def test_a_headline_clause_keeps_its_own_parties(nlp):
    """``Warga Tolak Tambang, Polisi Tangkap Dua Orang``: the comma joins two clauses; the police neither refuse
    the mine nor are refused, and the arrested are named without the title's line break."""
    from datetime import date

    import warta
    from warta.io.readers.base import ReadOptions, build_article

    art = build_article(body="Ratusan warga Desa Sukamaju berunjuk rasa menolak tambang pasir di desa mereka.",
                        title="Ratusan Warga Tolak Tambang Pasir, Polisi Tangkap Dua Orang",
                        options=ReadOptions(today=date(2026, 3, 3)), origin="t", reader="text",
                        published_raw="2026-03-02")
    events = warta.analyze(art).events
    for e in events:
        names = [a.name.lower() for a in (*e.source, *e.target)]
        assert all(n == n.strip() for n in names)
        if e.type == "REJECT":
            assert "polisi" not in names
