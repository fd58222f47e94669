"""The learned entity review on made-up text: a model trained on annotated entities retypes an
entity the rules typed wrong, drops one that names nothing, keeps pack entities as the pack
has them, and the shipped pipeline runs it after linking (off while training parses)."""

from __future__ import annotations

import pytest

from crossroads.extraction.components import REVIEW
from crossroads.learn.entities import (
    DROP,
    blocked,
    entity_rows,
    fit_entities,
    name_features,
    pack_rows,
    review,
)
from crossroads.model import Document, Entity, entity_id

pytestmark = pytest.mark.slow

TEXT = (
    "Engineers finished the Qarabel Canal in March. Water from the Qarabel Canal reached "
    "farms near Termez, and Gavrilo Venn said the Zorbek Exchange would fund repairs."
)


@pytest.fixture(scope="module")
def extractor():
    from crossroads.extraction.extractor import Extractor

    return Extractor()


@pytest.fixture
def parsed(extractor):
    """The doc as the rules leave it (the review is off while ``parse`` runs)."""
    return next(extractor.parse([Document("d:review", "test", TEXT, published="2024-03-01")]))


def _by_name(doc):
    return {e.name: e for e in doc._.entities.values()}


def _model(rows):
    model = fit_entities(list(rows))
    assert model is not None
    return model


def test_review_retypes_drops_and_relabels_every_mention(parsed, extractor):
    known = set(extractor.pack.entities)
    rows = entity_rows(parsed, known)
    names = {parsed._.entities[eid].name: eid for eid in rows}
    canal, person = names["Qarabel Canal"], names["Gavrilo Venn"]
    assert parsed._.entities[canal].type == "Facility"  # the rules' type, from "Canal"
    # a made-up training set that says: this is a place, exchanges are dropped
    train = [(rows[canal], "Place", 1.0)] * 5 + [(rows[person], "Person", 1.0)] * 5
    exchange = next(eid for n, eid in names.items() if "Exchange" in n)
    train += [(rows[exchange], DROP, 1.0)] * 5
    review(parsed, _model(train), known)

    after = _by_name(parsed)
    assert after["Qarabel Canal"].type == "Place"
    assert after["Qarabel Canal"].id == entity_id("Place", "Qarabel Canal")
    assert not any("Exchange" in n for n in after)
    # every mention carries the new id and type; the dropped entity has none left
    canal_spans = [s for s in parsed.ents if s.text == "Qarabel Canal"]
    assert len(canal_spans) == 2
    assert {(s.label_, s.kb_id_) for s in canal_spans} == {("Place", after["Qarabel Canal"].id)}
    assert not any("Exchange" in s.text for s in parsed.ents)
    # the pack's entity keeps its pack type and id
    termez = next(e for e in parsed._.entities.values() if e.name == "Termez")
    assert termez.id in known and termez.type == "Place"
    assert all(s.kb_id_ in parsed._.entities for s in parsed.ents)


def test_pack_entities_are_never_reviewed(parsed, extractor):
    known = set(extractor.pack.entities)
    assert not any(eid in known for eid in entity_rows(parsed, known))


def test_the_pipeline_reviews_after_linking_and_training_parses_without_it(extractor):
    names = extractor.nlp.pipe_names
    assert names.index(REVIEW) == names.index("crossroads_linker_v1") + 1
    assert names.index(REVIEW) < names.index("crossroads_relations_v1")
    # extraction with the shipped model gives every mention an entity the record lists
    out = extractor.extract(Document("d:x", "test", TEXT, published="2024-03-01"))
    ids = {e.id for e in out.entities}
    assert out.mentions and all(m.entity in ids for m in out.mentions)


def test_a_change_wrong_more_often_than_right_out_of_fold_is_blocked(parsed, extractor):
    known = set(extractor.pack.entities)
    rows = entity_rows(parsed, known)
    canal = next(eid for eid in rows if parsed._.entities[eid].name == "Qarabel Canal")
    rules_type = parsed._.entities[canal].type
    model = _model([(rows[canal], "Facility", 1.0)] * 5 + [(f, DROP, 1.0) for f in rows.values()])
    # out of fold, retyping the rules' type to Facility was wrong twice and right once
    model.meta.update(
        blocked([(rules_type, "Facility", False)] * 2 + [(rules_type, "Facility", True)])
    )
    assert f"blocked:{rules_type}>Facility" in model.meta
    review(parsed, model, known)
    assert _by_name(parsed)["Qarabel Canal"].type == rules_type


