"""A small world for the analysis tests: a test pack and a SQLite store filled by hand.

The sentences are the team's own; the readings (relations, events, quotes) are what a good
extraction would take from them, written out so that these tests do not depend on it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from crossroads.model import Document, Entity, Event, Evidence, Extraction, Mention, Quote, Relation
from crossroads.pack import Pack
from crossroads.textspan import sentence_around

PACK = """
[[entity]]
id = "e:country/af"
type = "Country"
name = "Afghanistan"
source = "test: atlas"
data = { landlocked = true }

[[entity]]
id = "e:country/cn"
type = "Country"
name = "China"
source = "test: atlas"
data = { landlocked = false, coasts = ["Pacific Ocean"] }

[[entity]]
id = "e:country/ir"
type = "Country"
name = "Iran"
source = "test: atlas"
data = { landlocked = false, coasts = ["Persian Gulf"], caspian = true }

[[entity]]
id = "e:country/kz"
type = "Country"
name = "Kazakhstan"
iso = "KZ"
source = "test: atlas"
data = { landlocked = true, caspian = true, subregion = "Central Asia" }

[[entity]]
id = "e:country/kg"
type = "Country"
name = "Kyrgyzstan"
source = "test: atlas"
data = { landlocked = true, subregion = "Central Asia" }

[[entity]]
id = "e:country/tj"
type = "Country"
name = "Tajikistan"
source = "test: atlas"
data = { landlocked = true, subregion = "Central Asia" }

[[entity]]
id = "e:country/tm"
type = "Country"
name = "Turkmenistan"
source = "test: atlas"
data = { landlocked = true, caspian = true, subregion = "Central Asia" }

[[entity]]
id = "e:country/uz"
type = "Country"
name = "Uzbekistan"
source = "test: atlas"
data = { landlocked = true, subregion = "Central Asia" }

[[entity]]
id = "e:country/pk"
type = "Country"
name = "Pakistan"
source = "test: atlas"
data = { landlocked = false, coasts = ["Arabian Sea"] }

[[entity]]
id = "e:country/ru"
type = "Country"
name = "Russia"
source = "test: atlas"
data = { landlocked = false, coasts = ["Arctic Ocean"] }

[[entity]]
id = "e:country/us"
type = "Country"
name = "United States"
aliases = ["US", "USA"]
adjectives = ["American"]
source = "test: atlas"
data = { landlocked = false, coasts = ["Atlantic Ocean"] }

[[entity]]
id = "e:country/in"
type = "Country"
name = "India"
source = "test: atlas"
data = { landlocked = false, coasts = ["Indian Ocean"] }

[[entity]]
id = "e:place/central-asia"
type = "Place"
name = "Central Asia"
source = "test: atlas"

[[entity]]
id = "e:place/dushanbe"
type = "Place"
name = "Dushanbe"
country = "e:country/tj"
lat = 38.56
lon = 68.77
geo_precision = "city"
source = "test: atlas"

[[entity]]
id = "e:org/csto"
type = "Organization"
name = "Collective Security Treaty Organization"
aliases = ["CSTO"]
source = "test: treaty text"

[[entity]]
id = "e:place/af-bds"
type = "Place"
name = "Badakhshan"
country = "e:country/af"
source = "test: atlas"

[[entity]]
id = "e:place/xinjiang"
type = "Place"
name = "Xinjiang"
country = "e:country/cn"
source = "test: atlas"

[[entity]]
id = "e:place/termez"
type = "Place"
name = "Termez"
country = "e:country/uz"
source = "test: atlas"

[[entity]]
id = "e:place/peshawar"
type = "Place"
name = "Peshawar"
country = "e:country/pk"
source = "test: atlas"

[[entity]]
id = "e:facility/gwadar-port"
type = "Facility"
name = "Gwadar Port"
country = "e:country/pk"
source = "test: port list"
data = { kind = "port" }

[[entity]]
id = "e:facility/karachi-port"
type = "Facility"
name = "Karachi Port"
country = "e:country/pk"
source = "test: port list"
data = { kind = "port" }

[[entity]]
id = "e:facility/aktau-port"
type = "Facility"
name = "Aktau Port"
country = "e:country/kz"
source = "test: port list"
data = { kind = "port", sea = "Caspian Sea" }

