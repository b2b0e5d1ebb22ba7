"""Part-of-speech tags and dependency arcs where events need them (component ``warta_syntax``).

The tagger and parser (``warta/models/parser-id``, trained on Indonesian Universal Dependencies) run
sentence by sentence, in one batch per Doc. With ``scope = "uncertain"`` (the default) this stage only
hands the event coder a :class:`Tree` that parses on request (:meth:`Tree.ensure`): the coder asks for
the sentences where its word windows are unsure (a nominal or passive trigger missing an argument,
several time expressions to choose between). ``"event_sentences"`` parses every sentence with a
trigger candidate up front, ``"all"`` every sentence. Parsing is the costliest stage; parsing only what
is needed keeps warta at its speed target. The result goes to
``doc._.warta_syntax`` (a :class:`Tree`), not to spaCy's own ``token.head``: setting heads would
let the parser redraw the sentence boundaries that ``warta_sentences`` set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.events.lexicon import default_lexicon, sentence_triggers
from warta.nlp.extensions import SentenceIndex, register_extensions

log = logging.getLogger(__name__)

SCOPES = ("uncertain", "event_sentences", "all")
MAX_SENTENCE_TOKENS = 200  # longer "sentences" (tables, lists) are not parsed (``max_sentence_tokens``)


@dataclass(slots=True)
class Tree:
    """Dependency arcs of one Doc's parsed sentences (``head[i] == -1``: token ``i`` was not parsed)."""

    head: list[int]
    dep: list[str]
    pos: list[str]
    kids: dict[int, list[int]] = field(default_factory=dict)
    #: with scope "uncertain": the parser and Doc that :func:`fulfil` parses on request, until released
    source: tuple[SyntaxParser, Doc] | None = None

    def can_parse(self) -> bool:
        """Whether sentences can still be parsed on request."""
        return self.source is not None

    def release(self) -> None:
        """Forget the parser and the Doc (no more requests; breaks the Doc ↔ tree reference cycle)."""
        self.source = None

    @classmethod
    def empty(cls, n: int) -> Tree:
        """A tree of ``n`` tokens, none parsed."""
        return cls([-1] * n, [""] * n, [""] * n)

    def parsed(self, i: int) -> bool:
        """Whether token ``i`` has an arc."""
        return 0 <= i < len(self.head) and self.head[i] >= 0

    def children(self, i: int) -> list[int]:
        """Dependents of token ``i``, in text order."""
        return self.kids.get(i, [])

    def add_sentence(self, start: int, heads: list[int], deps: list[str], pos: list[str]) -> None:
        """Arcs of a sentence starting at token ``start`` (``heads`` relative to the sentence)."""
        for k, (h, d, p) in enumerate(zip(heads, deps, pos, strict=True)):
            i = start + k
            self.head[i], self.dep[i], self.pos[i] = start + h, d, p
            if h != k:
                self.kids.setdefault(start + h, []).append(i)


@Language.factory("warta_syntax", assigns=["doc._.warta_syntax"], requires=["token.is_sent_start"],
                  default_config={"model": "warta:models/parser-id", "scope": "uncertain", "lexicon": None,
                                  "max_sentence_tokens": MAX_SENTENCE_TOKENS})
def make_syntax(nlp: Language, name: str, model: str, scope: str, lexicon: str | None,
                max_sentence_tokens: int) -> SyntaxParser:
    """Factory of the syntax stage (``model``: a spaCy pipeline with tok2vec/morphologizer/parser;
    ``max_sentence_tokens``: longer "sentences", tables and lists, are not parsed)."""
    if scope not in SCOPES:
        raise ValueError(f"component '{name}': scope must be one of {SCOPES}, got {scope!r}")
    return SyntaxParser(model_path(model), scope=scope, lexicon=lexicon, max_sentence_tokens=max_sentence_tokens)


def model_path(model: str) -> Path:
    """``warta:models/NAME`` → the directory inside the package; other values are paths."""
    from warta.nlp.load import PACKAGE_DIR, SOURCE_PREFIX

    return PACKAGE_DIR / model[len(SOURCE_PREFIX):] if model.startswith(SOURCE_PREFIX) else Path(model)


