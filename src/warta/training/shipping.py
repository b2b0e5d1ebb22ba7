"""What every model-training script of warta shares: train with spaCy, ship the loadable parts, report scores."""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def stride_split(index: int, *, test_every: int, dev_every: int, dev_offset: int) -> str:
    """Split of the ``index``-th (0-based) sentence of a file, by stride: ``"test"`` when
    ``index % test_every == test_every - 1``, else ``"dev"`` when ``index % dev_every == dev_offset``, else
    ``"train"`` — deterministic, and every file and genre is in every split."""
    if index % test_every == test_every - 1:
        return "test"
    if index % dev_every == dev_offset:
        return "dev"
    return "train"


def copy_model(src: Path, dst: Path, keep: tuple[str, ...]) -> None:
    """Copy the loadable parts ``keep`` of a trained pipeline ``src`` into ``dst`` (other files in ``dst`` are kept)."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in keep:
        target = dst / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        source = src / name
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy2(source, target)


def update_meta(path: Path, meta: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge ``meta`` and ``extra`` into the ``meta.json`` at ``path``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(meta)
    data.update(extra)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def train_and_ship(config: Path, work: Path, out: Path, *, settings: dict[str, Any], keep: tuple[str, ...]) -> float:
    """Train with spaCy into ``work`` and copy ``model-best``'s parts ``keep`` to ``out``; the minutes it took."""
    from spacy.cli.train import train

    started = time.perf_counter()
    train(config, work, overrides=settings)
    minutes = (time.perf_counter() - started) / 60
    log.info("training took %.1f min", minutes)
    copy_model(work / "model-best", out, keep)
    return minutes


def report(results: dict[str, Any], json_path: Path | None, markdown: Callable[[dict[str, Any]], str]) -> None:
    """Write evaluation ``results`` to ``json_path`` (if given) and log them as Markdown."""
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log.info("results\n%s", markdown(results))
