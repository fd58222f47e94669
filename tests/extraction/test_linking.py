"""Linking: short forms, same person spelled twice, capitals for governments, stable ids."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from crossroads.extraction.components.linker import Linker
from crossroads.extraction.linking import Mentioned, link, near_miss
from crossroads.model import Document, entity_id
from crossroads.pack import Pack, PackEntity


def test_linking_short_name_links_to_the_full_name(read):
    doc = read(
        "Dilshod Karimjonov, the deputy governor, opened the bridge. "
        "Karimjonov said trade would double."
    )
    ids = {e.text: e.kb_id_ for e in doc.ents if e.label_ == "Person"}
    assert ids["Karimjonov"] == ids["Dilshod Karimjonov"] == "e:person/dilshod-karimjonov"
    entity = doc._.entities["e:person/dilshod-karimjonov"]
    assert entity.name == "Dilshod Karimjonov" and "Karimjonov" in entity.aliases


def test_linking_a_states_ministry_is_named_with_its_state(read):
    # every state has a "Foreign Ministry": without its state the two would be one entity
    doc = read(
        "Officials from Uzbekistan's Foreign Ministry met the delegation, and Tajikistan's "
        "Foreign Ministry said nothing."
    )
    names = {e.name for e in doc._.entities.values() if e.type == "Organization"}
    assert names == {"Uzbekistan's Foreign Ministry", "Tajikistan's Foreign Ministry"}


def test_linking_again_keeps_a_states_ministry_named_with_its_state(read, nlp):
    # the entity review links a doc again once it retypes a name
    doc = read(
        "Uzbekistan's Ministry of Foreign Affairs sent a note on the dam, and Tajikistan's "
        "Ministry of Foreign Affairs answered it. Experts of Tajikistan's Institute of "
        "Mountain Studies will check the water figures."
    )
    linker = next(p for _, p in nlp.pipeline if isinstance(p, Linker))
    doc = linker(doc, again=True)
    names = {e.name for e in doc._.entities.values() if e.type == "Organization"}
    assert names == {
        "Uzbekistan's Ministry of Foreign Affairs",
        "Tajikistan's Ministry of Foreign Affairs",
        "Institute of Mountain Studies",  # a state's institute is named without the state
    }


def test_linking_a_court_of_a_state_is_named_with_its_state(read):
    doc = read(
        "The Supreme Court of Uzbekistan upheld the ban, while the Supreme Court of the "
        "Russian Federation lifted it."
    )
    names = {e.name for e in doc._.entities.values() if e.type == "Organization"}
    assert names == {
        "Supreme Court of Uzbekistan",
        "Supreme Court of the Russian Federation",
    }


def test_linking_short_name_of_a_pack_person_takes_the_pack_id(read, extractor):
    x = extractor.extract(
        Document(
            "d:r",
            "r.txt",
            "President Emomali Rahmon arrived on Monday. Rahmon later met the press.",
        )
    )
    rahmon = [m for m in x.mentions if m.entity == "e:person/emomali-rahmon"]
    assert {(m.text, m.kind) for m in rahmon} == {("Emomali Rahmon", "name"), ("Rahmon", "short")}


def test_linking_capital_used_for_its_government_is_the_country(read):
    doc = read(
        "Tashkent said it would not allow foreign bases. The delegates then flew "
        "to Tashkent for the summit."
    )
    first, second = [e for e in doc.ents if e.text == "Tashkent"]
    assert (first.label_, first.kb_id_) == ("Country", "e:country/uz")
    assert (second.label_, second.kb_id_) == ("Place", "e:place/tashkent")
    assert "e:place/tashkent" in doc._.entities and "e:country/uz" in doc._.entities
    assert "Tashkent" not in doc._.entities["e:country/uz"].aliases


def test_linking_same_name_in_two_documents_is_one_entity(extractor):
    a, b = extractor.extract_many(
        [
            Document("d:1", "1.txt", "Gulnora Sadikova chaired the water commission."),
            Document("d:2", "2.txt", "A report praised Gulnora Sadikova for the new canal."),
        ]
    )
    ids_a = {e.id for e in a.entities if e.name == "Gulnora Sadikova"}
    ids_b = {e.id for e in b.entities if e.name == "Gulnora Sadikova"}
    assert ids_a == ids_b == {"e:person/gulnora-sadikova"}


def test_linking_spelling_variants_of_one_person():
    mentions = [
        Mentioned(0, 2, 0, "Sergey Petrovsky", "Person"),
        Mentioned(5, 7, 30, "Sergei Petrovsky", "Person"),
        Mentioned(9, 10, 60, "Petrovskiy", "Person"),
    ]
    link(mentions)
    assert {m.id for m in mentions} == {"e:person/sergey-petrovsky"}
    assert near_miss("petrovsky", "petrovskiy") and not near_miss("khan", "kahn")


def test_linking_capital_described_as_a_city_stays_the_city(read):
    doc = read("Tashkent is the largest city of the region.")
    (city,) = [e for e in doc.ents if e.text == "Tashkent"]
    assert (city.label_, city.kb_id_) == ("Place", "e:place/tashkent")


def test_linking_capital_introduced_as_the_capital_stays_the_city(read):
    """ "The capital X hosted" names the city, though X is the verb's subject."""
    for text in (
        "Uzbekistan's capital Tashkent hosted a trade fair in May.",
        "The capital Tashkent welcomed the delegates.",
    ):
        doc = read(text)
        (city,) = [e for e in doc.ents if e.text == "Tashkent"]
        assert (city.label_, city.kb_id_) == ("Place", "e:place/tashkent"), text
        assert "e:place/tashkent" in doc._.entities


