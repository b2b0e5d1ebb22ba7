"""Merging the records of one act reported in several sentences."""

from __future__ import annotations

import pytest

from warta.nlp.events.forms import anaphoric
from warta.nlp.events.merge import merge, target_the_doer


def _actor(name: str, entity: str | None, country: str = "IDN", sector: str | None = None) -> dict:
    return {"name": name, "entity": entity, "country": country, "sector": sector}


def _record(typ: str, source: list[dict], target: list[dict], sentence: int, *, date: str = "2026-03-02",
            explicit: bool = False, anaphoric: bool = False, title: bool = False, nominal: bool = False,
            mode: str | None = None, future: bool = False, at: int = 5) -> dict:
    return {"type": typ, "source": source, "target": target, "negated": False, "date": date, "mode": mode,
            "future": future,
            "_nominal": nominal,
            "trigger": [sentence * 100 + at, sentence * 100 + at + 9], "sentence": [sentence * 100, sentence * 100 + 50],
            "_anaphoric": anaphoric, "_title": title,
            "date_precision": "day", "date_source": "stated" if explicit else "inferred", "historical": False,
            "_explicit": explicit, "evidence": [(sentence * 100, sentence * 100 + 50)], "location": None,
            "_base": 0.7}


BUDI, ANDI = _actor("Budi Santoso", "e1"), _actor("Andi Wijaya", "e2")


def test_a_party_named_only_by_an_office_is_the_named_party_of_the_same_meeting():
    # "Budi Santoso bertemu Andi Wijaya … Dalam pertemuan itu, Budi mengatakan kepada sang presiden …"
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0),
                    _record("CONSULT", [BUDI], [_actor("presiden", None, sector="GOV")], 3)])
    assert len(events) == 1
    assert events[0]["target"] == [ANDI] and len(events[0]["evidence"]) == 2


def test_a_group_is_not_taken_for_a_named_party():
    # soldiers praised in the report of a treaty signed last year are another act
    events = merge([_record("SUPPORT", [BUDI], [ANDI], 0, date="2025-07", explicit=True),
                    _record("SUPPORT", [BUDI], [_actor("tentara", None, sector="MIL")], 2)])
    assert len(events) == 2


def test_an_office_does_not_join_a_meeting_on_another_stated_day():
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0, date="2026-03-02", explicit=True),
                    _record("CONSULT", [BUDI], [_actor("menteri", None, sector="GOV")], 4, date="2025-11-10",
                            explicit=True)])
    assert len(events) == 2


RUDI, DEWI = _actor("Rudi Hartono", "e3"), _actor("Dewi Lestari", "e4")


def test_a_meeting_referred_to_with_a_demonstrative_is_the_one_reported_before():
    # "Budi bertemu Andi di Bogor. … Menanggapi pertemuan itu, Rudi mengatakan …": Rudi did not meet anyone
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0),
                    _record("CONSULT", [RUDI], [], 4, anaphoric=True)])
    assert len(events) == 1 and events[0]["source"] == [BUDI] and len(events[0]["evidence"]) == 2


def test_the_demonstrative_refers_to_the_last_act_of_its_type_before_it():
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0), _record("CONSULT", [RUDI], [DEWI], 2),
                    _record("CONSULT", [_actor("menteri", None, sector="GOV")], [BUDI], 5, anaphoric=True)])
    assert [len(e["evidence"]) for e in events] == [1, 2]
    assert events[1]["source"] == [RUDI]


def test_without_an_earlier_act_of_its_type_the_record_stands():
    events = merge([_record("ASSAULT", [BUDI], [ANDI], 0),
                    _record("CONSULT", [RUDI], [DEWI], 3, anaphoric=True)])
    assert len(events) == 2


