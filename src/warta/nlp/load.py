"""Build warta's spaCy ``Language`` from a config, once per config."""

from __future__ import annotations

import gc
import logging
import os
import threading
from importlib import import_module
from pathlib import Path
from typing import Any

from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")
#: Modules whose import registers warta's factories (imported when a pipeline is built).
COMPONENT_MODULES = (
    "warta.nlp.tokenizer", "warta.nlp.sentences", "warta.nlp.ner", "warta.nlp.kb_matcher",
    "warta.nlp.entities", "warta.nlp.quotes.component", "warta.nlp.places", "warta.nlp.times.component",
    "warta.nlp.syntax", "warta.nlp.events.component",
)

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def register_components() -> None:
    """Import the modules that register warta's tokenizer and component factories."""
    for name in COMPONENT_MODULES:
        import_module(name)


class ModelError(RuntimeError):
    """A trained model named by the pipeline config is missing or broken."""


PACKAGE_DIR = Path(__file__).resolve().parents[1]
SOURCE_PREFIX = "warta:"


def _resolve_sources(cfg, config_path: Path) -> None:
    """Turn ``source = "warta:models/NAME"`` into a path inside the package and check it loads."""
    for name, block in cfg.get("components", {}).items():
        source = block.get("source")
        if not isinstance(source, str):
            continue
        path = PACKAGE_DIR / source[len(SOURCE_PREFIX):] if source.startswith(SOURCE_PREFIX) else Path(source)
        if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
            raise ModelError(f"{config_path}: component '{name}': model directory {path} is missing or incomplete "
                             "(needs config.cfg and meta.json; rebuild it with python -m warta.training.train_ner)")
        block["source"] = str(path)


def build_pipeline(config: str | Path | None = None, *, overrides: dict[str, Any] | None = None) -> Language:
    """A fresh ``Language`` from ``config`` (a .cfg path; default: warta's own) with dotted ``overrides``.

    Raises :class:`ModelError` naming the file when a sourced model is missing or cannot be loaded.
    """
    from spacy.util import load_config, load_model_from_config

    register_components()
    path = Path(config) if config else DEFAULT_CONFIG
    cfg = load_config(path, overrides=overrides or {})
    _resolve_sources(cfg, path)
    try:
        nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    except (OSError, ValueError, KeyError) as exc:
        sources = [b["source"] for b in cfg.get("components", {}).values() if isinstance(b.get("source"), str)]
        if sources:
            raise ModelError(f"{path}: could not load the pipeline or its models {sources}: "
                             f"{type(exc).__name__}: {exc}") from exc
        raise
    log.debug("built pipeline %s from %s", nlp.pipe_names, path)
    return nlp


BLAS_THREADS_ENV = "WARTA_BLAS_THREADS"


def limit_blas_threads() -> None:
    """Run BLAS single-threaded (``$WARTA_BLAS_THREADS`` overrides; ``0`` leaves it alone).

    warta's matrices are small: BLAS worker threads only spin, and on a busy machine they made
    language identification ten times slower. Parallelism comes from ``--n-process`` instead.
    """
    raw = os.environ.get(BLAS_THREADS_ENV, "1")
    if raw.strip() == "0":
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=max(1, int(raw)) if raw.strip().isdigit() else 1, user_api="blas")


def load_pipeline(config: str | Path | None = None) -> Language:
    """The pipeline for ``config``, built on first use and then shared."""
    key = str(Path(config).resolve()) if config else "default"
    with _lock:
        if key not in _cache:
            if not _cache:
                limit_blas_threads()
            _cache[key] = build_pipeline(config)
            # the pipeline lives as long as the process: moved out of the collector's generations, its
            # hundreds of thousands of objects (vocabulary, KB, gazetteer) are not re-traversed by each full
            # collection during analysis (about a tenth of the analysis time), nor copied by forked workers
            gc.freeze()
        return _cache[key]
