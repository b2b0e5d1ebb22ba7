"""``pipe(n_process=N)``: forked workers share the parent's pipeline (none builds its own), and many
small chunks in flight still come back in input order."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import warta
from warta.nlp import load as nlp_module

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def test_forked_workers_build_no_pipeline_and_keep_order(tmp_path: Path, monkeypatch):
    from warta import api

    warta.analyze("Judul\n\nPresiden bertemu menteri di Jakarta.")  # the parent's pipeline, built once
    builds, starts = tmp_path / "builds.txt", tmp_path / "starts.txt"
    real_build, real_init = nlp_module.build_pipeline, api._worker_init

    def counting_build(*args, **kwargs):
        with builds.open("a") as fh:  # any process, parent or worker, leaves a line
            fh.write("built\n")
        return real_build(*args, **kwargs)

    def recording_init(languages, config):  # runs in each worker: was the pipeline there already?
        with starts.open("a") as fh:
            fh.write(f"{'default' in nlp_module._cache}\n")  # other tests may have built other configs
        real_init(languages, config)

    monkeypatch.setattr(nlp_module, "build_pipeline", counting_build)
    monkeypatch.setattr(api, "_worker_init", recording_init)
    texts = [f"Berita {i}\n\nGubernur meninjau banjir di kecamatan ke-{i} bersama bupati." for i in range(23)]
    docs = list(warta.pipe(texts, n_process=2, batch_size=4))
    assert [d.article.title for d in docs] == [f"Berita {i}" for i in range(23)]
    assert all(d.sentences and not d.skipped for d in docs)
    assert starts.read_text().split() == ["True", "True"], "workers did not start with the parent's pipeline"
    assert not builds.exists(), "a worker process built its own pipeline"


def test_a_consumer_that_stops_early_ends_the_workers():
    texts = [f"Berita {i}\n\nMenteri membahas anggaran negara ke-{i} di Jakarta." for i in range(40)]
    stream = warta.pipe(texts, n_process=2, batch_size=4)
    first = [next(stream) for _ in range(3)]
    stream.close()  # the pool is terminated; nothing hangs
    assert [d.article.title for d in first] == ["Berita 0", "Berita 1", "Berita 2"]
