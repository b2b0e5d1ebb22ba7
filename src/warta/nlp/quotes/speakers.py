"""Speaker resolution for quotes: who said it, as an entity id.

In order: the entity named after an attribution cue (``"…," kata Hasyim``, ``sebut keterangan
dari Kemenlu AS``); a clitic cue (``tambahnya``, ``katanya``) or pronoun (``ia``, ``dia``,
``beliau``) → the last speaker, else the last person mentioned; the subject before a cue in
the same clause (``Trump menulis: "…"``; after ``bahwa`` the reported clause has its own
subject; ``dengan mengatakan`` takes the sentence's subject); an unnamed official takes the
organisation or country named with them (``Seorang ajudan Kremlin`` → Kremlin; the entity
stage already links those mentions); a quote with no cue continues the previous speaker or
takes its sentence's subject, unless a person was named between the quotes. A generic subject
(``Analis mengatakan``) gives no speaker. A ``Kami …`` quote credited to an organisation goes to
the last person quoted who is named as its member (``Juru bicara KPK Ali``; ``Ali, juru bicara KPK``).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from spacy.tokens import Doc

from warta.lang.id.quote_words import ADVERBS, PRONOUNS, STOP_AFTER
from warta.nlp.extensions import link_line_tokens
from warta.nlp.name_spans import is_role_word

#: how many tokens after an organisation or country its holder's title may run before the holder's name
TITLE_REACH = 8
#: punctuation inside a title phrase: an apposition's comma, a bracketed acronym (``Kementerian Luar Negeri (Kemlu)``)
TITLE_PUNCT = frozenset({",", "(", ")"})


class SpeakerResolver:
    """Resolves speakers for the quotes of one Doc (mention data from the entity stage)."""

    def __init__(self, doc: Doc, cues, sents) -> None:
        self.doc = doc
        self.sents = sents
        self.cues = cues
        self.types: dict[str, str] = {r["id"]: r["type"] for r in (doc._.warta_entities or [])}
        #: news outlets report statements; they make them only when nothing else is named
        self.media: set[str] = {r["id"] for r in (doc._.warta_entities or []) if r.get("sector") == "JRN"}
        self.at: dict[int, tuple[str, int, int]] = {}
        spans = doc.spans.get("warta_mentions", [])
        for span in sorted(spans, key=lambda s: s.end - s.start):
            for i in range(span.start, span.end):
                self.at[i] = (span.kb_id_, span.start, span.end)
        self.quoted: set[int] = set()
        # sorted token positions, filled by _index() once the quotes are known: every lookup is a bisection,
        # so a text with thousands of quote marks or cues stays linear
        self.lower: list[str] = []
        self.cues_before: list[int] = []
        self.named: list[int] = []  # mentions outside quotes, news outlets left out
        self.media_at: list[int] = []  # mentions of news outlets outside quotes
        self.persons: list[int] = []  # person mentions outside quotes, outlets left out
        self.any_person: list[int] = []  # person mentions outside quotes
        self.bahwa: list[int] = []
        self.alpha_before: list[int] = [0]  # words (alphabetic tokens) before each token index
        self.spoken: list[str] = []  # the speakers of the quotes so far, in order
        self._members: set[tuple[str, str]] | None = None
        self.last: str | None = None
        self.prev_end = -1  # where the previous quote ended

    # -- public ------------------------------------------------------------------------------
    def resolve(self, quotes) -> None:
        """Set ``speaker`` and ``cue`` on each quote, in document order."""
        for q in quotes:
            if q.direct:
                self.quoted.update(range(q.start, q.end))
        if not quotes:
            return
        self._index()
        prev_end = -10
        for q in quotes:
            self.prev_end = prev_end
            speaker = self._resolve_one(q, continuing=self._continues(prev_end, q))
            if speaker and q.direct and self.types.get(speaker) == "ORG" and _first_person_plural(self.doc, q):
                speaker = self._member_speaker(speaker) or speaker
            q.speaker = speaker
            if speaker:
                self.last = speaker
                self.spoken.append(speaker)
            prev_end = q.end

    def _index(self) -> None:
        doc, strings = self.doc, self.doc.vocab.strings
        self.lower = [strings[int(k)] for k in doc.to_array("LOWER")] if len(doc) else []
        self.alpha_before = [0, *accumulate(int(a) for a in doc.to_array("IS_ALPHA"))] if len(doc) else [0]
        for j, low in enumerate(self.lower):
            cue = self.cues.get(low)
            if cue and cue.kind != "report" and cue.position in ("before", "both") and j not in self.quoted:
                self.cues_before.append(j)
            elif low == "bahwa":
                self.bahwa.append(j)
        furniture = link_line_tokens(doc)  # "Baca juga: …" lines: another article's people, never a speaker here
        for i in sorted(self.at):
            if i in self.quoted or i in furniture:
                continue
            eid = self.at[i][0]
            person = self.types.get(eid) == "PER"
            if person:
                self.any_person.append(i)
            if eid in self.media:
                self.media_at.append(i)
                continue
            self.named.append(i)
            if person:
                self.persons.append(i)

    # -- one quote ---------------------------------------------------------------------------
    def _resolve_one(self, q, *, continuing: bool) -> str | None:
        doc = self.doc
        if not q.direct:
            cue_i = q.cue_token
            if q.cue == "menurut":
                if self.lower[cue_i] == "menurutnya" or self.lower[cue_i + 1] in PRONOUNS:
                    return self._referent(q.start)  # "Menurut dia, …", "Menurutnya, …": the one just named
                return self._first_mention(cue_i + 1, q.start)
            if cue_i is not None and cue_i >= q.end:
                return self._after_cue(cue_i, q.start)
            return self._subject(cue_i)
        # a cue right after the closing mark: "…," kata X
        i = q.end
        while i < len(doc) and i - q.end < 4 and (doc[i].text in ('"', ",", "'") or doc[i].is_space):
            i += 1  # "…,"\nkata X: scraped text may break the paragraph before the attribution
        if i < len(doc) and (cue := self.cues.get(doc[i].lower_)) and cue.position in ("after", "both") \
                and cue.kind != "report":
            q.cue, q.cue_token = doc[i].lower_, i
            return self._after_cue(i, q.start) or (self.last if continuing or cue.form in ("lanjut", "demikian")
                                                   else None)
        # a cue before the opening mark in the same sentence: X menulis: "…"
        sent_start, _ = self.sents.bounds(q.start)
        j = _last_before(self.cues_before, q.start)
        if j >= sent_start:
            q.cue, q.cue_token = self.lower[j], j
            return self._subject(j)
        if continuing and self.last:
            # a person introduced between the quotes takes the next one (Budi: "…". Menteri X menanggapi.
            # "Kami …"); with nobody new it continues
            person, at = self._last_person(q.start)
            return person if person is not None and at > self.prev_end else self.last
        # no cue: the person named in its sentence, else the one named since the last quote
        # (Menteri X tiba. "Kami siap …"), else the last speaker
        return self._first_mention(sent_start, q.start - 1, person_only=True) or self._referent(q.start)

    def _member_speaker(self, org: str) -> str | None:
        """The last person quoted so far who is named as a member of ``org`` (``Juru bicara KPK Ali``,
        ``Ali, juru bicara KPK``): a ``Kami …`` quote credited to the organisation is theirs."""
        if self._members is None:
            self._members = _memberships(self.doc, self.types)
        return next((p for p in reversed(self.spoken[-50:]) if (p, org) in self._members), None)

    def _continues(self, prev_end: int, q) -> bool:
        if prev_end < 0:
            return False
        return self.alpha_before[max(prev_end, q.start)] - self.alpha_before[prev_end] <= 12

    def _referent(self, before: int) -> str | None:
        """Whom ``-nya``/``ia`` after a quote starting at ``before`` means: a person named since the previous
        quote (``Komisioner X menyayangkan …. "…," ujarnya``), else the last speaker, else the last person."""
        person, at = self._last_person(before)
        if person is not None and at > self.prev_end:
            return person
        return self.last or person

    def _after_cue(self, cue_i: int, before: int) -> str | None:
        doc = self.doc
        cue = self.cues.get(doc[cue_i].lower_)
        if cue and cue.clitic:
            return self._referent(before)
        first, person = None, None
        for i in range(cue_i + 1, min(len(doc), cue_i + 12)):
            t = doc[i]
            if i not in self.at and (t.lower_ in STOP_AFTER or (t.is_space and "\n" in t.text)):
                break
            if t.lower_ in PRONOUNS and first is None:
                return self._referent(before)
            if i in self.at:
                eid = self.at[i][0]
                if eid not in self.media:  # "kata Putin kepada AFP", "ujar juru bicara, dikutip Reuters"
                    first = first or eid
                if self.types.get(eid) == "PER":
                    person = eid
                    break
        return person or first

    def _subject(self, cue_i: int | None) -> str | None:
        if cue_i is None:
            return None
        doc = self.doc
        start, _ = self.sents.bounds(cue_i)
        if cue_i > start and doc[cue_i - 1].lower_ in ("dengan", "sambil", "seraya"):
            return self._subject_mention(start, cue_i)
        start = max(start, _last_before(self.bahwa, cue_i) + 1)
        # a person right before the cue (a few adverbs allowed between)
        j = cue_i - 1
        while j >= max(start, cue_i - 8) and (self.lower[j] in ADVERBS or self.lower[j].isspace()):
            j -= 1
        if j >= start and j in self.at and j not in self.quoted:
            return self.at[j][0]
        if j >= start and doc[j].lower_ in PRONOUNS:
            return self._referent(j)  # "Ia mengatakan …": whoever was named since the last quote, else its speaker
        return self._subject_mention(start, cue_i)

    def _subject_mention(self, start: int, end: int) -> str | None:
        """The first entity named in ``[start, end)`` (:meth:`_first_mention`), or the person its title phrase
        goes on to name when it is an organisation or country in that person's title (``Juru bicara Fraksi PKB,
        Budi, mengatakan``; ``Menteri Luar Negeri Turki Hakan Fidan … menyatakan``): the subject is the person."""
        i = _first_from(self.named, start)
        if i >= end or self.types.get(self.at[i][0]) == "PER":
            return self._first_mention(start, end)
        k = self.at[i][2]
        while k < min(end, self.at[i][2] + TITLE_REACH):
            if k in self.at and k not in self.quoted:
                if self.types.get(self.at[k][0]) == "PER":
                    return self.at[k][0]
                k = self.at[k][2]  # another body or place of the title (``Kejati Riau``)
                continue
            tok = self.doc[k]
            if not (tok.text in TITLE_PUNCT or tok.text[:1].isupper() or is_role_word(tok, after_role=True)):
                break
            k += 1
        return self.at[i][0]

    def _first_mention(self, start: int, end: int, *, person_only: bool = False) -> str | None:
        """The first entity named in tokens ``[start, end)`` outside quotes (``person_only``: the first
        person); a news outlet only when nothing else is named."""
        i = _first_from(self.persons if person_only else self.named, start)
        if i < end:
            return self.at[i][0]
        if person_only:
            return None
        i = _first_from(self.media_at, start)
        return self.at[i][0] if i < end else None

    def _last_person(self, i: int) -> tuple[str | None, int]:
        """The last person mentioned before token ``i`` outside quotes, and where (``(None, -1)``: nobody)."""
        j = _last_before(self.any_person, i)
        return (self.at[j][0], j) if j >= 0 else (None, -1)


def _last_before(positions: list[int], i: int) -> int:
    """The largest position below ``i`` in the sorted ``positions``, or -1."""
    k = bisect_left(positions, i)
    return positions[k - 1] if k else -1


def _first_from(positions: list[int], i: int) -> int:
    """The smallest position at or after ``i`` in the sorted ``positions``, or a huge number."""
    k = bisect_left(positions, i)
    return positions[k] if k < len(positions) else 1 << 62


def _first_person_plural(doc: Doc, q) -> bool:
    """A quote that speaks as ``kami`` (we, excluding the listener) within its first words."""
    return any(t.lower_ == "kami" for t in doc[q.start:min(q.end, q.start + 8)])


def _memberships(doc: Doc, types: dict[str, str]) -> set[tuple[str, str]]:
    """(person, organisation) pairs written as a role phrase around the person's name: the
    organisation within a few title words before it (``Juru Bicara KPK Ali Fikri``) or in an
    appositive after a comma (``Ali Fikri, juru bicara KPK``)."""
    spans = sorted(doc.spans.get("warta_mentions", []), key=lambda sp: (sp.start, -sp.end))
    orgs = [(sp.start, sp.end, sp.kb_id_) for sp in spans if types.get(sp.kb_id_) == "ORG"]
    org_starts = [o[0] for o in orgs]
    pairs: set[tuple[str, str]] = set()

    def title_words(a: int, b: int) -> bool:
        return all(doc[i].text[:1].isupper() or is_role_word(doc[i], after_role=True) for i in range(a, b))

    for sp in spans:
        if types.get(sp.kb_id_) != "PER":
            continue
        lo = bisect_left(org_starts, sp.start - 40)  # organisation names are short: look only nearby
        for start, end, org in orgs[lo:bisect_left(org_starts, sp.end + 7)]:
            before = sp.start - 5 <= end <= sp.start and title_words(end, sp.start)
            after = (sp.end < len(doc) and doc[sp.end].text == "," and sp.end + 1 < start <= sp.end + 6
                     and title_words(sp.end + 1, start))
            if before or after:
                pairs.add((sp.kb_id_, org))
    return pairs