def test_a_headline_event_is_the_body_event_naming_its_parties():
    # "Budi Temui Andi" over "Budi Santoso bertemu Andi Wijaya dan Rudi Hartono di Bogor, Senin (2/3/2026)."
    events = merge([_record("CONSULT", [BUDI], [_actor("2 Jam", None)], 0, title=True),
                    _record("CONSULT", [BUDI], [ANDI, RUDI], 1, explicit=True)])
    assert len(events) == 1
    assert events[0]["target"] == [ANDI, RUDI] and events[0]["date_source"] == "stated"
    assert len(events[0]["evidence"]) == 2


def test_the_body_states_who_acts_on_whom_where_the_headline_swapped_them():
    # "Partai X Usung Budi" parsed with Budi acting, over "Partai X resmi mengusung Budi Santoso …"
    party = _actor("Partai X", "e9", sector="PTY")
    title = _record("SUPPORT", [BUDI], [party], 0, title=True)
    events = merge([title, _record("SUPPORT", [party], [BUDI], 1, explicit=True)])
    assert len(events) == 1
    assert events[0]["source"] == [party] and events[0]["target"] == [BUDI]
    assert len(events[0]["evidence"]) == 2  # the headline's record, with the body's sentence as evidence


def test_a_headline_naming_a_party_the_body_event_lacks_stands():
    # the body's first meeting is another one: the title names Dewi, whom it does not
    events = merge([_record("CONSULT", [BUDI], [DEWI], 0, title=True),
                    _record("CONSULT", [BUDI], [ANDI], 1, explicit=True)])
    assert len(events) == 2


def test_a_body_event_never_joins_a_later_one_as_a_headline_would():
    events = merge([_record("CONSULT", [BUDI], [DEWI], 1), _record("CONSULT", [BUDI], [DEWI, ANDI], 2)])
    assert len(events) == 2
    events = merge([_record("CONSULT", [BUDI], [DEWI], 0, title=True), _record("CONSULT", [BUDI], [DEWI, ANDI], 2)])
    assert len(events) == 1


@pytest.mark.parametrize(("words", "end", "expected"), [
    ("pertemuan itu berlangsung", 1, True),
    ("serangan udara tersebut", 1, True),
    ("kunjungan ini", 1, True),
    ("bertemu itu", 1, False),  # a verb form
    ("pertemuan menteri membahas", 1, False),
    ("pertemuan menteri mengatakan itu", 1, False),
    ("rapat kerja itu", 2, False),  # a two-word trigger is not checked
])
def test_a_nominal_trigger_with_a_demonstrative_is_anaphoric(words, end, expected):
    assert anaphoric(words.split(), 0, end) is expected


def test_an_undated_mention_of_talks_naming_one_party_is_the_articles_meeting():
    # "Budi Santoso bertemu Andi Wijaya di Bogor, Senin (2/3/2026). … Usai pembicaraan, wartawan menanyai Dewi."
    dewi = _actor("Dewi Lestari", "e3")
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0, explicit=True),
                    _record("CONSULT", [dewi], [], 4, nominal=True)])
    assert len(events) == 1 and len(events[0]["evidence"]) == 2
    assert events[0]["source"] == [BUDI] and events[0]["target"] == [ANDI]


@pytest.mark.parametrize("other", [
    {"nominal": False},  # "Dewi bertemu …": a verb reports a meeting of its own
    {"nominal": True, "explicit": True, "date": "2025-11-20"},  # "pertemuan pada 20 November 2025": its own date
    {"nominal": True, "mode": "visit"},  # "kunjungan Dewi ke Medan": a visit is another event
])
def test_a_mention_of_talks_with_its_own_verb_date_or_visit_stands(other):
    dewi = _actor("Dewi Lestari", "e3")
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0, explicit=True),
                    _record("CONSULT", [dewi], [], 4, **other)])
    assert len(events) == 2


def test_a_mention_of_talks_naming_two_parties_is_its_own_meeting():
    dewi, rudi = _actor("Dewi Lestari", "e3"), _actor("Rudi Hartono", "e4")
    events = merge([_record("CONSULT", [BUDI], [ANDI], 0, explicit=True),
                    _record("CONSULT", [dewi], [rudi], 4, nominal=True)])
    assert len(events) == 2


