"""What every ``warta`` command shares: the typer ``app``, the exit codes and the option helpers.

Each command group registers its commands on :data:`app` (:mod:`warta.cli.analyze`,
:mod:`warta.cli.store`); :mod:`warta.cli` imports them all and runs the app.

Exit codes: 0 all inputs fine; 1 some inputs failed (the rest were still processed and each
failure is reported on stderr with its file, line or record); 2 usage error; 3 warta cannot run
(a model or data file is missing or invalid; the message names the file, line and field); 4 the
output or the store cannot be written (a full disk: ``disk full while writing FILE``, and nothing
half-written is left) or the store is damaged.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from warta import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="warta: Indonesian news into political event data.")

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_SETUP = 0, 1, 2, 3
#: The output or the store cannot be written (a full disk, a damaged store): as ``warta ingest``.
EXIT_WRITE = 4
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def setup_errors() -> tuple[type[Exception], ...]:
    """Errors that mean warta itself cannot run: a missing/broken model, an invalid data file."""
    from warta.nlp.geo import GazetteerError
    from warta.nlp.kb import KBError
    from warta.nlp.load import ModelError

    return (ModelError, KBError, GazetteerError)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging (-vv: debug).")] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def err(message: str) -> None:
    """Print ``warta: message`` on stderr."""
    typer.echo(f"warta: {message}", err=True)


def read_options(*, fmt: str, max_bytes: int | None, today: str | None, follow_symlinks: bool = False):
    """Check the reading options shared by ``analyze`` and ``ingest``; a bad value is a usage error."""
    from datetime import date

    from warta.io.readers import FORMATS
    from warta.io.readers.base import ReadOptions

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", param_hint="--format")
    options = ReadOptions(follow_symlinks=follow_symlinks)
    if max_bytes:
        options.max_bytes = max_bytes
    if today:
        try:
            options.today = date.fromisoformat(today)
        except ValueError:
            raise typer.BadParameter(f"{today!r} is not a date YYYY-MM-DD", param_hint="--today") from None
    return options


DocTimeoutOpt = Annotated[float | None, typer.Option(
    "--doc-timeout", min=0, envvar="WARTA_DOC_TIMEOUT",
    help="Seconds one document (a long one: each 100,000-character segment) may take before it is skipped "
         "and reported; 0: no limit (default 120).")]


def set_doc_timeout(seconds: float | None) -> None:
    """Apply ``--doc-timeout`` to this process and the worker processes it starts."""
    from warta.budget import configure

    if seconds is not None:
        configure(seconds)


@contextmanager
def output(out: Path | None):
    """stdout, or a temporary file renamed onto ``out`` only when writing completed."""
    if out is None:
        yield sys.stdout
        return
    out = out.expanduser()
    directory = out.parent if str(out.parent) else Path(".")
    if not directory.is_dir():
        raise typer.BadParameter(f"directory {directory} does not exist", param_hint="--out")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