[[entity]]
id = "e:initiative/cpec"
type = "Initiative"
name = "China-Pakistan Economic Corridor"
aliases = ["CPEC"]
source = "test: corridor list"

[[entity]]
id = "e:initiative/trans-afghan-railway"
type = "Initiative"
name = "Trans-Afghan Railway"
source = "test: corridor list"
data = { countries = ["e:country/uz", "e:country/af", "e:country/pk"] }

[[entity]]
id = "e:group/imu"
type = "ArmedGroup"
name = "Islamic Movement of Uzbekistan"
aliases = ["IMU"]
source = "test: registry"

[[entity]]
id = "e:group/taliban"
type = "ArmedGroup"
name = "Taliban"
source = "test: registry"

[[relation]]
subject = "e:country/uz"
predicate = "member_of"
object = "e:org/csto"
start = "2006"
end = "2012"
source = "test: treaty depositary"

[[relation]]
subject = "e:country/tj"
predicate = "member_of"
object = "e:org/csto"
start = "2002"
source = "test: treaty depositary"

[[relation]]
subject = "e:country/kz"
predicate = "member_of"
object = "e:org/csto"
start = "2002"
source = "test: treaty depositary"

[[relation]]
subject = "e:country/kg"
predicate = "member_of"
object = "e:org/csto"
start = "2002"
source = "test: treaty depositary"

[[relation]]
subject = "e:country/ru"
predicate = "member_of"
object = "e:org/csto"
start = "2002"
source = "test: treaty depositary"

[[relation]]
subject = "e:place/af-bds"
predicate = "borders"
object = "e:country/tj"
source = "test: atlas"

[[relation]]
subject = "e:initiative/cpec"
predicate = "connects"
object = "e:place/xinjiang"
source = "test: corridor list"

[[relation]]
subject = "e:initiative/cpec"
predicate = "connects"
object = "e:facility/gwadar-port"
source = "test: corridor list"

[[relation]]
subject = "e:initiative/trans-afghan-railway"
predicate = "connects"
object = "e:place/termez"
source = "test: corridor list"

[[relation]]
subject = "e:initiative/trans-afghan-railway"
predicate = "connects"
object = "e:place/peshawar"
source = "test: corridor list"

[[rule]]
id = "csto-consensus"
kind = "consensus_for_foreign_military"
subject = "e:org/csto"
text = "Members need the consent of all members to host forces of non-members."
source = "test: CSTO protocol"

