"""warta: Indonesian news into political event data.

``warta.analyze(article_or_text)`` returns a :class:`warta.model.Document`;
``warta.pipe(articles, n_process=…)`` streams many. Nothing heavy is imported until used.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("warta")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

if TYPE_CHECKING:
    from warta.api import analyze, pipe

__all__ = ["__version__", "analyze", "pipe"]


def __getattr__(name: str) -> Any:
    if name in ("analyze", "pipe"):
        from warta import api

        return getattr(api, name)
    raise AttributeError(f"module 'warta' has no attribute {name!r}")