class SyntaxParser:
    """``Doc → Doc``: ``doc._.warta_syntax``."""

    def __init__(self, path: Path, *, scope: str = "event_sentences", lexicon: str | None = None,
                 max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> None:
        import spacy

        from warta.nlp.load import ModelError

        if not (path / "config.cfg").is_file():
            raise ModelError(f"{path}: the parser model is missing (config.cfg not found); rebuild it with "
                             "python -m warta.training.train_parser")
        # the parser reads Docs warta has tokenized already: its own copy of the Indonesian tokenizer (16k
        # special cases, about a third of the pipeline's build time) is neither built nor read from disk
        from warta.nlp.ops import fast_ops

        with fast_ops():  # matrix products on numpy (warta.nlp.ops)
            self.nlp = spacy.load(path, exclude=["senter", "tokenizer"],
                                  config={"nlp": {"tokenizer": {"@tokenizers": "warta.no_tokenizer.v1"}}})
        self.scope = scope
        self.lexicon = lexicon
        self.max_sentence_tokens = max_sentence_tokens
        register_extensions()

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """The sentences to parse up front (scopes ``event_sentences`` and ``all``)."""
        spans = [(lo, hi) for lo, hi in SentenceIndex(doc).spans if hi - lo <= self.max_sentence_tokens]
        if self.scope == "all":
            return spans
        all_spans = SentenceIndex(doc).spans
        found = sentence_triggers(doc, default_lexicon(self.lexicon), all_spans)
        return [(lo, hi) for (lo, hi), m in zip(all_spans, found, strict=True) if m and hi - lo <= self.max_sentence_tokens]

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        tree = Tree.empty(len(doc))
        if self.scope == "uncertain":
            tree.source = (self, doc)
        else:
            fill(self, [(doc, tree, self.sentences(doc))])
        doc._.warta_syntax = tree
        return doc


def headline_case(words: list[str]) -> bool:
    """Whether a sentence is written in headline case (Indonesian news titles capitalise every word): at least
    three words of three letters or more, and all but one of them capitalised (not all upper case)."""
    long = [w for w in words if len(w) >= 3 and w.isalpha()]
    caps = sum(1 for w in long if w[0].isupper() and not w.isupper())
    return len(long) >= 3 and caps >= len(long) - 1 and caps >= 3


def fill(parser: SyntaxParser, jobs: list[tuple[Doc, Tree, list[tuple[int, int]]]]) -> None:
    """Parse the sentence spans of several Docs in one batch into their trees (arrays, not Token objects:
    creating a spaCy Token costs more than reading its attributes from ``to_array``)."""
    subdocs, where = [], []
    for doc, tree, spans in jobs:
        arr = doc.to_array(["ORTH", "SPACY"])
        strings = doc.vocab.strings
        names = {i for span in doc.spans.get("warta_mentions", []) for i in range(span.start, span.end)}
        for lo, hi in spans:
            words = [strings[int(o)] for o in arr[lo:hi, 0]]
            if headline_case(words):  # "Polisi Tangkap Dua Pelaku": parse it as "Polisi tangkap dua pelaku"
                words = [w if lo + k in names or k == 0 else w.lower() for k, w in enumerate(words)]
            subdocs.append(Doc(parser.nlp.vocab, words=words, spaces=[bool(sp) for sp in arr[lo:hi, 1]]))
            where.append((tree, lo))
    for (tree, lo), sub in zip(where, parser.nlp.pipe(subdocs, batch_size=256), strict=True):
        arr = sub.to_array(["HEAD", "DEP", "POS"])
        strings = sub.vocab.strings
        tree.add_sentence(lo, [k + int(rel) for k, rel in enumerate(arr[:, 0].astype("int64"))],
                          [strings[int(d)] for d in arr[:, 1]], [strings[int(p)] for p in arr[:, 2]])


def fulfil(requests: list[tuple[Tree, list[tuple[int, int]]]]) -> None:
    """Parse the sentences requested of several on-request trees (scope ``uncertain``), one batch per parser."""
    by_parser: dict[int, tuple[SyntaxParser, list]] = {}
    for tree, spans in requests:
        if tree.source is None:
            continue
        parser, doc = tree.source
        todo = [(lo, hi) for lo, hi in spans if hi - lo <= parser.max_sentence_tokens and not tree.parsed(lo)]
        if todo:
            by_parser.setdefault(id(parser), (parser, []))[1].append((doc, tree, todo))
    for parser, jobs in by_parser.values():
        fill(parser, jobs)
