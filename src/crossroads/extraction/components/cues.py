"""Words that tell an entity's type from its own name or its neighbours ("... militants").

Kept as data so the typer's rules stay short; all entries are folded (lower case).
"""

from __future__ import annotations

from crossroads.names import HONORIFICS

# a name holding one of these words is an armed group, whatever NER said
ARMED_GROUP_WORDS = frozenset(
    [
        "katibat",
        "katibah",
        "jamaat",
        "jamaat-ul",
        "jamaat-e",
        "jamiat-ul",
        "lashkar",
        "lashkar-e",
        "tehrik",
        "tehrik-e",
        "tehreek",
        "harakat",
        "harkat",
        "jaish",
        "jaish-e",
        "ansar",
        "ansarullah",
        "ansar-ul",
        "mujahideen",
        "mujahidin",
        "mujahedeen",
        "jihad",
        "jihadi",
        "jihadist",
        "brigade",
        "brigades",
        "battalion",
        "battalions",
        "liwa",
        "militia",
        "militias",
        "insurgents",
    ]
) | frozenset(
    ["taliban", "qaeda", "qaida", "hezbollah", "hizbollah", "hizballah", "daesh", "isis", "isil"]
)
# names of armed groups in their own right (the words above alone are not names)
ARMED_GROUP_NAMES = frozenset(
    ["taliban", "qaeda", "qaida", "hezbollah", "hizbollah", "hizballah", "daesh", "isis", "isil"]
)
ARMED_GROUP_PHRASES = (
    "islamic state",
    "islamic movement",
    "liberation army",
    "liberation front",
    "liberation tigers",
    "holy warriors",
    "jihad union",
    "fighter network",
    "islamic party",
    "popular mobilization forces",
    "islamic front",
    "islamic emirate",
    " network",
)
# an armed-group word inside a name headed by one of these is a body of the group
ORG_BODY_HEADS = frozenset(
    [
        "council",
        "committee",
        "commission",
        "ministry",
        "department",
        "office",
        "court",
        "assembly",
        "parliament",
        "agency",
        "service",
        "bank",
        "university",
        "institute",
        "media",
        "news",
        "shura",
    ]
)
# a state's bodies that reporting writes in lower case after the state ("Kyrgyzstan's interior
# ministry", "the Tajik presidency"); all but "presidency" with a word before them
STATE_BODY_HEADS = frozenset(["ministry", "presidency", "committee", "agency", "service"])
# nouns that follow a ministry's name without naming its field ("a ministry of energy statement")
NOT_MINISTRY_FIELD = frozenset(
    """statement statements spokesman spokeswoman spokesperson official officials source sources
website site press report building headquarters letter note data figures order decree""".split()
)
# neighbours that make an organisation an armed group ("X militants", "militants of X")
ARMED_CONTEXT = frozenset(
    [
        "militant",
        "militants",
        "fighter",
        "fighters",
        "jihadist",
        "jihadists",
        "insurgent",
        "insurgents",
        "terrorist",
        "terrorists",
        "militia",
        "rebels",
        "rebel",
        "guerrillas",
        "extremist",
        "extremists",
    ]
)

