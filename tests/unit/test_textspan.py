from crossroads.textspan import sentence_around

TEXT = "Kazakhstan exports grain. Uzbekistan bans foreign bases. Tajikistan hosts a Russian base."


def test_textspan_sentence_starting_with_the_mention_is_cut_alone():
    start = TEXT.index("Uzbekistan")
    s, e = sentence_around(TEXT, start, start + len("Uzbekistan"))
    assert TEXT[s:e] == "Uzbekistan bans foreign bases."


def test_textspan_mention_inside_last_sentence():
    start = TEXT.index("Russian")
    s, e = sentence_around(TEXT, start, start + 7)
    assert TEXT[s:e] == "Tajikistan hosts a Russian base."


def test_textspan_long_sentence_is_clipped_around_the_mention():
    text = "word " * 400 + "Gwadar " + "word " * 400
    start = text.index("Gwadar")
    s, e = sentence_around(text, start, start + 6, limit=100)
    assert s <= start and e >= start + 6 and e - s <= 110
