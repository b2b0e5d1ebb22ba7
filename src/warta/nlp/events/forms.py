"""Word forms of a trigger match: a noun or a verb form, a noun referring back (``pertemuan itu``), what is
discussed (``membahas gencatan senjata``), and the words that open another clause."""

from __future__ import annotations

from spacy.tokens import Doc

from warta.lang.id.clause import (
    AFTER_WORDS,
    DEMONSTRATIVES,
    DISCUSS,
    NOT_VERBS,
    RESPONSE_VERBS,
    TOPIC_FILLERS,
    TOPIC_WORDS,
    VERB_FORM_PREFIXES,
)
from warta.lang.id.event_words import AUXILIARIES, CHARGED, DOCUMENT_NOUNS, SKIP_LEFT, STOP
from warta.lang.id.names import THING_HEADS
from warta.lang.id.roles import ROLE_WORDS

#: words that open another clause or join another act: what follows them is not what a request before them asks for
CLAUSE_BREAKS = frozenset({"setelah", "sesudah", "usai", "seusai", "sebelum", "sejak", "karena", "sehingga", "ketika",
                           "saat", "namun", "tetapi", "tapi", "meski", "meskipun", "sementara", "sedangkan", ";",
                           "hingga", "sampai", "lalu", "kemudian", "dan", "serta", "sekaligus", "atau"})


def one_word_noun(lower: list[str], start: int, end: int) -> bool:
    """A one-word trigger that is a noun, not a verb form (``pertemuan``, ``pembicaraan``; not ``bertemu``)."""
    word = lower[start]
    return end - start == 1 and word.isalpha() and not word.startswith(VERB_FORM_PREFIXES)


def noun_trigger(word: str, stem: str, *, surface: bool = False) -> bool:
    """Whether a trigger's first word ``word`` (its lexicon row's first stem ``stem``, a ``surface`` form when the row
    writes it ``=form``) is a noun, whose following name is its doer (``serangan Rusia``, ``demo mahasiswa``,
    ``dialognya``): not a verb form ending alike (``menahan``, ``melakukan``), nor a row's verb form itself
    (``=merusak``), nor a modal heading a verb (``akan membantu``, ``siap mendukung``)."""
    bare = word.removesuffix("nya") == stem and not (surface and verb_form(stem))
    if word.removesuffix("nya") == stem + "kan":
        return False  # a bare verb with its suffix ("Saya perintahkan …", "Serahkan …"), not a noun in -an
    return ((bare or word.endswith(("an", "nya"))) and word not in AUXILIARIES
            and (bare or not word.startswith(VERB_FORM_PREFIXES)))


#: types whose ``pe-…-an`` noun names whom the act was done to right after it: ``penangkapan Budi``, ``penahanan
#: warga Australia`` (events-id/train: both such nouns name their patient). Not attacks: ``penembakan KKB`` in the news
#: is as often the group's shooting as a shooting of it, and a bare ``-an`` noun names the doer (``serangan Israel``)
PATIENT_TYPES = frozenset({"COERCE"})
#: modes of other types whose ``pe-…-an`` noun likewise names whom it was done to: ``pengusiran diplomat Rusia``,
#: ``pembebasan sandera``, ``pemecatan Budi`` (who is expelled, freed, dismissed; never who does it)
PATIENT_MODES = frozenset({"expel", "release", "discontinue"})
#: acts of harm or force: after a topic preposition they are what the clause is about (:func:`about`)
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})


def patient_noun(word: str, event_type: str, mode: str | None = None) -> bool:
    """Whether a nominal trigger ``word`` names its patient right after it: a ``pe-…-an`` noun of a verb of force
    (``penangkapan``, ``penahanan``) or of expelling, freeing or dismissing (``pengusiran``), not a ``pe-…-an`` noun
    of another type (``pemogokan dokter``, ``permintaan DPR``: their doers)."""
    word = word.removesuffix("nya")
    return (event_type in PATIENT_TYPES or mode in PATIENT_MODES) and word.startswith("pe") and word.endswith("an")


def anaphoric(lower: list[str], start: int, end: int) -> bool:
    """A one-word nominal trigger with a demonstrative (``pertemuan itu``, ``serangan udara tersebut``) or after a
    word of time (``seusai pertemuan``, ``setelah serangan``): it refers to an act the article reported before
    (:func:`warta.nlp.events.merge.merge` joins it there)."""
    if not one_word_noun(lower, start, end):
        return False
    if start > 0 and lower[start - 1] in AFTER_WORDS:
        return True
    nxt = lower[end:end + 2]
    if nxt[:1] and nxt[0] in DEMONSTRATIVES:
        return True
    return len(nxt) == 2 and nxt[0].isalpha() and not nxt[0].startswith(VERB_FORM_PREFIXES) and nxt[1] in DEMONSTRATIVES


def topic(lower: list[str], start: int, lo: int) -> bool:
    """Whether the trigger at ``start`` is in the object of a verb of discussing (``membahas soal pengusungan X``,
    ``merundingkan gencatan senjata dan pembebasan sandera``): no verb or clause break between them."""
    if len(lower[start]) > 4 and lower[start].startswith(VERB_FORM_PREFIXES):
        return False  # "membahas dan mengesahkan …": a second verb, not the object
    for i in range(start - 1, max(lo, start - 7) - 1, -1):
        w = lower[i]
        if w in DISCUSS:
            return True
        if w in CLAUSE_BREAKS - {"dan", "serta", "atau"} or not w.isalpha() or (len(w) > 4 and w.startswith(VERB_FORM_PREFIXES)):
            return False
    return False


