"""Reading inputs: formats, encodings, and one clear reason for every bad input."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from ingest_files import encrypt_pdf, make_pdf

from crossroads import settings
from crossroads.exc import InputError
from crossroads.ingest.readers import iter_inputs, load_bytes, load_path

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / settings.get("eval_dir")  # CROSSROADS_EVAL_DIR, relative to the checkout
CORPUS = EVAL / "corpus"
GOLD = EVAL / "eval" / "gold"

ARTICLE = (
    "The water commission of the two upstream states met in the border town on Tuesday. "
    "Its members agreed to share data on the reservoir levels every week during the summer.\n\n"
    "Farmers downstream had complained that the canals ran dry in July, when the cotton fields "
    "needed water most. The commission promised a report before the autumn sowing season.\n"
)


def _error(path: Path, max_bytes: int = MB) -> InputError:
    with pytest.raises(InputError) as info:
        load_path(path, max_bytes)
    assert str(info.value).startswith(str(path) + ": ")
    assert "\n" not in str(info.value)
    return info.value


def test_readers_plain_text_keeps_paragraph_breaks(tmp_path):
    f = tmp_path / "commission.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    [doc] = load_path(f, MB)
    assert doc.kind == "article" and doc.source == "commission.txt"
    assert doc.text.count("\n\n") == 1
    assert doc.text.startswith("The water commission") and doc.text.endswith("sowing season.")
    assert doc.id.startswith("d:") and len(doc.id) == 22
    assert doc.meta["format"] == "text" and isinstance(doc.meta["minhash"], bytes)


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-16-le", "utf-8-sig"])
def test_readers_decode_cyrillic_encodings(tmp_path, encoding):
    text = (
        "Министр иностранных дел встретился с послом в Душанбе. Стороны обсудили охрану "
        "границы, торговлю через перевал и поставки электричества зимой."
    )
    f = tmp_path / "ru.txt"
    f.write_bytes(text.encode(encoding))
    [doc] = load_path(f, MB)
    assert doc.text == text


@pytest.mark.parametrize(
    "text",
    [
        (
            "Le ministre a rencontré l'ambassadeur à Douchanbé. Les deux côtés ont discuté de la sécurité "
            "à la frontière, du commerce et des échanges économiques."
        ),
        (
            "Die Delegation traf sich in Duschanbe. Über die Grenze und den Wasserverbrauch wurde lange "
            "gesprochen; eine Einigung wird für den Frühsommer erwartet. Größere Fragen bleiben offen."
        ),
    ],
)
def test_readers_decode_latin1(tmp_path, text):
    f = tmp_path / "west.txt"
    f.write_bytes(text.encode("latin-1"))
    [doc] = load_path(f, MB)
    assert doc.text == text


HTML = """<!DOCTYPE html><html><head><title>Pipeline deal signed | Steppe Wire</title>
<meta name="author" content="Dana Keller"><meta property="article:published_time" content="2022-03-14">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/energy">Energy</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Pipeline deal signed</h1>
<p>Energy ministers of three neighbouring states signed a framework deal for a new gas pipeline on Monday, after two years of talks.</p>
<p>The line is meant to carry gas from fields in the east to a port in the south, crossing two mountain passes on the way.</p>
<p>Critics said the financing of the project was still unclear and that the route crosses a seismic zone.</p>
</article>
<footer><p>Copyright 2022 Steppe Wire. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_readers_html_drops_navigation_cookies_and_footer(tmp_path):
    f = tmp_path / "deal.html"
    f.write_text(HTML, encoding="utf-8")
    [doc] = load_path(f, MB)
    assert doc.meta["format"] == "html"
    assert doc.title == "Pipeline deal signed"
    assert doc.author == "Dana Keller"
    assert doc.published == "2022-03-14"
    assert doc.text.startswith("Energy ministers") and "seismic zone" in doc.text
    for chrome in ("cookies", "Copyright", "Privacy", "Home", "Pipeline deal signed"):
        assert chrome not in doc.text
    assert doc.text.count("\n\n") == 2


def test_readers_html_sniffed_whatever_the_name(tmp_path):
    f = tmp_path / "saved-page.txt"
    f.write_text(HTML, encoding="utf-8")
    [doc] = load_path(f, MB)
    assert doc.meta["format"] == "html" and "<p>" not in doc.text and "gas pipeline" in doc.text


