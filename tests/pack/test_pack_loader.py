"""The pack loader: default pack, user packs that extend or replace it, validation, queries."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import crossroads.pack as pack_module
from crossroads.exc import PackError
from crossroads.pack import Pack, holds_on, load_pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


USER_PACK = """
relation = [
  { subject = "e:group/example-front", predicate = "operates_in", object = "e:country/tj", source = "https://example.org/front" },
]

[[entity]]
id = "e:group/example-front"
type = "ArmedGroup"
name = "Example Liberation Front"
aliases = ["ELF-X"]
source = "https://example.org/front"
"""


def test_pack_loader_exports_its_api() -> None:
    assert set(pack_module.__all__) == {
        "DEFAULT_PACK",
        "Pack",
        "PackEntity",
        "PackRelation",
        "PackRule",
        "holds_on",
        "load_pack",
    }


def test_pack_loader_default_pack_loads_fast() -> None:
    t = time.perf_counter()
    pack = Pack.load()
    seconds = time.perf_counter() - t
    assert len(pack) > 1000
    assert seconds < 2.0  # ~0.1 s alone; generous for a shared CI machine


def test_pack_loader_load_pack_is_cached(pack: Pack) -> None:
    assert load_pack() is pack


def test_pack_loader_get_returns_entity_or_none(pack: Pack) -> None:
    tj = pack.get("e:country/tj")
    assert tj is not None and tj.name == "Tajikistan" and tj.iso == "TJ"
    assert pack.get("e:country/nowhere") is None


def test_pack_loader_lookup_folds_case_and_accents(pack: Pack) -> None:
    for surface in ("faryab", "Fāryāb", "FARYAB", "Faryab Province"):
        assert [e.id for e in pack.lookup(surface)][:1] == ["e:place/af-fyb"], surface
    assert pack.lookup("no such place") == []


def test_pack_loader_lookup_finds_aliases(pack: Pack) -> None:
    assert pack.lookup("U.S.")[0].id == "e:country/us"
    assert pack.lookup("Russian Federation")[0].id == "e:country/ru"
    assert pack.lookup("ISIS-K")[0].id == "e:group/iskp"
    assert pack.lookup("Daesh")[0].id == "e:group/isis"
    assert pack.lookup("Gorno-Badakhshan")[0].id == "e:place/tj-gb"
    assert pack.lookup("Baluchistan")[0].id == "e:place/pk-ba"


def test_pack_loader_lookup_ranks_canonical_name_and_city_first(pack: Pack) -> None:
    kabul = pack.lookup("Kabul")
    assert kabul[0].geo_precision == "city" and kabul[1].id == "e:place/af-kab"
    assert pack.lookup("Badakhshan")[0].id == "e:place/af-bds"  # name beats the alias of TJ-GB
    assert pack.lookup("Singapore")[0].type == "Country"


def test_pack_loader_adjectives_link_to_their_country(pack: Pack) -> None:
    for adj, cc in (
        ("Tajik", "tj"),
        ("Uzbek", "uz"),
        ("Afghan", "af"),
        ("Russian", "ru"),
        ("American", "us"),
        ("Chinese", "cn"),
        ("Pakistani", "pk"),
        ("Iranian", "ir"),
        ("Kyrgyz", "kg"),
        ("Kazakh", "kz"),
        ("Turkmen", "tm"),
        ("Turkish", "tr"),
    ):
        ent = pack.adjective(adj)
        assert ent is not None and ent.id == f"e:country/{cc}", adj
    assert pack.adjective("Tajikistan") is None
    assert pack.adjective("Central Asian").id == "e:place/central-asia"


def test_pack_loader_adjectives_create_no_entities(pack: Pack) -> None:
    assert pack.lookup("Tajik") == [] and pack.lookup("Uzbek") == []


def test_pack_loader_names_lists_every_surface_with_its_kind(pack: Pack) -> None:
    names = set(pack.names())
    assert ("Tajik", "e:country/tj", "adjective") in names
    assert ("CSTO", "e:org/csto", "alias") in names
    assert ("Tajikistan", "e:country/tj", "name") in names


def test_pack_loader_memberships_as_of(pack: Pack) -> None:
    def members(date: str) -> set[str]:
        return {r.subject for r in pack.relations_of("e:org/csto", "member_of", as_of=date)}

    assert "e:country/uz" in members("2010")
    assert "e:country/uz" not in members("2013")
    assert "e:country/uz" not in members("2003")  # out 1999-2006
    assert members("2021") == {f"e:country/{c}" for c in ("ru", "kz", "kg", "tj", "am", "by")}
    sco_2016 = {r.subject for r in pack.relations_of("e:org/sco", "member_of", as_of="2016-12")}
    assert "e:country/in" not in sco_2016 and "e:country/kz" in sco_2016


def test_pack_loader_relations_of_both_ends_and_predicate(pack: Pack) -> None:
    tj = pack.relations_of("e:country/tj", "borders")
    ends = {r.object if r.subject == "e:country/tj" else r.subject for r in tj}
    assert ends == {"e:country/af", "e:country/cn", "e:country/kg", "e:country/uz"}
    af_tj = next(r for r in tj if "e:country/af" in (r.subject, r.object))
    assert af_tj.qualifiers["length_km"] == 1357
    with pytest.raises(ValueError, match="as_of"):
        pack.relations_of("e:country/tj", as_of="last year")


def test_pack_loader_holds_on_uses_inclusive_partial_dates() -> None:
    assert holds_on("2006-08-16", "2012-12", "2012")
    assert holds_on("2006-08-16", "2012-12", "2012-12-31")
    assert not holds_on("2006-08-16", "2012-12", "2013-01")
    assert not holds_on("2006", None, "2005-12-31")
    assert holds_on(None, None, "1900")


def test_pack_loader_rules_of(pack: Pack) -> None:
    kinds = {r.kind for r in pack.rules_of("e:org/csto")}
    assert {"collective_defence", "consensus_for_foreign_military"} <= kinds
    assert "ban_foreign_bases" in {r.kind for r in pack.rules_of("e:country/uz")}
    assert pack.rules_of("e:country/fr") == []


def test_pack_loader_user_pack_extends_default(tmp_path: Path) -> None:
    write(tmp_path / "mine", "front.toml", USER_PACK)
    pack = Pack.load([tmp_path / "mine"])
    assert pack.lookup("ELF-X")[0].type == "ArmedGroup"
    assert pack.get("e:country/tj") is not None
    assert [r.object for r in pack.relations_of("e:group/example-front")] == ["e:country/tj"]


def test_pack_loader_user_pack_replaces_default(tmp_path: Path) -> None:
    write(
        tmp_path / "only",
        "tj.toml",
        """
