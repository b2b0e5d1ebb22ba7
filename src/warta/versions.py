"""What shapes an analysis: warta's version, the model's version and the lexicons' contents.

A store records these per ingest run (``runs``) and per article (``fingerprint``), so an article
analysed by an older model or lexicon can be told apart from a current one and re-analysed.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from warta import __version__

#: Data files whose content changes analyses (relative to the package).
LEXICON_FILES = ("data/cues.tsv", "data/triggers.tsv", "data/gazetteer.tsv")
DEFAULT_MODEL = "models/ner-id"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


@cache
def _package_versions() -> dict[str, Any]:
    root = resources.files("warta")
    lexicons = {name: _digest(root.joinpath(name).read_bytes()) for name in LEXICON_FILES}
    kb = hashlib.sha256()
    for entry in sorted(root.joinpath("data/kb").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".jsonl", ".tsv")):
            kb.update(entry.name.encode() + b"\0" + entry.read_bytes())
    lexicons["data/kb"] = kb.hexdigest()[:12]
    meta = json.loads(root.joinpath(DEFAULT_MODEL, "meta.json").read_text("utf-8"))
    return {"warta": __version__, "model": meta.get("name"), "model_version": meta.get("version"),
            "lexicons": lexicons}


def analysis_versions(*, config: str | Path | None = None) -> dict[str, Any]:
    """Versions of everything that shapes an analysis, with a ``fingerprint`` over all of them.

    A custom pipeline ``config`` enters the fingerprint by its content.
    """
    versions = dict(_package_versions())
    if config is not None:
        versions["config"] = _digest(Path(config).read_bytes())
    versions["fingerprint"] = _digest(json.dumps(versions, sort_keys=True).encode())
    return versions