# the last word of a name decides these types
AGREEMENT_HEADS = frozenset(
    [
        "agreement",
        "agreements",
        "treaty",
        "treaties",
        "accord",
        "accords",
        "memorandum",
        "memoranda",
        "declaration",
        "convention",
        "charter",
        "protocol",
        "deal",
        "pact",
        "act",
        "law",
        "resolution",
        "mou",
        "communique",
    ]
)
INITIATIVE_HEADS = frozenset(
    [
        "initiative",
        "corridor",
        "corridors",
        "program",
        "programme",
        "project",
        "strategy",
        "plan",
        "vision",
        "partnership",
    ]
)
# lower-case words that make "<place> port" a facility of its own
FACILITY_SUFFIXES = frozenset(
    [
        "port",
        "airport",
        "airbase",
        "base",
        "harbour",
        "harbor",
        "dam",
        "pipeline",
        "reservoir",
        "canal",
    ]
)
FACILITY_HEADS = frozenset(
    [
        "port",
        "airport",
        "airbase",
        "base",
        "pipeline",
        "dam",
        "bridge",
        "railway",
        "railroad",
        "highway",
        "motorway",
        "tunnel",
        "canal",
        "station",
        "refinery",
        "plant",
        "terminal",
        "prison",
        "embassy",
        "consulate",
        "harbour",
        "harbor",
        "dock",
        "depot",
        "mine",
        "crossing",
        "checkpoint",
        "reservoir",
        "outpost",
        "barracks",
    ]
)
PLACE_HEADS = frozenset(
    [
        "valley",
        "province",
        "region",
        "district",
        "agency",
        "mountains",
        "mountain",
        "river",
        "sea",
        "ocean",
        "gulf",
        "peninsula",
        "desert",
        "basin",
        "pass",
        "lake",
        "plateau",
        "steppe",
        "island",
        "islands",
        "strait",
        "coast",
        "county",
        "oblast",
        "city",
        "republics",
        "provinces",
        "regions",
        "districts",
        "valleys",
    ]
)
NATURAL_HEADS = frozenset(
    ["sea", "ocean", "gulf", "bay", "strait", "lake", "island", "islands", "peninsula"]
)
"""Heads of a natural feature named "<head> of <name>" (a gulf, a sea): the whole is one place,
not the name after "of" (a state, a region) beside a short form of another feature."""
ORGANIZATION_WORDS = frozenset(
    [
        "ministry",
        "department",
        "party",
        "council",
        "committee",
        "commission",
        "agency",
        "service",
        "services",
        "bank",
        "union",
        "organization",
        "organisation",
        "association",
        "institute",
        "institution",
        "university",
        "forum",
        "assembly",
        "parliament",
        "duma",
        "senate",
        "congress",
        "court",
        "office",
        "army",
        "navy",
        "forces",
        "corps",
        "police",
        "government",
        "company",
        "corporation",
        "news",
        "times",
        "post",
        "journal",
        "tv",
        "radio",
        "press",
        "foundation",
        "fund",
        "centre",
        "center",
        "cabinet",
        "secretariat",
        "summit",
        "group",
        "staff",
        "command",
        "cooperation",
        "organisation",
        "federation",
    ]
)

# titles before a person's name, dropped from the canonical name (kept as an alias)
TITLES = (
    frozenset(
        [
            "president",
            "vice-president",
            "prime",
            "minister",
            "pm",
            "fm",
            "mr",
            "mrs",
            "ms",
            "miss",
            "dr",
            "prof",
            "professor",
            "general",
            "gen",
            "gen.",
            "lt",
            "lt.",
            "col",
            "col.",
            "colonel",
            "major",
            "maj",
            "maj.",
            "brig",
            "brig.",
            "brigadier",
            "capt",
            "capt.",
            "captain",
            "admiral",
            "marshal",
            "ambassador",
            "envoy",
            "amb.",
            "sen.",
            "senator",
            "rep.",
            "gov.",
            "governor",
            "chief",
            "commander",
            "king",
            "queen",
            "prince",
            "princess",
            "emir",
            "amir",
            "mawlavi",  # the honorifics of crossroads.names (below), in two more spellings
            "moulvi",
            "dpm",
            "dg",  # a director-general: "the DG of <body> <name>"
            "ayatollah",
            "imam",
            "speaker",
            "secretary",
            "foreign",
            "defense",
            "defence",
            "deputy",
            "special",
            "representative",
            "then-us",
            "then",
            "minister",
            "army",
            "sir",
            "lord",
            "h.e.",  # His or Her Excellency
            "h.e",
            "chairman",
            "chairperson",
            "premier",
            "assistant",
            "head",
            "research",
            "under",
            "undersecretary",
            "acting",
            "former",
            "late",
        ]
    )
    | HONORIFICS
)

