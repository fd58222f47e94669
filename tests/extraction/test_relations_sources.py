"""The shipped relation reader, end to end on made-up sentences: predicates whose readings the
model's file sends to the rules (chosen from out-of-fold scores) are read as the rules read
them, the others as the model decides."""

from __future__ import annotations

import copy

import pytest
import rel_support

from crossroads.extraction.relations import read_relations
from crossroads.learn import relations as learned
from crossroads.learn.reader import RelationReader

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


@pytest.fixture(scope="module")
def reader():
    return RelationReader(rel_support.rel_pack())


def facts(reader, doc):
    return {(r.subject, r.predicate, r.object): r for r in reader(doc) if r.object}


def test_sources_an_oath_of_allegiance_is_read_with_its_year(reader, rel_doc):
    got = facts(reader, rel_doc("The Ferghana Brigade pledged allegiance to the Taliban in 2016."))
    oath = got[("e:group/ferghana-brigade", "pledged_allegiance_to", "e:group/taliban")]
    assert oath.start == "2016"
    assert ("e:group/taliban", "affiliated_with", "e:group/ferghana-brigade") not in got


def test_sources_a_signatory_is_a_party(reader, rel_doc):
    got = facts(reader, rel_doc("Iran and Tajikistan signed the Vakhsh River Accord in 2019."))
    assert ("e:country/ir", "party_to", "e:agreement/river-accord") in got


def test_sources_every_signatory_is_a_party(reader, rel_doc):
    got = facts(reader, rel_doc("Iran and Tajikistan signed the Vakhsh River Accord in 2019."))
    assert ("e:country/tj", "party_to", "e:agreement/river-accord") in got


def test_sources_the_model_still_reads_membership(reader, rel_doc):
    got = facts(reader, rel_doc("Tajikistan has been a member of the CSTO since 2002."))
    assert ("e:country/tj", "member_of", "e:org/csto") in got


def test_sources_a_predicate_is_held_to_a_threshold_of_its_own(reader, rel_doc):
    doc = rel_doc("Tajikistan has been a member of the CSTO since 2002.")
    rules = read_relations(doc)
    pair = ("e:country/tj", "member_of", "e:org/csto")
    scored = learned.scored_reads(doc, rules, reader.model, reader.pack, 0.0)
    p = next(q for r, q in scored if (r.subject, r.predicate, r.object) == pair)

    def read(own: float) -> set[tuple[str, str, str | None]]:
        model = copy.copy(reader.model)
        model.meta = {**reader.model.meta, "threshold:member_of": own, "unseen_margin": margin}
        got = learned.model_reads(doc, rules, model, reader.pack, 0.0)
        return {(r.subject, r.predicate, r.object) for r in got}

    margin = 0.0
    assert pair in read(p - 0.01)
    assert pair not in read(p + 0.01)  # above its probability, though the shared bar is 0
    margin = 0.05  # new text is read with every threshold lowered by the margin
    assert pair in read(p + 0.01)
    assert pair not in read(p + 0.06)


def test_sources_a_titled_person_is_weighed_against_the_state_named_elsewhere(rel_doc):
    # the post's state is named in another sentence; "Uzbek" in a title says whose post it is
    doc = rel_doc(
        "Tajikistan opened a new bridge over the river on Monday.\n\n"
        "President Karim Ashurov said the bridge would carry trucks from next year.\n\n"
        "Uzbek Foreign Minister Pavel Orlovsky said he welcomed the bridge."
    )
    cands = learned.candidates(doc, read_relations(doc))
    titled = {(c.a.id, c.b.id): c.titled for c in cands if c.titled}
    assert titled.get(("e:person/karim-ashurov", "e:country/tj")) == ("president",)
    assert not any(a == "e:person/pavel-orlovsky" for a, _ in titled)


def test_sources_a_reading_past_another_of_the_list_is_told_apart(reader, rel_doc):
    """ "<state> President A, Foreign Minister B": the rules read B's post as the state's past
    A, who holds one of the state's; the model is told so (the rules' list readings were
    often wrong in the training gold), and A's own reading is not marked."""
    doc = rel_doc(
        "Tajikistan hosted the talks on Monday. The envoy met Tajik President Ali Rahimov, "
        "Foreign Minister Olim Sharipov and Defence Minister Rustam Nazarov in Dushanbe."
    )
    marked = {
        (c.a.id, c.b.id): c.shared for c in learned.candidates(doc, read_relations(doc)) if c.rules
    }
    assert marked[("e:person/ali-rahimov", "e:country/tj")] == frozenset()
    assert marked[("e:person/olim-sharipov", "e:country/tj")] == {"holds_position"}
    assert marked[("e:person/rustam-nazarov", "e:country/tj")] == {"holds_position"}
    assert ("e:person/ali-rahimov", "holds_position", "e:country/tj") in facts(reader, doc)


def test_sources_a_place_in_a_described_region_reads_as_a_place_in_it(reader, rel_doc):
    """ "in the remote northern <region>" and "in <region>" give the model the same words
    between the two, once determiners and adjectives are left out."""
    from crossroads.learn.features import pair_features

    plain, described = (
        rel_doc(f"Afghanistan reopened the market in {where} Badakhshan on Monday.")
        for where in ("", "the remote northern")
    )

    def cores(doc):
        feats = [pair_features(c, reader.pack) for c in learned.candidates(doc, [])]
        return {k for f in feats for k in f if k.startswith("core=")}

    assert cores(plain) & cores(described)


def test_sources_a_leader_the_pack_gives_one_state_holds_no_post_in_the_state_he_visits(rel_doc):
    """The pack says whose president he is: the state he visits, named with him in every
    sentence, is not his post's."""
    from crossroads.pack import Pack, PackRelation

    base = rel_support.rel_pack()
    post = PackRelation(
        "e:person/yusuf-khan-badri", "holds_position", "e:country/uz", rel_support.SRC
    )
    knows = RelationReader(Pack(base.entities, [post], []))
    doc = rel_doc(
        "President Yusuf Khan Badri arrived in Tajikistan on Monday for a two-day visit. "
        "In Tajikistan Badri opened a new bridge and spoke to the Tajikistan parliament."
    )
    pairs = {(r.subject, r.predicate, r.object) for r in knows(doc) if r.object}
    assert ("e:person/yusuf-khan-badri", "holds_position", "e:country/tj") not in pairs
