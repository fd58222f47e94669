"""The same article twice is one document; a near copy is found as a near-duplicate."""

from __future__ import annotations

from crossroads.ingest.dedup import NearDuplicateIndex, content_hash, minhash_signature, normalise
from crossroads.ingest.readers import load_path

MB = 1024 * 1024

ARTICLE = [
    (
        "The customs services of the two neighbours opened a joint checkpoint on the mountain road, "
        "which should halve the time that trucks wait at the border during the harvest season."
    ),
    (
        "Drivers had complained for years about queues that stretched for kilometres in autumn, when "
        "fruit from the valleys has to reach the markets in the north before it spoils."
    ),
    (
        "Officials said the checkpoint would stay open around the clock from September to November "
        "and that scanners bought with a foreign grant would speed up inspections."
    ),
    (
        "Traders welcomed the news but asked for the road itself to be repaired, since landslides "
        "closed it twice last year for several days."
    ),
]


def test_dedup_normalise_and_hash_ignore_form():
    assert normalise("  The  Checkpoint’s  OPENING — Café!\n") == "the checkpoint s opening cafe"
    assert content_hash("Trucks wait.\n\nAt the border") == content_hash(
        "trucks  wait at the BORDER!"
    )
    assert content_hash("Trucks wait at the border") != content_hash("Trucks wait at the bridge")


def test_dedup_same_article_with_another_menu_is_the_same_document(tmp_path):
    body = "\n\n".join(ARTICLE)
    a = tmp_path / "site-a.txt"
    b = tmp_path / "site-b.txt"
    a.write_text(
        f"Home\nNews\nRegion\nSport\n\nCheckpoint opens\n\nBy Omar Faiz\n\n{body}\n\nMost Popular\nOther story\n"
    )
    b.write_text(
        f"Connect with us\nSpread the love\n\nCheckpoint opens\n\nBy Omar Faiz\n\n{body}\n\nLeave a Reply\n"
    )
    [da], [db] = load_path(a, MB), load_path(b, MB)
    assert da.id == db.id and da.content_hash == db.content_hash and da.text == body
    assert da.title == db.title == "Checkpoint opens"


def test_dedup_near_duplicate_found_and_unrelated_not():
    original = " ".join(ARTICLE)
    recrawl = (
        original.replace("around the clock", "day and night") + " A spokesman confirmed the plan."
    )
    other = (
        "The herders of the high pastures moved their flocks earlier than usual this year, because "
        "the snow on the upper slopes melted three weeks before the usual date in May."
    )
    index = NearDuplicateIndex(threshold=0.8)
    index.add("d:original", minhash_signature(original))
    index.add("d:original", minhash_signature(original))  # twice is harmless
    assert len(index) == 1
    assert index.find(minhash_signature(recrawl)) == "d:original"
    assert index.find(minhash_signature(other)) is None
    assert len(minhash_signature(original)) == 128 * 8
    assert minhash_signature(original) == minhash_signature(original)  # fixed seed
