"""Quote speakers: "he said" after a quote naming other people is the person named before."""

from __future__ import annotations

import pytest
import rel_support

from crossroads.extraction.quotes import read_quotes, spoken

pytestmark = pytest.mark.slow
rel_nlp, rel_doc = rel_support.rel_nlp, rel_support.rel_doc  # session fixtures


def test_quotes_he_is_the_person_named_before_not_a_name_in_the_quote(rel_doc):
    doc = rel_doc(
        "Uzbek President Yusuf Khan Badri warned the Taliban on May 3 not to block "
        'the canal. "I warn the rulers of Afghanistan to give Pavel Orlovsky and the '
        'people of Badakhshan their water," he said during a visit to the province.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/yusuf-khan-badri"]


def test_quotes_he_is_the_last_subject_not_the_last_speaker(rel_doc):
    # the speaker quoted first is not who "he" means once another person acted since
    doc = rel_doc(
        '"We will open the new border crossing in the spring of next year," '
        "Pavel Orlovsky said on Monday.\n\n"
        "Later that day Yusuf Khan Badri signed a decree on the crossing and wrote to "
        "the governor of Badakhshan.\n\n"
        '"I expect the first trucks to cross the river before the end of March," he said.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky", "e:person/yusuf-khan-badri"]


def test_quotes_he_is_the_subject_not_a_person_named_after_it(rel_doc):
    # "X, Y's spokesman, told reporters. He noted ...": he is X, not Y named later
    doc = rel_doc(
        "Pavel Orlovsky, the spokesman of President Yusuf Khan Badri, told reporters on "
        'Monday that the talks went well. He noted that the new agreement "opens the border '
        'to trade for every farmer of the valley".'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"]


def test_quotes_an_unnamed_spokesman_of_a_named_body_speaks_for_it(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky visited Tashkent on Monday.\n\n"
        '"The new railway will carry the first freight trains before the winter," '
        "an Asian Development Bank spokesman said."
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1
    assert quotes[0].speaker != "e:person/pavel-orlovsky"
    assert "bank" in (quotes[0].speaker or "")


@pytest.mark.parametrize(
    "before",
    [
        (
            "The two sides met in Termez, according to a statement issued by the Asian "
            "Development Bank."
        ),
        # "according to the statement" names no issuer: the one who made the statement does
        (
            "In a statement on Monday, the Asian Development Bank announced the grant.\n\n"
            "According to the statement, Pavel Orlovsky attended the signing in Termez."
        ),
    ],
)
def test_quotes_the_statement_reads_is_said_by_who_issued_the_statement(rel_doc, before):
    doc = rel_doc(
        before + "\n\n"
        '"The parties agreed to build a new bridge across the river by the end of next year," '
        "part of the statement reads."
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1 and "bank" in (quotes[0].speaker or "")


def test_quotes_a_title_in_quotation_marks_is_no_quote(rel_doc):
    doc = rel_doc(
        'Pavel Orlovsky said the film "How Valley Farmers Built Their Own Bridge Across The '
        'Great River" was shown in Tashkent. "We will build the bridge with our own money," '
        "Orlovsky said."
    )
    quotes = read_quotes(doc)
    assert [q.text for q in quotes] == ["We will build the bridge with our own money"]


def test_quotes_a_quote_inside_a_quote_does_not_cut_it(rel_doc):
    # one closing mark ends both the inner and the outer quotation
    doc = rel_doc(
        "“For our part, we reject the plan for a so-called “security zone” along the river "
        "and every step towards it”, Pavel Orlovsky said on Monday."
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1
    assert quotes[0].speaker == "e:person/pavel-orlovsky"
    assert quotes[0].text.startswith("For our part") and "security zone" in quotes[0].text


def test_quotes_a_chief_of_a_named_body_is_the_person_named_before(rel_doc):
    # a spokesman speaks for the body; a chief is a person, the one quoted before
    doc = rel_doc(
        "“We will fund the new road to the border before the end of the year,” "
        "Pavel Orlovsky said in Osh.\n\n"
        "“The money for the bridge will come from our own budget next spring,” the Asian "
        "Development Bank chief added."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"] * 2


def test_quotes_the_russian_president_is_not_the_tajik_one_named_before(rel_doc):
    doc = rel_doc(
        "Tajik President Yusuf Khan Badri opened the summit in Dushanbe on Monday.\n\n"
        "The Russian president spoke at length about the border.\n\n"
        "“Our troops will stay at the border for as long as it takes,” he said."
    )
    assert [q.speaker for q in read_quotes(doc)] == []


def test_quotes_a_possessor_in_the_subject_is_not_the_speaker(rel_doc):
    # "X's deputy Y said": Y speaks, not X
    doc = rel_doc(
        "President Yusuf Khan Badri's special envoy Pavel Orlovsky said on Monday that "
        "the talks “will go on in Termez after the harvest is in”."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_cited_as_saying_gives_the_words_to_the_object(rel_doc):
    # "the press cited him as saying": the words are his, not the press's
    doc = rel_doc(
        "Pavel Orlovsky heads the traders' union of Osh.\n\n"
        "“Every day the crossing stays shut our members lose their money and their "
        "customers,” the local press cited him as saying."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_the_body_that_passed_words_on_is_not_the_speaker(rel_doc):
    # "X said ... “…”, according to <an agency>": X said it, the agency passed it on
    doc = rel_doc(
        "Pavel Orlovsky arrived in Dushanbe on Monday. He said the visit “is the start of "
        "a new chapter in the ties of our two armies,” according to the Asian Development "
        "Bank."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_a_role_word_means_the_one_titled_with_that_post(rel_doc):
    # "the premier" is the prime minister named before, not the last person named
    doc = rel_doc(
        "Prime Minister Ali Karimzoda met President Bolot Usenov in Osh on Monday. "
        "Addressing reporters with Usenov, the premier said the two countries "
        '"will open three new border crossings before the winter".'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/ali-karimzoda"]


def test_quotes_the_nations_leader_is_that_nations_president(rel_doc):
    doc = rel_doc(
        "Russian President Pavel Orlov and Kazakh President Daniyar Seitkali met in Astana. "
        "Seitkali said the talks were useful.\n\n"
        '"The decision we reached on the river will help both our peoples for many years," '
        "the Russian leader said."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlov"]


def test_quotes_a_family_name_alone_is_the_person_named_in_full(rel_doc):
    # the family name comes first ("Kong Tao"), and NER marks neither "Kong" nor "Tao" alone
    doc = rel_doc(
        "Foreign Ministry spokesman Kong Tao said on Monday the two sides had met in "
        "Beijing.\n\nKong said the group "
        '"has carried out many attacks against civilians in the region".'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/kong-tao"]


def test_quotes_a_state_body_in_lower_case_speaks_not_its_state(rel_doc):
    doc = rel_doc(
        "The Kyrgyz interior ministry said on Monday that "
        '"the suspects had crossed the border at night with false papers".'
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1
    assert quotes[0].speaker != "e:country/kg"
    assert "interior-ministry" in (quotes[0].speaker or "")


def test_quotes_a_paragraph_of_quotation_goes_on_in_the_voice_reported_before(rel_doc):
    # the excerpt ends inside the quotation: its words still count
    doc = rel_doc(
        "The meeting opened in Osh on Monday.\n\n"
        "Opening the session, Minister Daniyar Seitkali noted that the season was hard for "
        "farmers in the valley.\n\n"
        "\u201cThe level of the reservoir has fallen below the average of the last ten "
        "years. We must act now to save the harvest and I want to"
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/daniyar-seitkali"]
    assert quotes[0].text.startswith("The level of the reservoir")


def test_quotes_a_quotation_paragraph_with_its_own_speaker_after_it_keeps_that_one(rel_doc):
    doc = rel_doc(
        "Minister Daniyar Seitkali noted that the season was hard for farmers.\n\n"
        "\u201cThe level of the reservoir has fallen below the average of ten years,\u201d "
        "Pavel Orlovsky said on Monday."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"]


def test_quotes_the_deputy_prime_minister_is_not_the_prime_minister(rel_doc):
    doc = rel_doc(
        "Deputy Prime Minister Ali Karimzoda met Prime Minister Bolot Usenov in Osh on Monday. "
        "The deputy prime minister said the two sides "
        '"agreed to open three new border crossings before the winter".'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/ali-karimzoda"]


def test_quotes_the_committee_is_the_body_named_with_that_word(rel_doc):
    doc = rel_doc(
        "Officers of the Border Security Committee detained two men near Osh on Monday.\n\n"
        '"The detained men carried forged passports and large sums of cash across the '
        'river," the committee said.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:org/border-security-committee"]


def test_quotes_a_statement_by_the_group_is_the_armed_groups(rel_doc):
    doc = rel_doc(
        "The Islamic Movement of Uzbekistan claimed the attack on the border post.\n\n"
        'Its fighters "struck the post at dawn and will strike again before the winter," '
        "a statement by the group said."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:group/islamic-movement-of-uzbekistan"]


def test_quotes_it_is_the_body_that_was_the_subject_before(rel_doc):
    doc = rel_doc(
        "Orda Mining Company has filed for arbitration in London over the seizure of its mine.\n\n"
        '"The seizure of the mine breaks every promise the government made to investors," '
        "it said in a statement."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:org/orda-mining-company"]


def test_quotes_the_statement_is_the_issuers_not_its_state(rel_doc):
    doc = rel_doc(
        "Kyrgyzstan's Energy Ministry issued a statement on Sunday about the new power line.\n\n"
        '"The new line will carry power to the southern provinces by the end of next year," '
        "the statement said."
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1
    assert "energy-ministry" in (quotes[0].speaker or "")


def test_quotes_the_envoys_appositive_name_is_he(rel_doc):
    # the parser hangs the name on "Afghanistan", not on "envoy"
    doc = rel_doc(
        '"We will not send troops to the border this year," Foreign Minister Ali Karimzoda '
        "said on Monday.\n\n"
        "The Russian special envoy for Afghanistan, Pavel Orlovsky, told reporters that Moscow "
        "expects more steps.\n\n"
        '"In the future this may become the basis for recognition of the government," he said.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/ali-karimzoda", "e:person/pavel-orlovsky"]


def test_quotes_a_colon_ends_the_clause_of_the_speaker_whatever_its_verb(rel_doc):
    doc = rel_doc(
        "Karim Ashurov, one of the returnees, recounted his journey: "
        '"We walked for three days through the mountains before the guards let us cross."'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/karim-ashurov"]


def test_quotes_a_paragraph_about_the_speaker_does_not_end_the_speech(rel_doc):
    doc = rel_doc(
        '"We are talking with the new government about the airport," Pavel Orlovsky said.\n\n'
        "He was speaking at a news conference in Doha with Karim Ashurov.\n\n"
        '"There is no clear date for the airport to open to all flights yet."'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"] * 2


def test_quotes_what_a_letter_will_stress_is_the_words_of_who_told_it(rel_doc):
    doc = rel_doc(
        "Foreign Minister Ali Karimzoda told reporters on Monday that the letter to the Taliban "
        'would stress "the need to open every school of the country to girls".'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/ali-karimzoda"]


def test_quotes_a_statement_no_one_is_said_to_have_issued_is_the_actors(rel_doc):
    doc = rel_doc(
        "In March Usman Khalid pledged support to the new emir of the movement. "
        '"On behalf of all our members, I announce that we stand with the new emir," the '
        "statement read."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/usman-khalid"]


def test_quotes_a_quotation_mark_glued_to_the_cue_is_read(rel_doc):
    doc = rel_doc(
        "The Border Security Committee published a note on Monday. In it the committee "
        "wrote:\u201cThe guards will close the crossing at night until the end of the month.\u201d"
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:org/border-security-committee"]


def test_quotes_he_is_the_person_who_acted_since_the_last_quote_paragraphs_up(rel_doc):
    doc = rel_doc(
        '"The treaty closes every dispute on the border," Pavel Orlovsky said on Monday.\n\n'
        "Karim Ashurov, head of the Centre for Border Studies, said the deal would hold.\n\n"
        "The valley risked losing much more land in the past, he said.\n\n"
        '"After the war the valley was on the verge of being lost to the neighbours," he said.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky", "e:person/karim-ashurov"]


def test_quotes_the_company_is_the_company_that_spoke_before(rel_doc):
    doc = rel_doc(
        '"The volumes and the prices cannot be disclosed to the public," Orda Mining Company '
        "said in a statement.\n\n"
        "Its buyer is Eastern Fuel Trading Company, based in Almaty.\n\n"
        '"This contract with a large foreign buyer will help the country grow," the company '
        "said."
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:org/orda-mining-company"] * 2


def test_quotes_a_declaration_is_its_signatories_not_a_state_it_names(rel_doc):
    doc = rel_doc(
        "Heads of state of the Collective Security Treaty Organization on Monday signed a declaration "
        "calling for the closure of air bases used by the United States in the region.\n\n"
        '"Member states consider it essential that the coalition set deadlines for the use of '
        'the bases," according to the declaration.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:org/csto"]


def test_quotes_words_inside_a_verbs_clause_are_its_subjects_not_the_reporters(rel_doc):
    # the clause of "said" holds the quotation; the body after it only reported the words
    doc = rel_doc(
        "Pavel Orlovsky, the head of the union, said the guards had broken their “promise, "
        "so the gate stays shut for all the trucks”, the Asian Development Bank reported."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_quoted_him_as_saying_gives_the_words_to_him(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky arrived in Dushanbe on Monday.\n\n"
        "“Our two armies will train together every single year,” the Asian Development "
        "Bank quoted him as saying."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_according_to_after_a_quote_does_not_name_the_next_ones_speaker(rel_doc):
    doc = rel_doc(
        "“We ask every neighbour to help us rebuild the roads,” Pavel Orlovsky said, "
        "according to AP. “Tajikistan can play a large part in the work on the northern "
        "roads.”"
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"] * 2


def test_quotes_the_statement_said_is_its_issuers_not_the_last_speakers(rel_doc):
    doc = rel_doc(
        'Pavel Orlovsky spoke first. "We are ready to talk again next month," Orlovsky said.\n\n'
        "The Asian Development Bank said in a statement that the grant had been approved. "
        '"The new bridge across the river will open to traffic before the winter," the '
        "statement said."
    )
    quotes = read_quotes(doc)
    assert [("bank" in (q.speaker or "")) for q in quotes] == [False, True]


def test_quotes_an_agency_quoting_a_bodys_press_service_quotes_the_body(rel_doc):
    doc = rel_doc(
        "The Asian Development Bank said the talks had not settled the schedule. Kazinform "
        "quoted the bank's press service as saying: "
        '"The schedule of the works will be agreed by the end of March."'
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1 and "bank" in (quotes[0].speaker or "")


def test_quotes_a_line_naming_the_speaker_and_a_colon_gives_the_next_paragraphs_words(rel_doc):
    doc = rel_doc(
        "The two banks opened a joint office in Tashkent on Monday.\n\n"
        "Karin van der Berg, President of the Northern Development Bank:\n\n"
        "“Today we have agreed to double our lending to the region over the next five years.”\n\n"
        "Pavel Orlovsky, Minister of Economy:\n\n"
        "“This agreement gives our farmers a partner they can rely on for many years.”"
    )
    assert [q.speaker for q in read_quotes(doc)] == [
        "e:person/karin-van-der-berg",
        "e:person/pavel-orlovsky",
    ]


def test_quotes_a_right_mark_inside_a_word_is_an_apostrophe_not_the_end(rel_doc):
    doc = rel_doc(
        "“Units of the bloc”s rapid force began drills at the range on Monday,” Pavel "
        "Orlovsky told reporters."
    )
    (q,) = read_quotes(doc)
    assert q.speaker == "e:person/pavel-orlovsky" and q.text.endswith("on Monday")


def test_quotes_a_title_in_marks_is_no_quotation_and_lends_no_speaker(rel_doc):
    doc = rel_doc(
        "The Asian Development Bank ran an essay by Dilnoza Rakhimova with the title: "
        "“Why The Northern Roads Still Matter.” In the essay, Rakhimova was blunt about the "
        "plan: “The new road will not open before the winter, whatever the ministry says.”"
    )
    (q,) = read_quotes(doc)
    assert q.speaker == "e:person/dilnoza-rakhimova" and q.text.startswith("The new road")


def test_quotes_words_quoted_inside_narration_are_not_the_next_quotations_speakers(rel_doc):
    doc = rel_doc(
        'In particular, the two sides "agreed to fight smuggling along the whole border." '
        '"Our border services will work together on this every day," Pavel Orlovsky said.'
    )
    assert [(q.speaker, q.text[:10]) for q in read_quotes(doc)] == [
        ("e:person/pavel-orlovsky", "Our border")
    ]


def test_quotes_the_official_said_is_not_whoever_was_named_last(rel_doc):
    doc = rel_doc(
        '"We carried out the attack on the convoy," Pavel Orlovsky said by telephone.\n\n'
        "A senior officer was wounded in the blast, hospital staff said.\n\n"
        '"He was hurt but his condition is now completely stable," the official said.'
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_words_of_someone_not_named_are_no_ones_and_stop_the_search(rel_doc):
    doc = rel_doc(
        '"We carried out the attack on the convoy," Pavel Orlovsky said by telephone.\n\n'
        '"He was hurt but his condition is now completely stable," the official said. He '
        "added that three guards were killed."
    )
    quotes = spoken(doc)
    assert [(q.speaker, q.unnamed) for q in quotes] == [
        ("e:person/pavel-orlovsky", False),
        (None, True),
    ]


def test_quotes_she_after_a_resident_who_spoke_is_no_one_named(rel_doc):
    doc = rel_doc(
        '"The new road will help the whole valley," Pavel Orlovsky said on Monday.\n\n'
        "Another resident of Badakhshan said she hoped the road would bring jobs. "
        '"We are still waiting for the first trucks to come," she said.'
    )
    assert [(q.speaker, q.unnamed) for q in spoken(doc)] == [
        ("e:person/pavel-orlovsky", False),
        (None, True),
    ]


def test_quotes_a_resident_of_a_place_is_not_the_place(rel_doc):
    doc = rel_doc('"We have had no water for a week now," a resident of Dushanbe said.')
    assert [(q.speaker, q.unnamed) for q in spoken(doc)] == [(None, True)]


def test_quotes_he_is_the_subject_before_him_not_one_named_in_his_clause(rel_doc):
    doc = rel_doc(
        "During a news conference at his house, Pavel Orlovsky stopped short of calling for "
        "the removal of the envoy. But he said the envoy's dispute with his deputy -- Uzbek "
        'diplomat Yusuf Khan Badri, who was fired last week -- has raised "serious questions" '
        'and "badly damaged the trust of the people in the border talks."'
    )
    assert [q.speaker for q in spoken(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_a_pull_quote_credited_at_its_end_is_the_credited_persons(rel_doc):
    doc = rel_doc(
        "Pavel Orlovsky visited the border post on Monday.\n\n"
        "The border will stay open for trade. We have nothing to fear from our neighbours. "
        "Yusuf Khan Badri President of Uzbekistan\n\n"
        "“We will not close the crossing to anyone who trades in peace.”\n"
        "Dilnoza Rakhimova, Minister of Trade of Tajikistan\n\n"
        "The visit lasted two hours."
    )
    assert [(q.speaker, q.text[:20]) for q in read_quotes(doc)] == [
        ("e:person/yusuf-khan-badri", "The border will stay"),
        ("e:person/dilnoza-rakhimova", "We will not close th"),
    ]


def test_quotes_a_name_and_post_under_narration_is_no_credit(rel_doc):
    # an author's line under the last paragraph: the paragraph is not a quotation
    doc = rel_doc(
        "The talks on the border ended on Friday without a deal on the water.\n"
        "Pavel Orlovsky Senior Fellow"
    )
    assert spoken(doc) == []


def test_quotes_a_closing_mark_is_never_the_speaker(rel_doc):
    doc = rel_doc(
        "«Both sides must return to the talks without any delay,» said Dilnoza Rakhimova, "
        "the envoy. «The border has been closed for far too long.»"
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/dilnoza-rakhimova"] * 2


def test_quotes_the_statement_a_press_service_reported_is_the_bodys(rel_doc):
    doc = rel_doc(
        "The Ferghana Brigade was added to the list of banned groups, the CSTO press service "
        "reported in a statement on Thursday.\n\n"
        "The list was agreed at a meeting in Dushanbe in June.\n\n"
        '"At the meeting the sides agreed on a common list of banned groups," the statement said.'
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:org/csto"]


def test_quotes_read_the_statement_after_the_words_is_the_issuers(rel_doc):
    doc = rel_doc(
        "In a statement on Monday, the Ferghana Brigade said its camp had been hit.\n\n"
        '"Six drones and several missiles struck the homes of our fighters and their '
        'families," read the statement.'
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:group/ferghana-brigade"]


def test_quotes_a_dash_and_a_name_after_the_words_credit_them(rel_doc):
    doc = rel_doc(
        "The minister left for the border on Monday.\n\n"
        "“We will not close the crossing to anyone who trades in peace.” — Dilnoza Rakhimova\n\n"
        "The visit was his first since the spring. — Pavel Orlovsky"
    )
    assert [(q.speaker, q.text[:10]) for q in read_quotes(doc)] == [
        ("e:person/dilnoza-rakhimova", "We will no")
    ]


def test_quotes_a_ministry_or_its_spokesman_is_a_body_not_someone_unnamed(rel_doc):
    doc = rel_doc(
        '"The border crossing will reopen on Monday morning," a ministry said on its website. '
        '"Trucks will be checked at both ends," a ministry spokesman added.'
    )
    assert [q.unnamed for q in spoken(doc)] == [False, False]


def test_quotes_a_run_on_quote_in_straight_marks_reopens_each_paragraph(rel_doc):
    doc = rel_doc(
        'Pavel Orlovsky said in a statement on his arrival: "I am here to listen to the '
        "farmers of the valley and learn what they need.\n\n"
        '"The government looks forward to renewing its friendship with the people of the '
        'valley."\n\nOrlovsky will meet the governor on Tuesday.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"]
    assert "looks forward to renewing" in quotes[0].text


def test_quotes_officials_of_a_named_body_speak_for_it(rel_doc):
    doc = rel_doc(
        "A new security division of 9,000 soldiers has been raised to guard the road.\n\n"
        '"The division has been entrusted with the duty of protecting the workers," '
        "officials of the Ministry of Water Resources said on Friday."
    )
    quotes = read_quotes(doc)
    assert len(quotes) == 1 and "ministry-of-water-resources" in str(quotes[0].speaker)


def test_quotes_the_person_named_by_age_is_the_one_spoken_of(rel_doc):
    doc = rel_doc(
        "Prime Minister Pavel Orlovsky, who took his job last year, says a compromise on the "
        "mine is vital.\n\n"
        '"Our investment climate will directly depend on how we settle the mine issue," the '
        "57-year-old said in an interview."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"]


def test_quotes_a_name_after_an_inverted_cue_speaks_even_as_its_object(rel_doc):
    # the parser makes "Orlovsky" the object of "tweeted"; he is who wrote the words
    doc = rel_doc(
        "Pavel Orlovsky hosted the envoys of five states at a dinner in Dushanbe.\n\n"
        '"Welcomed the ministers of the region to a dinner before our talks tomorrow," '
        "tweeted Orlovsky.\n\n"
        '"The music was one more sign of the friendship of our peoples", wrote Orlovsky.'
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/pavel-orlovsky"] * 2


def test_quotes_after_the_sentence_that_introduces_them_are_its_subjects(rel_doc):
    doc = rel_doc(
        "Foreign Minister Pavel Orlovsky made the announcement in a post from Kabul.\n\n"
        '"I congratulate the people of both states on the signing of the railway deal."\n\n'
        "In an article in the 'Daily Herald', the economist Yusuf Khan Badri says the revenues will not "
        'be enough. "Some have played down the problem by writing that the mines pay well."\n\n'
        "The army launched an operation in the valley on Monday.\n\n"
        '"The operation has been named Steel Shield and will go on for weeks."'
    )
    assert [q.speaker for q in read_quotes(doc)] == [
        "e:person/pavel-orlovsky",
        "e:person/yusuf-khan-badri",
    ]  # the army's sentence reports no speech: no one is given the last words


def test_quotes_an_agency_quoting_a_body_passes_on_the_bodys_words(rel_doc):
    doc = rel_doc(
        '"The plan takes into account the advice on the joint development of the ports," '
        "the news agency Trend quoted the Ministry of Water Resources."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:org/ministry-of-water-resources"]


def test_quotes_a_line_ending_in_a_colon_is_no_quoted_block(rel_doc):
    doc = rel_doc(
        "The Steel Front released a statement on Monday condemning the decision:\n\n"
        "The Orlovsky Brigade released its own statement on Tuesday:\n\n"
        "The report ends here."
    )
    assert read_quotes(doc) == []


def test_quotes_a_transcripts_name_and_post_before_a_colon_speak(rel_doc):
    doc = rel_doc(
        "Yusuf Khan Badri met Pavel Orlovsky in Dushanbe on Monday.\n\n"
        'Yusuf Khan Badri, President of Uzbekistan: "We have prepared this visit very '
        'carefully and for a long time."\n\n'
        'Pavel Orlovsky, the Tajik foreign minister: "This is one of the first visits '
        'after the elections and all that followed them."'
    )
    assert [q.speaker for q in read_quotes(doc)] == [
        "e:person/yusuf-khan-badri",
        "e:person/pavel-orlovsky",
    ]


def test_quotes_a_surname_after_the_full_name_speaks_as_that_person(rel_doc):
    # the tagger often misses a bare surname after "explained"; it names the person the
    # article named in full before
    doc = rel_doc(
        "Uzbek energy minister Ali Akbar Sohrabian visited Dushanbe on Monday.\n\n"
        "“The new dam has deprived the villages along the border of their water,” explained "
        "Sohrabian. “The construction followed an old plan that nobody had agreed to.”"
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/ali-akbar-sohrabian"] * 2


def test_quotes_the_pm_is_the_prime_minister_named_before(rel_doc):
    doc = rel_doc(
        "Prime Minister Yusuf Khan Badri praised the border guards on Monday.\n\n"
        "“We will keep the crossing open until the last convoy has passed,” the PM was "
        "quoted as saying in a statement."
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:person/yusuf-khan-badri"]


def test_quotes_he_after_an_unnamed_spokesman_of_a_group_is_the_group(rel_doc):
    doc = rel_doc(
        "Rebels attacked a convoy in the valley on Monday, killing four guards.\n\n"
        "A spokesman of the Valley Liberation Front, which is banned in Tajikistan, said the "
        'attack was carried out by a new unit. The attack opens "a new phase in our long '
        'struggle against the occupiers," he added.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:group/valley-liberation-front"], quotes


def test_quotes_he_in_the_next_sentence_is_the_subject_of_the_outer_clause(rel_doc):
    # "Y" is the subject of a clause inside X's: the "he" who speaks next is X
    doc = rel_doc(
        "Foreign Minister Pavel Orlovsky could not say when President Yusuf Khan Badri would "
        'sign the decree - but he said the crossing would open. "The first trucks will cross '
        'the river before the end of March, whatever the weather," he told reporters.'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes] == ["e:person/pavel-orlovsky"], quotes


def test_quotes_he_is_the_minister_named_after_his_posts_remit(rel_doc):
    # the parser hangs the name on one of the remit's "of"s, not as the sentence's subject
    doc = rel_doc(
        '"Every district must report its water use by June," Pavel Orlovsky said.\n\n'
        "Minister of Care of Forests and Protection of Wildlife Yusuf Khan Badri said that no "
        "hunter would keep his licence.\n\n"
        '"We will close every hunting ground in the valley until the herds recover," he added.'
    )
    speakers = [q.speaker for q in read_quotes(doc)]
    assert speakers == ["e:person/pavel-orlovsky", "e:person/yusuf-khan-badri"]


def test_quotes_a_body_after_an_inverted_cue_and_its_article_speaks(rel_doc):
    doc = rel_doc(
        "Next week's agenda lists a dinner with President Pavel Orlovsky and a visit to the "
        "dam.\n\n"
        '"The stress would be on widening the old trade links between the two sides, the '
        'border talks, and regional roads and rail links," added the Foreign Office.'
    )
    assert [q.speaker for q in read_quotes(doc)] == ["e:org/foreign-office"]


def test_quotes_a_quotation_after_according_to_a_person_is_that_persons(rel_doc):
    # the sentence before reports the person's words with "according to": the quotation
    # standing alone in the next paragraph goes on in that voice; "according to" a body only
    # passes words on
    doc = rel_doc(
        "The canal was closed on Saturday, according to President Yusuf Khan Badri on "
        'Monday.\n\n"Dear citizens, on Saturday at my direction the gates of the canal were '
        'shut until the spring floods have passed."\n\n'
        "The crossing was shut as well, according to the Badakhshan Water Committee.\n\n"
        '"Trucks will wait at the bridge for as long as the water stays high."'
    )
    quotes = read_quotes(doc)
    assert [q.speaker for q in quotes if q.text.startswith("Dear")] == ["e:person/yusuf-khan-badri"]
    assert all(q.speaker is None for q in quotes if q.text.startswith("Trucks"))
