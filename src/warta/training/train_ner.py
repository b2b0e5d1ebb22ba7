"""Train warta's Indonesian NER model (``src/warta/models/ner-id``) reproducibly.

Run from the repository root::

    .venv/bin/python -m warta.training.train_ner --data ../shared/datasets/idner-news-2k \
        --ner-ud ../shared/datasets/ner-ud --out src/warta/models/ner-id

Steps: convert idner-news-2k, ner-ud and warta's own sentences to ``training/corpus/*.spacy``
(:func:`warta.training.ner_data.convert`), train with ``training/ner.cfg`` into ``training/output/``
(spaCy keeps the best dev score: ``model-best``), then copy ``model-best`` to ``out`` with only the files
``spacy.load`` needs and a filled-in ``meta.json``. The model card (``README.md`` in ``out``) is kept.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from warta.training import shipping
from warta.training.ner_data import convert

log = logging.getLogger(__name__)

DEFAULT_DATA = Path("../shared/datasets/idner-news-2k")
DEFAULT_NER_UD = Path("../shared/datasets/ner-ud")
DEFAULT_OUT = Path("src/warta/models/ner-id")
DEFAULT_CONFIG = Path("training/ner.cfg")
DEFAULT_CORPUS = Path("training/corpus")
DEFAULT_WORK = Path("training/output")
DEFAULT_MAX_STEPS = 8000

#: What ``spacy.load`` needs from a trained pipeline directory.
KEEP = ("config.cfg", "meta.json", "tokenizer", "vocab", "ner")

META: dict[str, Any] = {
    "name": "ner_id",
    "version": "0.2.0",
    "description": "warta: Indonesian news NER (PER ORG GPE LOC FAC NORP EVENT), CNN tok2vec inside ner, CPU",
    "license": (
        "CC BY-SA 4.0 (share-alike: trained on ner-ud / UD Indonesian CSUI, GSD; PUD CC BY-SA 3.0) "
        "+ MIT (idner-news-2k) + Apache-2.0 (warta's own sentences and code)"
    ),
    "author": "warta",
    "sources": [
        {
            "name": "idner-news-2k",
            "url": "https://github.com/khairunnisaor/idner-news-2k",
            "license": "MIT",
            "author": "Khairunnisa, Imankulova & Komachi (2020), commit 625ff40",
        },
        {
            "name": "ner-ud (UD Indonesian CSUI, GSD, PUD sentences with warta's seven entity types)",
            "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI (also -GSD, -PUD): the sentence texts",
            "license": "CC BY-SA 4.0 (PUD sentences: CC BY-SA 3.0)",
            "author": "entity annotation made for warta; texts: Universal Dependencies treebanks",
        },
        {"name": "warta own annotated sentences (src/warta/training/own)", "license": "Apache-2.0"},
    ],
}


def copy_model(src: Path, dst: Path) -> None:
    """Copy the loadable parts (:data:`KEEP`) of a trained pipeline ``src`` into ``dst``."""
    shipping.copy_model(src, dst, KEEP)


def update_meta(path: Path, extra: dict[str, Any]) -> None:
    """Merge :data:`META` and ``extra`` into the ``meta.json`` at ``path``."""
    shipping.update_meta(path, META, extra)


def main(
    *,
    data_dir: str | Path = DEFAULT_DATA,
    ner_ud_dir: str | Path | None = DEFAULT_NER_UD,
    out_dir: str | Path = DEFAULT_OUT,
    seed: int = 0,
    max_steps: int = DEFAULT_MAX_STEPS,
    config: str | Path = DEFAULT_CONFIG,
    corpus_dir: str | Path = DEFAULT_CORPUS,
    work_dir: str | Path = DEFAULT_WORK,
) -> Path:
    """Convert data, train, and copy the best model to ``out_dir``; returns ``out_dir``.

    ``ner_ud_dir`` ``None`` trains without ner-ud (idner-news-2k and warta's own sentences only).
    """
    corpus, work, out = Path(corpus_dir), Path(work_dir), Path(out_dir)
    counts = convert(data_dir, corpus, ner_ud_dir=ner_ud_dir)
    log.info("corpus: %s", counts)
    overrides = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        "system.seed": seed,
        "training.max_steps": max_steps,
    }
    shipping.train_and_ship(Path(config), work, out, settings=overrides, keep=KEEP)
    update_meta(out / "meta.json", {"warta_training": {"seed": seed, "max_steps": max_steps, "corpus": counts}})
    log.info("model written to %s", out)
    return out


def cli(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="idner-news-2k folder (train.txt, dev.txt)")
    parser.add_argument("--ner-ud", type=Path, default=DEFAULT_NER_UD, help="ner-ud folder (*.jsonl)")
    parser.add_argument("--no-ner-ud", action="store_true", help="train without ner-ud")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to put the trained model")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=DEFAULT_MAX_STEPS)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="where the .spacy files go")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="spaCy's training output folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main(
        data_dir=args.data,
        ner_ud_dir=None if args.no_ner_ud else args.ner_ud,
        out_dir=args.out,
        seed=args.seed,
        max_steps=args.max_steps,
        config=args.config,
        corpus_dir=args.corpus,
        work_dir=args.work,
    )


if __name__ == "__main__":
    cli()
