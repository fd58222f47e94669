"""Per predicate, relations come from the model, the rules or both, as out-of-fold scores
chose: a predicate the rules read better keeps the rules' readings, and the choice travels
in the model file. Sentences and names are made up."""

from __future__ import annotations

from crossroads.learn.linear import thresholds_of
from crossroads.learn.relations import by_source, option_parts, source_meta, sources_of
from crossroads.learn.score import Counts
from crossroads.learn.train import _summed, choose_bagged, choose_sources
from crossroads.model import Evidence, Relation

EV = Evidence("d:1", 0, 40)


def rel(s: str, p: str, o: str, end: int = 40) -> Relation:
    return Relation(s, p, o, Evidence("d:1", 0, end))


MODEL = [rel("e:a", "affiliated_with", "e:b"), rel("e:c", "located_in", "e:d")]
RULES = [
    rel("e:a", "pledged_allegiance_to", "e:b"),
    rel("e:c", "located_in", "e:d"),
    rel("e:e", "located_in", "e:f"),
    Relation("e:c", "has_resource", None, EV),
]


def keys(rels: list[Relation]) -> list[tuple[str, str, str | None]]:
    return sorted((r.subject, r.predicate, r.object) for r in rels)


def test_sources_model_alone_ignores_the_rules():
    assert keys(by_source(MODEL, RULES, {})) == keys(MODEL)


def test_sources_rules_replace_the_models_readings_of_their_predicate():
    got = keys(
        by_source(MODEL, RULES, {"pledged_allegiance_to": "rules", "affiliated_with": "rules"})
    )
    assert got == [
        ("e:a", "pledged_allegiance_to", "e:b"),
        ("e:c", "located_in", "e:d"),
    ]


def test_sources_both_adds_the_rules_readings_once():
    got = by_source(MODEL, RULES, {"located_in": "both"})
    assert keys(got) == [
        ("e:a", "affiliated_with", "e:b"),
        ("e:c", "located_in", "e:d"),
        ("e:e", "located_in", "e:f"),
    ]  # the reading both give is there once; a reading with no object is not the reader's


def test_sources_chosen_by_out_of_fold_f1_with_the_model_winning_ties():
    good, poor = Counts(tp_sys=9, n_sys=10, tp_gold=9, n_gold=10), Counts(1, 10, 1, 10)
    scores = {
        "model": {"pledged_allegiance_to": poor, "member_of": good, "borders": good},
        "rules": {"pledged_allegiance_to": good, "member_of": poor, "borders": good},
        "both": {"pledged_allegiance_to": poor, "member_of": poor, "borders": poor},
    }
    chosen = choose_sources(scores)
    assert chosen == {"pledged_allegiance_to": "rules"}
    assert sources_of(source_meta(chosen) | {"threshold": 0.55}) == chosen


def test_sources_a_predicate_may_get_a_threshold_of_its_own():
    good, fair, poor = Counts(9, 10, 9, 10), Counts(7, 10, 7, 10), Counts(1, 10, 1, 10)
    scores = {
        "rules": {"member_of": poor, "borders": poor},
        "model@0.55": {"member_of": fair, "borders": good},
        "model@0.35": {"member_of": good, "borders": good},
        "both@0.65": {"member_of": fair, "borders": fair},
    }
    chosen = choose_sources(scores)
    assert chosen == {"member_of": "model@0.35"}  # the shared threshold wins the tie
    meta = source_meta(chosen)
    assert thresholds_of(meta) == {"member_of": 0.35}
    assert sources_of(meta) == {}  # still the model's readings
    assert sources_of(source_meta({"borders": "both@0.65"})) == {"borders": "both"}


def test_sources_the_rules_alone_must_win_by_a_margin():
    # the rules were written on the articles the folds score: a small lead is not trusted
    def f1(x: int) -> Counts:
        return Counts(x, 100, x, 100)

    scores = {
        "rules": {"borders": f1(83), "pledged_allegiance_to": f1(95), "part_of": f1(60)},
        "model@0.55": {"borders": f1(76), "pledged_allegiance_to": f1(40), "part_of": f1(30)},
        "both@0.75": {"borders": f1(80), "pledged_allegiance_to": f1(50), "part_of": f1(60)},
    }
    chosen = choose_sources(scores)
    assert chosen == {
        "borders": "both@0.75",  # the rules lead by 0.03: not enough
        "pledged_allegiance_to": "rules",  # by 0.45
        "part_of": "both@0.75",  # a tie: the model's readings join the rules'
    }


def test_sources_bagged_choice_is_steady_where_one_article_tips_the_single_choice():
    # member_of: two thresholds alike, each better on half of the articles; borders: 0.35 wins
    # on every article. The single choice flips with one article's readings; the bagged one
    # keeps borders at 0.35 and puts member_of between its two peaks
    def doc(lo: int, hi: int) -> dict[str, dict[str, Counts]]:
        return {
            "rules": {"member_of": Counts(0, 5, 0, 5), "borders": Counts(0, 5, 0, 5)},
            "model@0.35": {"member_of": Counts(lo, 5, lo, 5), "borders": Counts(5, 5, 5, 5)},
            "model@0.55": {"member_of": Counts(1, 5, 1, 5), "borders": Counts(2, 5, 2, 5)},
            "model@0.75": {"member_of": Counts(hi, 5, hi, 5), "borders": Counts(1, 5, 1, 5)},
        }

    docs = [doc(4, 3), doc(3, 4)] * 10
    tipped = [*docs, doc(3, 5)]  # one more article, which reads member_of better at 0.75
    assert choose_sources(_summed(docs))["member_of"] == "model@0.35"
    assert choose_sources(_summed(tipped))["member_of"] == "model@0.75"
    steady = []
    for scored in (docs, tipped):
        chosen = choose_bagged(scored)
        assert chosen["borders"] == "model@0.35"
        src, at = option_parts(chosen["member_of"])
        assert src == "model" and at is not None and 0.35 < at < 0.75, chosen
        steady.append(at)
    assert abs(steady[0] - steady[1]) < 0.2
    assert choose_bagged(docs) == choose_bagged(docs)  # the same resamples every time


def test_sources_bagged_choice_leaves_the_model_only_for_a_clear_lead():
    # located_in: "both" is better on 11 articles of 21, the model on 10, so about as many
    # resamples choose either; borders: "both" is better on every article. The near tie stays
    # with the model (it flipped with any retraining); the clear lead goes to "both"
    def doc(model_right: bool) -> dict[str, dict[str, Counts]]:
        hit, miss = Counts(3, 3, 3, 3), Counts(2, 3, 2, 3)
        return {
            "rules": {"located_in": Counts(0, 3, 0, 3), "borders": Counts(0, 3, 0, 3)},
            "model@0.55": {"located_in": hit if model_right else miss, "borders": miss},
            "both@0.65": {"located_in": miss if model_right else hit, "borders": hit},
        }

    docs = [doc(True)] * 10 + [doc(False)] * 11
    assert choose_sources(_summed(docs))["located_in"] == "both@0.65"  # one choice: a tie won
    chosen = choose_bagged(docs)
    assert "located_in" not in chosen  # the model at the shared threshold
    assert chosen["borders"] == "both@0.65"
