"""The learned role scorer: how it picks, what it describes, its model file, and its place in the pipeline."""

from __future__ import annotations

import json

import pytest

from warta.nlp.events.model import EventModelError
from warta.nlp.events.roles import RoleCandidate, default_roles, pick_roles, read_roles


def _actor(name: str, entity: str | None = None) -> dict:
    return {"name": name, "country": None, "sector": None, "entity": entity, "_how": "entity"}


def _cands() -> tuple[list[RoleCandidate], dict, dict, dict]:
    polisi, budi, andi = _actor("polisi"), _actor("Budi", "e1"), _actor("Andi", "e2")
    cands = [RoleCandidate(polisi, 0, 1, {"role"}), RoleCandidate(budi, 3, 4, {"mention", "rule_src"}),
             RoleCandidate(andi, 5, 6, {"mention"})]
    return cands, polisi, budi, andi


def test_the_best_actor_over_its_threshold_replaces_the_rules_choice():
    cands, polisi, budi, andi = _cands()
    src, tgt, p_src, p_tgt = pick_roles(cands, [0.9, 0.2, 0.1], [0.1, 0.3, 0.8], [budi], [], (0.5, 0.5))
    assert src == [polisi] and tgt == [andi]
    assert (p_src, p_tgt) == (0.9, 0.8)


def test_below_threshold_the_rules_stand():
    cands, _polisi, budi, _andi = _cands()
    src, tgt, _ps, _pt = pick_roles(cands, [0.4, 0.2, 0.1], [0.1, 0.3, 0.2], [budi], [], (0.5, 0.5))
    assert src == [budi] and tgt == []


def test_the_rules_own_choice_keeps_its_coordinated_actors():
    cands, _polisi, budi, andi = _cands()
    rules_src = [budi, andi]  # "Budi dan Andi menyerang …"
    src, _tgt, _ps, _pt = pick_roles(cands, [0.1, 0.9, 0.2], [0.1, 0.1, 0.1], rules_src, [], (0.5, 0.5))
    assert src == rules_src


def test_one_actor_takes_only_its_likelier_role():
    cands, polisi, budi, _andi = _cands()
    src, tgt, _ps, _pt = pick_roles(cands, [0.6, 0.1, 0.1], [0.9, 0.55, 0.1], [], [], (0.5, 0.5))
    assert tgt == [polisi] and src == []  # the next best source (0.1) is under the threshold
    src, tgt, _ps, _pt = pick_roles(cands, [0.95, 0.1, 0.1], [0.9, 0.55, 0.1], [], [], (0.5, 0.5))
    assert src == [polisi] and tgt == [budi]


def test_a_government_is_never_the_target_of_its_own_country():
    fidan = {"name": "Hakan Fidan", "country": "TUR", "sector": "GOV", "entity": "e1", "_how": "entity"}
    turki = {"name": "Turki", "country": "TUR", "sector": "GOV", "entity": "e2", "_how": "entity"}
    suriah = {"name": "Suriah", "country": "SYR", "sector": "GOV", "entity": "e3", "_how": "entity"}
    cands = [RoleCandidate(fidan, 0, 2, {"mention"}), RoleCandidate(turki, 4, 5, {"mention", "country"}),
             RoleCandidate(suriah, 9, 10, {"mention", "country"})]
    # "Menlu Turki Hakan Fidan memperingatkan bahwa Ankara akan menutup perbatasan bagi Suriah": Ankara is his side
    src, tgt, _ps, _pt = pick_roles(cands, [0.9, 0.2, 0.1], [0.1, 0.8, 0.6], [], [], (0.5, 0.5))
    assert src == [fidan] and tgt == [suriah]
    # its critics may aim at it ("Aktivis HAM mengkritik Turki"): only a government's own country is left out
    aktivis = {"name": "aktivis", "country": "TUR", "sector": "CVL", "entity": None, "_how": "role"}
    cands[0] = RoleCandidate(aktivis, 0, 1, {"role"})
    src, tgt, _ps, _pt = pick_roles(cands, [0.9, 0.2, 0.1], [0.1, 0.8, 0.6], [], [], (0.5, 0.5))
    assert src == [aktivis] and tgt == [turki]



