"""Entities with in-article coreference (component ``warta_entities``).

Input: the NER model's ``doc.ents`` and the KB matches in ``doc.spans["warta_kb"]``. Output:
``doc.ents`` (one typed span per top-level mention, ``kb_id_`` = entity id),
``doc.spans["warta_mentions"]`` (every mention, role phrases included) and
``doc._.warta_entities`` — one record per real-world entity with all its mentions, each mention
carrying the rule, lexicon entry or model that produced it.

Coreference, in order: KB-linked mentions join their KB entity; metonyms (``Moskow``) join their
country unless used as a place (``di Moskow``); role phrases with a name attach the role to that
person (``Presiden Rusia Vladimir Putin``); role phrases without one resolve to the person
holding the role in this article, else in the KB on the article's date (``Presiden AS`` →
Biden in 2023, Trump in 2025); acronyms join the name they expand (``Komisi … (KPK)``);
short person names join the most-mentioned full name containing them (``Kim`` → Kim Jong Un).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.lang.id.common_words import COMMON_CAPITALISED, CURRENCY_WORDS
from warta.lang.id.names import BUILDING_HEADS, INDONESIAN_BODY, ORG_SECTOR_WORDS, ORG_WORDS, PLACE_HEADS, PLACE_PREPS
from warta.lang.id.roles import PLACE_CUES, rank_sector
from warta.nlp.extensions import register_extensions
from warta.nlp.mentions import (
    Cand,
    RolePhrase,
    document_context,
    find_roles,
    select_mentions,
)

MENTIONS_KEY = "warta_mentions"
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,9}$")
_LEADER_PARLIAMENTARY = "head_of_government"


@dataclass(slots=True)
class Cluster:
    """One entity being assembled."""

    type: str
    kb: str | None = None
    mentions: list[Cand] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    name: str | None = None


@Language.factory("warta_entities", assigns=["doc.ents", "doc.spans", "doc._.warta_entities"],
                  requires=["doc.spans"], default_config={"kb_dir": None})
def make_entities(nlp: Language, name: str, kb_dir: str | None) -> EntityAssembler:
    """Factory of the entity assembler (``kb_dir`` None: the bundled KB)."""
    return EntityAssembler(kb_dir=kb_dir)


class EntityAssembler:
    """``Doc → Doc``: mentions, roles and coreference into entities."""

    def __init__(self, *, kb_dir: str | None = None) -> None:
        from warta.nlp.kb import load_kb

        register_extensions()
        self.kb = load_kb(kb_dir)
        self.kb_types = {k: (e.type, e.country, e.sector) for k, e in self.kb.entities.items()}
        self.kb_names = {k: frozenset(w for surface, _kind in e.surfaces() for w in surface.lower().split())
                         for k, e in self.kb.entities.items() if e.type == "PER"}
        self._holder_cache: dict[tuple, str | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        when = _doc_date(doc)
        ctx = document_context(doc, has_title=bool(doc._.warta_has_title))
        # "dolar AS", "dolar Singapura": the country names a currency, no party or place
        named = [[s for s in spans if not (s.start > 0 and doc[s.start - 1].lower_ in CURRENCY_WORDS and s.label_ == "GPE")]
                 for spans in (doc.spans.get("warta_kb", []), doc.ents)]
        mentions = select_mentions(doc, *named, kb_types=self.kb_types, ctx=ctx, kb_names=self.kb_names)
        roles = find_roles(doc, mentions, kb_types=self.kb_types)
        clusters = self._cluster(doc, mentions, roles, when, ctx.dateline)
        _set_doc(doc, clusters)
        return doc

    # -- clustering -------------------------------------------------------------------------
    def _cluster(self, doc: Doc, mentions: list[Cand], roles: list[RolePhrase], when: date,
                 dateline: tuple[int, int] | None = None) -> list[Cluster]:
        by_key: dict[str, Cluster] = {}
        order: list[str] = []

        def get(key: str, etype: str, kb: str | None = None) -> Cluster:
            if key not in by_key:
                by_key[key] = Cluster(type=etype, kb=kb)
                order.append(key)
            return by_key[key]

        short_per: list[Cand] = []
        person_words = {w for c in mentions if c.type == "PER" and c.end - c.start > 1
                        for w in _key(doc, c).split()}
        place_ends = {m.end for m in mentions if m.type in ("LOC", "FAC") or (m.type == "GPE" and not m.kb)}
        for c in mentions:
            if c.kb:
                entity = self.kb.entities[c.kb]
                building = doc[c.start].lower_ in BUILDING_HEADS
                after_place = c.start > 1 and doc[c.start - 1].text == "," and c.start - 1 in place_ends  # "…, Senayan"
                seat = c.kind == "metonym" and entity.type == "ORG" and c.start > 0 and (  # "di Senayan"; not "Kecaman
                    doc[c.start - 1].lower_ == "di" or after_place)  # datang dari Senayan": the DPR
                if seat or (((c.kind == "metonym" and entity.type == "GPE") or (building and entity.type == "ORG")) and (
                        _locative(doc, c) or (c.start, c.end) == dateline or after_place
                        or (building and c.start > 0 and doc[c.start - 1].lower_ in PLACE_PREPS))):
                    text = doc[c.start:c.end].text  # "di Moskow", "di depan Gedung Putih": the place
                    cl = get(f"place:{text.casefold()}", "FAC" if building else "GPE")
                    cl.country = cl.country or entity.country
                    c.source = "kb:metonym-as-place"
                else:
                    cl = get(f"kb:{c.kb}", entity.type, c.kb)
                cl.mentions.append(c)
            elif c.end - c.start == 1 and (c.type == "PER" or (c.source == "model" and _key(doc, c) in person_words)):
                c.type = "PER"  # "Miranda" typed as a place by the model, but named in full as a person
                short_per.append(c)
            else:
                linked = self._lookup(doc, c)
                cl = get(f"kb:{linked}", self.kb.entities[linked].type, linked) if linked else \
                    get(f"{c.type}:{_key(doc, c)}", c.type)
                cl.mentions.append(c)
                if c.countries and not cl.country:
                    cl.country = c.countries[0]
                if c.source == "rule:domain":
                    cl.sector = "JRN"
        self._apply_roles(doc, roles, mentions, by_key, get, when)
        self._acronyms(doc, mentions, by_key, get)
        _speaking_places(doc, by_key)
        names = {k: _name_tokens(doc, cl) for k, cl in by_key.items() if cl.type == "PER"}
        for c in short_per:
            _join_short_name(doc, c, by_key, order, get, names)
        _string_coref(doc, by_key, order)
        self._places_in_countries(doc, by_key)
        _join_place_heads(doc, by_key)
        clusters = [by_key[k] for k in order if by_key[k].mentions]
        for cl in clusters:
            self._finish(doc, cl, when)
        _domestic_default(clusters)
        return sorted(clusters, key=lambda cl: min(m.start for m in cl.mentions))

    def _lookup(self, doc: Doc, c: Cand) -> str | None:
        """A KB entity whose name or alias this unlinked mention spells loosely (case, hyphens), if unique."""
        found = [e for e in self.kb.lookup(doc[c.start:c.end].text) if e.type == c.type or
                 {e.type, c.type} <= {"GPE", "LOC", "FAC"}]
        return found[0].id if len(found) == 1 else None

    def _apply_roles(self, doc, roles, mentions, by_key, get, when) -> None:
        local: dict[tuple[str | None, str | None, str | None], str] = {}
        for rp in roles:
            if rp.person is None:
                continue
            person = mentions[rp.person]
            key = f"kb:{person.kb}" if person.kb else f"PER:{_key(doc, person)}"
            if key not in by_key:  # a one-token name: give it its own cluster now
                get(key, "PER").mentions.append(person)
            cl = by_key[key]
            cl.country = cl.country or rp.country
            cl.sector = cl.sector or rp.sector
            local[(rp.role, rp.country, rp.org)] = key
            if rp.role in ("head_of_state", "head_of_government"):
                local.setdefault(("leader", rp.country, rp.org), key)
        for rp in roles:
            if rp.person is not None or rp.role is None:
                continue
            key = local.get((rp.role, rp.country, rp.org))
            if key is None:
                holder = self._kb_holder(rp, when)
                if holder is None:
                    continue
                key = f"kb:{holder}"
                get(key, "PER", holder)
            by_key[key].mentions.append(Cand(rp.start, rp.end, "PER", by_key[key].kb, f"rule:role:{rp.role}"))

    def _kb_holder(self, rp: RolePhrase, when: date) -> str | None:
        key = (rp.role, rp.country, rp.org, when)
        if key not in self._holder_cache:  # a KB scan per role phrase: a long text repeats the same few
            if len(self._holder_cache) > 4096:
                self._holder_cache.clear()
            self._holder_cache[key] = self._kb_holder_uncached(rp, when)
        return self._holder_cache[key]

    def _kb_holder_uncached(self, rp: RolePhrase, when: date) -> str | None:
        tries = [rp.role]
        if rp.role == "leader":
            tries = ["head_of_state", _LEADER_PARLIAMENTARY]
            if rp.country and self.kb.entities.get(f"cty:{rp.country.lower()}") and getattr(
                    self.kb.entities[f"cty:{rp.country.lower()}"], "leader_role", None):
                tries.insert(0, self.kb.entities[f"cty:{rp.country.lower()}"].leader_role)
        for role in tries:
            holders = self.kb.holders(role, country=rp.country, org=rp.org, on=when)
            if len(holders) == 1:
                return holders[0].id
        return None

    def _acronyms(self, doc, mentions, by_key, get) -> None:
        """``Komisi Pemberantasan Korupsi (KPK)``: the acronym and its later uses join the name."""
        acronyms: dict[str, str] = {}
        for c in mentions:
            if c.type not in ("ORG", "EVENT"):
                continue  # "Gedung Dewan Perwakilan Rakyat (DPR)": the acronym names the body, not the building
            end = c.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and \
                    _ACRONYM.match(doc[end + 1].text) and doc[end + 1].text.upper() == doc[end + 1].text:
                owner = _owner(by_key, c)
                if owner:
                    acronyms[doc[end + 1].text] = owner
        if not acronyms:
            return
        covered = {}
        for key, cl in by_key.items():
            for m in cl.mentions:
                for t in range(m.start, m.end):
                    covered[t] = key
        for tok in doc:
            owner = acronyms.get(tok.text)
            if not owner:
                continue
            other = covered.get(tok.i)
            if other == owner:
                continue
            if other is None:
                by_key[owner].mentions.append(Cand(tok.i, tok.i + 1, by_key[owner].type, by_key[owner].kb, "rule:acronym"))
            elif not by_key[other].kb or not by_key[owner].kb:
                _merge(by_key, into=other if by_key[other].kb else owner, other=owner if by_key[other].kb else other)

    def _places_in_countries(self, doc, by_key) -> None:
        """``wilayah perbatasan Kursk di Rusia``: an unlinked place followed by ``di <country>``."""
        country_at = {m.start: by_key[k] for k, cl in by_key.items() if cl.type == "GPE" and cl.kb
                      for m in cl.mentions}
        for cl in by_key.values():
            if cl.kb or cl.country or cl.type not in ("GPE", "LOC", "FAC"):
                continue
            for m in cl.mentions:
                if m.end + 1 < len(doc) and doc[m.end].lower_ == "di" and (c := country_at.get(m.end + 1)):
                    cl.country = self.kb.entities[c.kb].country
                    break

    def _finish(self, doc: Doc, cl: Cluster, when: date) -> None:
        if cl.kb:
            e = self.kb.entities[cl.kb]
            cl.name, cl.type = e.name, e.type
            cl.country, cl.sector = e.country, e.sector or cl.sector
            if e.type == "PER" and any(r.country == "IGO" and r.active(when) for r in e.roles):
                cl.country = "IGO"  # "Sekjen NATO Mark Rutte": an international official speaks for the IGO
            return
        texts = [doc[m.start:m.end].text for m in cl.mentions if not m.source.startswith("rule:")] or \
            [doc[m.start:m.end].text for m in cl.mentions]
        cl.name = max(texts, key=lambda t: (len(t), not t.isupper()))
        if cl.name.isupper() and len(cl.name) > 4 and cl.type in ("GPE", "LOC", "FAC"):
            cl.name = cl.name.title()  # a dateline's "MOSKOW"
        if cl.type == "PER" and not cl.sector:  # "Kombes Budi": a police officer; "Letkol Budi": a soldier
            cl.sector = next((sector for m in cl.mentions if (sector := rank_sector(
                [t.lower_ for t in doc[max(0, m.start - 4):m.start]]))), None)
        if cl.type == "ORG" and _indonesian_body(cl.name) and (seat := _seat_country(cl.name)):
            cl.country = seat  # "Kementerian Kesehatan Gaza": Gaza's, whatever KB body its first words name
        if cl.type == "ORG" and not cl.sector:
            cl.sector = _org_sector(cl.name)
            if cl.country is None and cl.sector == "GOV" and _indonesian_body(cl.name):
                cl.country = "IDN"


def _join_place_heads(doc: Doc, by_key: dict[str, Cluster]) -> None:
    """``Jalur Gaza`` and ``Gaza``, ``Kota Bandung`` and ``Bandung``: one place (never a country's KB entity;
    a nationality the model found in ``warga Gaza`` is that place too)."""
    def eligible(cl: Cluster) -> bool:
        return bool(cl.mentions) and cl.type in ("GPE", "LOC", "FAC", "NORP") and not (cl.kb or "").startswith("cty:") \
            and not (cl.type == "NORP" and cl.kb)
    forms: dict[str, str] = {}
    for key, cl in by_key.items():
        if eligible(cl):
            for m in cl.mentions:
                forms.setdefault(_key(doc, m), key)
    for key, cl in by_key.items():
        if not eligible(cl) or cl.type == "NORP":
            continue
        for m in list(cl.mentions):
            words = _key(doc, m).split()
            other = forms.get(" ".join(words[1:])) if len(words) > 1 and words[0] in PLACE_HEADS else None
            if other and other != key and by_key[other].mentions and not (cl.kb and by_key[other].kb):
                into, src = (other, key) if by_key[other].kb else (key, other)
                _merge(by_key, into=into, other=src)
                if by_key[into].type == "NORP":
                    by_key[into].type = cl.type
                break


def _speaking_places(doc: Doc, by_key: dict[str, Cluster]) -> None:
    """A place the model found that speaks (``…," ujar Saqib``, ``Suhup mengatakan``) and no gazetteer
    knows is a person (an organisation when its first word says so: ``Serikat Petani``): places never speak. After ``di``/``ke``/``dari`` it stays a place (``polisi di B.C.
    mengatakan``), and a known place is a government speaking (``Selandia Baru menyebutkan``)."""
    from warta.nlp.geo import geocode
    from warta.nlp.quotes.component import load_cues

    cues = load_cues()

    def cue(i: int, positions: tuple[str, ...]) -> bool:
        c = cues.get(doc[i].lower_) if 0 <= i < len(doc) else None
        return c is not None and c.kind == "speech" and not c.clitic and c.position in positions

    def spoken(m: Cand) -> bool:
        left = m.start - 2 if m.start > 1 and doc[m.start - 1].text == "," else m.start - 1
        right = m.end + 1 if m.end < len(doc) and doc[m.end].text == "," else m.end  # "…, Suhup, mengatakan"
        after_prep = m.start > 0 and doc[m.start - 1].lower_ in PLACE_PREPS
        return cue(left, ("after", "both")) or (not after_prep and cue(right, ("before", "both")))

    for cl in by_key.values():
        if cl.type == "GPE" and not cl.kb and cl.mentions and any(spoken(m) for m in cl.mentions) \
                and geocode(doc[cl.mentions[0].start:cl.mentions[0].end].text) is None:
            cl.type = "ORG" if doc[cl.mentions[0].start].lower_ in ORG_WORDS else "PER"  # "Serikat Petani"
            for m in cl.mentions:
                m.type = cl.type


def story_country(counts: dict[str, int]) -> str | None:
    """The country a story is about, from the mentions of each country's people, bodies and places (``counts``):
    Indonesia when it has at least half the mentions of the most named one, else a country named three times or more
    and twice as often as any other (a foreign story: Kathmandu's police and curfew), else None."""
    if counts.get("IDN") and counts["IDN"] * 2 >= max(counts.values()):
        return "IDN"
    ranked = sorted(((n, c) for c, n in counts.items() if c != "IGO"), reverse=True)
    if ranked and ranked[0][0] >= 3 and (len(ranked) < 2 or ranked[0][0] >= 2 * ranked[1][0]):
        return ranked[0][1]
    return None


def _domestic_default(clusters: list[Cluster]) -> None:
    """Unplaced people and bodies are of the story's country (:func:`story_country`; Indonesian in an article that
    names no foreign country). Places get their country from the geocoder, which applies the same default when it
    fails."""
    counts: dict[str, int] = {}
    for cl in clusters:
        if cl.country and cl.type in ("GPE", "PER", "ORG"):
            counts[cl.country] = counts.get(cl.country, 0) + len(cl.mentions)
    country = "IDN" if is_domestic(clusters) else story_country(counts)
    if country is None:
        return
    for cl in clusters:
        if cl.country is None and cl.type in ("PER", "ORG"):
            cl.country = country


def is_domestic(clusters) -> bool:
    """Whether an article names no country but Indonesia (entity clusters or records)."""
    countries = {getattr(cl, "country", None) if not isinstance(cl, dict) else cl["country"] for cl in clusters}
    return not (countries - {"IDN", "IGO", None})


def _doc_date(doc: Doc) -> date:
    raw = doc._.warta_date
    try:
        return date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        return date.today()


def _locative(doc: Doc, c: Cand) -> bool:
    if c.start == 0 or doc[c.start - 1].is_space:
        return c.end < len(doc) and doc[c.end].text in (":", "-", "–", ",")  # dateline "Washington:"
    prev = doc[c.start - 1].lower_
    prev2 = f"{doc[c.start - 2].lower_} {prev}" if c.start > 1 else prev
    return prev in PLACE_CUES or prev2 in PLACE_CUES


def _key(doc: Doc, c: Cand) -> str:
    return re.sub(r"[\s\-]+", " ", doc[c.start:c.end].text).casefold().strip()


def _owner(by_key: dict[str, Cluster], c: Cand) -> str | None:
    for key, cl in by_key.items():
        if any(m is c for m in cl.mentions):
            return key
    return None


def _merge(by_key: dict[str, Cluster], *, into: str, other: str) -> None:
    if into == other:
        return
    target, src = by_key[into], by_key[other]
    target.mentions.extend(src.mentions)
    target.country = target.country or src.country
    target.sector = target.sector or src.sector
    src.mentions = []


def _name_tokens(doc: Doc, cl: Cluster) -> set[str]:
    toks: set[str] = set()
    for m in cl.mentions:
        if not m.source.startswith("rule:"):
            toks.update(_key(doc, m).split())
    return toks


def _join_short_name(doc: Doc, c: Cand, by_key, order, get, names: dict[str, set[str]]) -> None:
    """A one-token person name joins the most-mentioned person whose name contains it.

    ``names`` caches each person cluster's name words (kept current here: one pass, not one per name)."""
    word = _key(doc, c)
    best, best_score = None, (-1, 0)
    for rank, key in enumerate(order):
        cl = by_key[key]
        if cl.type != "PER" or not cl.mentions or word not in names.get(key, ()):
            continue
        score = (len(cl.mentions), -rank)
        if score > best_score:
            best, best_score = key, score
    target = best or f"PER:{word}"
    get(target, "PER").mentions.append(c if best is None else Cand(c.start, c.end, "PER", by_key[target].kb,
                                                                       "coref:short-name"))
    names.setdefault(target, set()).add(word)


def _string_coref(doc: Doc, by_key, order) -> None:
    """Capitalised words the model missed that repeat a person's name word (``Kim, pada gilirannya,``)."""
    covered = {t for cl in by_key.values() for m in cl.mentions for t in range(m.start, m.end)}
    best: dict[str, tuple[tuple[int, int], str]] = {}
    for rank, key in enumerate(order):
        cl = by_key[key]
        if cl.type != "PER" or not cl.mentions:
            continue
        for word in _name_tokens(doc, cl):
            score = (len(cl.mentions), -rank)
            if len(word) >= 3 and (word not in best or score > best[word][0]):
                best[word] = (score, key)
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper() or tok.lower_ in COMMON_CAPITALISED:
            continue
        hit = best.get(tok.lower_)
        if hit and (tok.i + 1 >= len(doc) or not doc[tok.i + 1].text[:1].isupper()):
            cl = by_key[hit[1]]
            cl.mentions.append(Cand(tok.i, tok.i + 1, "PER", cl.kb, "coref:string"))




def _org_sector(name: str) -> str | None:
    low = name.casefold()
    for words, sector in ORG_SECTOR_WORDS:
        if any(low.startswith(w) or f" {w}" in low or (w.startswith(".") and w in low) for w in words):
            return sector
    return None


def _indonesian_body(name: str) -> bool:
    return bool(INDONESIAN_BODY.match(name))


def _seat_country(name: str) -> str | None:
    """The country of the place that closes a government body's name, spelt as the gazetteer spells it
    (``Kementerian Kesehatan Gaza``: PSE, ``Kepolisian Hong Kong``: HKG), else None."""
    from warta.nlp.geo import geocode

    words = name.split()
    for k in (3, 2, 1):
        tail = " ".join(words[-k:])
        if len(words) > k and all(w[:1].isupper() for w in words[-k:]):
            place = geocode(tail)
            if place is not None and place.name == tail and place.country:
                return place.country
    return None


def _set_doc(doc: Doc, clusters: list[Cluster]) -> None:
    records, all_spans, top = [], [], []
    taken = [False] * len(doc)
    for n, cl in enumerate(clusters, start=1):
        eid = f"e{n}"
        mentions = sorted(cl.mentions, key=lambda m: (m.start, -m.end))
        seen = set()
        rec_mentions = []
        for m in mentions:
            if (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            span = doc[m.start:m.end]
            rec_mentions.append([span.start_char, span.end_char, m.source])
            all_spans.append(Span(doc, m.start, m.end, label=cl.type, kb_id=eid))
        records.append({"id": eid, "name": cl.name, "type": cl.type, "country": cl.country, "sector": cl.sector,
                        "kb": cl.kb, "mentions": rec_mentions})
    for span in sorted(all_spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(taken[span.start:span.end]):
            top.append(span)
            for i in range(span.start, span.end):
                taken[i] = True
    doc.ents = sorted(top, key=lambda s: s.start)
    doc.spans[MENTIONS_KEY] = all_spans
    doc._.warta_entities = records
