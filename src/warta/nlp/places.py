"""Geocoded places (component ``warta_places``): every GPE, LOC and FAC entity with coordinates.

Each place entity is geocoded by :func:`warta.nlp.geo.geocode` under its name, then its other
mentions; ambiguous names are settled by the countries the article mentions (the countries of
its linked entities) and the places already resolved, then by population. A place that cannot
be geocoded keeps its entity's country and no coordinates, with a note.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.entities import is_domestic
from warta.nlp.extensions import register_extensions
from warta.nlp.tokenizer import doc_text

log = logging.getLogger(__name__)

PLACE_TYPES = ("GPE", "LOC", "FAC")


@Language.factory("warta_places", assigns=["doc._.warta_places"], requires=["doc._.warta_entities"])
def make_places(nlp: Language, name: str) -> PlaceGeocoder:
    """Factory of the place geocoder."""
    return PlaceGeocoder()


class PlaceGeocoder:
    """``Doc → Doc``: ``doc._.warta_places`` records, one per place entity."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from warta.nlp.geo import geocode

        entities = doc._.warta_entities or []
        text = doc_text(doc)
        countries = [e["country"] for e in entities if e["country"] and e["country"] != "IGO"]
        resolved = []
        records = []
        unknown: list[tuple[dict, int]] = []  # places the gazetteer does not know, and where their records are
        domestic = is_domestic(entities)
        for e in entities:
            if e["type"] not in PLACE_TYPES:
                continue
            forms = [e["name"]] + [text[s:t] for s, t, _ in e["mentions"]]
            place = None
            context = ([e["country"]] if e["country"] else []) + countries
            for form in dict.fromkeys(forms):
                place = geocode(form, context_countries=context, context_places=resolved)
                if place is not None:
                    break
            if place is None:
                unknown.append((e, len(records)))
                records.append({"entity": e["id"], "name": e["name"], "country": e["country"], "lat": None,
                                "lon": None, "geonames_id": None, "admin1": None, "source": None})
                log.debug("place %r not in the gazetteer", e["name"])
                continue
            resolved.append(place)
            if e["country"] is None and place.country:
                e["country"] = place.country  # the entity learns its country from the gazetteer
            records.append({"entity": e["id"], "name": e["name"], "country": e["country"] or place.country,
                            "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id,
                            "admin1": place.admin1, "source": place.source})
        # "di Istana Ciragan, Istanbul, Turkiye": a place not in the gazetteer is in the place its address names next
        by_id = {e["id"]: e for e in entities}
        country_at = {s: r["country"] for r in records if r["country"] and r["lat"] is not None
                      for s, _t, _m in by_id[r["entity"]]["mentions"]} if unknown else {}
        for e, k in unknown:
            if e["country"] is None:
                e["country"] = next((c for _s, t, _m in e["mentions"] if text[t:t + 2] == ", "
                                     and (c := country_at.get(t + 2))), None)
            if e["country"] is None and domestic:
                e["country"] = "IDN"  # an unknown place in an article about Indonesia only
            records[k]["country"] = e["country"]
        doc._.warta_places = records
        return doc
