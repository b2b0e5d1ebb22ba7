"""Train warta's Indonesian tagger + dependency parser (``src/warta/models/parser-id``) reproducibly.

Run from the repository root::

    .venv/bin/python -m warta.training.train_parser --data ../shared/datasets/ud-indonesian --out src/warta/models/parser-id

Steps: read the UD Indonesian treebanks (CSUI, GSD, PUD) with spaCy's own CoNLL-U converter
(multiword tokens such as ``menyetujuinya`` = ``menyetujui`` + ``nya`` merged into one token, as spaCy's
Indonesian tokenizer leaves them), split every file deterministically (:func:`split_of`: every 10th
sentence is held-out test, never trained on; another 5 % is dev for checkpoint selection), write
``training/corpus_parser/{train,dev}.spacy``, train with ``training/parser.cfg`` into
``training/output_parser/`` and copy ``model-best`` to ``out`` with only the files ``spacy.load`` needs
and a filled-in ``meta.json``. The model card (``README.md`` in ``out``) is kept. Held-out scores:
:mod:`warta.training.evaluate_parser`.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

from warta.training import shipping

log = logging.getLogger(__name__)

DEFAULT_DATA = Path("../shared/datasets/ud-indonesian")
DEFAULT_OUT = Path("src/warta/models/parser-id")
DEFAULT_CONFIG = Path("training/parser.cfg")
DEFAULT_CORPUS = Path("training/corpus_parser")
DEFAULT_WORK = Path("training/output_parser")
DEFAULT_MAX_STEPS = 5000

#: Treebank name -> its CoNLL-U files in the data folder (upstream split names do not matter here).
TREEBANKS: dict[str, tuple[str, ...]] = {
    "csui": ("id_csui-ud-train.conllu", "id_csui-ud-test.conllu"),
    "gsd": ("id_gsd-ud-dev.conllu", "id_gsd-ud-test.conllu"),
    "pud": ("id_pud-ud-test.conllu",),
}
SPLITS: tuple[str, ...] = ("train", "dev", "test")
#: Sentence ``i`` (0-based, counted per file) is test if ``i % TEST_EVERY == TEST_EVERY - 1`` …
TEST_EVERY = 10
#: … else dev if ``i % DEV_EVERY == DEV_OFFSET`` (never a test index), else train.
DEV_EVERY = 20
DEV_OFFSET = 4
#: Sentences per training document (multi-sentence docs teach the parser sentence boundaries).
SENTS_PER_DOC = 10

#: What ``spacy.load`` needs from a trained pipeline directory.
KEEP = ("config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "morphologizer", "parser")

META: dict[str, Any] = {
    "name": "parser_id",
    "version": "0.1.0",
    "description": (
        "warta: Indonesian UPOS + UD features (morphologizer) and dependency parser, shared CNN tok2vec, CPU; "
        "trained on UD Indonesian CSUI, GSD (dev/test files) and PUD; share-alike licence"
    ),
    "license": "CC BY-SA 4.0 (UD Indonesian CSUI, GSD) / CC BY-SA 3.0 (PUD)",
    "author": "warta",
    "sources": [
        {
            "name": "UD_Indonesian-CSUI",
            "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI",
            "license": "CC BY-SA 4.0",
            "author": "Universal Dependencies, commit 41dd7f2 (id_csui-ud-train, id_csui-ud-test)",
        },
        {
            "name": "UD_Indonesian-GSD",
            "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD",
            "license": "CC BY-SA 4.0",
            "author": "Universal Dependencies, commit 89491e4 (id_gsd-ud-dev, id_gsd-ud-test)",
        },
        {
            "name": "UD_Indonesian-PUD",
            "url": "https://github.com/UniversalDependencies/UD_Indonesian-PUD",
            "license": "CC BY-SA 3.0",
            "author": "Universal Dependencies, commit 765fb3f (id_pud-ud-test)",
        },
    ],
}

Split = dict[str, dict[str, list[Doc]]]  # split -> treebank -> sentence docs


def split_of(index: int) -> str:
    """Split of the ``index``-th (0-based) sentence of a file: ``"test"`` (10 %), ``"dev"`` (5 %) or ``"train"``."""
    return shipping.stride_split(index, test_every=TEST_EVERY, dev_every=DEV_EVERY, dev_offset=DEV_OFFSET)


def parse_conllu(text: str) -> list[Doc]:
    """One ``Doc`` per CoNLL-U sentence (spaCy's converter, multiword tokens merged, any line ends).

    Tokens carry the gold ``pos_``, ``morph``, ``lemma_``, ``tag_`` (XPOS), ``head`` and ``dep_``
    (UD ``root`` becomes ``ROOT``); ``SpaceAfter=No`` gives the token spacing, so ``doc.text`` is the sentence.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [block.strip() for block in re.split(r"\n[ \t]*\n", text)]
    blocks = [b for b in blocks if any(line and not line.startswith("#") for line in b.split("\n"))]
    if not blocks:
        return []
    return list(conllu_to_docs("\n\n".join(blocks), n_sents=1, merge_subtokens=True, no_print=True))


def load_split(data_dir: str | Path, vocab: Vocab | None = None) -> Split:
    """All treebank sentences of ``data_dir`` by split and treebank (see :func:`split_of`).

    All docs share ``vocab`` (e.g. a loaded model's; a new one by default). Missing files raise ``FileNotFoundError``.
    """
    shared = vocab if vocab is not None else Vocab()
    out: Split = {split: {name: [] for name in TREEBANKS} for split in SPLITS}
    for name, files in TREEBANKS.items():
        for file in files:
            docs = parse_conllu((Path(data_dir) / file).read_text(encoding="utf-8"))
            docs = list(DocBin(docs=docs).get_docs(shared))
            for i, doc in enumerate(docs):
                out[split_of(i)][name].append(doc)
    return out


def group_docs(docs: Sequence[Doc], size: int = SENTS_PER_DOC) -> list[Doc]:
    """Consecutive sentence docs joined ``size`` at a time (one space between sentences)."""
    return [Doc.from_docs(list(docs[i : i + size])) for i in range(0, len(docs), size)]


def convert(data_dir: str | Path, out_dir: str | Path) -> dict[str, Any]:
    """Write ``train.spacy`` and ``dev.spacy`` to ``out_dir``; returns sentence and token counts per split/treebank.

    The test split is never written: :mod:`warta.training.evaluate_parser` reads it from ``data_dir``.
    Sentences are grouped per treebank, so a training doc never mixes treebanks.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    split = load_split(data_dir)
    counts: dict[str, Any] = {}
    for name in SPLITS:
        counts[name] = {tb: {"sentences": len(d), "tokens": sum(map(len, d))} for tb, d in split[name].items()}
        if name == "test":
            continue
        docs = [doc for tb_docs in split[name].values() for doc in group_docs(tb_docs)]
        DocBin(docs=docs).to_disk(out / f"{name}.spacy")
        log.info("%s.spacy: %d docs", name, len(docs))
    return counts


def copy_model(src: Path, dst: Path) -> None:
    """Copy the loadable parts (:data:`KEEP`) of a trained pipeline ``src`` into ``dst``."""
    shipping.copy_model(src, dst, KEEP)


def update_meta(path: Path, extra: dict[str, Any]) -> None:
    """Merge :data:`META` and ``extra`` into the ``meta.json`` at ``path``."""
    shipping.update_meta(path, META, extra)


def main(
    *,
    data_dir: str | Path = DEFAULT_DATA,
    out_dir: str | Path = DEFAULT_OUT,
    seed: int = 0,
    max_steps: int = DEFAULT_MAX_STEPS,
    config: str | Path = DEFAULT_CONFIG,
    corpus_dir: str | Path = DEFAULT_CORPUS,
    work_dir: str | Path = DEFAULT_WORK,
    overrides: dict[str, Any] | None = None,
) -> Path:
    """Convert data, train, and copy the best model to ``out_dir``; returns ``out_dir``.

    ``overrides`` are extra config settings (``{"components.tok2vec.model.encode.depth": 4}``).
    """
    corpus, work, out = Path(corpus_dir), Path(work_dir), Path(out_dir)
    counts = convert(data_dir, corpus)
    log.info("corpus: %s", counts)
    settings: dict[str, Any] = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        "system.seed": seed,
        "training.max_steps": max_steps,
        **(overrides or {}),
    }
    minutes = shipping.train_and_ship(Path(config), work, out, settings=settings, keep=KEEP)
    extra = {"seed": seed, "max_steps": max_steps, "overrides": overrides or {}, "minutes": round(minutes, 1)}
    update_meta(out / "meta.json", {"warta_training": {**extra, "corpus": counts}})
    log.info("model written to %s", out)
    return out


def _setting(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def cli(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ud-indonesian folder (*.conllu)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to put the trained model")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=DEFAULT_MAX_STEPS)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="where the .spacy files go")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="spaCy's training output folder")
    parser.add_argument(
        "--set", type=_setting, action="append", default=[], metavar="KEY=VALUE", help="config override (JSON value)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main(
        data_dir=args.data,
        out_dir=args.out,
        seed=args.seed,
        max_steps=args.max_steps,
        config=args.config,
        corpus_dir=args.corpus,
        work_dir=args.work,
        overrides=dict(args.set),
    )


if __name__ == "__main__":
    cli()
