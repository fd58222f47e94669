"""A small store for the web tests, written by hand in the team's own words.

Offsets are computed from the text so a test can say "the sentence about the CSTO" and get
its exact span. One document carries hostile markup (a stored <script> and an onerror
attribute) to prove article text is never run by the browser.
"""

from __future__ import annotations

from crossroads.model import (
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Relation,
    stable_id,
)
from crossroads.store import open_store

TJ = Entity(
    "e:country/tj",
    "Country",
    "Tajikistan",
    ("Republic of Tajikistan",),
    {"iso": "TJ", "lat": 38.5, "lon": 71.0},
)
KG = Entity("e:country/kg", "Country", "Kyrgyzstan", (), {"iso": "KG", "lat": 41.4, "lon": 74.7})
AF = Entity("e:country/af", "Country", "Afghanistan", (), {"iso": "AF", "lat": 33.9, "lon": 67.7})
CSTO = Entity("e:org/csto", "Organization", "Collective Security Treaty Organization", ("CSTO",))
MINISTER = Entity("e:person/dilshod-rahmonzoda", "Person", "Dilshod Rahmonzoda", ("Rahmonzoda",))
GROUP = Entity("e:group/valley-front", "ArmedGroup", "Valley Front", ())
BATKEN = Entity("e:place/batken", "Place", "Batken", (), {"lat": 40.06, "lon": 70.82})

TALKS_TEXT = (
    "Border officials of Tajikistan and Kyrgyzstan met in Batken on 12 May 2021 to discuss "
    "the disputed water intake.\n\n"
    "Tajikistan has been a member of the CSTO since 1994, a commitment that shapes its "
    "security choices.\n\n"
    'Dilshod Rahmonzoda, the Tajik deputy minister, told reporters: "No foreign base will be '
    'opened on our territory."\n\n'
    "Local residents say the Valley Front operates in Afghanistan, close to the frontier."
)
CORRIDOR_TEXT = (
    "Kyrgyzstan borders Tajikistan along a long and poorly marked line.\n\n"
    "Traders in Batken complain that the closures cost them a season of apricots.\n\n"
    "One trader insisted that Kyrgyzstan is not a member of the CSTO at all."
)
HOSTILE_TEXT = (
    "A reader submitted this note about Tajikistan. "
    "<script>window.__xss = 'script';</script> "
    '<img src="x" onerror="window.__xss = \'img\'"> '
    "It ends with an ordinary sentence about Kyrgyzstan."
)


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def _mentions(doc: Document, pairs: list[tuple[Entity, str]]) -> list[Mention]:
    out = []
    for ent, surface in pairs:
        pos = 0
        while (i := doc.text.find(surface, pos)) >= 0:
            out.append(Mention(ent.id, doc.id, i, i + len(surface), surface))
            pos = i + len(surface)
    return out


def documents() -> dict[str, Document]:
    talks = Document(
        stable_id("d", "talks"),
        "talks-2021-05.txt",
        TALKS_TEXT,
        title="Water talks in Batken",
        author="Staff writer",
        published="2021-05-13",
        content_hash="h-talks",
    )
    corridor = Document(
        stable_id("d", "corridor"),
        "apricots.txt",
        CORRIDOR_TEXT,
        title="Closed crossings and apricot traders",
        published="2020-08",
        content_hash="h-corridor",
    )
    hostile = Document(
        stable_id("d", "hostile"),
        "hostile.txt",
        HOSTILE_TEXT,
        title="<script>window.__xss = 'title';</script>Reader note",
        published="2022-01-02",
        content_hash="h-hostile",
    )
    return {"talks": talks, "corridor": corridor, "hostile": hostile}


def extractions(docs: dict[str, Document]) -> list[Extraction]:
    talks, corridor, hostile = docs["talks"], docs["corridor"], docs["hostile"]
    t = talks.text
    s_meet = _span(t, t.split("\n\n")[0])
    s_member = _span(
        t,
        "Tajikistan has been a member of the CSTO since 1994, a commitment "
        "that shapes its security choices.",
    )
    s_quote = _span(t, t.split("\n\n")[2])
    s_group = _span(t, t.split("\n\n")[3])
    x1 = Extraction(
        talks.id,
        entities=[TJ, KG, CSTO, MINISTER, GROUP, BATKEN, AF],
        mentions=_mentions(
            talks,
            [
                (TJ, "Tajikistan"),
                (KG, "Kyrgyzstan"),
                (BATKEN, "Batken"),
                (CSTO, "CSTO"),
                (MINISTER, "Dilshod Rahmonzoda"),
                (GROUP, "Valley Front"),
                (AF, "Afghanistan"),
            ],
        ),
        relations=[
            Relation(TJ.id, "member_of", CSTO.id, Evidence(talks.id, *s_member), start="1994"),
            Relation(
                MINISTER.id,
                "holds_position",
                TJ.id,
                Evidence(talks.id, *s_quote),
                qualifiers={"role": "deputy minister"},
            ),
            Relation(GROUP.id, "operates_in", AF.id, Evidence(talks.id, *s_group)),
        ],
        events=[
            Event(
                "CONSULT",
                (TJ.id, KG.id),
                (),
                Evidence(talks.id, *s_meet),
                date="2021-05-12",
                place=BATKEN.id,
                trigger="met",
            )
        ],
        quotes=[
            Quote(
                MINISTER.id,
                "No foreign base will be opened on our territory.",
                Evidence(talks.id, *s_quote),
                cue="told",
                date="2021-05",
                about=(TJ.id,),
            )
        ],
    )
    c = corridor.text
    s_border = _span(c, c.split("\n\n")[0])
    s_denial = _span(c, c.split("\n\n")[2])
    x2 = Extraction(
        corridor.id,
        entities=[KG, TJ, BATKEN, CSTO],
        mentions=_mentions(
            corridor, [(KG, "Kyrgyzstan"), (TJ, "Tajikistan"), (BATKEN, "Batken"), (CSTO, "CSTO")]
        ),
        relations=[
            Relation(KG.id, "borders", TJ.id, Evidence(corridor.id, *s_border)),
            Relation(KG.id, "member_of", CSTO.id, Evidence(corridor.id, *s_denial), negated=True),
        ],
    )
    h = hostile.text
    s_h = _span(h, "A reader submitted this note about Tajikistan.")
    x3 = Extraction(
        hostile.id,
        entities=[TJ, KG],
        mentions=_mentions(hostile, [(TJ, "Tajikistan"), (KG, "Kyrgyzstan")]),
        relations=[Relation(KG.id, "borders", TJ.id, Evidence(hostile.id, *s_h))],
    )
    return [x1, x2, x3]


def build(url: str) -> dict[str, Document]:
    """Fill the store at ``url`` with the sample documents; returns them by short name."""
    docs = documents()
    xs = {x.doc: x for x in extractions(docs)}
    with open_store(url) as store:
        for d in docs.values():
            store.add_documents([d], [xs[d.id]])
    return docs


def sentence(doc: Document, piece: str) -> tuple[int, int]:
    return _span(doc.text, piece)
