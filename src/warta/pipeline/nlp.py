"""Build warta's spaCy ``Language`` from a config, once per config."""

from __future__ import annotations

import logging
import threading
from importlib import import_module
from pathlib import Path

from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")
#: Modules whose import registers warta's factories (imported when a pipeline is built).
COMPONENT_MODULES = (
    "warta.pipeline.tokenizer", "warta.pipeline.sentences", "warta.pipeline.kb_matcher", "warta.pipeline.entities",
    "warta.pipeline.quotes", "warta.pipeline.places",
)

_lock = threading.Lock()
_cache: dict[str, Language] = {}


def register_components() -> None:
    """Import the modules that register warta's tokenizer and component factories."""
    for name in COMPONENT_MODULES:
        import_module(name)


def build_pipeline(config: str | Path | None = None) -> Language:
    """A fresh ``Language`` from ``config`` (a .cfg path; default: warta's own)."""
    from spacy.util import load_config, load_model_from_config

    register_components()
    path = Path(config) if config else DEFAULT_CONFIG
    cfg = load_config(path)
    nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    log.debug("built pipeline %s from %s", nlp.pipe_names, path)
    return nlp


def load_pipeline(config: str | Path | None = None) -> Language:
    """The pipeline for ``config``, built on first use and then shared."""
    key = str(Path(config).resolve()) if config else "default"
    with _lock:
        if key not in _cache:
            _cache[key] = build_pipeline(config)
        return _cache[key]
