"""Fixtures of the extraction tests: one small pack written here, one pipeline per session."""

from __future__ import annotations

import pytest

from crossroads.pack import Pack, PackEntity

SRC = "https://www.iso.org/obp/ui/ (test pack)"


def small_pack() -> Pack:
    """A pack of a few region entities, in our own words: enough to test every stage."""
    ents = [
        PackEntity(
            "e:country/tj",
            "Country",
            "Tajikistan",
            SRC,
            ("Republic of Tajikistan",),
            ("Tajik",),
            iso="TJ",
            data={"capital": "e:place/dushanbe"},
        ),
        PackEntity("e:country/uz", "Country", "Uzbekistan", SRC, (), ("Uzbek",), iso="UZ"),
        PackEntity("e:country/sa", "Country", "Saudi Arabia", SRC, (), ("Saudi",), iso="SA"),
        PackEntity(
            "e:country/ru",
            "Country",
            "Russia",
            SRC,
            ("Russian Federation",),
            ("Russian",),
            iso="RU",
        ),
        PackEntity(
            "e:country/us",
            "Country",
            "United States",
            SRC,
            ("US", "U.S.", "United States of America"),
            ("American",),
            iso="US",
        ),
        PackEntity(
            "e:country/af",
            "Country",
            "Afghanistan",
            SRC,
            ("Islamic Republic of Afghanistan",),
            ("Afghan",),
            iso="AF",
        ),
        PackEntity(
            "e:place/tashkent",
            "Place",
            "Tashkent",
            SRC,
            (),
            country="e:country/uz",
            geo_precision="city",
            data={"capital_of": "e:country/uz"},
        ),
        PackEntity(
            "e:place/dushanbe",
            "Place",
            "Dushanbe",
            SRC,
            (),
            country="e:country/tj",
            geo_precision="city",
        ),
        PackEntity(
            "e:org/csto", "Organization", "Collective Security Treaty Organization", SRC, ("CSTO",)
        ),
        PackEntity(
            "e:org/unsc",
            "Organization",
            "United Nations Security Council",
            SRC,
            ("UN Security Council", "Security Council"),
        ),
        PackEntity("e:group/taliban", "ArmedGroup", "Taliban", SRC, ("the Taliban",)),
        PackEntity("e:person/emomali-rahmon", "Person", "Emomali Rahmon", SRC, ()),
        PackEntity("e:person/zarif-qaderi", "Person", "Zarif Qaderi", SRC, ("Qaderi",)),
        PackEntity(
            "e:org/gknb", "Organization", "State Committee for National Security", SRC, ("GKNB",)
        ),
    ]
    return Pack({e.id: e for e in ents}, [], [])


@pytest.fixture(scope="session")
def pack() -> Pack:
    return small_pack()


@pytest.fixture(scope="session")
def extractor(pack):
    """The one Extractor (and spaCy pipeline) of the test session."""
    from crossroads.extraction.extractor import Extractor

    return Extractor(pack=pack)


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture
def read(nlp):
    """Run the pipeline over one text with a publication date."""

    def run(text: str, published: str | None = "2021-05-25"):
        doc = nlp.make_doc(text)
        doc._.doc_id = "d:test"
        doc._.published = published
        return nlp(doc)

    return run
