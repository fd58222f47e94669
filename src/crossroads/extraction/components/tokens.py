"""Tokenizer rules for text copied out of PDFs and web pages.

Five artefacts break names and quotes: footnote markers glued to a word ("Karimov12",
"Russia.12"), a dash glued to the end of a name ("Kazakhstan- met"), words run together where
a line break or a link was lost ("asKatibat", "HomeEuropeRussia"), an opening quotation
mark glued to the word before it, and slashes around an agency's name in a dateline.
Splitting them into tokens lets NER see the name; the text and its offsets are untouched, so
a mention still points at exactly what the page says.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

# "Karimov12" -> "Karimov" "12"; only after two lower-case letters, so "G20", "C5" stay whole
FOOTNOTE_SUFFIX = r"(?<=[a-z\u00e0-\u024f]{2})\d{1,3}$"
# "Kazakhstan- met", "the Caspian Sea- Iran": a dash glued to a name, its space lost
DASH_SUFFIX = r"(?<=[A-Za-z]{3})-$"
# "<CITY>, May 2. /AGENCY/.": the slashes around a news agency's name in a dateline
SLASH_PREFIX = r"^/(?=[A-Z])"
SLASH_SUFFIX = r"(?<=[A-Za-z]{2})/[.,]?$"
# "Russia.12" / "Russia,3" -> "Russia" "." "12"
FOOTNOTE_INFIX = r"(?<=[a-z]{2})[.,;:](?=\d{1,3}$)"
# "asKatibat" -> "as" "Katibat", "SheraliKhairullaev" -> "Sherali" "Khairullaev"; the
# matcher and typer then refuse a name glued to a capitalised word before it ("PetroChina")
GLUED_INFIX = r"(?<=[a-z]{2})(?=[A-Z][a-z])"
# 'wrote:“We' -> "wrote" ":" "“" "We", 'groups”-a' -> "groups" "”" "-a": quotation marks that lost
# their space, so the cue verb and the quoted words are words of their own ('wrote:”We': an
# opening mark typed as a closing one, after a colon)
QUOTE_INFIX = (
    r"(?<=[a-z])[:,](?=[“«])|(?<=[a-z]):(?=”\w)|(?<=[a-z:,])[“«](?=\w)|(?<=:)”(?=\w)"
    r"|(?<=[a-z])[”»](?=[-–\w])"
)


def adapt_tokenizer(nlp: Language) -> None:
    """Add the footnote, glued-word and dateline rules to ``nlp``'s tokenizer (idempotent)."""
    prefixes = list(nlp.Defaults.prefixes or [])
    suffixes = list(nlp.Defaults.suffixes or [])
    infixes = list(nlp.Defaults.infixes or [])
    for rules, added in (
        (prefixes, (SLASH_PREFIX,)),
        (suffixes, (FOOTNOTE_SUFFIX, DASH_SUFFIX, SLASH_SUFFIX)),
        (infixes, (FOOTNOTE_INFIX, GLUED_INFIX, QUOTE_INFIX)),
    ):
        rules += [rule for rule in added if rule not in rules]
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