# site furniture that NER reads as names (whole names, folded)
BOILERPLATE = frozenset(
    s.strip()
    for s in """
related post|related posts|post disclaimer|disclaimer|leave a reply|reply|comments|comment|share
|tweet|email|print|most popular|continue reading|read more|home|menu|search|subscribe
|advertisement|spread the love|published|photo|photos|getty images|editorial|whatsapp|pinterest
|linkedin|reddit|instagram|youtube|facebook|twitter|akismet|cookie policy|privacy policy
""".replace("\n", "").split("|")
)

FUNCTION_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
        "at",
        "to",
        "al",
        "el",
        "wal",
        "ul",
        "de",
        "da",
        "du",
        "bin",
        "ibn",
        "bint",
        "e",
        "i",
    ]
)

# particles inside Arabic and Persian names ("Mohammed bin Salman Al Saud"): a name NER ends
# before one goes on after it
NAME_PARTICLES = frozenset(["al", "el", "bin", "ibn", "bint", "ul", "ud", "abu"])

# particles of European surnames ("von der Leyen", "van Rompuy"), lower case inside a name
SURNAME_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "di", "da", "du", "del", "dos", "ter"]
)

# Turkic patronymics that end a name in lower case ("Aida Bekmurat kyzy": Bekmurat's daughter)
MONEY = frozenset(["$", "dollar", "dollars"])
"""Words after a state's name that make it a mark on money ("US $2 billion"), not the state."""
ROLES_AND_NAMES = frozenset(["amir"])
"""Role words that are also given names: capitalised before a name they are its first word
("Amir Karim Nazari"), not a title to trim."""
PATRONYMICS = frozenset(["kyzy", "uulu", "qizi", "qyzy", "ogli", "ogly", "uly"])

# words NER tags as names that name nothing on their own (folded)
GENERIC = frozenset(
    [
        "state",
        "army",
        "government",
        "ministry",
        "border",
        "shadow",
        "west",
        "east",
        "north",
        "south",
        "asia",
        "president",
        "minister",
        "general",
        "commander",
        "leader",
        "chief",
        "the",
        "major",
        "memorandum",
        "agreement",
        "treaty",
        "sharia",
        "ummah",
        "surah",
        "shaitan",
        "taghut",
        "bayat",
        "bay'ah",
        "shahid",
        "amir",
        "emir",
        "mujahid",
        "mujahideen",
        "muhajireen",
        "muhajirin",
        "kafir",
        "kafirs",
        "allah",
        "quran",
        "koran",
        "hadith",
        "fatwa",
        "hijra",
        "caliphate",
        "jihad",
        "ansar",
        "salafi",
        "salafi-jihadi",
        "infidels",
        "crusaders",
    ]
)

# peoples and faiths: not entities (CONTRACT.md), also in the plural and with "Muslims" etc.
PEOPLES = frozenset(
    [
        "uighur",
        "uighurs",
        "uyghur",
        "uyghurs",
        "pashtun",
        "pashtuns",
        "hazara",
        "hazaras",
        "baloch",
        "baluch",
        "tajiks",
        "uzbeks",
        "kazakhs",
        "kyrgyz",
        "turkmens",
        "turkmen",
        "arabs",
        "arab",
        "kurds",
        "kurd",
        "persians",
        "persian",
        "sunni",
        "sunnis",
        "shia",
        "shiite",
        "shiites",
        "shi'a",
        "muslim",
        "muslims",
        "christian",
        "christians",
        "islamist",
        "islamists",
        "jews",
        "jewish",
        "hindu",
        "hindus",
        "sikh",
        "sikhs",
        "buddhist",
        "buddhists",
        "salafi",
        "salafis",
        "wahhabi",
        "sufi",
        "chechen",
        "chechens",
        "karakalpak",
        "karakalpaks",
        "turkic",  # a family of peoples and tongues ("the Turkic world"), no place
        "slavic",
    ]
)
PEOPLE_NOUNS = frozenset(
    [
        "muslims",
        "islamists",
        "militants",
        "people",
        "population",
        "minority",
        "minorities",
        "community",
        "communities",
        "diaspora",
        "fighters",
        "jihadists",
        "nationals",
        "citizens",
        "leaders",
        "politicians",
        "officials",
        "islamic",
        "jihadist",
        "group",
        "groups",
        "movement",
        "movements",
        "organizations",
        "extremists",
        "state",
        "states",
        "affairs",
        "muhajireen",
        "mujahideen",
        "republic",
        "provinces",
        "regions",
        "authorities",
        "jihadi",
    ]
)

