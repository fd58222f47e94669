from crossroads.analysis.spillover import exposure


def test_spillover_group_in_border_province_with_links(world):
    store, pack, docs = world
    found = exposure(store, pack, "Tajikistan")
    assert [e.group_name for e in found] == ["Islamic Movement of Uzbekistan"]
    imu = found[0]
    assert imu.nearest == "inside"  # a claim, attributed to Ivan Petrov, puts it in Dushanbe
    assert imu.placements[0].fact.attributed_to == ("e:person/ivan-petrov",)
    border = imu.placements[1]
    assert (border.area_name, border.proximity, border.neighbour) == (
        "Badakhshan",
        "border area",
        "Afghanistan",
    )
    assert border.fact.sources == 2
    assert [f.object_name for f in imu.allegiances] == ["Taliban"]
    assert [f.subject_name for f in imu.leaders] == ["Usman Ghazi"]
    assert [f.object_name for f in imu.designations] == ["United States"]
    assert imu.leaders[0].evidence[0].doc == docs["hist"].id
    assert [c.kind for c in imu.conflicts] == ["estimate"]


def test_spillover_far_country_has_no_exposure(world):
    store, pack, _ = world
    assert exposure(store, pack, "Kazakhstan") == []
