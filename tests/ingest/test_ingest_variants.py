"""One person spelled two ways in two documents is one entity in the store; two people with
alike names stay two. Made-up names, the real pipeline, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from crossroads.ingest.pipeline import Ingest, default_extractor_factory
from crossroads.ingest.variants import VariantResolver, remap
from crossroads.model import Entity, Evidence, Extraction, Mention, Quote
from crossroads.store import open_store

pytestmark = pytest.mark.slow


def _ingest(store_url: str, folder, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with open_store(store_url) as store:
        for name in texts:  # one run per file: the second spelling meets a stored person
            Ingest(store, default_extractor_factory(processes=1), max_bytes=10**6).run(
                [str(folder / name)]
            )


def _people(store_url: str) -> dict[str, Entity]:
    with open_store(store_url) as store:
        return {e.name: e for e, _ in store.entities(type="Person")}


def test_variants_second_spelling_joins_the_stored_person(store_url, tmp_path):
    _ingest(
        store_url,
        tmp_path,
        {
            "a.txt": "Commander Abdulrahim Zakirzada met traders in Kunduz on Monday. "
            "Zakirzada promised to keep the northern road open.",
            "b.txt": "Commander Abdurrahim Zakirzadah visited the border crossing on Friday. "
            "He said the bridge would reopen in spring.",
        },
    )
    people = _people(store_url)
    assert "Abdurrahim Zakirzadah" not in people
    person = people["Abdulrahim Zakirzada"]
    assert "Abdurrahim Zakirzadah" in person.aliases
    with open_store(store_url) as store:
        assert {m.doc for m in store.mentions(entity=person.id)} == {
            d.id for d in store.documents()
        }


def test_variants_alike_names_of_two_people_stay_apart(store_url, tmp_path):
    _ingest(
        store_url,
        tmp_path,
        {
            "a.txt": "Nasiruddin Qaderi, a trader from Herat, opened a new warehouse on Monday.",
            "b.txt": "Jalaluddin Qaderi, a teacher from Kabul, opened a new school on Friday.",
        },
    )
    people = _people(store_url)
    assert {"Nasiruddin Qaderi", "Jalaluddin Qaderi"} <= set(people)
    assert people["Nasiruddin Qaderi"].id != people["Jalaluddin Qaderi"].id


class _Store:
    """Two stored people equally close to a new spelling."""

    def get_entity(self, entity_id: str) -> Entity | None:
        return None

    def people_by_initial(self, initial: str) -> list[tuple[str, str]]:
        return [("e:person/a", "abdulrahim zakirzada"), ("e:person/b", "abdulrahim zakirzadah")]


def test_variants_two_equally_close_people_are_not_guessed_between():
    ev = Evidence("d:1", 0, 10)
    x = Extraction("d:1", entities=[Entity("e:person/new", "Person", "Abdurrahim Zakirzada")])
    assert VariantResolver(_Store()).resolve(x).entities[0].id == "e:person/new"
    renamed = remap(
        Extraction(
            "d:1",
            entities=[Entity("e:person/new", "Person", "X Y")],
            mentions=[Mention("e:person/new", "d:1", 0, 3, "X Y")],
            quotes=[Quote("e:person/new", "We will stay.", ev, about=("e:person/new", "e:c/x"))],
        ),
        {"e:person/new": "e:person/old"},
    )
    assert renamed.entities[0].id == renamed.mentions[0].entity == "e:person/old"
    assert renamed.quotes[0].speaker == "e:person/old"
    assert renamed.quotes[0].about == ("e:person/old", "e:c/x")