def test_an_army_is_never_the_target_of_its_own_country_either():
    army = {"name": "Angkatan Darat Thailand", "country": "THA", "sector": "MIL", "entity": "e1", "_how": "entity"}
    thailand = {"name": "Thailand", "country": "THA", "sector": "GOV", "entity": "e2", "_how": "entity"}
    cambodia = {"name": "Kamboja", "country": "KHM", "sector": "GOV", "entity": "e3", "_how": "entity"}
    cands = [RoleCandidate(army, 0, 3, {"mention"}), RoleCandidate(thailand, 5, 6, {"mention", "country"}),
             RoleCandidate(cambodia, 9, 10, {"mention", "country"})]
    # "Angkatan Darat Thailand memperingatkan bahwa Thailand akan membalas setiap serangan Kamboja"
    src, tgt, _ps, _pt = pick_roles(cands, [0.9, 0.2, 0.1], [0.1, 0.8, 0.6], [], [], (0.5, 0.5))
    assert src == [army] and tgt == [cambodia]

def test_a_governments_own_country_is_no_candidate_target_in_a_sentence(nlp):
    from warta.api import as_article, make_doc

    text = "Menteri Luar Negeri Turki Hakan Fidan memperingatkan bahwa Ankara akan menutup perbatasan bagi Suriah."
    doc = nlp(make_doc(nlp, as_article(text)))
    warn = [e for e in doc._.warta_events if e["type"] == "THREATEN"]
    assert warn and all("Turki" not in {a["name"] for a in e["target"]} for e in warn)


def test_a_channel_after_melalui_is_no_party(nlp):
    from warta.api import as_article, make_doc
    from warta.nlp.events.addresses import routed

    text = ("Sekretaris Jenderal PBB Antonio Guterres, melalui juru bicaranya Stephane Dujarric, mengecam kudeta "
            "militer di Madagaskar.")
    doc = nlp(make_doc(nlp, as_article(text)))
    condemn = [e for e in doc._.warta_events if e["type"] == "ACCUSE"]
    assert condemn and [a["name"] for a in condemn[0]["source"]] == ["António Guterres"]
    lower = "trump menulis melalui akun truthsocial , lalu berbicara dengan carney".split()
    assert routed(lower, 4, 0) and not routed(lower, 9, 0)  # the account's name; not whom he spoke with


def test_shipped_role_model_loads():
    model = default_roles()
    assert model.name and model.version and model.source and model.target
    assert 0 < model.threshold_source <= 1 and 0 < model.threshold_target <= 1


@pytest.mark.parametrize(("data", "field"), [
    ({"name": "r", "version": "1", "source": {}, "target": {}, "threshold_source": 0.5}, "threshold_target"),
    ({"name": "r", "version": "1", "source": [], "target": {}, "threshold_source": 0.5, "threshold_target": 0.5},
     "source"),
    ({"name": "r", "version": "1", "source": {}, "target": {"bias": "x"}, "threshold_source": 0.5,
      "threshold_target": 0.5}, "target"),
])
def test_a_broken_role_model_is_refused_naming_the_field(tmp_path, data, field):
    path = tmp_path / "roles.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EventModelError, match=rf"roles\.json: field '{field}'"):
        read_roles(path)
    path.write_text("[", encoding="utf-8")
    with pytest.raises(EventModelError, match=r"roles\.json: cannot read"):
        read_roles(path)


@pytest.fixture(scope="module")
def nlp():
    from warta.nlp.load import load_pipeline

    return load_pipeline()


def _sentence_candidates(nlp, text: str, trigger: str, **options):
    """``text`` analysed, where its one-word ``trigger`` stands, and the role candidates of that trigger in it."""
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp(text)
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == trigger)
    return doc, start, candidates(ctx, start, start + 1, 0, len(doc), [], [], None, **options)


def test_events_record_the_role_scorer_and_its_actors_are_of_the_sentence(nlp):
    doc = nlp("Tentara Myanmar menyerang desa-desa di perbatasan. Polisi Thailand menangkap dua penyelundup.")
    events = doc._.warta_events
    assert events, "the attack or the arrest is an event"
    for ev in events:
        roles = ev["model"]["roles"]
        assert roles["name"] == default_roles().name and 0 <= roles["source_p"] <= 1
        sent = doc.text[ev["sentence"][0]:ev["sentence"][1]]
        assert all(a["name"].split()[0].lower() in sent.lower() for a in ev["source"])