def test_an_act_aimed_at_an_earlier_act_targets_that_acts_doer():
    from warta.nlp.events.merge import target_the_doer

    army = _actor("Tentara X", "e7", "XXX", "MIL")
    attack = _record("ASSAULT", [army], [], 0)
    echo = _record("ASSAULT", [BUDI], [], 1, anaphoric=True)  # "serangan itu" in the condemning sentence
    condemn = _record("ACCUSE", [BUDI], [], 1)
    condemn["_object_act"] = "ASSAULT"
    target_the_doer([attack, echo, condemn])
    assert condemn["target"] == [army]  # the army that attacked, not the condemner the echo's rules picked
    lone = _record("ACCUSE", [BUDI], [], 1)
    lone["_object_act"] = "ASSAULT"
    target_the_doer([lone])
    assert lone["target"] == []  # no earlier attack: nothing to point at


def test_an_act_without_a_doer_after_the_first_sentence_joins_the_named_one_or_goes():
    def named():
        return _record("COERCE", [_actor("polisi", None, sector="COP")], [ANDI], 0)

    def alone(sentence: int = 2):
        return _record("ASSAULT", [], [_actor("rumah", None)], sentence) | {"_in_context": sentence > 0}

    # "Polisi menangkap Andi Wijaya pada Senin. … Andi ditangkap di rumahnya di Bekasi." — the second names no
    # arrester: it is the same arrest, and its place goes to that record
    unnamed = _record("COERCE", [], [ANDI], 2) | {"_in_context": True, "location": {"name": "Bekasi"}}
    events = merge([named(), unnamed], unnamed_first_only=True)
    assert len(events) == 1 and events[0]["location"] == {"name": "Bekasi"} and len(events[0]["evidence"]) == 2
    # "… Sebuah rumah dibakar di Bekasi." — no sentence names who did it, and it is no other record's act
    assert [e["type"] for e in merge([named(), alone()], unnamed_first_only=True)] == ["COERCE"]
    assert [e["type"] for e in merge([named(), alone()])] == ["COERCE", "ASSAULT"]  # the setting off
    # in the text's first sentence (a one-sentence input), the doer may be in context the input lacks
    assert [e["type"] for e in merge([alone(0)], unnamed_first_only=True)] == ["ASSAULT"]


def test_leaders_of_two_countries_praising_their_countries_partnership_is_no_event():
    # "kedua pemimpin memuji kemitraan antara Hanoi dan Manila": both countries on both sides
    vnm, phl = _actor("Vietnam", "e3", "VNM"), _actor("Filipina", "e4", "PHL")
    assert merge([_record("SUPPORT", [vnm, phl], [phl, vnm], 0)]) == []


def test_two_parties_of_one_country_supporting_a_third_is_an_event():
    # "PDIP dan Golkar mendukung Andi Wijaya": one country on both sides, three parties told apart by name
    pdip, golkar = _actor("PDIP", "e5", sector="PTY"), _actor("Golkar", "e6", sector="PTY")
    events = merge([_record("SUPPORT", [pdip, golkar], [ANDI], 0)])
    assert len(events) == 1 and events[0]["target"] == [ANDI]


def test_a_past_act_without_a_doer_does_not_join_a_planned_one():
    # "Penyidik akan memeriksa Budi …  Budi ditetapkan sebagai tersangka pada 2019": two acts
    events = merge([_record("ACCUSE", [_actor("penyidik", None, sector="COP")], [BUDI], 0, future=True),
                    _record("ACCUSE", [], [BUDI], 3, date="2019", explicit=True)])
    assert len(events) == 2 and events[0]["date"] == "2026-03-02"
    # the same act told again without its doer still joins it
    events = merge([_record("ACCUSE", [_actor("penyidik", None, sector="COP")], [BUDI], 0),
                    _record("ACCUSE", [], [BUDI], 3)])
    assert len(events) == 1


