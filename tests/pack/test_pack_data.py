"""The bundled region pack: coverage and sources of its data."""

from __future__ import annotations

import pycountry
import pytest

from crossroads.model import ENTITY_TYPES, PREDICATES
from crossroads.pack import Pack, load_pack

REGION = ("AF", "PK", "IR", "KZ", "KG", "TJ", "TM", "UZ")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def test_pack_data_every_entry_has_a_source(pack: Pack) -> None:
    assert all(e.source.strip() for e in pack.entities.values())
    assert all(r.source.strip() for r in pack.relations)
    assert all(r.source.strip() and r.text.strip() for r in pack.rules)


def test_pack_data_types_and_predicates_are_the_contracts(pack: Pack) -> None:
    assert {e.type for e in pack.entities.values()} == set(ENTITY_TYPES)
    assert {r.predicate for r in pack.relations} <= set(PREDICATES)


def test_pack_data_every_country_is_there(pack: Pack) -> None:
    for c in pycountry.countries:
        ent = pack.get(f"e:country/{c.alpha_2.lower()}")
        assert ent is not None and ent.type == "Country" and ent.iso == c.alpha_2, c.alpha_2


def test_pack_data_region_countries_have_capital_coordinates_and_landlocked(pack: Pack) -> None:
    for cc in REGION:
        ent = pack.get(f"e:country/{cc.lower()}")
        assert ent.lat is not None and ent.lon is not None and ent.data["capital"]
        assert ent.data["landlocked"] is (cc not in ("PK", "IR")), cc
    assert pack.get("e:country/uz").data["doubly_landlocked"] is True
    assert "Arabian Sea" in pack.get("e:country/pk").data["coasts"]


def test_pack_data_common_country_aliases(pack: Pack) -> None:
    for alias, cc in (
        ("USA", "us"),
        ("America", "us"),
        ("the United States", "us"),
        ("PRC", "cn"),
        ("UK", "gb"),
        ("Britain", "gb"),
        ("Kyrgyz Republic", "kg"),
        ("S. Korea", "kr"),  # as wire headlines shorten it
        ("N. Korea", "kp"),
    ):
        assert pack.lookup(alias)[0].id == f"e:country/{cc}", alias


def test_pack_data_all_admin1_divisions_with_coordinates(pack: Pack) -> None:
    for cc in REGION:
        for sub in pycountry.subdivisions.get(country_code=cc):
            ent = pack.get(f"e:place/{sub.code.lower()}")
            assert ent is not None, sub.code
            assert ent.type == "Place" and ent.country == f"e:country/{cc.lower()}"
            assert ent.geo_precision in ("province", "city")
            assert ent.lat is not None and ent.lon is not None, sub.code
    xj = pack.get("e:place/cn-xj")
    assert xj is not None and xj.lat is not None and xj.lon is not None
    assert xj.name == "Xinjiang" and 35 < xj.lat < 50 and 73 < xj.lon < 96


def test_pack_data_province_spellings(pack: Pack) -> None:
    for surface, pid in (
        ("Faryab", "af-fyb"),
        ("Khyber Pakhtunkhwa", "pk-kp"),
        ("Balochistan", "pk-ba"),
        ("Sistan and Baluchestan", "ir-11"),
        ("Fergana Region", "uz-fa"),
        ("Sughd", "tj-su"),
        ("Khatlon", "tj-kt"),
    ):
        assert pack.lookup(surface)[0].id == f"e:place/{pid}", surface


def test_pack_data_regions_list_their_countries(pack: Pack) -> None:
    ca = pack.lookup("Central Asia")[0]
    assert set(ca.data["countries"]) == {f"e:country/{c}" for c in ("kz", "kg", "tj", "tm", "uz")}
    assert pack.lookup("Wakhan Corridor")[0].type == "Place"
    assert pack.lookup("Fergana Valley")[0].id == "e:place/ferghana-valley"


def test_pack_data_taliban_state_name_is_a_dated_alias(pack: Pack) -> None:
    taliban = pack.lookup("Islamic Emirate of Afghanistan")[0]
    assert taliban.id == "e:group/taliban" and taliban.type == "ArmedGroup"
    dates = [
        d for d in taliban.data["alias_dates"] if d["alias"] == "Islamic Emirate of Afghanistan"
    ]
    assert any(d["from"] == "2021-08-15" for d in dates)


def test_pack_data_groups_have_designations(pack: Pack) -> None:
    for gid in ("e:group/ttp", "e:group/iskp", "e:group/imu", "e:group/iju", "e:group/let"):
        assert pack.relations_of(gid, "designated_terrorist_by"), gid
    russia_2010 = pack.relations_of("e:group/taliban", "designated_terrorist_by", as_of="2010")
    assert "e:country/ru" in {r.object for r in russia_2010}
    assert pack.get("e:org/hizb-ut-tahrir").type == "Organization"


def test_pack_data_foreign_presence_carries_place_and_dates(pack: Pack) -> None:
    manas = next(
        r
        for r in pack.relations_of("e:country/kg", "hosts_military_presence")
        if r.object == "e:country/us"
    )
    assert manas.qualifiers["place"] == "e:facility/manas" and manas.end.startswith("2014")
    now = {
        r.object for r in pack.relations_of("e:country/tj", "hosts_military_presence", as_of="2024")
    }
    assert "e:country/ru" in now


def test_pack_data_corridors(pack: Pack) -> None:
    cpec = pack.lookup("CPEC")[0]
    assert cpec.type == "Initiative"
    assert "e:initiative/bri" in {r.object for r in pack.relations_of(cpec.id, "part_of")}
    assert {"e:place/cn-xj", "e:facility/gwadar-port"} <= {
        r.object for r in pack.relations_of(cpec.id, "connects")
    }
    carec = [r for r in pack.relations_of("e:org/carec", "part_of")]
    assert len(carec) == 6
    assert pack.get("e:facility/tapi").type == "Facility"


def test_pack_data_leaders_terms(pack: Pack) -> None:
    uz_2010 = {
        r.subject: r.qualifiers["role"]
        for r in pack.relations_of("e:country/uz", "holds_position", as_of="2010")
    }
    assert uz_2010["e:person/islam-karimov"] == "President"
    tj_now = {r.subject for r in pack.relations_of("e:country/tj", "holds_position", as_of="2024")}
    assert "e:person/emomali-rahmon" in tj_now
    assert pack.lookup("Rahmon")[0].id == "e:person/emomali-rahmon"


def test_pack_data_the_regions_state_companies_are_organisations_of_their_state(
    pack: Pack,
) -> None:
    """NER misses one-word company names ("Gazprom"); the pack knows the region's big ones."""
    for alias, eid, cc in (
        ("LUKoil", "e:org/lukoil", "ru"),
        ("CNPC", "e:org/cnpc", "cn"),
        ("KazMunaiGas", "e:org/kazmunaygas", "kz"),
        ("SOCAR", "e:org/socar", "az"),
        ("DABS", "e:org/dabs", "af"),
    ):
        (ent, *_) = pack.lookup(alias)
        assert (ent.id, ent.type, ent.country) == (eid, "Organization", f"e:country/{cc}"), alias


def test_pack_data_the_soviet_union_is_a_former_state_by_either_name(pack: Pack) -> None:
    for name in ("Soviet Union", "USSR"):
        (ent, *_) = pack.lookup(name)
        assert (ent.id, ent.type, ent.valid_to) == ("e:country/su", "Country", "1991-12-26")
