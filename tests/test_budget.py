"""The time budget per document: a runaway stage becomes a skipped document naming the budget, the
rest of its batch is analysed, and the budget stops work in any thread and in worker processes."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import time

import pytest
from spacy.language import Language

import warta
from warta import budget
from warta.budget import DocumentTimeout, configure, doc_timeout, time_budget

SLOW_MARK = "LAMBATSEKALI"


@Language.component("warta_test_slow")
def _slow(doc):
    """A stage that never finishes on a text with the mark (it busy-waits, as runaway Python code does)."""
    if SLOW_MARK in doc.text:
        while True:
            pass
    return doc


@pytest.fixture
def slow_nlp():
    from warta.nlp.load import load_pipeline

    nlp = load_pipeline()
    warta.analyze(TEXTS[0] + " " + TEXTS[2])  # lazy data loads on first use: before the clock starts
    nlp.add_pipe("warta_test_slow", after="warta_quotes" if "warta_quotes" in nlp.pipe_names else None)
    configure(2.0)
    try:
        yield nlp
    finally:
        configure(None)
        nlp.remove_pipe("warta_test_slow")


def _batch(texts):
    from warta.model import Article

    return [(Article(text=t, id=f"d{i}", origin=f"art{i}.txt"), "id", None) for i, t in enumerate(texts)]


TEXTS = ["Presiden Joko Widodo bertemu Menteri Luar Negeri Jepang di Jakarta pada Senin.",
         f"Menteri bertemu duta besar. {SLOW_MARK} di Bandung.",
         "Polisi menangkap dua tersangka korupsi di Surabaya, kata juru bicara KPK."]


def test_runaway_document_is_skipped_and_the_rest_of_the_batch_analysed(slow_nlp):
    from warta.api import _analyze_batch

    start = time.monotonic()
    docs = list(_analyze_batch(slow_nlp, _batch(TEXTS)))
    elapsed = time.monotonic() - start
    assert [d.article.doc_id for d in docs] == ["d0", "d1", "d2"]
    assert docs[1].skipped and "longer than 2 s" in docs[1].skipped and "--doc-timeout" in docs[1].skipped
    assert not docs[0].skipped and not docs[2].skipped
    assert docs[0].sentences and docs[2].sentences and docs[0].entities
    assert elapsed < 15  # the batch's budget, then the runaway's own: about 4 s, not forever


def test_budget_works_in_a_thread_that_is_not_the_main_one(slow_nlp):
    from warta.api import _analyze_one
    from warta.model import Article

    result = {}
    worker = threading.Thread(target=lambda: result.setdefault(
        "doc", _analyze_one(slow_nlp, Article(text=TEXTS[1], id="x"), language="id")))
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive()
    assert result["doc"].skipped and "longer than" in result["doc"].skipped


def test_long_text_gets_the_budget_per_segment(slow_nlp, monkeypatch):
    from warta import api
    from warta.model import Article

    monkeypatch.setattr(api, "SEGMENT_CHARS", 200)
    monkeypatch.setattr("warta.nlp.segments.SEGMENT_CHARS", 200)
    text = ("Presiden bertemu menteri di Jakarta. " * 5 + "\n\n") * 3 + f"Lalu {SLOW_MARK} terjadi."
    doc = api._analyze_one(slow_nlp, Article(text=text, id="long"), language="id")
    assert doc.skipped and "of each segment" in doc.skipped


def test_finished_work_is_kept_and_no_timeout_leaks_after_the_budget():
    with time_budget(0.2):
        value = sum(range(1000))
    time.sleep(0.4)  # the deadline passes after the body finished: nothing is raised here
    assert value == 499500
    with pytest.raises(DocumentTimeout), time_budget(0.2):
        while True:
            pass
    time.sleep(0.3)  # and nothing more arrives later


def test_check_raises_past_the_deadline_and_zero_means_no_limit():
    with pytest.raises(DocumentTimeout), time_budget(0.05):
        time.sleep(0.1)  # a C call is not interrupted; the next check stops the work
        budget.check()
    with time_budget(0):
        time.sleep(0.05)
        budget.check()


def test_configuration_from_option_and_environment(monkeypatch):
    monkeypatch.delenv(budget.ENV, raising=False)
    configure(None)
    assert doc_timeout() == budget.DEFAULT_SECONDS
    monkeypatch.setenv(budget.ENV, "7.5")
    assert doc_timeout() == 7.5
    monkeypatch.setenv(budget.ENV, "soon")
    assert doc_timeout() == budget.DEFAULT_SECONDS  # a bad value is logged and the default used
    configure(3)
    try:
        assert doc_timeout() == 3 and budget.os.environ[budget.ENV] == "3.0"  # seen by worker processes
    finally:
        configure(None)
    with pytest.raises(ValueError, match=r"doc timeout.*>= 0"):
        configure(-1)


WORKER = """
from warta.budget import DocumentTimeout, time_budget
try:
    with time_budget(0.3):
        while True:
            pass
except DocumentTimeout:
    print("stopped")
"""


def test_budget_stops_work_in_another_process():
    found = subprocess.run([sys.executable, "-c", WORKER], capture_output=True, text=True, timeout=60)
    assert found.stdout.strip() == "stopped", found.stderr


def test_doc_timeout_option(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from warta.cli import app

    monkeypatch.setenv(budget.ENV, "")  # restored afterwards: the option writes it for worker processes
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[0], encoding="utf-8")
    refused = CliRunner().invoke(app, ["analyze", "--doc-timeout", "-1", str(article)])
    assert refused.exit_code == 2 and "--doc-timeout" in refused.output
    try:
        ran = CliRunner().invoke(app, ["analyze", "--json", "--doc-timeout", "7", str(article)])
        assert ran.exit_code == 0, ran.output
        assert doc_timeout() == 7 and budget.os.environ[budget.ENV] == "7.0"
    finally:
        configure(None)


def _spin_and_exit() -> None:
    try:
        with time_budget(0.3):
            while True:
                pass
    except DocumentTimeout:
        os._exit(0)
    os._exit(1)


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
def test_budget_works_in_a_forked_child_of_a_process_that_used_it():
    with time_budget(5):  # the parent's watchdog is running (and may hold its lock) when the child forks
        pass
    child = multiprocessing.get_context("fork").Process(target=_spin_and_exit)
    child.start()
    child.join(timeout=30)
    assert child.exitcode == 0


def test_a_document_out_of_time_makes_the_run_fail(tmp_path, monkeypatch):
    """A skipped analysis is an error of the run (exit 1, one line naming the file), unlike a language skip."""
    from typer.testing import CliRunner

    import warta.api
    from warta.cli import app

    def slow_build(*args, **kwargs):
        for _ in range(400):  # a runaway stage: far longer than the budget, in small steps
            time.sleep(0.01)
        return real_build(*args, **kwargs)

    real_build = warta.api.build_document
    warta.api.warm_pipeline()  # built and warmed before the budget is patched in
    monkeypatch.setattr(warta.api, "build_document", slow_build)
    monkeypatch.setenv(budget.ENV, "")
    article = tmp_path / "a.txt"
    article.write_text(TEXTS[0], encoding="utf-8")
    try:
        ran = CliRunner().invoke(app, ["analyze", "--json", "--doc-timeout", "0.3", str(article)])
    finally:
        configure(None)
    assert ran.exit_code == 1, ran.output
    assert "a.txt: skipped: analysis took longer than" in ran.output
