"""Links named by the places they join ("the Dushanbe-Tashkent railway"), on sentences of our
own: an entity of their own that connects each place, beside the places."""

from __future__ import annotations

from crossroads.extraction.entities import mentions_of
from crossroads.extraction.links import LINKS
from crossroads.extraction.relations import read_relations


def _links(doc):
    return {s.text: s.label_ for s in doc.spans[LINKS]}


def test_a_railway_named_by_two_towns_is_a_facility_that_connects_them(read):
    doc = read("Work began last year on the Dushanbe-Tashkent railway line, officials said.")
    assert _links(doc) == {"Dushanbe-Tashkent railway line": "Facility"}
    link = doc.spans[LINKS][0].kb_id_
    assert doc._.entities[link].name == "Dushanbe-Tashkent railway line"
    # the towns stay entities of their own, and the link joins both
    assert {"e:place/dushanbe", "e:place/tashkent"} <= {e.kb_id_ for e in doc.ents}
    joins = {r.object for r in read_relations(doc) if r.subject == link}
    assert joins == {"e:place/dushanbe", "e:place/tashkent"}
    assert any(m.entity == link for m in mentions_of(doc, "d:test"))


def test_a_place_name_with_a_particle_is_one_end_of_a_link(read):
    doc = read("Work on the Dushanbe-Kala-i-Khumb road will start next year.")
    assert _links(doc) == {"Dushanbe-Kala-i-Khumb road": "Facility"}


def test_a_link_named_by_states_alone_is_a_project(read):
    doc = read("The Uzbekistan-Afghanistan railway will cost five billion dollars.")
    assert _links(doc) == {"Uzbekistan-Afghanistan railway": "Initiative"}


def test_demonyms_and_a_line_of_something_are_no_links(read):
    assert not _links(read("Soldiers patrol the Afghan-Tajik border line at night."))
    assert not _links(read("Shelling went on along the Tajikistan-Afghanistan line of contact."))
    assert not _links(read("He took the Tashkent-bound train on the main line."))


def test_a_link_named_two_ways_is_one_entity(read):
    """ "the A-B railway line", then "the A-B railroad": one railway, both names its own."""
    doc = read(
        "Engineers surveyed the Dushanbe-Tashkent railway line in March. The Dushanbe-Tashkent "
        "railroad will link two capitals."
    )
    assert set(_links(doc)) == {"Dushanbe-Tashkent railway line", "Dushanbe-Tashkent railroad"}
    (link,) = {s.kb_id_ for s in doc.spans[LINKS]}
    names = {doc._.entities[link].name, *doc._.entities[link].aliases}
    assert names == {"Dushanbe-Tashkent railway line", "Dushanbe-Tashkent railroad"}
    joins = {r.object for r in read_relations(doc) if r.subject == link}
    assert joins == {"e:place/dushanbe", "e:place/tashkent"}


def test_a_verb_ends_a_link_name(read):
    doc = read("The Dushanbe-Tashkent railroad will link two capitals.")
    assert _links(doc) == {"Dushanbe-Tashkent railroad": "Facility"}


def test_an_en_dash_joins_a_links_ends_as_a_hyphen_does(read):
    doc = read("Work began last year on the Dushanbe–Tashkent railway line, officials said.")
    assert _links(doc) == {"Dushanbe–Tashkent railway line": "Facility"}
    link = doc.spans[LINKS][0].kb_id_
    joins = {r.object for r in read_relations(doc) if r.subject == link}
    assert joins == {"e:place/dushanbe", "e:place/tashkent"}
