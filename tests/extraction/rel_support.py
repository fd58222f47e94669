"""Fixtures of the relation, event and quote tests: a pack of our own and one pipeline.

The names of people, groups and corridors here are made up for the tests; countries are real.
Test modules import the fixtures by name (``from rel_support import rel_doc``).
"""

from __future__ import annotations

import pytest

from crossroads.pack import Pack, PackEntity

SRC = "crossroads test pack (written for these tests)"


def rel_pack() -> Pack:
    e = PackEntity
    ents = [
        e("e:country/tj", "Country", "Tajikistan", SRC, (), ("Tajik",), iso="TJ"),
        e("e:country/uz", "Country", "Uzbekistan", SRC, (), ("Uzbek",), iso="UZ"),
        e("e:country/kg", "Country", "Kyrgyzstan", SRC, (), ("Kyrgyz",), iso="KG"),
        e("e:country/kz", "Country", "Kazakhstan", SRC, (), ("Kazakh",), iso="KZ"),
        e("e:country/tm", "Country", "Turkmenistan", SRC, (), ("Turkmen",), iso="TM"),
        e(
            "e:country/ru",
            "Country",
            "Russia",
            SRC,
            ("Russian Federation",),
            ("Russian",),
            iso="RU",
        ),
        e("e:country/us", "Country", "United States", SRC, ("US", "U.S."), ("American",), iso="US"),
        e("e:country/af", "Country", "Afghanistan", SRC, (), ("Afghan",), iso="AF"),
        e("e:country/ir", "Country", "Iran", SRC, (), ("Iranian",), iso="IR"),
        e("e:country/cn", "Country", "China", SRC, (), ("Chinese",), iso="CN"),
        e("e:place/dushanbe", "Place", "Dushanbe", SRC, (), country="e:country/tj"),
        e("e:place/badakhshan", "Place", "Badakhshan", SRC, (), country="e:country/af"),
        e("e:place/kashgar", "Place", "Kashgar", SRC, (), country="e:country/cn"),
        e("e:facility/kant", "Facility", "Kant air base", SRC, ("Kant",)),
        e("e:org/csto", "Organization", "Collective Security Treaty Organization", SRC, ("CSTO",)),
        e("e:org/un", "Organization", "United Nations", SRC, ("UN",)),
        e("e:org/state-department", "Organization", "State Department", SRC, ()),
        e("e:initiative/bri", "Initiative", "Belt and Road Initiative", SRC, ("BRI",)),
        e("e:initiative/pamir-corridor", "Initiative", "Pamir Corridor", SRC, ()),
        e(  # a made-up project named by the states it joins
            "e:initiative/ktu-railway",
            "Initiative",
            "Kyrgyzstan-Tajikistan-Uzbekistan railway",
            SRC,
            ("KTU railway",),
        ),
        e("e:agreement/river-accord", "Agreement", "Vakhsh River Accord", SRC, ()),
        e("e:group/taliban", "ArmedGroup", "Taliban", SRC, ("the Taliban",)),
        e("e:group/al-qaeda", "ArmedGroup", "al Qaeda", SRC, ("al-Qaeda",)),
        e("e:group/ferghana-brigade", "ArmedGroup", "Ferghana Brigade", SRC, ()),
        e("e:person/pavel-orlovsky", "Person", "Pavel Orlovsky", SRC, ("Orlovsky",)),
        e("e:person/dilnoza-rakhimova", "Person", "Dilnoza Rakhimova", SRC, ("Rakhimova",)),
        e("e:person/yusuf-khan-badri", "Person", "Yusuf Khan Badri", SRC, ("Badri",)),
    ]
    return Pack({x.id: x for x in ents}, [], [])


@pytest.fixture(scope="session")
def rel_nlp():
    """One pipeline for all relation, event and quote tests (loading spaCy is slow)."""
    from crossroads.extraction.nlp import build_nlp

    return build_nlp(rel_pack())


@pytest.fixture(scope="session")
def rel_doc(rel_nlp):
    """Process one text the way the Extractor does, with a publication date."""

    def run(text: str, published: str | None = "2021-05-25"):
        doc = rel_nlp.make_doc(text)
        doc._.doc_id = "d:test"
        doc._.published = published
        return rel_nlp(doc)

    return run