def test_linking_capital_opening_a_dateline_is_the_place_of_writing(read):
    """A wire dateline names where the story was filed, even when the sentence's parse makes
    the capital its subject."""
    for text in (
        "Tashkent: Uzbekistan said on Monday it would reopen the bridge.",
        "Tashkent, May 5 (Wire) Uzbek officials said the bridge would reopen.",
        "Tashkent, Uzbekistan – Uzbekistan is holding talks on the bridge.",
    ):
        doc = read(text)
        (city, *_) = [e for e in doc.ents if e.text == "Tashkent"]
        assert (city.label_, city.kb_id_) == ("Place", "e:place/tashkent"), text
    later = read("The talks stalled.\n\nTashkent said on Monday it would reopen the bridge.")
    (state,) = [e for e in later.ents if e.text == "Tashkent"]
    assert state.kb_id_ == "e:country/uz"


def test_linking_a_states_body_named_with_of_or_with_its_adjective_is_one(read):
    doc = read(
        "Russia handed two helicopters to the Armed Forces of the Republic of Tajikistan on "
        "Monday. The Tajik Armed Forces will fly them from Dushanbe, the Armed Forces of "
        "Tajikistan said."
    )
    bodies = [e for e in doc._.entities.values() if e.type == "Organization"]
    assert len(bodies) == 1
    assert {"Tajik Armed Forces", "Armed Forces of Tajikistan"} <= set(bodies[0].aliases)


def test_linking_a_known_bodys_last_words_are_that_body():
    mentions = [
        Mentioned(0, 4, 0, "Valleyland's Supreme Majlis", "Organization", kb_id="e:org/majlis"),
        Mentioned(9, 11, 60, "Supreme Majlis", "Organization"),
    ]
    link(mentions)
    assert mentions[1].id == mentions[0].id == "e:org/majlis"


def test_linking_last_word_of_a_body_links_to_it():
    mentions = [
        Mentioned(0, 3, 0, "Supreme Majlisi Oli", "Organization"),
        Mentioned(9, 10, 60, "Oli", "Organization"),
    ]
    link(mentions)
    assert mentions[1].id == mentions[0].id == "e:org/supreme-majlisi-oli"


def test_linking_two_spellings_of_one_full_name_are_one_person():
    # the case and a made-up one: a vowel dropped, a letter added at the end
    for first, second in (
        ("Haibatullah Akhunzada", "Hibatullah Akhundzada"),
        ("Nurullah Sharifzada", "Nurulla Sharifzade"),
    ):
        mentions = [Mentioned(0, 2, 0, first, "Person"), Mentioned(8, 10, 50, second, "Person")]
        link(mentions)
        assert [m.id for m in mentions] == [entity_id("Person", first)] * 2


def test_linking_similar_names_of_two_people_stay_apart():
    for first, second in (
        ("Jalaluddin Qaderi", "Nasiruddin Qaderi"),
        ("Ruhullah Sharifzada", "Nurullah Sharifzada"),
        ("Karim Nazari", "Kamil Nazari"),
    ):
        mentions = [Mentioned(0, 2, 0, first, "Person"), Mentioned(8, 10, 50, second, "Person")]
        link(mentions)
        assert [m.id for m in mentions] == [entity_id("Person", first), entity_id("Person", second)]