def test_readers_html_fragment_sniffed(tmp_path):
    f = tmp_path / "fragment.txt"
    f.write_text(
        "<p>The two delegations met in the border town to talk about the old road.</p>"
        "<p>Both sides said a technical group would meet again in a month.</p>",
        encoding="utf-8",
    )
    [doc] = load_path(f, MB)
    assert doc.meta["format"] == "html"
    assert doc.text == (
        "The two delegations met in the border town to talk about the old road.\n\n"
        "Both sides said a technical group would meet again in a month."
    )


def test_readers_pdf_text_layer(tmp_path):
    f = tmp_path / "brief.pdf"
    f.write_bytes(
        make_pdf(
            [
                [
                    "The commission met on Tuesday to discuss the reservoir.",
                    "It agreed to share weekly data on water levels.",
                ],
                ["Farmers downstream welcomed the decision."],
            ]
        )
    )
    [doc] = load_path(f, MB)
    assert doc.meta["format"] == "pdf" and doc.meta["pages"] == 2
    assert "reservoir" in doc.text and "Farmers downstream welcomed" in doc.text


def test_readers_iter_inputs_recurses_and_skips_hidden(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "two.md").write_text("x")
    found = list(iter_inputs([str(tmp_path), "-", str(tmp_path / "missing.txt")]))
    assert found == [tmp_path / "a" / "one.txt", tmp_path / "two.md", tmp_path / "missing.txt"]


# -- bad input: one line naming the file and the reason ----------------------------------
def test_readers_empty_file(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert "empty file" in _error(f).reason
    f.write_bytes(b"  \n\n \t\n")
    assert "empty file" in _error(f).reason


def test_readers_binary_junk(tmp_path):
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes(range(256)) * 20)
    assert "binary data" in _error(f).reason


def test_readers_undecodable_bytes(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes(b"caf\xe9 \xff\xfe\xfd\x80\x81 abc " * 20)
    assert "undecodable" in _error(f).reason


def test_readers_truncated_pdf(tmp_path):
    data = make_pdf([["Some text on the page."]])
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: len(data) // 2])
    assert "truncated PDF" in _error(f).reason


def test_readers_damaged_pdf(tmp_path):
    f = tmp_path / "damaged.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage\n%%EOF\n")
    reason = _error(f).reason
    assert "PDF" in reason


def test_readers_encrypted_pdf(tmp_path):
    f = tmp_path / "locked.pdf"
    f.write_bytes(encrypt_pdf(make_pdf([["Secret minutes of the meeting."]])))
    assert "encrypted PDF" in _error(f).reason


