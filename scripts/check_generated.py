#!/usr/bin/env python3
"""Check every committed file generated from a library's data against the installed (locked) libraries.

Run by ``make lock`` after a refresh. Exit 1 with one line per stale file saying which script to run;
regenerating is then a deliberate, reviewed change (``git diff`` shows what the new data changed).

``src/warta/data/countries-110m.json`` is not checked here: it is built from a file fetched outside the
repository (see ``scripts/build_country_shapes.py``), not from an installed library alone.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
#: Generator scripts that support ``--check``.
GENERATORS = ("build_kb_countries.py", "build_fips_countries.py")


def run(name: str) -> int:
    """Run ``scripts/NAME --check`` in this interpreter; its exit status."""
    spec = importlib.util.spec_from_file_location(name.removesuffix(".py"), SCRIPTS / name)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(["--check"]))


def main() -> int:
    """Exit 0 when every generated file matches its inputs."""
    failed = [name for name in GENERATORS if run(name) != 0]
    if failed:
        sys.stderr.write(f"stale generated data: {', '.join(failed)} (messages above); regenerate and review\n")
        return 1
    sys.stderr.write("generated data matches the installed libraries\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