KPK, JAKSA = _actor("Komisi Antirasuah", "e5", sector="GOV"), _actor("penyidik", None, sector="COP")
PEOPLE = frozenset({"e1", "e2", "e3", "e4"})


def test_one_detention_of_a_person_told_by_two_doers_is_one_event():
    # "KPK Tahan Budi Santoso" (headline) … "Budi Santoso ditahan penyidik di rutan …"
    events = merge([_record("COERCE", [KPK], [BUDI], 0, title=True),
                    _record("COERCE", [JAKSA], [BUDI], 2)], people=PEOPLE)
    assert len(events) == 1 and events[0]["source"] == [KPK]


def test_detentions_of_a_person_on_two_stated_days_stay_two():
    events = merge([_record("COERCE", [KPK], [BUDI], 0, date="2026-03-02", explicit=True),
                    _record("COERCE", [JAKSA], [BUDI], 2, date="2025-10-01", explicit=True)], people=PEOPLE)
    assert len(events) == 2


def test_accusations_of_one_person_by_two_critics_stay_two():
    events = merge([_record("ACCUSE", [RUDI], [BUDI], 0), _record("ACCUSE", [DEWI], [BUDI], 2)], people=PEOPLE)
    assert len(events) == 2


def test_detentions_of_a_body_are_not_joined_by_the_person_rule():
    office = _actor("Kantor Dinas", "e9", sector="GOV")
    events = merge([_record("COERCE", [KPK], [office], 0), _record("COERCE", [JAKSA], [office], 2)], people=PEOPLE)
    assert len(events) == 2


def test_a_pardon_named_again_by_a_bare_noun_is_the_pardon_reported_before():
    # "Presiden memberikan amnesti kepada Budi Santoso. … Dewi Lestari menilai pemberian amnesti itu keliru."
    events = merge([_record("CONCEDE", [_actor("presiden", None, sector="GOV")], [BUDI], 0),
                    _record("CONCEDE", [DEWI], [_actor("Lembaga Pengawas", "e7")], 3, nominal=True)], people=PEOPLE)
    assert len(events) == 1 and events[0]["target"] == [BUDI]


def test_a_pardon_of_another_person_is_its_own_event():
    events = merge([_record("CONCEDE", [KPK], [BUDI], 0),
                    _record("CONCEDE", [KPK], [ANDI], 3, nominal=True)], people=PEOPLE)
    assert len(events) == 2


def test_a_denial_naming_no_one_answers_the_accusation_aimed_at_its_doer():
    # "Rudi Hartono menuding Andi Wijaya menerima suap. … Andi membantah."
    events = merge([_record("ACCUSE", [RUDI], [ANDI], 0), _record("REJECT", [ANDI], [], 3)], people=PEOPLE)
    reject = next(e for e in events if e["type"] == "REJECT")
    assert reject["target"] == [RUDI]


def test_a_denial_by_an_official_answers_an_accusation_aimed_at_the_country():
    iran, usa = _actor("Iran", "e11", "IRN"), _actor("Amerika Serikat", "e12", "USA")
    official = _actor("Kevin Baker", "e13", "USA", "GOV")
    events = merge([_record("ACCUSE", [iran], [usa], 0), _record("REJECT", [official], [], 2)])
    assert next(e for e in events if e["type"] == "REJECT")["target"] == [iran]


def test_a_denial_with_no_accusation_before_keeps_no_target():
    events = merge([_record("CONSULT", [RUDI], [ANDI], 0), _record("REJECT", [DEWI], [], 2)])
    assert next(e for e in events if e["type"] == "REJECT")["target"] == []


def test_an_attack_and_the_reply_are_two_attacks():
    israel, iran = _actor("Negeri A", "e21", "ISR"), _actor("Negeri B", "e22", "IRN")
    events = merge([_record("ASSAULT", [israel], [iran], 0), _record("ASSAULT", [iran], [israel], 2),
                    _record("ASSAULT", [israel], [iran], 4)])
    assert len(events) == 2


