"""Named entities from warta's trained NER model, decoded without spaCy's transition loop (component ``ner``).

The model (``warta/models/ner-id``) is spaCy's transition-based entity recognizer. spaCy's own greedy
decoder, as compiled in spaCy 3.8, takes and releases the interpreter lock several times per token
while it checks which moves are valid, which made the loop cost more than the network. This component
runs the same network (token vectors, precomputed feature vectors, hidden layer, upper layer) and the
same BILUO moves and validity rules, but decodes in two parts:

* every token is scored at once in the state where no entity is open (features: the token, no
  entity start, no previous entity token), and the best valid move there is chosen for all tokens;
* only from a ``B-`` move on, the tokens of the open entity are scored one by one with the entity's
  start and the previous token as features, until ``L-`` closes it.

Docs with preset entity annotations (``ent_iob`` set before this stage) and models with unseen
classes are decoded by spaCy itself, whose rules for presets this decoder does not repeat.
The model is loaded without its own copy of the Indonesian tokenizer (warta tokenizes), and built with
:mod:`warta.nlp.ops` so that its matrix products run on numpy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)


@Language.factory("warta_ner", assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
                  default_config={"model": "warta:models/ner-id"})
def make_ner(nlp: Language, name: str, model: str) -> WartaNer:
    """Factory of the entity recognizer (``model``: a spaCy pipeline directory holding an ``ner`` component)."""
    from warta.nlp.syntax import model_path

    return WartaNer(nlp, model_path(model), name=name)


@dataclass(frozen=True, slots=True)
class Moves:
    """The model's moves by kind: column indices into its scores (``labels[i]``: the label of ``begin[i]`` …)."""

    labels: tuple[str, ...]
    begin: numpy.ndarray
    inside: numpy.ndarray
    last: numpy.ndarray
    unit: numpy.ndarray
    out: int

    @classmethod
    def of(cls, names: list[str]) -> Moves:
        """Moves from spaCy's class names (``B-PER``, ``I-PER``, ``L-PER``, ``U-PER``, ``O``, ``U-``)."""
        by_kind: dict[str, dict[str, int]] = {}
        for i, name in enumerate(names):
            kind, _, label = name.partition("-")
            if label or kind == "O":
                by_kind.setdefault(kind, {})[label] = i
        labels = tuple(by_kind.get("B", {}))
        if "O" not in by_kind or any(set(by_kind.get(k, {})) != set(labels) for k in "BILU"):
            raise ValueError(f"not a BILUO entity model: moves {names}")
        cols = {k: numpy.array([by_kind[k][lab] for lab in labels], dtype="int64") for k in "BILU"}
        return cls(labels, cols["B"], cols["I"], cols["L"], cols["U"], by_kind["O"][""])


