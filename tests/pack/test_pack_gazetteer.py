"""The GeoNames gazetteer: coordinates for towns the pack does not hold."""

from __future__ import annotations

import json

from crossroads.pack import gazetteer, load_pack
from crossroads.pack.gazetteer import GAZETTEER, lookup


def test_pack_gazetteer_finds_a_town_the_pack_lacks() -> None:
    assert load_pack().lookup("Andkhoy") == []
    town = lookup("Andkhoy")
    assert town is not None and town.country == "AF" and town.admin1 == "Faryab"
    assert abs(town.lat - 36.95) < 0.1 and abs(town.lon - 65.12) < 0.1
    assert town.precision == "city" and town.geonames_id > 0


def test_pack_gazetteer_folds_spellings_and_ezafe() -> None:
    forms = [
        "Mazar-i-Sharif",
        "Mazar-e Sharif",
        "Mazār-e Sharīf",
        "MAZAR E SHARIF",
        "Mazar-e-Sharif",
    ]
    found = {lookup(f) for f in forms}
    assert len(found) == 1 and next(iter(found)).admin1 == "Balkh"
    assert gazetteer.key("Mazar-i-Sharif") == gazetteer.key("Mazār-e Sharīf")


def test_pack_gazetteer_knows_english_forms_of_uzbek_latin_names() -> None:
    assert lookup("Jizzakh") == lookup("Jizzax") is not None
    assert lookup("Karshi").country == "UZ"


def test_pack_gazetteer_country_hint_decides_between_namesakes() -> None:
    assert lookup("Abadan", ["TM"]).country == "TM"
    assert lookup("Abadan", ["IR"]).country == "IR"
    # the first country the document names wins when both are named
    assert lookup("Abadan", ["TM", "IR"]).country == "TM"
    assert lookup("Hyderabad", ["PK", "IN"]).admin1 == "Sindh"


def test_pack_gazetteer_ambiguous_name_without_hint_is_none() -> None:
    assert lookup("Abadan") is None
    assert lookup("Hyderabad") is None
    assert lookup("Hyderabad", ["DE"]) is None  # a hint naming neither namesake does not help
    assert lookup("Nowhere-on-any-map") is None and lookup("") is None


def test_pack_gazetteer_lists_every_namesake_for_the_entity_review() -> None:
    # the review asks only whether a town of that name exists, ambiguous or not
    assert {t.country for t in gazetteer.towns("Abadan")} >= {"TM", "IR"}
    assert gazetteer.towns("Nowhere-on-any-map") == gazetteer.towns("") == []


def test_pack_gazetteer_file_is_attributed_small_and_outside_the_pack() -> None:
    raw = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    assert "GeoNames" in raw["meta"]["source"] and "CC BY" in raw["meta"]["license"]
    assert {"AF", "TJ", "UZ", "PK", "IR", "CN", "RU"} <= set(raw["meta"]["countries"])
    assert GAZETTEER.stat().st_size < 3_000_000
    pack = load_pack()
    assert not any(str(f).endswith("gazetteer") for f in pack.folders)
    assert not any(
        e.data.get("geonames_id") == lookup("Andkhoy").geonames_id for e in pack.entities.values()
    )