def noun_phrase_end(lower: list[str], start: int, hi: int) -> int:
    """Where the phrase of a nominal trigger ending at ``start`` ends (before ``hi``): at the next clause break or
    verb form (``penangkapan Y oleh polisi``: all of it; ``penyerangan itu dan meminta aparat``: ``itu``)."""
    return next((k for k in range(start, hi) if lower[k] in CLAUSE_BREAKS or lower[k] == "," or verb_form(lower[k])),
                hi)


def about(lower: list[str], start: int, lo: int, event_type: str) -> bool:
    """Whether the trigger at ``start`` is what the clause is about, not the clause subject's act: an act of harm or
    force after a topic preposition (``terkait penyerangan …``, ``soal kasus penangkapan …``), any act after a verb
    of responding (``menanggapi gugatan itu``)."""
    i = _before_fillers(lower, start, lo)
    return i >= lo and (lower[i] in RESPONSE_VERBS or (event_type in HARM_TYPES and lower[i] in TOPIC_WORDS))


def naming(lower: list[str], start: int, lo: int, event_type: str) -> str | None:
    """Why the nominal act at ``start`` names a thing rather than an act, or None: it follows a document's noun
    (``perjanjian ekstradisi``: ``"document"``) or, an accusation, the noun of the charged (``tersangka dugaan
    korupsi``: ``"label"``)."""
    before = lower[start - 1] if start > lo else ""
    if before in DOCUMENT_NOUNS:
        return "document"
    return "label" if event_type == "ACCUSE" and before in CHARGED else None


def responded(lower: list[str], start: int, lo: int) -> bool:
    """Whether the act at ``start`` is the object of a verb of responding (``tidak menanggapi tuntutan mereka``):
    whom it was aimed at is the one who responds."""
    i = _before_fillers(lower, start, lo)
    return i >= lo and lower[i] in RESPONSE_VERBS


def _before_fillers(lower: list[str], start: int, lo: int) -> int:
    i = start - 1
    while i > lo and lower[i] in TOPIC_FILLERS:
        i -= 1
    return i


#: words that join two predicates of one subject (``X menolak usul itu dan mengecam Y``)
VP_JOINS = frozenset({"dan", "serta"})
#: how far back (tokens) the first of two joined predicates is looked for
VP_REACH = 10


def verb_form(word: str) -> bool:
    """Whether a lower-case word looks like a verb form (``menolak``, ``bertemu``, ``diperiksa``, ``terlibat``)."""
    return len(word) > 4 and word.isalpha() and word.startswith(VERB_FORM_PREFIXES) and word not in NOT_VERBS \
        and word not in ROLE_WORDS


def joined_verb(lower: list[str], trig: int, lo: int) -> int | None:
    """The earlier verb whose subject the verb at ``trig`` shares when ``dan``/``serta`` joins them (``AJI menyatakan
    mendukung aksi itu dan mengancam menggugat …``, ``X bertemu Menlu Y dan mengunjungi Z``: X acts both times, not the
    object between), else None. Only within the clause: never across a clause word (``bahwa``, ``karena``, …)."""
    if not verb_form(lower[trig]):
        return None
    j = trig - 1
    while j >= lo and lower[j] in SKIP_LEFT:
        j -= 1
    if j < lo or lower[j] not in VP_JOINS:
        return None
    for i in range(j - 1, max(lo, j - VP_REACH) - 1, -1):
        if lower[i] in STOP or lower[i] in VP_JOINS:
            return None
        if verb_form(lower[i]):
            return i
    return None


def office_word(doc: Doc, start: int, lo: int, in_title: bool) -> bool:
    """Whether the capitalised word at ``start`` names an office after a capitalised title word (``Direktur
    Penyidikan``, ``Menteri Pertahanan``, ``Deputi Penindakan``; on events-id 18 such nouns in -an, none an event),
    outside the headline, whose every word is capitalised."""
    if in_title or start <= lo or not doc[start].text[:1].isupper():
        return False
    prev = doc[start - 1]
    return prev.text[:1].isupper() and prev.lower_ in ROLE_WORDS


def after_yang(lower: list[str], start: int, i: int) -> bool:
    """Whether ``yang`` opens the verb at ``i``, auxiliaries between (``yang telah dikeluarkan``), from ``start`` on."""
    j = i - 1
    while j >= start and lower[j] in AUXILIARIES:
        j -= 1
    return j >= start and lower[j] == "yang"


def describes_thing(lower: list[str], i: int) -> bool:
    """Whether the role noun at ``i`` describes a thing named before it (``fasilitas militer``, ``fasilitas nuklir dan
    militer``, ``kapal polisi``): no one acting."""
    return (i > 0 and lower[i - 1] in THING_HEADS) or (i > 2 and lower[i - 1] == "dan" and lower[i - 3] in THING_HEADS)
