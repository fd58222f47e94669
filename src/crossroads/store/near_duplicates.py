"""How a store finds near-duplicate candidates without loading every signature.

A MinHash signature (128 values of 8 bytes) is cut in BANDS bands of ROWS values; the
store keeps each band's bytes in an indexed table (migration 5). Two articles whose
signatures agree on a whole band are candidates; only their signatures are then compared.
With 20 bands of 6, an article at Jaccard 0.8 to a stored one is a candidate with
probability 0.998, at 0.7 with 0.92, at 0.3 with 0.015: the lookup costs a few index
probes however large the store, and the threshold (0.8 by default) decides the rest.
"""

from __future__ import annotations

BANDS = 20
ROWS = 6
VALUE_BYTES = 8
BAND_BYTES = ROWS * VALUE_BYTES
SIGNATURE_BYTES = 128 * VALUE_BYTES
"""The signatures the bands are cut from (crossroads.ingest.dedup: 128 uint64 values)."""


def bands(signature: bytes) -> list[tuple[int, bytes]]:
    """(band number, band bytes) of a signature; none for one of another size."""
    if len(signature) != SIGNATURE_BYTES:
        return []
    return [(i, bytes(signature[i * BAND_BYTES : (i + 1) * BAND_BYTES])) for i in range(BANDS)]