def test_the_packs_names_teach_what_a_name_of_each_type_looks_like(extractor):
    rows = pack_rows(extractor.pack)
    pack = extractor.pack.entities.values()
    assert {y for _, y, _ in rows} == {e.type for e in pack} - {"Country"}
    assert len(rows) > sum(e.type != "Country" for e in pack)  # aliases too
    model = _model(rows)

    def typed(name: str, rules: str) -> str:
        label, _ = model.best(model.predict_proba([name_features(Entity("x", rules, name))])[0])
        return label

    # made-up names the pack does not hold, typed wrong by the rules
    assert typed("Farid Nazari", "Organization") == "Person"  # a known given name
    assert typed("Zorbek Liberation Front", "Organization") == "ArmedGroup"
    assert typed("Zorbek Ministry of Water", "Person") == "Organization"


def test_the_review_sees_the_kind_of_head_noun_after_a_name(extractor):
    # "<name> militants", "<name> valley": the class of the head noun, not the word, is a feature,
    # so a head seen once in training still speaks for the others of its class
    text = (
        "Officials said the Sorbulak Zarafshon militants had left the valley, Dilnoza Rahimova "
        "added. Water from the Kara Tepe valley reached the fields."
    )
    doc = next(extractor.parse([Document("d:h", "test", text, published="2024-03-01")]))
    rows = entity_rows(doc, set(extractor.pack.entities))
    heads = {
        doc._.entities[eid].name: {k for k in f if k.startswith("head_after=")}
        for eid, f in rows.items()
    }
    assert heads["Sorbulak Zarafshon"] == {"head_after=ArmedGroup"}
    assert heads["Kara Tepe"] == {"head_after=Place"}
    assert heads["Dilnoza Rahimova"] == set()


def test_the_review_sees_what_the_words_before_a_name_and_its_apposition_call_it(extractor):
    # "the <kind> <name>", "<name>, the <kind>": the class of the common noun the text gives
    # the name, and an apposition before the noun the name hangs from
    text = (
        "Tenders opened for the mining company Qoratosh and for a stake in Zarbulak, a "
        "bank from the south. Dilnoza Rahimova announced the tenders."
    )
    doc = next(extractor.parse([Document("d:b", "test", text, published="2024-03-01")]))
    rows = entity_rows(doc, set(extractor.pack.entities))
    feats = {doc._.entities[eid].name: f for eid, f in rows.items()}
    assert "head_before=Organization" in feats["Qoratosh"]
    assert "head_above=Organization" in feats["Zarbulak"]
    assert not any(k.startswith("head_before=") for k in feats["Dilnoza Rahimova"])


def test_a_surname_the_review_keeps_is_the_person_it_keeps_in_full(extractor):
    # NER missed both: the linker never saw them, so the review links the surname itself
    from spacy.tokens import Span

    from crossroads.extraction.proposals import PROPOSALS
    from crossroads.learn.entities import proposal_rows

    text = "The deputy minister Qodir Zarbozov spoke in Khorog. Zarbozov said the road was open."
    doc = next(extractor.parse([Document("d:s", "test", text, published="2024-03-01")]))
    doc.ents = [e for e in doc.ents if "Zarbozov" not in e.text]
    doc._.entities = {k: v for k, v in doc._.entities.items() if "zarbozov" not in k}
    starts = [t.i for t in doc if t.text in ("Qodir", "Zarbozov")]
    doc.spans[PROPOSALS] = [
        Span(doc, starts[0], starts[0] + 2, label="Person"),
        Span(doc, starts[2], starts[2] + 1, label="Person"),
    ]
    rows = proposal_rows(doc)
    assert len(rows) == 2
    model = _model([(f, "Person", 1.0) for f in rows.values()] * 3 + [({"x": 1.0}, DROP, 1.0)])
    review(doc, model, set(extractor.pack.entities))
    people = {e.text: e.kb_id_ for e in doc.ents if e.label_ == "Person"}
    assert people["Zarbozov"] == people["Qodir Zarbozov"] == "e:person/qodir-zarbozov"
    assert doc._.entities["e:person/qodir-zarbozov"].aliases == ("Zarbozov",)


def test_the_review_sees_a_persons_role_or_kin_and_the_names_listed_with_a_name(extractor):
    # "<name>, a nephew of ...", "<A>, <B> and <C>": what the text calls a name and the types
    # of the names beside it in a list speak for a person NER did not know
    text = (
        "Officials questioned Tolgonai Erkebaeva, a niece of the governor. Police detained "
        "Emomali Rahmon, Qodir Zarbozov and Dilnoza Rahimova on Monday."
    )
    doc = next(extractor.parse([Document("d:k", "test", text, published="2024-03-01")]))
    rows = entity_rows(doc, ())
    feats = {doc._.entities[eid].name: set(f) for eid, f in rows.items()}
    niece = next(f for name, f in feats.items() if "Erkebaeva" in name)
    assert "head_above=Person" in niece, niece
    listed = next(f for name, f in feats.items() if "Zarbozov" in name)
    assert "listed_with=Person" in listed, listed
