"""MinHash signatures of article texts and their LSH band keys (for story clusters).

A text becomes a set of word shingles: it is casefolded, cut into words (letters and digits,
hyphenated compounds kept whole, punctuation dropped), very common words are left out (the list
in ``warta/data/stopwords-id.txt``) and every run of :data:`SHINGLE` consecutive remaining words
is one shingle. Each shingle is hashed to 64 bits with a stable hash (BLAKE2b of each word, the
words combined in order), and the signature keeps, for each of :data:`NUM_PERM` seeded mixing
functions (splitmix64's finaliser of the hash XOR a BLAKE2b-derived seed), the upper 32 bits of
the smallest mixed value over the shingles. The share of equal positions of two signatures
estimates the Jaccard similarity of the two shingle sets (standard error 0.025 at 0.1).

Locality-sensitive hashing cuts the first ``BANDS * ROWS`` values into :data:`BANDS` bands of
:data:`ROWS` values; two texts that agree on all the values of any one band are candidates.
With one row and 32 bands a pair with Jaccard 0.08 is a candidate with probability 0.93, one
with 0.15 with 0.994; unrelated news pairs (bigram Jaccard mostly below 0.025) are candidates
about one time in five and are then rejected by the estimate. Band keys are the band's values mixed into 64 bits. Nothing here depends on Python's
per-process ``hash``: signatures and band keys are the same in every run and on every machine,
so they can be stored.

The parameters were chosen with ``scripts/tune_stories.py`` (precision and recall of grouping
perturbed copies of real news against unrelated news; numbers in :mod:`warta.store.stories`);
changing them changes every stored signature and key.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from importlib import resources

import numpy as np

#: Words per shingle.
SHINGLE = 2
#: Values per LSH band.
ROWS = 1
#: LSH bands (on the first ``BANDS * ROWS`` values of a signature).
BANDS = 32
#: Signature length (all of it estimates the similarity).
NUM_PERM = 128
#: Texts with fewer distinct shingles than this get no signature (too short to compare).
MIN_SHINGLES = 8

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


@cache
def stopwords() -> frozenset[str]:
    """The very common Indonesian words left out of shingles (loaded once)."""
    text = resources.files("warta").joinpath("data", "stopwords-id.txt").read_text("utf-8")
    return frozenset(parse_stopwords(text))


@cache
def parameters() -> str:
    """Everything a stored signature depends on (a store re-signs its articles when it changes)."""
    text = resources.files("warta").joinpath("data", "stopwords-id.txt").read_text("utf-8")
    stop = hashlib.blake2b("\n".join(sorted(parse_stopwords(text))).encode(), digest_size=6).hexdigest()
    return f"minhash/1 shingle={SHINGLE} perm={NUM_PERM} bands={BANDS}x{ROWS} min={MIN_SHINGLES} stop={stop}"


def parse_stopwords(text: str) -> list[str]:
    """The words of a stopword file; raises ValueError naming the line of a malformed entry."""
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word != word.casefold() or not _WORD.fullmatch(word):
            raise ValueError(f"stopwords-id.txt line {number}: {word!r} is not one lowercase word")
        words.append(word)
    return words


def words(text: str) -> list[str]:
    """The casefolded words of ``text`` without punctuation and stopwords."""
    stop = stopwords()
    return [w for w in _WORD.findall(text.casefold()) if w not in stop]


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(text: str, *, size: int = SHINGLE) -> np.ndarray:
    """The distinct 64-bit hashes of the ``size``-word shingles of ``text`` (uint64, sorted)."""
    hashed = np.array([_word_hash(w) for w in words(text)], dtype=np.uint64)
    if len(hashed) < size:
        return np.zeros(0, dtype=np.uint64)
    combined = hashed[: len(hashed) - size + 1].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, size):  # order-sensitive combination: h * odd constant + next word
            combined = combined * np.uint64(0x9E3779B97F4A7C15) + hashed[offset: len(hashed) - size + 1 + offset]
    return np.unique(combined)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, element-wise (wrapping uint64 arithmetic)."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


@cache
def _seeds(num_perm: int) -> np.ndarray:
    """One stable 64-bit seed per signature position, from BLAKE2b (not from a random generator)."""
    return np.array([int.from_bytes(hashlib.blake2b(f"warta-minhash-{i}".encode(), digest_size=8).digest(), "little")
                     for i in range(num_perm)], dtype=np.uint64).reshape(-1, 1)


def signature(shingles: np.ndarray, *, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """The MinHash signature (uint32, ``num_perm`` values) of a set of shingle hashes; None
    when there are fewer than :data:`MIN_SHINGLES`."""
    if len(shingles) < MIN_SHINGLES:
        return None
    mixed = _mix(_seeds(num_perm) ^ shingles.reshape(1, -1))  # (num_perm, n): n is a few hundred
    return (mixed.min(axis=1) >> np.uint64(32)).astype(np.uint32)


def text_signature(text: str) -> np.ndarray | None:
    """The signature of a text with the shipped parameters, or None when it is too short."""
    return signature(shingle_hashes(text))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate (the share of equal positions)."""
    if a.shape != b.shape:
        raise ValueError(f"signatures of different lengths: {a.shape[0]} and {b.shape[0]}")
    return float(np.count_nonzero(a == b)) / a.shape[0]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The exact Jaccard similarity of two sorted sets of shingle hashes (64-bit, or both compact)."""
    common = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def compact(shingles: np.ndarray) -> np.ndarray:
    """Shingle hashes as stored: the lower 32 bits of each, distinct and sorted (uint32). The
    Jaccard similarity of two compact sets equals that of the 64-bit ones unless two of a few
    hundred shingles collide in 32 bits (about one pair in 50,000)."""
    return np.unique(shingles.astype(np.uint32))


def shingles_blob(shingles: np.ndarray) -> bytes:
    """Compact shingle hashes as stored (little-endian uint32)."""
    return shingles.astype("<u4").tobytes()


def shingles_from_blob(blob: bytes) -> np.ndarray:
    """Stored compact shingle hashes."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def band_keys(sig: np.ndarray, *, rows: int = ROWS) -> list[int]:
    """One signed 64-bit key per band of ``rows`` values (SQLite INTEGER): the values combined in
    order and mixed (splitmix64's finaliser)."""
    if sig.dtype != np.uint32 or sig.ndim != 1 or sig.shape[0] % rows:
        raise ValueError(f"a signature is a 1-d uint32 array with a multiple of {rows} values")
    values = sig.astype(np.uint64).reshape(-1, rows)
    combined = values[:, 0].copy()
    with np.errstate(over="ignore"):
        for j in range(1, rows):
            combined = combined * np.uint64(0x9E3779B97F4A7C15) + values[:, j]
    return _mix(combined).view(np.int64).tolist()


def lsh_keys(sig: np.ndarray) -> list[int]:
    """The :data:`BANDS` LSH keys of a signature (its first ``BANDS * ROWS`` values)."""
    return band_keys(sig[: BANDS * ROWS], rows=ROWS)


def to_blob(sig: np.ndarray) -> bytes:
    """A signature as stored (little-endian uint32)."""
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """A stored signature."""
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