class WartaNer:
    """``Doc → Doc``: ``doc.ents`` from the trained model (the same entities spaCy's decoder finds)."""

    def __init__(self, nlp: Language, path: Path, *, name: str = "ner") -> None:
        import spacy

        from warta.nlp.load import ModelError
        from warta.nlp.ops import fast_ops

        if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
            raise ModelError(f"component '{name}': model directory {path} is missing or incomplete (needs "
                             "config.cfg and meta.json; rebuild it with python -m warta.training.train_ner)")
        try:
            with fast_ops():
                inner = spacy.load(path, exclude=["tokenizer"],
                                   config={"nlp": {"tokenizer": {"@tokenizers": "warta.no_tokenizer.v1"}}})
            self.ner = inner.get_pipe("ner")
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"component '{name}': could not load the NER model {path}: "
                             f"{type(exc).__name__}: {exc}") from exc
        self.name = name
        self.model = self.ner.model
        names = [self.ner.moves.get_class_name(i) for i in range(self.ner.moves.n_moves)]
        self.moves = Moves.of(names)
        lower = self.model.get_ref("lower")
        #: whether :meth:`predict` decodes this model (else spaCy does): greedy decoding, features (token,
        #: entity start, previous token), an upper layer, every class seen in training
        self.exact = (self.ner.cfg.get("beam_width", 1) == 1 and lower.get_dim("nF") == 3
                      and self.model.attrs.get("has_upper", False) and not self.model.attrs.get("unseen_classes"))
        for label in self.moves.labels:  # Span labels are read from the Docs' vocabulary
            nlp.vocab.strings.add(label)

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels the model predicts."""
        return self.moves.labels

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotate Docs in batches of ``batch_size``."""
        it = iter(stream)
        while batch := list(islice(it, batch_size)):
            self.set_annotations(batch)
            yield from batch

    def set_annotations(self, docs: list[Doc]) -> None:
        """Set ``doc.ents`` of ``docs`` (decoded together)."""
        todo = [d for d in docs if len(d)]
        if not todo:
            return
        if not self.exact or any(d.has_annotation("ENT_IOB") for d in todo):
            self.ner.set_annotations(todo, self.ner.predict(todo))
            return
        for doc, ents in zip(todo, self.predict(todo), strict=True):
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")

    def predict(self, docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
        """``(start, end, label)`` of the entities of each (non-empty) Doc."""
        tok2vec, lower, upper = self.model.layers
        vectors = tok2vec.predict(docs)
        cached, _ = lower(vectors, is_train=False)  # (1 + tokens, features, hidden, pieces); row 0: padding
        n_rows, n_feats, n_hidden, n_pieces = cached.shape
        feats = cached.reshape(n_rows, n_feats, n_hidden * n_pieces)
        bias = lower.get_param("b").reshape(-1)
        weights, upper_bias = upper.get_param("W"), upper.get_param("b")
        moves = self.moves
        # scores of every token with no entity open: (token, none, none), summed in spaCy's order
        closed = feats[1:, 0] + feats[0, 1]
        for f in range(2, n_feats):
            closed += feats[0, f]
        closed += bias
        scores = _maxout(closed.reshape(-1, n_hidden, n_pieces)) @ weights.T + upper_bias

        sent_start, is_space, last = [], [], []
        for doc in docs:
            arr = doc.to_array(["SENT_START", "IS_SPACE"])
            sent_start.append(arr[:, 0] == 1)
            is_space.append(arr[:, 1].astype(bool))
            end = numpy.zeros(len(doc), dtype=bool)
            end[-1] = True
            last.append(end)
        sent_start_all = numpy.concatenate(sent_start)
        space = numpy.concatenate(is_space)
        at_end = numpy.concatenate(last)
        # B- needs a next token in the same sentence and no space; U- no space; O is always valid
        next_starts = numpy.append(sent_start_all[1:], False)
        valid = numpy.zeros_like(scores, dtype=bool)
        valid[:, moves.out] = True
        valid[numpy.ix_(~space & ~at_end & ~next_starts, moves.begin)] = True
        valid[numpy.ix_(~space, moves.unit)] = True
        best = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)

        kind = numpy.full(scores.shape[1], -1, dtype="int64")
        kind[moves.begin], kind[moves.unit] = 0, 1
        label_of = {int(c): lab for cols in (moves.begin, moves.unit)
                    for c, lab in zip(cols, moves.labels, strict=True)}
        out: list[list[tuple[int, int, str]]] = []
        offset = 0
        for doc in docs:
            n = len(doc)
            ents: list[tuple[int, int, str]] = []
            doc_best = best[offset:offset + n]
            following = sent_start_all[offset + 1:offset + n]
            resume = 0
            for t in numpy.flatnonzero(kind[doc_best] >= 0).tolist():
                if t < resume:
                    continue
                move = int(doc_best[t])
                label = label_of[move]
                if kind[move] == 1:
                    ents.append((t, t + 1, label))
                    continue
                j = moves.labels.index(label)
                end = self._close(feats, bias, weights, upper_bias, offset, t, n, following,
                                  int(moves.inside[j]), int(moves.last[j]))
                ents.append((t, end, label))
                resume = end
            out.append(ents)
            offset += n
        return out

    @staticmethod
    def _close(feats, bias, weights, upper_bias, offset: int, start: int, n: int, following, col_in: int,
               col_last: int) -> int:
        """The end of the entity begun at token ``start``: each next token continues it (``I-``) or closes it
        (``L-``), scored with (token, entity start, previous token) as features; the only valid moves."""
        pair = numpy.array([col_in, col_last])
        w, b = weights[pair], upper_bias[pair]
        n_hidden = w.shape[1]
        first = feats[1 + offset + start, 1]
        t = start + 1
        while True:
            if t + 1 >= n or following[t]:  # no next token in this sentence: only L- is valid
                return t + 1
            g = offset + t
            row = feats[1 + g, 0] + first
            row += feats[g, 2]  # previous token: row 1 + (g - 1)
            row += bias
            s_in, s_last = w @ _maxout(row.reshape(n_hidden, -1)) + b
            if s_last > s_in or (s_last == s_in and col_last < col_in):
                return t + 1
            t += 1


def _maxout(x: numpy.ndarray) -> numpy.ndarray:
    """The maximum over the last axis (the maxout pieces: few, so elementwise maxima beat a reduction)."""
    out = x[..., 0]
    for p in range(1, x.shape[-1]):
        out = numpy.maximum(out, x[..., p])
    return out