# nouns that introduce a person's name: "Tajik politician Shodi Shabdolov"
ROLE_NOUNS = frozenset(
    [
        "politician",
        "adviser",
        "advisor",
        "minister",
        "president",
        "leader",
        "analyst",
        "expert",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "envoy",
        "ambassador",
        "official",
        "diplomat",
        "journalist",
        "scholar",
        "professor",
        "general",
        "senator",
        "chairman",
        "director",
        "founder",
        "emir",
        "amir",
        "cleric",
        "deputy",
        "premier",
        "governor",
        "mayor",
        "secretary",
        "king",
        "prince",
        "colonel",
        "captain",
        "writer",
        "author",
        "researcher",
        "activist",
        "ideologue",
        "preacher",
    ]
)

# nouns of kinship that introduce or describe a person: "the president's nephew <name>"
KIN_NOUNS = frozenset(
    [
        "son",
        "daughter",
        "brother",
        "sister",
        "father",
        "mother",
        "wife",
        "husband",
        "nephew",
        "niece",
        "cousin",
        "uncle",
        "aunt",
        "grandson",
        "granddaughter",
        "son-in-law",
        "daughter-in-law",
        "brother-in-law",
        "widow",
    ]
)

# a GPE ending in one of these is a state ("Soviet Union", "Czech Republic")
COUNTRY_HEADS = frozenset(
    ["union", "republic", "federation", "kingdom", "emirates", "states", "empire"]
)
# lower-case words that make "<organisation> corridors" a programme of its own
INITIATIVE_SUFFIXES = frozenset(["corridor", "corridors", "programme", "program", "initiative"])
# kinds of things, not names of one thing
GENERIC_PHRASES = frozenset(
    {
        "memorandum of understanding",
        "memoranda of understanding",
        "free trade agreement",
        "peace agreement",
        "peace deal",
    }
)
GENERIC_PLURALS = frozenset(
    [
        "ministries",
        "memoranda",
        "agreements",
        "treaties",
        "accords",
        "departments",
        "agencies",
        "councils",
        "commissions",
        "parliaments",
        "governments",
    ]
)
# surname endings of the region (Russian, Central Asian, Persian): "Abdulloev", "Nazarbayeva"
SURNAME_ENDINGS = (
    "ov",
    "ev",
    "ova",
    "eva",
    "yev",
    "yeva",
    "iev",
    "ieva",
    "sky",
    "ski",
    "skiy",
    "enko",
    "uly",
    "zoda",
    "zade",
    "zada",
    "yan",
    "dze",
    "shvili",
)
# abstract nouns: a name made only of these and generic words is a heading, not a name
ABSTRACT = frozenset(
    [
        "border",
        "security",
        "policy",
        "brief",
        "development",
        "cooperation",
        "peace",
        "trade",
        "energy",
        "relations",
        "affairs",
        "analysis",
        "report",
        "overview",
        "introduction",
        "conclusion",
        "background",
        "summary",
        "update",
        "news",
        "opinion",
        "commentary",
    ]
)
# document furniture of reports ("Executive summary", "Notes")
GENERIC = GENERIC | frozenset(
    [
        "executive",
        "summary",
        "notes",
        "note",
        "introduction",
        "conclusion",
        "conclusions",
        "abstract",
        "references",
        "sources",
        "contents",
        "chapter",
        "appendix",
    ]
)
