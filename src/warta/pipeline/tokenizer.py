"""A tokenizer that normalises first: spaCy's Indonesian tokenizer over :func:`warta.normalize`.

``doc.text`` is the normalised text; ``doc._.warta_text`` keeps the text as read and
``doc._.warta_align`` maps offsets back (:func:`warta.pipeline.extensions.alignment`).
Registered as ``warta.normalizing_tokenizer.v1`` for the ``[nlp.tokenizer]`` config block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, registry

from warta.normalize import normalize
from warta.pipeline.extensions import register_extensions


class NormalizingTokenizer:
    """Normalise, then tokenize with the language's default tokenizer."""

    def __init__(self, base: Callable[[str], Doc]) -> None:
        self.base = base
        register_extensions()

    def __call__(self, text: str) -> Doc:
        norm, align = normalize(text)
        doc = self.base(norm)
        doc._.warta_text = text
        doc._.warta_align = align.to_data()
        return doc

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
#: (``2024.Menurut``, ``WIB.Ia``).
EXTRA_INFIXES = (r'"', r'[,.!?;:](?=")', r'(?<=")[(\[]', r"(?<=[0-9])[.!?](?=[A-Z][a-z])",
                 r"(?<=[A-Z]{2})[.!?](?=[A-Z][a-z])")


@registry.tokenizers("warta.normalizing_tokenizer.v1")
def create_normalizing_tokenizer() -> Callable[[Language], NormalizingTokenizer]:
    """Config factory: wraps spaCy's default tokenizer for the pipeline's language."""
    default = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def create(nlp: Language) -> NormalizingTokenizer:
        base = default(nlp)
        base.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *EXTRA_INFIXES]).finditer
        return NormalizingTokenizer(base)

    return create