[[rule]]
id = "uz-ban"
kind = "ban_foreign_bases"
subject = "e:country/uz"
text = "The law forbids foreign military bases on national territory."
source = "test: defence doctrine"
"""

BORDERS = [
    ("tj", "af"),
    ("tj", "uz"),
    ("tj", "kg"),
    ("tj", "cn"),
    ("af", "pk"),
    ("af", "ir"),
    ("af", "uz"),
    ("af", "tm"),
    ("af", "cn"),
    ("uz", "kz"),
    ("uz", "kg"),
    ("uz", "tm"),
    ("kz", "kg"),
    ("kz", "cn"),
    ("kz", "ru"),
    ("kz", "tm"),
    ("kg", "cn"),
    ("tm", "ir"),
    ("cn", "pk"),
    ("ir", "pk"),
]

# id, published, author, title, text
TEXTS = {
    "roster": (
        "2021-04-10",
        "Mira Sadykova",
        "Who guards the region",
        (
            "Kazakhstan, Kyrgyzstan and Tajikistan belong to the CSTO. "
            "Russia keeps a military base near Dushanbe in Tajikistan. "
            "The IMU has about 700 fighters in Badakhshan. "
            "India keeps a small air unit in Kyrgyzstan. "
            "American tankers still refuel at an airfield in Kyrgyzstan. "
            "According to Ivan Petrov, IMU cells recruit in Dushanbe."
        ),
    ),
    "claim": (
        "2021-06-02",
        "Tom Reed",
        "Allies of Moscow",
        (
            "Uzbekistan and Tajikistan are members of the CSTO. "
            "A Russian envoy, Ivan Petrov, ruled out American military bases in Central Asia. "
            "The IMU counts more than 5,000 fighters in Badakhshan. "
            "Ivan Petrov met officials in Dushanbe on 1 June. "
            "\u201cThe Tajik side told us that American bases there are impossible,\u201d Petrov said."
        ),
    ),
    "copy": (
        "2021-06-03",
        "Tom Reed",
        "Allies of Moscow (reprint)",
        (
            "Uzbekistan and Tajikistan are members of the CSTO. "
            "A Russian envoy, Ivan Petrov, ruled out American military bases in Central Asia."
        ),
    ),
    "pak": (
        "2021-06-20",
        "Lena Ortiz",
        "Islamabad says no",
        (
            "Prime Minister Imran Khan ruled out any US military bases on Pakistani soil. "
            "\u201cPakistan will not host American troops on its territory,\u201d Khan told reporters."
        ),
    ),
    "hist": (
        "2022-01-15",
        "Ken Ito",
        "Old airfields",
        (
            "The United States used the Manas air base in Kyrgyzstan from 2001 to 2014. "
            "The IMU pledged allegiance to the Taliban. "
            "Usman Ghazi led the IMU. "
            "The United States designated the IMU a terrorist organization. "
            "Kyrgyzstan does not host any Indian forces."
        ),
    ),
}

EXTRA_ENTITIES = [
    Entity("e:person/ivan-petrov", "Person", "Ivan Petrov"),
    Entity("e:person/imran-khan", "Person", "Imran Khan", ("Khan",)),
    Entity("e:person/usman-ghazi", "Person", "Usman Ghazi"),
]


def doc_id(key: str) -> str:
    return "d:" + hashlib.sha1(key.encode()).hexdigest()


def make_documents() -> dict[str, Document]:
    docs = {}
    for key, (published, author, title, text) in TEXTS.items():
        docs[key] = Document(
            id=doc_id(key),
            source=f"{key}.txt",
            text=text,
            title=title,
            author=author,
            published=published,
            content_hash=hashlib.sha1(text.encode()).hexdigest(),
            duplicate_of=doc_id("claim") if key == "copy" else None,
        )
    return docs


def span(doc: Document, phrase: str) -> Evidence:
    i = doc.text.index(phrase)
    start, end = sentence_around(doc.text, i, i + len(phrase))
    return Evidence(doc.id, start, end)


def mention(doc: Document, entity: str, surface: str) -> Mention:
    i = doc.text.index(surface)
    return Mention(entity, doc.id, i, i + len(surface), surface)


def rel(doc, phrase, s, p, o, **kw) -> Relation:
    return Relation(s, p, o, span(doc, phrase), **kw)


def readings(docs: dict[str, Document]) -> dict[str, Extraction]:
    r, c, cp, pk, h = (docs[k] for k in ("roster", "claim", "copy", "pak", "hist"))
    csto, tj, kz, kg, uz = (
        "e:org/csto",
        "e:country/tj",
        "e:country/kz",
        "e:country/kg",
        "e:country/uz",
    )
    us, ru, imu = "e:country/us", "e:country/ru", "e:group/imu"
    x = {k: Extraction(d.id) for k, d in docs.items()}
    x["roster"].relations += [
        rel(r, "belong to", kz, "member_of", csto),
        rel(r, "belong to", kg, "member_of", csto),
        rel(r, "belong to", tj, "member_of", csto),
        rel(
            r,
            "Russia keeps",
            tj,
            "hosts_military_presence",
            ru,
            qualifiers={"place": "e:place/dushanbe"},
        ),
        rel(
            r,
            "700 fighters",
            imu,
            "operates_in",
            "e:place/af-bds",
            qualifiers={"quantity": "about 700"},
        ),
        rel(r, "India keeps", kg, "hosts_military_presence", "e:country/in"),
        rel(r, "American tankers", kg, "hosts_military_presence", us),
        rel(
            r,
            "According to Ivan Petrov",
            "e:group/imu",
            "operates_in",
            "e:place/dushanbe",
            attributed_to="e:person/ivan-petrov",
        ),
    ]
    x["roster"].mentions += [
        mention(r, kz, "Kazakhstan"),
        mention(r, tj, "Tajikistan"),
        mention(r, csto, "CSTO"),
        mention(r, imu, "IMU"),
    ]
    for key, d in (("claim", c), ("copy", cp)):
        x[key].relations += [
            rel(d, "are members", uz, "member_of", csto),
            rel(d, "are members", tj, "member_of", csto),
        ]
        x[key].events.append(
            Event(
                "REJECT",
                ("e:person/ivan-petrov", ru),
                (us,),
                span(d, "ruled out"),
                date="2021",
                trigger="ruled out",
            )
        )
        x[key].mentions += [
            mention(d, "e:place/central-asia", "Central Asia"),
            mention(d, us, "American"),
            mention(d, uz, "Uzbekistan"),
        ]
    x["claim"].relations += [
        rel(
            c,
            "Ivan Petrov, ruled",
            "e:person/ivan-petrov",
            "holds_position",
            ru,
            qualifiers={"role": "envoy"},
        ),
        rel(
            c,
            "5,000 fighters",
            imu,
            "operates_in",
            "e:place/af-bds",
            qualifiers={"quantity": "more than 5,000"},
        ),
    ]
    x["claim"].quotes.append(
        Quote(
            "e:person/ivan-petrov",
            "The Tajik side told us that American bases there are impossible,",
            span(c, "The Tajik side"),
            cue="said",
            about=(tj, us),
        )
    )
    x["claim"].events.append(
        Event(
            "CONSULT",
            ("e:person/ivan-petrov",),
            (),
            span(c, "met officials"),
            date="2021-06-01",
            place="e:place/dushanbe",
            trigger="met",
        )
    )
    x["pak"].relations.append(
        rel(
            pk,
            "Prime Minister",
            "e:person/imran-khan",
            "holds_position",
            "e:country/pk",
            qualifiers={"role": "Prime Minister"},
        )
    )
    x["pak"].events.append(
        Event(
            "REJECT",
            ("e:person/imran-khan",),
            (us,),
            span(pk, "ruled out"),
            date="2021-06",
            trigger="ruled out",
        )
    )
    x["pak"].quotes.append(
        Quote(
            "e:person/imran-khan",
            "Pakistan will not host American troops on its territory,",
            span(pk, "Pakistan will not"),
            cue="told",
            date="2021-06-20",
            about=("e:country/pk", us),
        )
    )
    x["pak"].mentions += [mention(pk, "e:person/imran-khan", "Imran Khan"), mention(pk, us, "US")]
    x["hist"].relations += [
        rel(
            h,
            "Manas",
            kg,
            "hosts_military_presence",
            us,
            start="2001",
            end="2014",
            qualifiers={"place": "Manas air base"},
        ),
        rel(h, "pledged allegiance", imu, "pledged_allegiance_to", "e:group/taliban"),
        rel(
            h,
            "Usman Ghazi",
            "e:person/usman-ghazi",
            "holds_position",
            imu,
            qualifiers={"role": "leader"},
        ),
        rel(h, "designated", imu, "designated_terrorist_by", us),
        rel(h, "does not host", kg, "hosts_military_presence", "e:country/in", negated=True),
    ]
    x["hist"].mentions += [
        mention(h, us, "United States"),
        mention(h, kg, "Kyrgyzstan"),
        mention(h, imu, "IMU"),
    ]
    return x


def build_pack(folder: Path) -> Pack:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [PACK]
    for a, b in BORDERS:
        lines.append(
            f'[[relation]]\nsubject = "e:country/{a}"\npredicate = "borders"\n'
            f'object = "e:country/{b}"\nsource = "test: atlas"\n'
        )
    (folder / "world.toml").write_text("\n".join(lines), encoding="utf-8")
    return Pack.load(extra=[folder], replace=True)


def build_store(store, pack: Pack) -> dict[str, Document]:
    """Fill ``store`` with the world's documents and readings; returns the documents by key."""
    docs = make_documents()
    xs = readings(docs)
    known = {e.id: e for e in EXTRA_ENTITIES}
    for x in xs.values():
        ids = {m.entity for m in x.mentions}
        for r in x.relations:
            ids |= {i for i in (r.subject, r.object) if i is not None}
        for ev in x.events:
            ids |= (
                set(ev.actors) | set(ev.targets) | ({ev.place} if ev.place is not None else set())
            )
        for q in x.quotes:
            ids |= ({q.speaker} if q.speaker is not None else set()) | set(q.about)
        for i in sorted(ids):
            pe = pack.get(i)
            x.entities.append(known.get(i) or Entity(pe.id, pe.type, pe.name, pe.aliases))
    store.add_documents(list(docs.values()), list(xs.values()))
    return docs