def test_readers_pdf_without_text_layer(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(make_pdf([["ignored"]], text_layer=False))
    assert "no text layer" in _error(f).reason


def test_readers_broken_html_without_text(tmp_path):
    f = tmp_path / "broken.html"
    f.write_text(
        "<html><head><script>var a = 1;</script></head><body><div><span></div></b", encoding="utf-8"
    )
    assert "HTML" in _error(f).reason


def test_readers_file_over_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text(ARTICLE * 50, encoding="utf-8")
    assert "too large" in _error(f, max_bytes=1000).reason


def test_readers_missing_and_unreadable_paths(tmp_path):
    assert "no such file" in _error(tmp_path / "nowhere.txt").reason
    assert "folder" in _error(tmp_path).reason
    f = tmp_path / "locked.txt"
    f.write_text(ARTICLE)
    f.chmod(0)
    try:
        if not os.access(f, os.R_OK):
            assert "unreadable: Permission denied" in _error(f).reason
        elif Path("/proc/self/mem").exists():  # root reads any file, but not this one
            assert "unreadable" in _error(Path("/proc/self/mem")).reason
    finally:
        f.chmod(0o644)


@pytest.mark.parametrize(
    "name,data",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        ("report.docx", b"PK\x03\x04" + bytes(200)),
        ("notes.xlsx", b"some bytes that are not a spreadsheet"),
    ],
)
def test_readers_unsupported_format(tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    assert "unsupported format" in _error(f).reason


def test_readers_load_bytes_names_its_source():
    [doc] = load_bytes(ARTICLE.encode(), "<stdin>", MB)
    assert doc.source == "<stdin>" and "reservoir" in doc.text
    with pytest.raises(InputError, match="^<stdin>: empty file$"):
        load_bytes(b"", "<stdin>", MB)


# -- the shared corpus (CROSSROADS_EVAL_DIR): articles and metadata as its gold says ---------
@pytest.mark.skipif(not CORPUS.is_dir() or not GOLD.is_dir(), reason="shared corpus not present")
def test_readers_corpus_articles_and_metadata():
    right = total = 0
    articles = []
    for path in sorted(CORPUS.glob("*.txt")):
        docs = load_path(path, 50 * MB)
        mine = [d for d in docs if d.kind == "article"]
        pages = [d for d in docs if d.kind == "page"]
        assert all(d.parent == pages[0].id for d in mine) if pages else True
        articles += mine
        gold = tomllib.loads((GOLD / (path.stem + ".toml")).read_text(encoding="utf-8"))["article"]
        assert len(mine) == len(gold), path.name
        for doc, g in zip(mine, gold):
            total += 1
            title_ok = not g["title"] or doc.title == g["title"]
            right += (
                title_ok
                and (doc.author or "") == g["author"]
                and (doc.published or "") == g["published"]
            )
    assert articles and len(articles) == total
    assert right >= total - 1  # one article's metadata may be missed, no more


def test_readers_markdown_front_matter_and_markup(tmp_path):
    f = tmp_path / "note.md"
    f.write_text(
        '---\ntitle: "Canal talks"\nauthor: Omar Faiz\ndate: 2022-09-01\n---\n\n# Canal talks resume\n\n'
        "Officials of the **two districts** met at the [irrigation office](http://example.org) "
        "to discuss the canal, which has been dry since June and needs repair.\n\n"
        "> The water must reach the lower villages first, the district head said.\n",
        encoding="utf-8",
    )
    [doc] = load_path(f, MB)
    assert (doc.title, doc.author, doc.published) == ("Canal talks", "Omar Faiz", "2022-09-01")
    assert doc.text == (
        "Officials of the two districts met at the irrigation office to discuss the canal, "
        "which has been dry since June and needs repair.\n\n"
        "The water must reach the lower villages first, the district head said."
    )


def test_readers_one_line_paragraphs_are_not_reflowed(tmp_path):
    lines = [
        f"Paragraph {w} of the report says the district council met again and agreed on a budget."
        for w in ("one", "two", "three", "four", "five", "six", "seven", "eight")
    ]
    f = tmp_path / "short-paras.txt"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [doc] = load_path(f, MB)
    assert doc.text.split("\n\n") == lines


def test_readers_hard_wrapped_text_is_reflowed(tmp_path):
    text = (
        "The district council met again on Thursday and agreed on a budget for the\n"
        "coming year, after weeks of quarrels over the money for the new school and\n"
        "the repair of the bridge that the spring floods damaged. Teachers said the\n"
        "budget was a first step, but that more would be needed before the winter.\n"
        "\n"
        "The governor, who attended the meeting, promised to ask the ministry for\n"
        "help with the bridge, which carries the only road to the upper villages and\n"
        "has been closed to trucks since April.\n"
    )
    f = tmp_path / "wrapped.txt"
    f.write_text(text, encoding="utf-8")
    [doc] = load_path(f, MB)
    paras = doc.text.split("\n\n")
    assert len(paras) == 2 and "for the coming year" in paras[0] and "\n" not in paras[1]


def test_readers_html_without_date_leaves_it_null(tmp_path):
    f = tmp_path / "undated.html"
    f.write_text(
        "<html><head><title>Road talks resume</title></head><body><article><h1>Road talks resume</h1>"
        "<p>The two delegations met in the border town to talk about the old road, closed since 2019.</p>"
        "<p>Both sides said a technical group would meet again in a month.</p></article>"
        "<footer>&copy; 2023 Steppe Wire</footer></body></html>",
        encoding="utf-8",
    )
    [doc] = load_path(f, MB)
    assert doc.title == "Road talks resume" and doc.published is None and doc.author is None
