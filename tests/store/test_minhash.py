"""MinHash signatures and LSH keys of article texts (story clusters)."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from warta.store import minhash

TEXT = ("Ribuan mahasiswa menggelar unjuk rasa di depan gedung DPRD Kabupaten Sukamaju menolak kenaikan pajak "
        "kendaraan bermotor hingga 40 persen, dan koordinator aksi Rizal Hakim meminta dewan membatalkan raperda.")


def test_the_shipped_stopword_list_is_valid():
    text = resources.files("warta").joinpath("data", "stopwords-id.txt").read_text("utf-8")
    words = minhash.parse_stopwords(text)
    assert len(words) == len(set(words)) > 150  # no duplicates
    assert {"yang", "dan", "di", "kata", "ujarnya"} <= minhash.stopwords()
    # words that tell stories apart are not stopwords
    assert not {"mahasiswa", "presiden", "kpu", "dprd", "demo", "banjir"} & minhash.stopwords()


@pytest.mark.parametrize(("line", "message"), [("Yang", "line 2: 'Yang'"), ("dua kata", "line 2: 'dua kata'"),
                                               ("tanda!", "line 2")])
def test_a_bad_stopword_names_its_line(line, message):
    with pytest.raises(ValueError, match=message):
        minhash.parse_stopwords(f"# comment\n{line}\n")


def test_words_are_casefolded_without_punctuation_and_stopwords():
    assert minhash.words("Kata Presiden, \"DPR-RI harus mendengar\" (11/3/2025).") == [
        "presiden", "dpr-ri", "mendengar", "11", "3", "2025"]


def test_shingles_are_ordered_word_pairs():
    assert len(minhash.shingle_hashes("mahasiswa demo gedung")) == 2
    assert set(minhash.shingle_hashes("mahasiswa demo")).isdisjoint(minhash.shingle_hashes("demo mahasiswa"))
    assert len(minhash.shingle_hashes("mahasiswa demo", size=1)) == 2
    assert len(minhash.shingle_hashes("mahasiswa")) == 0
    # repeated pairs count once; stopwords do not break a pair apart
    assert len(minhash.shingle_hashes("demo mahasiswa demo mahasiswa yang demo")) == 2


def test_a_signature_is_stable_across_processes():
    here = minhash.lsh_keys(minhash.text_signature(TEXT))[:3]
    code = ("from warta.store import minhash; "
            f"print(minhash.lsh_keys(minhash.text_signature({TEXT!r}))[:3])")
    for seed in ("1", "2"):  # Python's own hash() is salted per process; the signature must not be
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": seed, "PATH": ""})
        assert out.stdout.strip() == str(here)


def test_the_algorithm_is_pinned():
    # Stored signatures must stay comparable: a change here needs a new "minhash/N" in
    # minhash.parameters(), which makes stores re-sign their articles.
    assert minhash.text_signature(TEXT)[:3].tolist() == [308135972, 52802517, 84591414]
    assert minhash.lsh_keys(minhash.text_signature(TEXT))[:2] == [7526397902465123116, 1224285225803215771]
    assert minhash.parameters().startswith("minhash/1 ")


def test_signature_shape_and_short_texts():
    sig = minhash.text_signature(TEXT)
    assert sig.dtype == np.uint32 and sig.shape == (minhash.NUM_PERM,)
    assert minhash.text_signature("Demo mahasiswa ricuh.") is None  # fewer than MIN_SHINGLES pairs
    assert np.array_equal(minhash.from_blob(minhash.to_blob(sig)), sig)
    assert len(minhash.to_blob(sig)) == 4 * minhash.NUM_PERM


@pytest.mark.parametrize("overlap", [0, 100, 200, 300, 400])
def test_the_estimate_follows_the_exact_jaccard(overlap):
    a = np.arange(400, dtype=np.uint64) * np.uint64(7919)
    b = a.copy()
    b[overlap:] += np.uint64(1)  # 400 - overlap values replaced by others
    exact = minhash.jaccard(a, b)
    assert exact == pytest.approx(overlap / (800 - overlap))
    estimate = minhash.similarity(minhash.signature(a), minhash.signature(b))
    assert abs(estimate - exact) < 0.12  # 128 values: standard error at most 0.045


def test_similar_texts_share_bands_and_unrelated_ones_do_not():
    same = minhash.text_signature(TEXT + " Polisi berjaga di Jalan Veteran.")
    other = minhash.text_signature("Banjir merendam tiga desa di Kecamatan Lembah Hijau setelah Sungai Cikaret "
                                   "meluap, ratusan warga mengungsi ke balai desa dan masjid terdekat.")
    keys = minhash.lsh_keys(minhash.text_signature(TEXT))
    assert len(keys) == minhash.BANDS
    assert minhash.similarity(minhash.text_signature(TEXT), same) > 0.6
    assert set(keys) & set(minhash.lsh_keys(same))
    assert minhash.similarity(minhash.text_signature(TEXT), other) < 0.05
    assert all(-(2**63) <= k < 2**63 for k in keys)  # fits SQLite's INTEGER


def test_band_keys_and_similarity_refuse_bad_signatures():
    with pytest.raises(ValueError, match="uint32"):
        minhash.band_keys(np.zeros(4, dtype=np.uint64))
    with pytest.raises(ValueError, match="different lengths"):
        minhash.similarity(np.zeros(4, dtype=np.uint32), np.zeros(8, dtype=np.uint32))


def test_parameters_name_what_a_signature_depends_on():
    params = minhash.parameters()
    assert f"shingle={minhash.SHINGLE}" in params and f"perm={minhash.NUM_PERM}" in params and "stop=" in params
