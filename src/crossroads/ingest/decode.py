"""What an input's bytes are (format) and which text they hold (encoding).

The format comes from the content first (a PDF header, an HTML start tag, a known
binary signature) and the file name second. Encodings other than UTF-8 are detected
with charset-normalizer rather than guessed; bytes no encoding explains are refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from crossroads.exc import InputError

TEXT_EXT = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_EXT = frozenset({".html", ".htm", ".xhtml"})
PDF_EXT = frozenset({".pdf"})
SUPPORTED = ".txt .md .html .htm .pdf"

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or .docx/.odt/.epub)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"{\\rtf": "RTF document",
    b"7z\xbc\xaf": "7-Zip archive",
    b"Rar!": "RAR archive",
    b"%!PS": "PostScript",
    b"\x7fELF": "executable",
    b"MZ": "executable",
    b"ID3": "MP3 audio",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"SQLite format 3": "SQLite database",
}
_OTHER_EXT = frozenset(
    ".doc .docx .odt .rtf .xls .xlsx .ods .ppt .pptx .epub .png .jpg .jpeg .gif "
    ".webp .tif .tiff .zip .gz .tgz .bz2 .xz .7z .rar .mp3 .mp4 .avi .mov .exe "
    ".dll .so .bin .db .sqlite".split()
)
_HTML_START = re.compile(
    r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def sniff(data: bytes, suffix: str, name: str) -> str:
    """'pdf', 'html' or 'text' for the input, or InputError for a format crossroads can't read."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if suffix in PDF_EXT:
        raise InputError(name, "not a PDF file: it lacks the %PDF header (damaged or misnamed)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic) and not (magic == b"MZ" and suffix in TEXT_EXT | HTML_EXT):
            raise InputError(name, f"unsupported format: {what}; crossroads reads {SUPPORTED}")
    if suffix in _OTHER_EXT:
        raise InputError(name, f"unsupported format ({suffix}); crossroads reads {SUPPORTED}")
    return "html" if suffix in HTML_EXT else "text"


_FRAGMENT = re.compile(r"</(p|div|span|a|li|td|h[1-6]|article|section)>", re.IGNORECASE)


def is_html(text: str) -> bool:
    """True when decoded text is an HTML document (or a fragment) whatever its file name says."""
    head = text[:5000]
    return bool(_HTML_START.match(head)) or (
        head.lstrip().startswith("<") and len(_FRAGMENT.findall(head)) >= 2
    )


def _binary(data: bytes) -> bool:
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text of UTF-16 bytes that lack a byte order mark, if they read as words either way."""
    if len(data) % 2:
        return None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ok = sum(1 for c in text if c.isalnum() or c.isspace() or c in ".,;:!?'\"()-–—«»“”’")
        if ok >= 0.9 * len(text) and _plausible(text):
            return text
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of an input's bytes, or InputError saying why there is no text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError:
                raise InputError(name, f"undecodable bytes: starts as {enc} but is not valid {enc}")
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None and not _binary(text.encode("utf-8")):
            return text, "utf-16"
        raise InputError(name, "binary data, not text (it holds NUL bytes)")
    if _binary(data):
        raise InputError(name, "binary data, not text (control bytes throughout)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    order = {e: i for i, e in enumerate(_PREFERRED)}
    matches.sort(key=lambda m: (m.chaos, -m.coherence, order.get(m.encoding, 99)))
    for m in matches:
        text = str(m)
        foreign = sum(ord(c) > 127 for c in text) / max(1, len(text))
        if m.chaos <= 0.1 and _plausible(text) and (m.coherence >= 0.05 or foreign < 0.2):
            return text, m.encoding
    try:  # short Western text that the statistics miss: cp1252 if its letters read as words
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(name, _UNDECODABLE)
    letters = [c for c in text if c.isalpha()]
    if _plausible(text) and sum(ord(c) > 127 for c in letters) <= 0.2 * max(1, len(letters)):
        return text, "cp1252"
    raise InputError(name, _UNDECODABLE)


def _script(c: str) -> str:
    try:
        return unicodedata.name(c).split()[0]
    except ValueError:
        return "?"


def _plausible(text: str) -> bool:
    """True when words with non-ASCII letters keep to one script ("Über", not "ﾜber")."""
    odd = total = 0
    for word in re.findall(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*", text):
        scripts = {_script(c) for c in word if c.isalpha()}
        total += 1
        odd += len(scripts) > 1 or not scripts <= _SCRIPTS
    return odd <= 0.05 * max(1, total)


_SCRIPTS = frozenset(
    {
        "LATIN",
        "CYRILLIC",
        "GREEK",
        "ARABIC",
        "HEBREW",
        "CJK",
        "HIRAGANA",
        "KATAKANA",
        "HANGUL",
        "DEVANAGARI",
        "GEORGIAN",
        "ARMENIAN",
        "THAI",
    }
)
_UNDECODABLE = (
    "undecodable bytes: not UTF-8, and no text encoding explains them "
    "(mixed or corrupt encodings?); convert the file to UTF-8"
)
_PREFERRED = [
    "utf_8",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1254",
    "cp1256",
    "utf_16",
    "gb18030",
    "shift_jis",
    "euc_kr",
]