def test_an_attack_with_no_target_does_not_vanish_into_a_record_with_no_doer():
    # "Junta menjatuhkan bom ke sebuah desa. … ASEAN mengecam serangan itu dan mendesak junta …"
    junta = _actor("junta", None, "MMR", "MIL")
    events = merge([_record("ASSAULT", [junta], [], 0), _record("ASSAULT", [], [junta], 3)],
                   unnamed_first_only=True)
    assert any(e["source"] == [junta] for e in events)


def test_a_denial_in_a_story_of_one_country_answers_the_accusation_aimed_at_its_doer():
    police = _actor("polisi", None, "IDN", "COP")
    suspects = _actor("tersangka", None, "IDN", None)
    events = merge([_record("ACCUSE", [RUDI], [police], 0), _record("ACCUSE", [police], [suspects], 2),
                    _record("REJECT", [police], [], 4)], people=PEOPLE)
    assert next(e for e in events if e["type"] == "REJECT")["target"] == [RUDI]


def test_a_refusal_by_an_official_answers_a_protest_at_the_government():
    students = _actor("mahasiswa", None, "SRB", "EDU")
    government = _actor("pemerintah", None, "SRB", "GOV")
    president = _actor("Presiden Negeri", "e31", "SRB", "GOV")
    events = merge([_record("PROTEST", [students], [government], 0), _record("REJECT", [president], [], 2)])
    assert next(e for e in events if e["type"] == "REJECT")["target"] == [students]


def test_a_condemned_act_told_again_is_aimed_at_its_doer_not_at_the_condemners_own_country():
    # "Negeri A menyerang kota B. Presiden B mengecam serangan itu dan meminta … agresi terhadap B."
    a, b = _actor("Negeri A", "e41", "ISR"), _actor("Negeri B", "e42", "LBN")
    president = _actor("Presiden B", "e43", "LBN", "GOV")
    condemn = _record("ACCUSE", [president], [b], 2)
    condemn["_object_act"] = "ASSAULT"
    records = [_record("ASSAULT", [a], [b], 0), condemn]
    target_the_doer(records)
    assert records[1]["target"] == [a]


def test_a_condemnation_aimed_at_another_country_keeps_its_target():
    a, b, c = _actor("Negeri A", "e41", "ISR"), _actor("Negeri B", "e42", "LBN"), _actor("Negeri C", "e44", "USA")
    condemn = _record("ACCUSE", [_actor("Presiden B", "e43", "LBN", "GOV")], [c], 2)
    condemn["_object_act"] = "ASSAULT"
    records = [_record("ASSAULT", [a], [b], 0), condemn]
    target_the_doer(records)
    assert records[1]["target"] == [c]


def test_a_denial_naming_no_one_answers_the_search_of_its_doer():
    # "Kejaksaan menggeledah rumah Andi Wijaya. … Andi membantah terlibat."
    prosecutors = _actor("Kejaksaan Agung", "e31", "IDN", "JUD")
    events = merge([_record("COERCE", [prosecutors], [ANDI], 0), _record("REJECT", [ANDI], [], 3)], people=PEOPLE)
    assert next(e for e in events if e["type"] == "REJECT")["target"] == [prosecutors]


def test_a_denial_answers_a_search_of_its_doer_only_not_of_its_compatriots():
    # "Polisi Negeri A menahan seorang warga Negeri B. … Pemerintah Negeri B membantah." answers no search of its own
    police = _actor("polisi", None, "ISR", "COP")
    events = merge([_record("COERCE", [police], [_actor("warga", None, "IRN")], 0),
                    _record("REJECT", [_actor("Negeri B", "e32", "IRN", "GOV")], [], 3)])
    assert next(e for e in events if e["type"] == "REJECT")["target"] == []
