"""Exact and near-duplicate detection of article texts.

Exact duplicates share the SHA1 of the normalised text (case, accents, punctuation and
spacing folded away). Near-duplicates (the same article from another site, a re-crawl
with another menu) are found with MinHash over word shingles and an LSH index
(datasketch); signatures travel as bytes so a store can keep them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SEED = 1
SHINGLE = 3
"""Words per shingle."""


def normalise(text: str) -> str:
    """Text folded for comparison: NFKD without accents, case-folded, words split by one space."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", s))


SCHEME = "affine32"
"""datasketch's hashing scheme; stored signatures are only comparable within one scheme."""


def content_hash(text: str) -> str:
    """SHA1 hex digest of the normalised text: equal for texts that differ only in form."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


def _minhash(text: str) -> MinHash:
    words = normalise(text).split()
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def minhash_signature(text: str) -> bytes:
    """MinHash signature of the text's word shingles, as bytes (128 uint64 values)."""
    return bytes(_minhash(text).hashvalues.astype(np.uint64).tobytes())


def _from_bytes(sig: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.frombuffer(sig, dtype=np.uint64)
    )


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(_from_bytes(a).jaccard(_from_bytes(b)))


class NearDuplicateIndex:
    """Signatures of stored articles; `find` names the one a new article nearly repeats."""

    def __init__(self, threshold: float = 0.8) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: str, sig: bytes) -> None:
        """Index a signature; adding an id twice keeps the first."""
        if doc_id in self._sigs:
            return
        mh = _from_bytes(sig)
        self._lsh.insert(doc_id, mh)
        self._sigs[doc_id] = mh

    def find(self, sig: bytes) -> str | None:
        """Id of the most similar indexed article at or above the threshold, else None."""
        return self.find_scored(sig)[0]

    def find_scored(self, sig: bytes) -> tuple[str | None, float]:
        """The most similar indexed article at or above the threshold and its similarity
        (None and the threshold if there is none)."""
        mh = _from_bytes(sig)
        best, best_sim = None, self.threshold
        for key in sorted(self._lsh.query(mh)):
            sim = float(self._sigs[key].jaccard(mh))
            if sim >= best_sim:
                best, best_sim = key, sim
        return best, best_sim
