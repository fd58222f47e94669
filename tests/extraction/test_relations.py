"""Relations: each predicate, coordination, dates, negation, qualifiers and attribution."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.relations import read_relations

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def rels(doc):
    return {(r.subject, r.predicate, r.object): r for r in read_relations(doc)}


def test_relations_coordinated_members_are_two_facts(rel_doc):
    got = rels(
        rel_doc(
            "Kyrgyzstan and Kazakhstan are members of the Collective Security Treaty Organization."
        )
    )
    assert ("e:country/kg", "member_of", "e:org/csto") in got
    assert ("e:country/kz", "member_of", "e:org/csto") in got


def test_relations_member_negated_and_dated(rel_doc):
    neg = rels(rel_doc("Turkmenistan is not a member of the CSTO."))
    assert neg[("e:country/tm", "member_of", "e:org/csto")].negated
    since = rels(rel_doc("Tajikistan has been a member of the CSTO since 2002."))
    r = since[("e:country/tj", "member_of", "e:org/csto")]
    assert (r.start, r.end, r.negated) == ("2002", None, False)


def test_relations_border_with_length(rel_doc):
    got = rels(rel_doc("Tajikistan shares a 1,357 km border with Afghanistan."))
    assert got[("e:country/tj", "borders", "e:country/af")].qualifiers == {"length_km": 1357}


def test_relations_located_in(rel_doc):
    got = rels(
        rel_doc("Dushanbe is located in Tajikistan, and Badakhshan is a province of Afghanistan.")
    )
    assert ("e:place/dushanbe", "located_in", "e:country/tj") in got
    assert ("e:place/badakhshan", "located_in", "e:country/af") in got


def test_relations_title_before_name_holds_position(rel_doc):
    got = rels(
        rel_doc(
            "Russian Foreign Minister Pavel Orlovsky arrived in Dushanbe on "
            "March 3, 2021. Russia sent him."
        )
    )
    r = got[("e:person/pavel-orlovsky", "holds_position", "e:country/ru")]
    assert r.qualifiers["role"] == "Foreign Minister"
    assert r.start is None  # the visit's date is no start of the office


def test_relations_apposition_holds_position_portfolio_is_no_employer(rel_doc):
    got = rels(
        rel_doc(
            "Pavel Orlovsky, the Russian special envoy for Afghanistan, met "
            "Uzbek officials. Russia sent him."
        )
    )
    r = got[("e:person/pavel-orlovsky", "holds_position", "e:country/ru")]
    assert r.qualifiers["role"] == "special envoy for Afghanistan"
    assert ("e:person/pavel-orlovsky", "holds_position", "e:country/af") not in got


def test_relations_led_by_holds_position(rel_doc):
    got = rels(rel_doc("The Ferghana Brigade, led by Yusuf Khan Badri, fights in Badakhshan."))
    assert (
        got[("e:person/yusuf-khan-badri", "holds_position", "e:group/ferghana-brigade")].qualifiers[
            "role"
        ]
        == "leader"
    )


def test_relations_allegiance_with_year(rel_doc):
    got = rels(rel_doc("The Ferghana Brigade pledged allegiance to the Taliban in 2016."))
    assert (
        got[("e:group/ferghana-brigade", "pledged_allegiance_to", "e:group/taliban")].start
        == "2016"
    )


def test_relations_affiliated_with(rel_doc):
    got = rels(rel_doc("The Ferghana Brigade is closely linked to al Qaeda."))
    assert ("e:group/ferghana-brigade", "affiliated_with", "e:group/al-qaeda") in got


def test_relations_operates_in_attributed(rel_doc):
    got = rels(
        rel_doc("According to the United Nations, the Ferghana Brigade operates in Badakhshan.")
    )
    r = got[("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan")]
    assert r.attributed_to == "e:org/un"
    assert ("e:org/un", "operates_in", "e:place/badakhshan") not in got


def test_relations_banned_and_designated(rel_doc):
    banned = rels(rel_doc("The Ferghana Brigade is banned in Russia."))
    assert ("e:group/ferghana-brigade", "designated_terrorist_by", "e:country/ru") in banned
    listed = rels(
        rel_doc("The State Department designated the Ferghana Brigade a terrorist organization.")
    )
    assert (
        "e:group/ferghana-brigade",
        "designated_terrorist_by",
        "e:org/state-department",
    ) in listed


def test_relations_hosts_military_presence_with_place_and_years(rel_doc):
    got = rels(rel_doc("Kyrgyzstan hosted US troops at Kant air base from 2001 to 2014."))
    r = got[("e:country/kg", "hosts_military_presence", "e:country/us")]
    assert r.qualifiers == {"place": "e:facility/kant"}
    assert (r.start, r.end) == ("2001", "2014")


def test_relations_hypothetical_basing_is_not_a_fact(rel_doc):
    got = rels(rel_doc("Kyrgyzstan would host US troops if Russia agreed."))
    assert not [k for k in got if k[1] == "hosts_military_presence"]


def test_relations_signatories_are_party_to(rel_doc):
    got = rels(rel_doc("Iran and Tajikistan signed the Vakhsh River Accord in 2019."))
    assert ("e:country/ir", "party_to", "e:agreement/river-accord") in got
    assert got[("e:country/tj", "party_to", "e:agreement/river-accord")].start == "2019"


def test_relations_part_of_and_connects(rel_doc):
    part = rels(rel_doc("The Pamir Corridor is part of the Belt and Road Initiative."))
    assert ("e:initiative/pamir-corridor", "part_of", "e:initiative/bri") in part
    link = rels(rel_doc("The Pamir Corridor connects Kashgar with Dushanbe."))
    assert ("e:initiative/pamir-corridor", "connects", "e:place/kashgar") in link
    assert ("e:initiative/pamir-corridor", "connects", "e:place/dushanbe") in link


def test_relations_has_resource_with_quantity(rel_doc):
    got = rels(rel_doc("Turkmenistan has 13 trillion cubic meters of natural gas reserves."))
    r = got[("e:country/tm", "has_resource", None)]
    assert r.qualifiers == {"resource": "natural gas", "quantity": "13 trillion cubic meters"}


def test_relations_adjective_only_country_is_left_out(rel_doc):
    # the entity stage stores no entity seen only as an adjective: no dangling relation
    got = rels(rel_doc("Pavel Orlovsky, the Russian special envoy, met Uzbek officials."))
    assert not [k for k in got if k[2] == "e:country/ru"]


def test_relations_member_list_in_brackets_and_its_leader(rel_doc):
    got = rels(
        rel_doc(
            "Russia trades inside the CSTO (Tajikistan, Kyrgyzstan and Russia). "
            "The Ferghana Brigade and its leader Yusuf Khan Badri fled."
        )
    )
    assert ("e:country/tj", "member_of", "e:org/csto") in got
    assert ("e:country/kg", "member_of", "e:org/csto") in got
    assert (
        got[("e:person/yusuf-khan-badri", "holds_position", "e:group/ferghana-brigade")].qualifiers[
            "role"
        ]
        == "leader"
    )


def test_relations_title_before_a_comma(rel_doc):
    got = rels(rel_doc("The Taliban's deputy leader, Yusuf Khan Badri, spoke in Dushanbe."))
    assert ("e:person/yusuf-khan-badri", "holds_position", "e:group/taliban") in got


def test_relations_evidence_is_the_sentence(rel_doc):
    text = "The weather was mild. The Ferghana Brigade operates in Badakhshan. Trade grew."
    doc = rel_doc(text)
    (r,) = [r for r in read_relations(doc) if r.predicate == "operates_in"]
    assert text[r.evidence.start : r.evidence.end] == "The Ferghana Brigade operates in Badakhshan."
    assert r.evidence.doc == "d:test"


def test_relations_inside_a_quote_are_the_speakers(rel_doc):
    text = "“The Ferghana Brigade operates in Badakhshan and nobody stops it,” Orlovsky said."
    got = rels(rel_doc(text))
    r = got[("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan")]
    assert r.attributed_to == "e:person/pavel-orlovsky"


def test_relations_unparsed_doc_gives_nothing(rel_nlp):
    doc = rel_nlp.make_doc("Tajikistan is a member of the CSTO.")
    assert read_relations(doc) == []


def test_relations_borders_past_a_relative_clause(rel_doc):
    got = rels(
        rel_doc("Turkmenistan, which is not a member of the CSTO, borders Afghanistan and Iran.")
    )
    assert got[("e:country/tm", "member_of", "e:org/csto")].negated
    assert ("e:country/tm", "borders", "e:country/af") in got
    assert ("e:country/tm", "borders", "e:country/ir") in got


def test_relations_capital_apposition_is_located_in(rel_doc):
    got = rels(rel_doc("Dushanbe, Tajikistan's capital, hosted the summit."))
    assert ("e:place/dushanbe", "located_in", "e:country/tj") in got


def test_relations_leaving_ends_a_membership(rel_doc):
    got = rels(rel_doc("Uzbekistan left the CSTO in 2012."))
    r = got[("e:country/uz", "member_of", "e:org/csto")]
    assert (r.start, r.end, r.negated) == (None, "2012", False)


def test_relations_list_that_goes_on_past_the_names(rel_doc):
    got = rels(
        rel_doc(
            "The CSTO, whose members include Kazakhstan, Russia and two other "
            "states, met in Dushanbe."
        )
    )
    assert ("e:country/kz", "member_of", "e:org/csto") in got
    assert ("e:country/ru", "member_of", "e:org/csto") in got


def test_relations_claimed_by_officials_is_attributed(rel_doc):
    got = rels(
        rel_doc(
            "Chinese officials claimed that the Ferghana Brigade operates in Badakhshan. "
            "China denies any role."
        )
    )
    r = got[("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan")]
    assert r.attributed_to == "e:country/cn"


def test_relations_they_signed_is_the_last_named_pair(rel_doc):
    got = rels(
        rel_doc(
            "Iran and Tajikistan grew closer in the 1990s. In 2019, they signed the "
            "Vakhsh River Accord."
        )
    )
    assert ("e:country/ir", "party_to", "e:agreement/river-accord") in got
    assert ("e:country/tj", "party_to", "e:agreement/river-accord") in got


def test_relations_status_as_members_of_a_compound_organisation(rel_doc):
    got = rels(
        rel_doc("Russia and Kazakhstan trade a lot. Both value their status as CSTO members.")
    )
    assert ("e:country/ru", "member_of", "e:org/csto") in got
    assert ("e:country/kz", "member_of", "e:org/csto") in got


def test_relations_its_base_and_their_border(rel_doc):
    got = rels(rel_doc("Russia, which keeps its military base in Tajikistan, welcomed the deal."))
    assert ("e:country/tj", "hosts_military_presence", "e:country/ru") in got
    text = (
        "Kyrgyzstan and Tajikistan met. The deal settles the last sections of their 970 km border."
    )
    r = rels(rel_doc(text))[("e:country/kg", "borders", "e:country/tj")]
    assert r.qualifiers == {"length_km": 970}
    assert text[r.evidence.start : r.evidence.end] == text  # from where the pair is named


def test_relations_no_longer_refuses_and_plans_to_join(rel_doc):
    gone = rels(rel_doc("Uzbekistan is no longer a member of the CSTO."))
    assert gone[("e:country/uz", "member_of", "e:org/csto")].negated
    refused = rels(rel_doc("Turkmenistan refuses to join the CSTO."))
    assert refused[("e:country/tm", "member_of", "e:org/csto")].negated
    planned = rels(rel_doc("Uzbekistan plans to join the CSTO."))
    assert ("e:country/uz", "member_of", "e:org/csto") not in planned


def test_relations_link_subject_is_the_clause_subject_not_its_apposition(rel_doc):
    got = rels(
        rel_doc(
            "The Pamir Corridor, a flagship of the Belt and Road Initiative, links "
            "Kashgar in China with Dushanbe in Tajikistan."
        )
    )
    assert ("e:initiative/pamir-corridor", "connects", "e:place/kashgar") in got
    assert ("e:initiative/pamir-corridor", "connects", "e:place/dushanbe") in got
    assert ("e:place/kashgar", "located_in", "e:country/cn") in got
    assert not any(k[0] == "e:initiative/bri" and k[1] == "connects" for k in got)
    assert ("e:initiative/pamir-corridor", "connects", "e:country/cn") not in got


def test_relations_route_that_avoids_a_country_does_not_connect_it(rel_doc):
    got = rels(rel_doc("The Pamir Corridor offers a second route that avoids Uzbekistan."))
    assert ("e:initiative/pamir-corridor", "connects", "e:country/uz") not in got


def test_relations_second_clause_has_its_own_swearing_subject(rel_doc):
    got = rels(
        rel_doc(
            "The Ferghana Brigade pledged allegiance to al Qaeda in 2016, whereas "
            "Yusuf Khan Badri swore allegiance to the Taliban."
        )
    )
    assert ("e:group/ferghana-brigade", "pledged_allegiance_to", "e:group/al-qaeda") in got
    assert ("e:person/yusuf-khan-badri", "pledged_allegiance_to", "e:group/taliban") in got
    assert ("e:group/ferghana-brigade", "pledged_allegiance_to", "e:group/taliban") not in got


def test_relations_across_the_border_from_is_not_operating_there(rel_doc):
    got = rels(
        rel_doc(
            "Ferghana Brigade fighters are active in Badakhshan, just across the "
            "border from Tajikistan."
        )
    )
    assert ("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan") in got
    assert ("e:group/ferghana-brigade", "operates_in", "e:country/tj") not in got


def test_relations_used_bases_each_hosted_by_its_own_country_with_dates(rel_doc):
    got = rels(
        rel_doc(
            "Russia operated the Kant air base in Kyrgyzstan from 2003 to 2019 and "
            "the 777th air base in Tajikistan until 2010."
        )
    )
    kg = got[("e:country/kg", "hosts_military_presence", "e:country/ru")]
    assert (kg.start, kg.end, kg.qualifiers["place"]) == ("2003", "2019", "e:facility/kant")
    tj = got[("e:country/tj", "hosts_military_presence", "e:country/ru")]
    assert (tj.start, tj.end) == (None, "2010")


def test_relations_numbered_base_is_a_facility_of_the_host(rel_doc):
    doc = rel_doc("China keeps its 512th military base in Tajikistan.")
    assert ("512th military base", "Facility") in {(e.text, e.label_) for e in doc.ents}
    r = rels(doc)[("e:country/tj", "hosts_military_presence", "e:country/cn")]
    assert r.qualifiers["place"].startswith("e:facility/")


def test_relations_led_by_a_state_is_no_membership(rel_doc):
    got = rels(
        rel_doc(
            "Kazakhstan is a member of the CSTO, the Russia-led bloc whose members meet every year."
        )
    )
    assert ("e:country/kz", "member_of", "e:org/csto") in got
    assert ("e:country/ru", "member_of", "e:org/csto") not in got


def test_relations_link_to_a_list_of_towns_keeps_every_town(rel_doc):
    got = rels(rel_doc("The Pamir Corridor links Kashgar, Badakhshan and Dushanbe."))
    for place in ("e:place/kashgar", "e:place/badakhshan", "e:place/dushanbe"):
        assert ("e:initiative/pamir-corridor", "connects", place) in got


def test_relations_operating_from_one_province_to_another(rel_doc):
    got = rels(
        rel_doc("Ferghana Brigade fighters operate in the mountains from Badakhshan to Kashgar.")
    )
    assert ("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan") in got


def test_relations_each_clause_keeps_its_own_date(rel_doc):
    got = rels(
        rel_doc(
            "Uzbekistan joined the CSTO in 2006, while Kyrgyzstan has been a member since 1994."
        )
    )
    assert got[("e:country/uz", "member_of", "e:org/csto")].start == "2006"
    assert got[("e:country/kg", "member_of", "e:org/csto")].start == "1994"


def test_relations_the_groups_fighters_are_the_group_named_before(rel_doc):
    got = rels(
        rel_doc(
            "The Ferghana Brigade has regrouped in Tajikistan since 2019. Officials "
            "say the group's fighters operate from Badakhshan and Kashgar."
        )
    )
    assert ("e:group/ferghana-brigade", "operates_in", "e:place/badakhshan") in got
    assert ("e:group/ferghana-brigade", "operates_in", "e:place/kashgar") in got


def test_relations_its_chief_is_the_sentence_subjects(rel_doc):
    got = rels(
        rel_doc(
            "The Ferghana Brigade swore allegiance to al Qaeda's leader in 2015, "
            "and its current emir, Yusuf Khan Badri, renewed that oath."
        )
    )
    post = got[("e:person/yusuf-khan-badri", "holds_position", "e:group/ferghana-brigade")]
    assert post.qualifiers == {"role": "emir"}
    assert ("e:person/yusuf-khan-badri", "holds_position", "e:group/al-qaeda") not in got


def test_relations_a_person_who_chaired_a_body_holds_a_post(rel_doc):
    got = rels(rel_doc("Pavel Orlovsky, who chaired the CSTO in 2020, spoke first."))
    assert got[("e:person/pavel-orlovsky", "holds_position", "e:org/csto")].qualifiers == {
        "role": "chair"
    }
    got = rels(rel_doc("Rakhimova heads the Ferghana Brigade."))
    assert ("e:person/dilnoza-rakhimova", "holds_position", "e:group/ferghana-brigade") in got


def test_relations_the_road_would_link_is_the_project_named_before(rel_doc):
    got = rels(
        rel_doc(
            "China and Tajikistan signed a plan for the Pamir Corridor in 2020. The "
            "400-kilometre road would link Kashgar with Dushanbe through Badakhshan."
        )
    )
    for end in ("e:place/kashgar", "e:place/dushanbe", "e:place/badakhshan"):
        assert ("e:initiative/pamir-corridor", "connects", end) in got


def test_relations_carrying_goods_from_a_to_b_connects(rel_doc):
    got = rels(
        rel_doc(
            "The Pamir Corridor is meant to carry freight from Kashgar to Dushanbe and Badakhshan."
        )
    )
    for end in ("e:place/kashgar", "e:place/dushanbe", "e:place/badakhshan"):
        assert ("e:initiative/pamir-corridor", "connects", end) in got
    assert not [
        k for k in rels(rel_doc("Turkmenistan exports gas to China.")) if k[1] == "connects"
    ]


def test_relations_the_corridor_meant_to_carry_is_the_project_named_before(rel_doc):
    got = rels(
        rel_doc(
            "China and Tajikistan funded the Pamir Corridor. The corridor is meant "
            "to carry freight from Kashgar to Dushanbe."
        )
    )
    assert ("e:initiative/pamir-corridor", "connects", "e:place/kashgar") in got
    assert ("e:initiative/pamir-corridor", "connects", "e:place/dushanbe") in got


def test_relations_its_leader_in_the_next_sentence_leads_the_group_named_before(rel_doc):
    got = rels(
        rel_doc(
            "The Ferghana Brigade was founded in 2009. Its leader, Yusuf Khan Badri, "
            "was killed in 2016."
        )
    )
    assert ("e:person/yusuf-khan-badri", "holds_position", "e:group/ferghana-brigade") in got
