"""Knowledge-base alias matching (component ``warta_kb_matcher``).

Every alias in the knowledge base (:mod:`warta.nlp.kb`) becomes a spaCy ``PhraseMatcher`` pattern,
tokenized by the pipeline's own (normalising) tokenizer. Matches are stored in
``doc.spans["warta_kb"]`` with ``label_`` = entity type, ``kb_id_`` = KB id and ``id_`` =
the alias kind that matched (name, alias, metonym, demonym). Aliases match case-sensitively;
those of four or more characters also in capitals (``JAKARTA``); multi-word names also in any
case when the text capitalises their first word (``Kantor berita pusat Korea``). Aliases that
start in lower case (descriptions such as ``militer Rusia``) are not matched, demonyms excepted.
A form the KB lists in an entry's ``needs_name`` (``DPP``, in Indonesian a party's central board)
is kept only when another form of the same entry occurs in the document.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from warta.nlp.extensions import register_extensions

log = logging.getLogger(__name__)

SPAN_KEY = "warta_kb"
#: Names this long also match in capitals (``KEMENTERIAN LUAR NEGERI``); gazetteer places need this length.
MIN_UPPER_CHARS = 4
#: Gazetteer kinds matched as mentions (cities and countries come from the KB and the model).
_GAZ_TYPES = {"admin1": "GPE", "region": "LOC", "facility": "FAC"}
#: Multi-word names this long also match in any letter case when the first word is capitalised
#: ("Kantor berita pusat Korea").
MIN_LOWER_CHARS = 10


@Language.factory("warta_kb_matcher", assigns=["doc.spans"], requires=[],
                  default_config={"kb_dir": None, "min_upper_chars": MIN_UPPER_CHARS,
                                  "min_lower_chars": MIN_LOWER_CHARS})
def make_kb_matcher(nlp: Language, name: str, kb_dir: str | None, min_upper_chars: int,
                    min_lower_chars: int) -> KBMatcher:
    """Factory: match every knowledge-base alias (``kb_dir`` None: the bundled KB); aliases of at least
    ``min_upper_chars`` characters also in capitals, multi-word names of at least ``min_lower_chars`` in any
    case after a capital (and gazetteer places of at least ``min_upper_chars``)."""
    return KBMatcher(nlp, kb_dir=kb_dir, min_upper_chars=min_upper_chars, min_lower_chars=min_lower_chars)


class KBMatcher:
    """``Doc → Doc``: KB alias matches into ``doc.spans["warta_kb"]``."""

    def __init__(self, nlp: Language, *, kb_dir: str | None = None, min_upper_chars: int = MIN_UPPER_CHARS,
                 min_lower_chars: int = MIN_LOWER_CHARS) -> None:
        from warta.nlp.kb import load_kb

        register_extensions()
        self.kb = load_kb(kb_dir)
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.upper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        texts, keys, upper_texts, upper_keys, lower_texts, lower_keys = [], [], [], [], [], []
        for alias, kb_id, kind in self.kb.aliases():
            if alias[:1].islower() and kind != "demonym":
                continue  # descriptions such as "militer Rusia" are not names
            key = f"{kb_id}\t{kind}"
            texts.append(alias)
            keys.append(key)
            if len(alias) >= min_upper_chars and alias.upper() != alias:
                upper_texts.append(alias.upper())
                upper_keys.append(key)
            if " " in alias and len(alias) >= min_lower_chars and kind in ("name", "alias"):
                lower_texts.append(alias)
                lower_keys.append(key)
        from warta.nlp.geo import gazetteer_names

        for name, kind, _country in gazetteer_names():
            if kind in _GAZ_TYPES and len(name) >= min_upper_chars:
                texts.append(name)
                keys.append(f"gaz:{kind}\t{_GAZ_TYPES[kind]}")
        tokenizer = nlp.tokenizer
        for matcher, strs, ks in ((self.exact, texts, keys), (self.upper, upper_texts, upper_keys),
                                  (self.lower, lower_texts, lower_keys)):
            by_key: dict[str, list[Doc]] = {}
            for key, doc in zip(ks, tokenizer.pipe(strs), strict=True):
                by_key.setdefault(key, []).append(doc)
            for key, docs in by_key.items():
                matcher.add(key, docs)
        log.debug("KB matcher: %d aliases", len(texts))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        strings = doc.vocab.strings
        for matcher in (self.exact, self.upper, self.lower):
            for match_id, start, end in matcher(doc):
                if matcher is self.lower and not doc[start].text[:1].isupper():
                    continue
                kb_id, kind = strings[match_id].split("\t")
                if kb_id.startswith("gaz:"):  # a gazetteer place: kind holds its entity type
                    spans.append(Span(doc, start, end, label=kind, kb_id=kb_id, span_id="name"))
                    continue
                entity = self.kb.entities[kb_id]
                spans.append(Span(doc, start, end, label=entity.type, kb_id=kb_id, span_id=kind))
        doc.spans[SPAN_KEY] = self._beside_name(spans)
        return doc

    def _beside_name(self, spans: list[Span]) -> list[Span]:
        """Drop matches of a ``needs_name`` form (``DPP``: Taiwan's party) unless the same entry is
        also matched by another of its forms in the document (``Partai Progresif Demokratik``)."""
        from warta.nlp.kb import fold

        def restricted(span: Span) -> bool:
            entity = self.kb.entities.get(span.kb_id_)
            return bool(entity and entity.needs_name) and fold(span.text) in {fold(f) for f in entity.needs_name}

        flagged = [restricted(s) for s in spans]
        if not any(flagged):
            return spans
        named = {s.kb_id_ for s, f in zip(spans, flagged, strict=True) if not f}
        return [s for s, f in zip(spans, flagged, strict=True) if not f or s.kb_id_ in named]
