"""Ingest on a pool of extraction processes: the same store as one process, and a file
whose extraction breaks in a worker fails alone, with its one-line error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from crossroads.cli import cli
from crossroads.store import open_store

BRIEFS = [
    (
        "Emomali Rahmon met the president of Uzbekistan in Tashkent on 12 March 2021. The two "
        "leaders signed an agreement on water from the Vakhsh river."
    ),
    (
        'Tajikistan borders Afghanistan. "We will open the bridge next year," Emomali Rahmon '
        "said on Friday in Dushanbe."
    ),
    (
        "The Taliban attacked a checkpoint in Afghanistan on Monday, officials in Kabul said. "
        "Russia sent envoys to Dushanbe the next day."
    ),
    (
        "Kazakhstan and China opened a rail crossing this spring. Uzbekistan is a member of the "
        "Shanghai Cooperation Organisation, its foreign ministry said in Tashkent."
    ),
    (
        "Kyrgyzstan protested after a clash on its border with Tajikistan, the ministry said. "
        '"Nobody wants another war," a spokesman told reporters in Bishkek.'
    ),
    (
        "The Collective Security Treaty Organization held drills in Tajikistan in October 2021. "
        "Russian troops took part, the defence ministry in Moscow said."
    ),
]


def _write(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"brief-{i}.txt").write_text(f"{text}\n\n{text}\n", encoding="utf-8")
    return folder


def _snapshot(db: Path) -> dict:
    with open_store(str(db)) as store:
        return {
            "documents": sorted((d.id, d.text) for d in store.documents()),
            "entities": sorted(
                (e.id, e.name, tuple(sorted(e.aliases)), n) for e, n in store.entities()
            ),
            "mentions": sorted((m.doc, m.entity, m.start, m.end) for m in store.mentions()),
            "relations": sorted(repr(r) for r in store.relations()),
            "events": sorted(repr(e) for e in store.events()),
            "quotes": sorted(repr(q) for q in store.quotes()),
        }


def test_ingest_two_processes_store_what_one_does(tmp_path, monkeypatch):
    from crossroads.extraction import extractor as extractor_module

    monkeypatch.setattr(extractor_module, "BATCH_DOCS", 1)  # both workers get batches
    folder = _write(tmp_path / "in", BRIEFS)
    for n in ("1", "2"):
        result = CliRunner().invoke(
            cli, ["ingest", str(folder), "--db", str(tmp_path / f"{n}.db"), "--processes", n]
        )
        assert result.exit_code == 0, result.output
        assert "new 6" in result.stdout
    one, two = _snapshot(tmp_path / "1.db"), _snapshot(tmp_path / "2.db")
    assert one["relations"] and one["events"] and one["quotes"]
    assert one == two


def test_ingest_bad_file_under_the_pool_fails_alone(tmp_path, monkeypatch):
    from crossroads.extraction import extractor as extractor_module

    monkeypatch.setattr(extractor_module, "BATCH_DOCS", 2)  # the bad file shares a batch
    folder = _write(tmp_path / "in", BRIEFS[:4])
    (folder / "brief-1.txt").write_text(
        "Tajikistan borders Afghanistan. poison.\n", encoding="utf-8"
    )
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4\n\x00\x01garbage without any objects")
    real = extractor_module._readers

    def events(doc):
        if "poison" in doc.text:
            raise RuntimeError("the events reader choked on poison")
        return real()["events"](doc)

    # the workers are forked from the process that built the pipeline: they get it too
    monkeypatch.setattr(extractor_module, "_readers", lambda: {**real(), "events": events})
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--processes", "2"])
    assert result.exit_code == 1
    assert "new 3" in result.stdout and "failed 2" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("brief-1.txt" in e and "choked on poison" in e for e in errors)
    assert any("junk.pdf" in e for e in errors)
    with open_store(str(db)) as store:
        assert sorted(d.source for d in store.documents()) == [
            "brief-0.txt",
            "brief-2.txt",
            "brief-3.txt",
        ]
