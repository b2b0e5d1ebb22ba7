"""Schemathesis against the app's own OpenAPI schema: no generated request, valid or not, gets a
5xx, with ingest on (the token sent) over a small store of our own articles. Bounded: a few dozen
examples per operation."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from warta.store import connect
from warta.store.write import save_documents
from warta.web.app import create_app

#: Generated examples per operation (about 12 operations).
EXAMPLES = 25
TOKEN = "rahasia"


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory, analysed):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    conn = connect(path)
    save_documents(conn, analysed["meeting"] + analysed["hostile"], fingerprint="f", run_id=None)
    conn.close()
    return path


@pytest.fixture(scope="module")
def api_schema(fuzz_store, tmp_path_factory):
    copy = tmp_path_factory.mktemp("fuzz-ingest") / "fuzz.db"
    shutil.copy(fuzz_store, copy)
    app = create_app(db=copy, ingest_token=TOKEN, max_bytes=20_000)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")
#: Responses seen, per operation and status class, for the check that every operation was exercised.
SEEN: Counter[tuple[str, int]] = Counter()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case):
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    SEEN[(f"{case.method} {case.path}", response.status_code // 100)] += 1
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        assert response.headers.get("content-security-policy"), "error responses keep the security headers"


def test_every_operation_was_exercised_with_successes(api_schema):
    if not SEEN:
        pytest.skip("run together with the fuzz test above")
    operations = {op for op, _ in SEEN}
    assert len(operations) >= 12, sorted(operations)
    assert SEEN[("POST /api/articles", 2)] >= 1  # some generated articles were analysed and stored
    assert sum(n for (op, status), n in SEEN.items() if status == 2) >= 5 * len(operations) // 2
    assert not any(status == 5 for _, status in SEEN)