def test_linking_a_full_name_with_and_without_a_middle_name_is_one_person():
    mentions = [
        Mentioned(0, 3, 0, "Karim Aziz Nazarov", "Person"),
        Mentioned(8, 10, 50, "Karim Nazarov", "Person"),
        Mentioned(12, 14, 80, "Kamil Nazarov", "Person"),  # another given name: another man
    ]
    link(mentions)
    assert [m.id for m in mentions] == [
        entity_id("Person", "Karim Aziz Nazarov"),
        entity_id("Person", "Karim Aziz Nazarov"),
        entity_id("Person", "Kamil Nazarov"),
    ]
    # the shorter name first, then a longer one: a son, then his father, say
    mentions = [
        Mentioned(0, 2, 0, "Karim Nazarov", "Person"),
        Mentioned(8, 11, 50, "Karim Aziz Nazarov", "Person"),
    ]
    link(mentions)
    assert mentions[0].id != mentions[1].id


def test_linking_a_place_misspelt_in_one_word_of_its_name_is_the_place():
    mentions = [
        Mentioned(0, 3, 0, "North Tarkhistan Agency", "Place", kb_id="e:place/north-tarkhistan"),
        Mentioned(8, 11, 50, "North Tarkhastan Agency", "Place"),
        Mentioned(14, 17, 90, "South Tarkhastan Agency", "Place"),  # two words differ
    ]
    link(mentions)
    assert [m.id for m in mentions][:2] == ["e:place/north-tarkhistan"] * 2
    assert mentions[2].id != "e:place/north-tarkhistan"
    # two neighbouring letters swapped is a slip too; a longer change is not
    assert near_miss("kazkahstan", "kazakhstan") and not near_miss("kazkhastan", "kazakhstan")


def _linked(pack: Pack, words: list[str], persons: list[tuple[int, int]]):
    """The real linker component on a hand-made Doc whose NER found ``persons``."""
    nlp = spacy.blank("en")
    linker = Linker(nlp, "linker")
    linker.set_pack(pack)
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label="Person") for s, e in persons]
    return linker(doc)


def test_linking_a_spelling_the_pack_lacks_takes_the_pack_person_and_stays_an_alias():
    person = PackEntity(
        "e:person/nurullah-sharifzada",
        "Person",
        "Nurullah Sharifzada",
        "test",
        ("Mawlawi Nurullah",),
    )
    other = PackEntity("e:person/ruhullah-amini", "Person", "Ruhullah Amini", "test", ())
    pack = Pack({p.id: p for p in (person, other)}, [], [])
    doc = _linked(
        pack, ["Nurulla", "Sharifzade", "met", "Ruhulla", "Sharifzada", "."], [(0, 2), (3, 5)]
    )
    assert [e.kb_id_ for e in doc.ents] == [
        "e:person/nurullah-sharifzada",
        "e:person/ruhulla-sharifzada",
    ]
    entity = doc._.entities["e:person/nurullah-sharifzada"]
    assert entity.name == "Nurullah Sharifzada" and entity.aliases == ("Nurulla Sharifzade",)
    assert doc._.entities["e:person/ruhulla-sharifzada"].aliases == ()


def test_linking_again_after_retyping_joins_a_name_to_its_of_form_and_keeps_earlier_links():
    """The entity review may retype a name after linking ("<Forces> of the <Region>" read as a
    place, then an organisation): linked again, its short form joins it, and what the first
    linking made one entity (a pass and "the Pass") stays one."""
    nlp = spacy.blank("en")
    linker = Linker(nlp, "linker")
    linker.set_pack(Pack({}, [], []))
    words = (
        "The Joint Rapid Forces of the Southern Region trained at Karatash Pass . "
        "Troops reached the Pass . The Joint Rapid Forces left ."
    ).split()
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [
        Span(doc, 1, 8, label="Place"),
        Span(doc, 10, 12, label="Organization"),
        Span(doc, 16, 17, label="Organization"),
        Span(doc, 19, 22, label="Organization"),
    ]
    linker(doc)
    assert doc.ents[1].kb_id_ == doc.ents[2].kb_id_  # the body's last word, as organisations
    assert doc.ents[0].kb_id_ != doc.ents[3].kb_id_  # a place and a body: not one
    # the review retypes: the forces are a body, the pass and its short form a place
    labels = ["Organization", "Place", "Place", "Organization"]
    doc.ents = [
        Span(doc, s.start, s.end, label=x, kb_id=s.kb_id_) for s, x in zip(doc.ents, labels)
    ]
    linker(doc, again=True)
    ids = [e.kb_id_ for e in doc.ents]
    assert (
        ids[0] == ids[3] == entity_id("Organization", "Joint Rapid Forces of the Southern Region")
    )
    assert ids[1] == ids[2] == entity_id("Place", "Karatash Pass")
