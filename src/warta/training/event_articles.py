"""Event training examples from whole articles annotated in the dev format (``annotation.md``).

A folder holds ``NN.json`` (``title``, ``text``, ``published``) and its gold ``NN.gold.json`` (``entities``,
``events`` with ``type``, ``source``/``target`` actors by entity name, ``core`` and ``evidence``: the sentence
stating the event, copied from the article). Unlike events-id, such gold names no trigger, so a candidate is
labelled 1 when its trigger lies inside the evidence of a gold event of its type; its roles are right when the
actors match as :func:`warta.training.train_events.roles_match` counts them, an actor's words being the
entity's name and aliases. Articles go through the pipeline whole, as ``warta analyze`` reads them (the story's
date, who "ia" is, the title), so their candidates carry the features the component will see.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

#: warta's own annotated articles (README.md there: who wrote them, what they are and are not)
ARTICLES_DIR = Path(__file__).with_name("articles")


class ArticleDataError(ValueError):
    """A gold article file that cannot be used; the message names the file and field."""


def shown(folder: Path) -> str:
    """A folder as a model card names it: warta's own relative to the repository, others as given."""
    try:
        return str(folder.resolve().relative_to(ARTICLES_DIR.parents[3]))
    except ValueError:
        return str(folder)


def article_pairs(folders: Iterable[Path]) -> list[tuple[Path, Path]]:
    """``(article, gold)`` paths of every ``NN.json`` with a ``NN.gold.json`` beside it in the folders or
    below them, in path order."""
    pairs = []
    for folder in folders:
        if not folder.is_dir():
            raise ArticleDataError(f"{folder}: not a folder of annotated articles")
        for path in sorted(folder.rglob("*.json")):
            gold = path.with_name(path.stem + ".gold.json")
            if not path.name.endswith(".gold.json") and gold.exists():
                pairs.append((path, gold))
    return pairs


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ArticleDataError(f"{path}: {err}") from err
    if not isinstance(data, dict):
        raise ArticleDataError(f"{path}: a JSON object expected")
    return data


def gold_rows(article_text: str, gold: dict[str, Any], where: Path) -> list[tuple[int, int, str, bool, dict]]:
    """The gold events as ``(start, end, type, core, event)``: the evidence's span in ``article_text`` and the
    event with each actor's ``text`` holding its entity's name and aliases (for :func:`roles_match`)."""
    names: dict[str, list[str]] = {}
    for ent in gold.get("entities", []):
        forms = [ent.get("name", ""), *(ent.get("aliases") or [])]
        for form in forms:
            names.setdefault(form, []).extend(forms)
    rows = []
    for n, ev in enumerate(gold.get("events", [])):
        evidence = ev.get("evidence") or ""
        start = article_text.find(evidence) if evidence else -1
        if start < 0:
            raise ArticleDataError(f"{where}: events[{n}].evidence is not in the article's title or text")
        if not isinstance(ev.get("type"), str):
            raise ArticleDataError(f"{where}: events[{n}].type missing")
        actors = {role: [{"text": " ".join(names.get(a.get("name", ""), [a.get("name", "")]))}
                         for a in ev.get(role) or []] for role in ("source", "target")}
        rows.append((start, start + len(evidence), ev["type"], bool(ev.get("core")),
                     {"type": ev["type"], **actors}))
    return rows


def read_articles(pairs: list[tuple[Path, Path]]) -> list[tuple[Any, dict[str, Any], Path]]:
    """``(Article, gold, gold path)`` for each pair, the article built as the JSON reader builds it."""
    from warta.io.readers.base import ReadOptions, build_article

    out = []
    for path, gold_path in pairs:
        data = _load(path)
        if not isinstance(data.get("text"), str):
            raise ArticleDataError(f"{path}: field 'text' missing")
        article = build_article(body=data["text"], title=data.get("title"), options=ReadOptions(), origin=str(path),
                                reader="json", published_raw=data.get("published"))
        out.append((article, _load(gold_path), gold_path))
    return out
