"""Actor and place queries (warta.store.actors) on a small hand-written store (no pipeline)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from warta.store import EventFilter, connect
from warta.store.actors import (
    actor_events,
    actor_partners,
    actor_quotes,
    actor_timeline,
    place_events,
    resolve_actor,
)
from warta.store.write import save_documents

A_TEXT = ("Gubernur Bertemu Menteri\n\nMEDAN - Gubernur Lestari Purba menemui Menteri Desa di Medan pada Senin "
          "(3/2/2025). \"Kami siap bekerja sama,\" kata Lestari.\nPolda Sumut menangkap tiga orang di Medan.\n")
B_TEXT = ("Lestari Kritik Menteri\n\nGubernur Lestari Purba mengkritik Menteri Desa soal dana desa.\n"
          "Warga berdemo di Jakarta menolak kebijakan itu.\n")
C_TEXT = "Menteri Desa berjanji mengunjungi Medan, tanpa tanggal pasti.\n"
LESTARI = {"name": "Lestari Purba", "country": "IDN", "sector": "GOV", "entity": "e1"}
MENTERI = {"name": "Menteri Desa", "country": "IDN", "sector": "GOV", "entity": "e2", "kb": "org:kemendes"}
MEDAN = {"entity": "e3", "name": "Medan", "country": "IDN", "lat": 3.58333, "lon": 98.66667}
JAKARTA = {"entity": "e4", "name": "Jakarta", "country": "IDN", "lat": -6.21462, "lon": 106.84513}


def _span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def _event(text: str, eid: str, etype: str, sentence: str, trigger: str, *, source: list[dict], target: list[dict],
           location: dict | None, date_: str | None, confidence: float = 0.8, **flags: bool) -> dict[str, Any]:
    return {"id": eid, "type": etype, "mode": None, "cameo": None, "trigger": _span(text, trigger),
            "sentence": _span(text, sentence), "source": source, "target": target, "date": date_,
            "date_precision": "day" if date_ else None, "location": location, "negated": flags.get("negated", False),
            "hypothetical": False, "future": flags.get("future", False), "quote": None, "confidence": confidence,
            "summary_en": f"{etype.lower()} {eid}"}


def _entity(eid: str, name: str, type_: str, kb: str | None, text: str, sector: str | None = "GOV") -> dict[str, Any]:
    return {"id": eid, "name": name, "type": type_, "country": "IDN", "sector": sector, "kb": kb,
            "mentions": [_span(text, name) | {"source": "test"}] if name in text else []}


def _doc(doc_id: str, title: str, text: str, published: str | None, url: str | None, entities: list[dict],
         events: list[dict], quotes: list[dict] | None = None) -> dict[str, Any]:
    source = {"reader": "json", "path": f"uji/{doc_id}.json"} | ({"url": url, "site": "uji"} if url else {})
    return {"schema": "warta.document/1", "id": f"sha1:{doc_id}", "language": "id", "title": title,
            "published": published, "text": text, "source": source, "sentences": [], "entities": entities,
            "places": [], "quotes": quotes or [], "times": [], "events": events, "notes": []}


def documents() -> list[dict[str, Any]]:
    """Three invented articles: a governor meets and criticises a minister, police arrest, people protest."""
    quote = _span(A_TEXT, "Kami siap bekerja sama,")
    a = _doc("act1", "Gubernur Bertemu Menteri", A_TEXT, "2025-02-04", "https://contoh.id/gubernur",
             [_entity("e1", "Lestari Purba", "PER", None, A_TEXT), _entity("e2", "Menteri Desa", "PER", "org:kemendes",
                                                                          A_TEXT),
              _entity("e5", "Polda Sumut", "ORG", None, A_TEXT, "COP")],
             [_event(A_TEXT, "v1", "CONSULT", "MEDAN - Gubernur Lestari Purba menemui Menteri Desa di Medan pada Senin "
                     "(3/2/2025).", "menemui", source=[LESTARI], target=[MENTERI], location=MEDAN, date_="2025-02-03"),
              _event(A_TEXT, "v2", "COERCE", "Polda Sumut menangkap tiga orang di Medan.", "menangkap",
                     source=[{"name": "Polda Sumut", "country": "IDN", "sector": "COP", "entity": "e5"}], target=[],
                     location=MEDAN, date_="2025-02-03", confidence=0.4)],
             [{"id": "q1", **quote, "direct": True, "speaker": "e1", "cue": "kata"}])
    short = A_TEXT.index("kata Lestari") + len("kata ")  # a second, shorter mention: "Lestari"
    a["entities"][0]["mentions"].append({"start": short, "end": short + 7, "text": "Lestari", "source": "test"})
    b = _doc("act2", "Lestari Kritik Menteri", B_TEXT, "2025-03-10", "javascript:alert(1)",
             [_entity("e1", "Lestari Purba", "PER", None, B_TEXT), _entity("e2", "Menteri Desa", "PER", "org:kemendes",
                                                                          B_TEXT)],
             [_event(B_TEXT, "v1", "ACCUSE", "Gubernur Lestari Purba mengkritik Menteri Desa soal dana desa.",
                     "mengkritik", source=[LESTARI], target=[MENTERI], location=None, date_="2025-03-10"),
              _event(B_TEXT, "v2", "PROTEST", "Warga berdemo di Jakarta menolak kebijakan itu.", "berdemo",
                     source=[{"name": "Warga", "country": "IDN", "sector": "CVL", "entity": None}], target=[],
                     location=JAKARTA, date_=None, negated=True)])
    c = _doc("act3", "Janji Menteri", C_TEXT, None, None, [_entity("e2", "Menteri Desa", "PER", "org:kemendes", C_TEXT)],
             [_event(C_TEXT, "v1", "AGREE", C_TEXT.strip(), "berjanji", source=[MENTERI],
                     target=[], location=None, date_=None, future=True)])
    return [a, b, c]


def make_store(path: Path) -> Path:
    """A store holding :func:`documents`."""
    conn = connect(path)
    save_documents(conn, documents(), fingerprint="uji", run_id=None)
    conn.close()
    return path


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    db = connect(make_store(tmp_path_factory.mktemp("actors") / "a.db"), readonly=True)
    yield db
    db.close()


def test_resolve_by_kb_id_name_and_case(conn) -> None:
    by_kb = resolve_actor(conn, "org:kemendes")
    assert by_kb is not None and by_kb["key"] == "org:kemendes" and by_kb["events"] == 3
    assert resolve_actor(conn, "menteri desa")["key"] == "org:kemendes"  # a name stored with a KB id
    person = resolve_actor(conn, "LESTARI PURBA")
    assert person["key"] == "name:lestari purba" and person["name"] == "Lestari Purba" and person["kb"] is None
    assert person["events"] == 2 and person["country"] == "IDN"
    assert resolve_actor(conn, "nobody at all") is None and resolve_actor(conn, "  ") is None
    assert resolve_actor(conn, "Kemendes")["key"] == "org:kemendes"  # a KB alias
    assert resolve_actor(conn, "lestari")["key"] == "name:lestari purba"  # a surface form seen in an article


def test_timeline_counts_months_and_undated(conn) -> None:
    line = actor_timeline(conn, "org:kemendes")
    assert {(b["period"], b["type"], b["count"]) for b in line["buckets"]} == {
        ("2025-02", "CONSULT", 1), ("2025-03", "ACCUSE", 1)}
    assert line["undated"] == 1


def test_partners_with_direction(conn) -> None:
    partners = actor_partners(conn, "name:lestari purba")
    assert [(p["key"], p["events"], p["as_source"], p["as_target"]) for p in partners] == [("org:kemendes", 2, 0, 2)]
    back = actor_partners(conn, "org:kemendes")
    assert [(p["name"], p["as_source"], p["as_target"]) for p in back] == [("Lestari Purba", 2, 0)]


def test_events_newest_first_undated_last(conn) -> None:
    events = actor_events(conn, "org:kemendes")
    assert [e["type"] for e in events] == ["ACCUSE", "CONSULT", "AGREE"]
    assert events[0]["article"]["title"] == "Lestari Kritik Menteri"


def test_quotes_by_name_and_by_kb(conn) -> None:
    quotes = actor_quotes(conn, resolve_actor(conn, "Lestari Purba"))
    assert [q["text"] for q in quotes] == ["Kami siap bekerja sama,"] and quotes[0]["url"] == "https://contoh.id/gubernur"
    assert actor_quotes(conn, resolve_actor(conn, "org:kemendes")) == []


def test_place_events_by_names_coordinates_and_filter(conn) -> None:
    events, total = place_events(conn, EventFilter(), country="IDN", coords=[(3.583331, 98.666671)])
    assert total == 2 and {e["type"] for e in events} == {"CONSULT", "COERCE"}
    _, total = place_events(conn, EventFilter(type="COERCE"), coords=[(3.58333, 98.66667)])
    assert total == 1
    _, total = place_events(conn, EventFilter(), name="jakarta")
    assert total == 1
    _, total = place_events(conn, EventFilter(), names=["MEDAN", "Jakarta"], country="IDN")
    assert total == 3
    _, total = place_events(conn, EventFilter(), names=["Medan"], country="MYS")
    assert total == 0
    _, total = place_events(conn, EventFilter(), coords=[(3.58333, 98.66667), (-6.21462, 106.84513)])
    assert total == 3
    events, total = place_events(conn, EventFilter(limit=1, offset=1), names=["Medan"])
    assert total == 2 and len(events) == 1
    with pytest.raises(ValueError, match="place"):
        place_events(conn, EventFilter())
