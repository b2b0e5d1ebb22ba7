"""Names vulture reports that are used where it cannot see (``make lint``; see [tool.vulture] in pyproject.toml).

Registered callables (spaCy factories and tokenizers, typer commands, FastAPI routes and handlers, pytest
fixtures) are ignored by decorator in pyproject.toml; what is left here is each a true false positive, with
its reason. Code that is really dead is deleted, not listed here.
"""
# ruff: noqa
_ = object()

# io.RawIOBase protocol: io.BufferedReader calls readable() and readinto() on warta's raw streams
_.readable
_.readinto
# dataclass fields written to JSON by dataclasses.asdict (warta.io.document_json), read by name there
date_precision  # Event.date_precision
hypothetical  # Event.hypothetical
date_source  # Event.date_source
historical  # Event.historical
# sqlite3.Connection attribute, read by sqlite3 itself
_.row_factory
# DaskReport.dashboard: part of the report returned by run_dask (the link to the Dask dashboard)
dashboard
_.dashboard
# the exit codes as documented (typer raises 2 itself; 0 is the default): named for readers of the CLI
EXIT_OK
EXIT_USAGE
# a typing.Protocol: the signature every reader in warta.io.readers follows (documentation for writers of readers)
Reader
# scripts/adversarial_readers.py: each Case says whether it should fail; the script does not check it yet
expect_error
# pytest reads module-level pytestmark; selenium and uvicorn read the attributes the tests set
pytestmark
_.binary_location
_.unhandled_prompt_behavior
_.should_exit
# spaCy's Tokenizer reads infix_finditer set by the tests
_.infix_finditer
# a pytest fixture argument that only orders the tests
api_schema