[[entity]]
id = "e:country/tj"
type = "Country"
name = "Tajikistan"
adjectives = ["Tajik"]
source = "https://example.org/tj"
""",
    )
    write(tmp_path / "only", "front.toml", USER_PACK)
    pack = Pack.load([tmp_path / "only"], replace=True)
    assert len(pack) == 2
    assert pack.get("e:country/ru") is None and pack.adjective("Tajik").id == "e:country/tj"


def test_pack_loader_later_folder_overrides_entry(tmp_path: Path) -> None:
    write(
        tmp_path / "fix",
        "csto.json",
        '{"entity": [{"id": "e:org/csto", "type": "Organization", '
        '"name": "CSTO (my name)", "source": "https://example.org/csto"}]}',
    )
    pack = Pack.load([tmp_path / "fix"])
    assert pack.get("e:org/csto").name == "CSTO (my name)"
    assert pack.lookup("Collective Security Treaty Organization") == []


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '[[entity]]\nid = "e:x/a"\ntype = "Planet"\nname = "A"\nsource = "s"\n',
            r"bad\.toml: entity\[0\] 'e:x/a': unknown type 'Planet'",
        ),
        (
            '[[entity]]\nid = "e:x/a"\ntype = "Place"\nname = "A"\n',
            r"bad\.toml: entity\[0\] 'e:x/a': missing 'source'",
        ),
        (
            (
                '[[entity]]\nid = "e:x/a"\ntype = "Place"\nname = "A"\nsource = "s"\n'
                '[[entity]]\nid = "e:x/a"\ntype = "Place"\nname = "B"\nsource = "s"\n'
            ),
            r"bad\.toml: entity\[1\] 'e:x/a': duplicate id",
        ),
        (
            '[[entity]]\nid = "e:x/a"\ntype = "Place"\nname = "A"\nsource = "s"\nvalid_from = "2021-13"\n',
            r"bad\.toml: entity\[0\] 'e:x/a': bad date in 'valid_from'",
        ),
        (
            '[[entity]]\nid = "e:x/a"\ntype = "Place"\nname = "A"\nsource = "s"\ncolour = "red"\n',
            r"bad\.toml: entity\[0\] 'e:x/a': unknown field\(s\) \['colour'\]",
        ),
        (
            '[[relation]]\nsubject = "e:country/tj"\npredicate = "likes"\nobject = "e:country/uz"\nsource = "s"\n',
            r"bad\.toml: relation\[0\] e:country/tj likes e:country/uz: unknown predicate 'likes'",
        ),
        (
            '[[relation]]\nsubject = "e:country/tj"\npredicate = "borders"\nobject = "e:country/xx"\nsource = "s"\n',
            r"bad\.toml: relation\[0\] e:country/tj borders e:country/xx: unknown entity 'e:country/xx'",
        ),
        (
            (
                '[[relation]]\nsubject = "e:country/tj"\npredicate = "borders"\nobject = "e:country/uz"\n'
                'source = "s"\nstart = "May 2002"\n'
            ),
            r"bad\.toml: relation\[0\] e:country/tj borders e:country/uz: bad date in 'start'",
        ),
        (
            '[[rule]]\nid = "r1"\nkind = "ban_foreign_bases"\nsubject = "e:country/xx"\ntext = "t"\nsource = "s"\n',
            r"bad\.toml: rule\[0\] 'r1': unknown subject 'e:country/xx'",
        ),
        ("[[entity]\nid = ", r"bad\.toml: cannot read pack file"),
    ],
)
def test_pack_loader_validation_names_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    write(tmp_path / "p", "bad.toml", text)
    with pytest.raises(PackError, match=message):
        Pack.load([tmp_path / "p"])


def test_pack_loader_missing_folder_is_a_pack_error(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="pack folder not found"):
        Pack.load([tmp_path / "absent"])
    with pytest.raises(PackError, match="at least one folder"):
        Pack.load([], replace=True)


def test_pack_loader_folder_can_declare_itself_a_replacement(tmp_path: Path) -> None:
    write(tmp_path / "whole", "pack.toml", "[meta]\nreplace = true\n")
    write(
        tmp_path / "whole",
        "tj.toml",
        '[[entity]]\nid = "e:country/tj"\ntype = "Country"\n'
        'name = "Tajikistan"\nsource = "https://example.org/tj"\n',
    )
    pack = Pack.load([tmp_path / "whole"])
    assert list(pack.entities) == ["e:country/tj"]


def test_pack_loader_setting_names_extra_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "env", "front.toml", USER_PACK)
    monkeypatch.setenv("CROSSROADS_PACK", str(tmp_path / "env"))
    assert load_pack().get("e:group/example-front") is not None
    monkeypatch.delenv("CROSSROADS_PACK")
    assert load_pack().get("e:group/example-front") is None


def test_pack_loader_fast_fold_agrees_with_model_fold(pack: Pack) -> None:
    from crossroads.model import fold
    from crossroads.pack.loader import _fold

    samples = [s for s, _, _ in pack.names()]
    samples += ["  The  U.S.\t", "Qo`qon", "A\x1fB", "Fāryāb", "Farg‘ona"]
    assert all(_fold(s) == fold(s) for s in samples)