def test_role_features_describe_side_cue_and_rules(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates, describe

    doc = nlp("Rumah warga dirusak oleh sekelompok preman, kata polisi.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "dirusak")
    cands = candidates(ctx, start, start + 1, 0, len(doc), [], [], None)
    describe(ctx, cands, start, start + 1, 0, "ASSAULT", True, False)
    by_name = {c.actor["name"].lower(): c for c in cands}
    assert "warga" in by_name and "polisi" in by_name
    assert "side=L" in by_name["warga"].features and "side_voice=L|passive" in by_name["warga"].features
    assert "side=R" in by_name["polisi"].features and "rule=-" in by_name["polisi"].features


def test_a_country_after_dari_is_a_candidate_origin(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates, describe

    doc = nlp("Tembakan roket dari Suriah menghantam sebuah desa di Israel utara.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "tembakan")
    cands = candidates(ctx, start, start + 1, 0, len(doc), [], [], None)
    describe(ctx, cands, start, start + 1, 0, "ASSAULT", False, False)
    by_name = {c.actor["name"]: c for c in cands}
    assert "origin" in by_name["Suriah"].tags and "before=dari" in by_name["Suriah"].features
    assert "Israel" not in by_name or "origin" not in by_name["Israel"].tags  # "di Israel" is a place, not an origin


def test_actors_beyond_a_semicolon_are_not_candidates(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Jokowi dan Prabowo bertemu di Bogor; Amerika Serikat menyambut baik pertemuan itu.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "bertemu")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert "Joko Widodo" in names or "Jokowi" in names
    assert "Amerika Serikat" not in names  # the other clause's
    later = next(t.i for t in doc if t.lower_ == "menyambut")
    names = {c.actor["name"] for c in candidates(ctx, later, later + 1, 0, len(doc), [], [], None)}
    assert "Amerika Serikat" in names and not names & {"Joko Widodo", "Jokowi", "Prabowo Subianto", "Prabowo"}


def test_a_persons_country_and_the_triggers_own_role_noun_are_not_parties(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Polisi menangkap Wali Kota Medan Budi Hartono. Budi Hartono ditetapkan sebagai tersangka oleh jaksa.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menangkap")
    sent_end = next(t.i for t in doc if t.text == ".")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, sent_end, [], [], None)}
    assert "Budi Hartono" in names and "Medan" not in names  # "Wali Kota [Medan] Budi": the person's city
    start = next(t.i for t in doc if t.lower_ == "ditetapkan")
    names = {c.actor["name"].lower() for c in candidates(ctx, start, start + 3, sent_end + 1, len(doc), [], [], None)}
    assert "jaksa" in names and "tersangka" not in names  # "ditetapkan sebagai tersangka" is what is done


def test_a_title_with_its_portfolio_before_a_name_is_no_unnamed_actor(nlp):
    from warta.nlp.events import args as arg_rules

    doc = nlp("Menteri Perdagangan Budi Santoso mengecam para penimbun beras.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    actor, _ = arg_rules.role_actor(ctx, 0, len(doc))
    assert actor is None  # the person named after "Menteri Perdagangan" acts, not an unnamed minister
    actor, _ = arg_rules.role_actor(ctx, 0, 2)  # nobody named within reach: the minister
    assert actor is not None and actor["sector"] == "GOV"


def test_a_regional_government_abbreviation_is_an_unnamed_government(nlp):
    from warta.nlp.events import args as arg_rules

    doc = nlp("Gubernur meminta pemkot menutup pasar itu.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    actor, _ = arg_rules.role_actor(ctx, 2, len(doc))
    assert actor is not None and actor["name"] == "pemkot" and actor["sector"] == "GOV"


def test_a_region_before_a_rank_and_name_is_the_persons_not_a_party(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Kapolda Jawa Barat Irjen Budi Santoso membantah tudingan para aktivis itu.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "membantah")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert "Budi Santoso" in names and "Jawa Barat" not in names  # "Kapolda [Jawa Barat] Irjen Budi"


def test_the_seat_named_after_an_institution_is_part_of_it(nlp):
    from warta.nlp.events import args as arg_rules

    doc = nlp("Majelis hakim Pengadilan Tindak Pidana Korupsi Jakarta menjatuhkan vonis lima tahun penjara kepada terdakwa.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menjatuhkan")
    src = arg_rules.subject(ctx, start, 0)
    assert src and src[0]["name"] != "Jakarta" and "Pengadilan" in src[0]["name"]


@pytest.mark.parametrize("text", [
    "Partai Demokrasi Indonesia Perjuangan Jawa Tengah menolak usulan itu.",
    "Partai Demokrasi Indonesia Perjuangan (PDIP) Jawa Tengah menolak usulan itu.",  # past the abbreviation
])
def test_the_region_after_a_party_is_its_branch(nlp, text):
    from warta.nlp.events import args as arg_rules

    doc = nlp(text)
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menolak")
    assert [a["name"] for a in arg_rules.subject(ctx, start, 0)] == ["Partai Demokrasi Indonesia Perjuangan"]


def test_the_body_in_a_title_is_no_candidate_but_a_titled_person_in_a_list_is(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Jaksa menahan Wakil Ketua DPRD Jambi, Surya Dharma, di rumah tahanan.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menahan")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert "Surya Dharma" in names and "DPRD Jambi" not in names
    doc = nlp("Gubernur bertemu Presiden Joko Widodo, Prabowo Subianto dan Gibran di Bogor.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "bertemu")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert "Joko Widodo" in names


@pytest.mark.parametrize(("text", "trigger", "reporter"), [
    ("Partai Hanura Jatim, kata Budi Santoso, menolak usulan itu.", "menolak", "Budi Santoso"),
    ("Karena itu, Budi Santoso melanjutkan, partainya akan menolak usulan itu.", "menolak", "Budi Santoso"),
])
def test_who_reports_a_clause_in_an_aside_is_no_party_of_it(nlp, text, trigger, reporter):
    _doc, _start, cands = _sentence_candidates(nlp, text, trigger)
    assert reporter not in {c.actor["name"] for c in cands}


def test_a_person_between_commas_without_a_speech_verb_stays_a_candidate(nlp):
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Ketua partai itu, Budi Santoso, menolak usulan pemerintah.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menolak")
    assert "Budi Santoso" in {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}


def test_the_body_in_a_title_is_not_a_party_of_its_holders_act(nlp):
    """``Ketua [Komisi II DPR] Budi Hartono membantah …``: the committee is part of Budi's title, so neither the
    target of his denial nor a party beside him."""
    from warta.nlp.events import args as arg_rules
    from warta.nlp.events.roles import candidates

    doc = nlp("Wakil Ketua KPK Budi Hartono membantah tudingan itu kepada wartawan.")
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "membantah")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert "Budi Hartono" in names
    assert not names & {"KPK", "Komisi Pemberantasan Korupsi"}
    doc = nlp("KPK menahan Budi Hartono kemarin.")  # untitled, the body is a party
    ctx = arg_rules.make_ctx(doc, doc._.warta_entities or [], doc._.warta_places or [], doc._.warta_quotes or [])
    start = next(t.i for t in doc if t.lower_ == "menahan")
    names = {c.actor["name"] for c in candidates(ctx, start, start + 1, 0, len(doc), [], [], None)}
    assert names & {"KPK", "Komisi Pemberantasan Korupsi"}


@pytest.mark.parametrize("text, trigger, doer", [
    ("Komnas HAM mengecam penggunaan kekerasan berlebihan oleh aparat.", "mengecam", "Komisi Nasional"),
    ("Partai Buruh mendukung langkah yang diambil oleh Menteri Ketenagakerjaan.", "mendukung", "Partai Buruh"),
])
def test_whom_oleh_names_after_an_active_verb_is_not_its_doer(nlp, text, trigger, doer):
    """An active verb's doer is its subject: ``oleh`` after it names the doer of its object or of a clause in it."""
    doc, start, cands = _sentence_candidates(nlp, text, trigger, by_not_doer=True)
    after_by = {c.actor["name"] for c in cands if c.start > start}
    assert after_by and all("not_doer" in c.tags for c in cands if c.actor["name"] in after_by)
    ev = next(e for e in doc._.warta_events if doc.text[e["trigger"][0]:e["trigger"][1]].lower() == trigger)
    assert doer.split()[0] in ev["source"][0]["name"] and not any(a["name"] in after_by for a in ev["source"])
