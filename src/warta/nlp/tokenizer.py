"""A tokenizer that normalises first: spaCy's Indonesian tokenizer over :func:`warta.nlp.normalize`.

``doc.text`` is the normalised text; ``doc._.warta_text`` keeps the text as read and
``doc._.warta_align`` maps offsets back (:func:`warta.nlp.extensions.alignment`).
Registered as ``warta.normalizing_tokenizer.v1`` for the ``[nlp.tokenizer]`` config block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, registry

from warta.nlp.extensions import register_extensions
from warta.nlp.normalize import normalize

#: A run of non-space characters this long is not a word: spaCy's affix search rescans the rest of
#: the run for each affix it peels off (quadratic), so such runs are split by :func:`split_run`.
LONG_RUN = 256
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")
#: Word characters, a run of one repeated symbol (``!!!!``, 8,000 quote marks), or one symbol.
_RUN_TOKEN = re.compile(r"\w+|(\W)\1{3,}|\W")


#: ``Doc.user_data`` key of the Doc's text, kept by the tokenizer: ``Doc.text`` joins every token anew.
TEXT_KEY = "warta_doc_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per Doc (kept in ``doc.user_data``; ``Doc.text`` creates every Token).

    The kept text is checked against the Doc's last token, so a Doc copied with another Doc's user data
    does not get the wrong text.
    """
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc):
        last = doc[-1]
        if len(text) == last.idx + len(last.text_with_ws) and text.startswith(last.text, last.idx):
            return text
    elif isinstance(text, str) and not text:
        return text
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text


def split_run(run: str) -> list[str]:
    """The tokens of a long run without spaces, in one linear pass (words, repeated symbols, symbols)."""
    return [m.group() for m in _RUN_TOKEN.finditer(run)]


#: Chunks (runs between spaces) spaCy's tokenizer may cache; its default, 10,000, fills after a few hundred
#: articles and then nothing new is cached (no eviction). About 60 bytes a chunk.
CACHE_CHUNKS = 100_000


class NormalizingTokenizer:
    """Normalise, then tokenize with the language's default tokenizer (long runs without spaces,
    such as punctuation floods, linearly by :func:`split_run`).

    spaCy caches how it split each chunk, but within one text it stops caching after the first chunk
    that is a special case ("H.", "Rp."), so most chunks of a news article were split by regex on every
    call. Each new chunk is therefore tokenized once on its own first (:meth:`_warm`), which caches it
    exactly as spaCy would have; the tokens are the same, only found faster.
    """

    def __init__(self, base: Callable[[str], Doc]) -> None:
        self.base = base
        self._seen: set[str] = set()
        if hasattr(base, "max_cache_size"):
            base.max_cache_size = max(base.max_cache_size, CACHE_CHUNKS)
        register_extensions()

    def _warm(self, text: str) -> None:
        """Tokenize the chunks of ``text`` not seen before one by one, so that spaCy caches them."""
        seen = self._seen
        if len(seen) >= CACHE_CHUNKS:
            return
        new = set(text.split()).difference(seen)
        if not new:
            return
        base = self.base
        for chunk in new:
            if len(chunk) < LONG_RUN:
                base(chunk)
        seen.update(new)

    def __call__(self, text: str) -> Doc:
        norm, align = normalize(text)
        self._warm(norm)
        doc = self.base(norm) if _LONG_RUN.search(norm) is None else self._with_long_runs(norm)
        doc.user_data[TEXT_KEY] = norm
        doc._.warta_text = text
        doc._.warta_align = align.to_data()
        return doc

    def _with_long_runs(self, text: str) -> Doc:
        """Tokenize ``text`` piece by piece: spaCy between the long runs, :func:`split_run` on them."""
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            if m.start() > pos:
                piece = self.base(text[pos:m.start()])
                words.extend(t.text for t in piece)
                spaces.extend(bool(t.whitespace_) for t in piece)
            run = split_run(m.group())
            words.extend(run)
            spaces.extend([False] * len(run))
            pos = m.end()
            if pos < len(text) and text[pos] == " ":  # the run's trailing space belongs to its last token
                spaces[-1] = True
                pos += 1
        if pos < len(text):
            piece = self.base(text[pos:])
            words.extend(t.text for t in piece)
            spaces.extend(bool(t.whitespace_) for t in piece)
        return Doc(self.base.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:
        """Serialise the wrapped tokenizer."""
        return self.base.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> NormalizingTokenizer:
        """Load the wrapped tokenizer."""
        self.base.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        """Save the wrapped tokenizer."""
        self.base.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> NormalizingTokenizer:
        """Load the wrapped tokenizer."""
        self.base.from_disk(path, **kwargs)
        return self


#: Infixes added to the language's own: a (normalised) double quote mark is always a token of its own,
#: and so is punctuation glued before it, as scraped text has them (``2025."Program``, ``negara,"kata``,
#: ``"(RCD)``); a full stop between a number or an acronym and a capitalised word ends a sentence
#: (``2024.Menurut``, ``WIB.Ia``); a full stop glued to an opening bracket is a token of its own, and so
#: is the bracket (``berakhir.(sumber: X)``, ``datang.(ant)``: a credit after the sentence).
EXTRA_INFIXES = (r'"', r'[,.!?;:](?=")', r'(?<=")[(\[]', r"(?<=[0-9])[.!?](?=[A-Z][a-z])",
                 r"(?<=[A-Z]{2})[.!?](?=[A-Z][a-z])", r"(?<=\w)[.!?](?=[(\[])", r"(?<=\w[.!?])[(\[]")


@registry.tokenizers("warta.normalizing_tokenizer.v1")
def create_normalizing_tokenizer() -> Callable[[Language], NormalizingTokenizer]:
    """Config factory: wraps spaCy's default tokenizer for the pipeline's language (``spacy.Tokenizer.v1``
    with :data:`EXTRA_INFIXES`; built with them from the start, since setting ``infix_finditer`` afterwards
    makes spaCy load its ≈ 32,000 special cases a second time, a third of the pipeline's build time)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    def create(nlp: Language) -> NormalizingTokenizer:
        d = nlp.Defaults
        base = Tokenizer(
            nlp.vocab, rules=d.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex([*(d.infixes or ()), *EXTRA_INFIXES]).finditer,
            token_match=d.token_match, url_match=d.url_match)
        return NormalizingTokenizer(base)

    return create


@registry.tokenizers("warta.no_tokenizer.v1")
def create_no_tokenizer() -> Callable[[Language], Callable[[str], Doc]]:
    """Config factory for a pipeline that only ever receives Docs tokenized elsewhere (warta's parser): a
    rule-less spaCy tokenizer, cheap to build, instead of the language's own with its special cases."""
    from spacy.tokenizer import Tokenizer

    def create(nlp: Language) -> Callable[[str], Doc]:
        return Tokenizer(nlp.vocab)

    return create
