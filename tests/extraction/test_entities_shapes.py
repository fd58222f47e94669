"""Entity typing by the shape of a name and the word after it, on sentences of our own."""

from __future__ import annotations


def types(doc):
    return {e.text: e.label_ for e in doc.ents}


def test_entities_declaration_on_is_an_agreement(read):
    got = types(
        read("Uzbekistan and Russia signed a Joint Declaration on Strategic Partnership in 2019.")
    )
    assert got.get("Joint Declaration on Strategic Partnership") == "Agreement"


def test_entities_name_before_a_geographic_noun_is_a_place(read):
    got = types(read("Farmers say the Zarbek wetlands have dried out since the dam was built."))
    assert got.get("Zarbek") in ("Place", None)
    assert "Person" not in {v for k, v in got.items() if "Zarbek" in k}


def test_entities_model_name_with_digits_is_no_person(read):
    got = types(read("Tajikistan bought Karavan KX7 drones from a private supplier."))
    assert all(v != "Person" for k, v in got.items() if "KX7" in k)


def test_entities_capitals_coordinated_as_subject_are_their_states(read):
    doc = read("Tashkent and Dushanbe signed a water treaty in May 2020.")
    assert {e.kb_id_ for e in doc.ents} >= {"e:country/uz", "e:country/tj"}


def test_entities_agreement_title_cut_by_ner_is_joined(read):
    got = types(
        read(
            "Tashkent and Dushanbe also signed a Joint Declaration on Enhanced Regional "
            "Partnership in March 2020."
        )
    )
    assert got.get("Joint Declaration on Enhanced Regional Partnership") == "Agreement"


def test_entities_spaced_dash_separates_a_state_from_a_name(read):
    got = types(read("The talks were led by Uzbekistan - Farhod Tashpulatov, officials said."))
    assert got.get("Uzbekistan") == "Country"
    assert got.get("Farhod Tashpulatov") == "Person"
    assert not any(" - " in name for name in got)


def test_entities_a_role_before_a_name_is_no_part_of_it(read):
    got = types(read("Spokesperson Dilbar Yusupova said the border post would reopen."))
    assert got.get("Dilbar Yusupova") == "Person"
    assert not any(name.startswith("Spokesperson") for name in got)


def test_entities_a_title_before_a_known_person_leaves_the_person(read):
    # NER reads "Defense <name>" as one name; the pack knows the person after the title
    got = types(read("US Secretary of Defense Emomali Rahmon said the troops would stay."))
    assert got.get("Emomali Rahmon") == "Person"
    assert not any("Defense" in k for k in got)


def test_entities_a_long_name_that_ner_splits_in_two_is_one_person(read):
    # NER gives "Gen Sohail" and "Parvez Khattak" as two people side by side
    got = types(
        read(
            "Chief of the Army Staff Gen Sohail Parvez Khattak has described the strikes "
            "as a warning."
        )
    )
    assert got.get("Sohail Parvez Khattak") == "Person"
    assert "Parvez Khattak" not in got


def test_entities_a_name_after_a_state_in_one_ner_span_is_a_person(read):
    # a list of officials: NER runs the state of a title and the official's name together
    got = types(
        read(
            "The talks were attended by Deputy Minister of Energy and Water Resources of the "
            "Republic of Tajikistan Aidos Serikbayev, and others."
        )
    )
    assert got.get("Aidos Serikbayev") == "Person"
    assert got.get("Republic of Tajikistan") == "Country"


def test_entities_a_name_with_lower_case_particles_after_a_state_is_a_person(read):
    # NER runs the state's last word into the name; "bin" stays in lower case inside it
    got = types(
        read(
            "Closing the forum, Crown Prince and Prime Minister of Saudi Arabia Mohammed bin "
            "Salman bin Abdulaziz Al Saud praised the new rail link."
        )
    )
    assert got.get("Mohammed bin Salman bin Abdulaziz Al Saud") == "Person"
    assert got.get("Saudi Arabia") == "Country"


def test_entities_a_hyphened_given_name_keeps_its_last_syllable(read):
    # "-in" reads as the preposition, and NER stops before it
    got = types(read("Seoul said President Moon Jae-in would attend the forum in Tashkent."))
    assert got.get("Moon Jae-in") == "Person"
    assert "Moon Jae" not in got


def test_entities_a_sentences_opening_word_is_not_part_of_the_name_after_it(nlp):
    doc = nlp("Later the Ministry of Water Resources issued a warning about the spring floods.")
    names = {e.text for e in doc.ents}
    assert not any(n.startswith("Later") for n in names)


def test_entities_a_name_before_a_facilitys_head_noun_is_the_facility(nlp):
    doc = nlp("Trucks waited for two days at the Dilband border crossing last week.")
    assert types(doc).get("Dilband border crossing") == "Facility"


def test_entities_a_gulf_named_after_a_state_is_one_place_not_the_state(read):
    doc = read(
        "Tankers leaving Chabahar cross the Gulf of Oman, and two warships patrol the Gulf of Aden."
    )
    got = types(doc)
    ids = {e.kb_id_ for e in doc.ents}
    assert got.get("Gulf of Aden") == "Place"
    assert "e:place/gulf-of-oman" in ids
    assert not ids & {"e:country/om", "e:place/persian-gulf"}


def test_entities_a_surname_after_a_name_particle_is_part_of_a_persons_name(read):
    got = types(read("The talks were chaired by Ursula van der Meer, and later Meer spoke."))
    assert got.get("Ursula van der Meer") == "Person"
    assert got.get("Meer") in ("Person", None)


def test_entities_a_turkic_name_ending_in_its_patronymic_is_one_person(read):
    got = types(
        read(
            "Aida Bekmurat kyzy, Nurlan Sadykov and Timur Almaz uulu will stay in custody "
            "until March, the court in Bishkek said."
        )
    )
    assert got.get("Aida Bekmurat kyzy") == "Person"
    assert got.get("Timur Almaz uulu") == "Person"


def test_entities_a_capitalised_role_word_alone_is_no_ones_name(read):
    got = types(
        read(
            "“We need this pipeline”, said Spokesperson for the Energy Commissioner "
            "Lena Marchetti in an interview."
        )
    )
    assert "Spokesperson" not in got and got.get("Lena Marchetti") == "Person"


def test_entities_amir_before_a_name_is_its_first_word(read):
    got = types(read("Interior Minister Amir Karim Nazari told reporters the border would reopen."))
    assert got.get("Amir Karim Nazari") == "Person"
    assert "Karim Nazari" not in got


def test_entities_a_peoples_adjective_is_no_place(read):
    got = types(
        read(
            "Leaders of the Turkic states met in Baku, and an ethnic Karakalpak lawyer spoke "
            "for the Slavic minority."
        )
    )
    assert not {"Turkic", "Karakalpak", "Slavic"} & set(got)
    assert got.get("Baku") == "Place"


def test_entities_a_states_mark_on_money_is_not_the_state(read):
    doc = read(
        "The road will cost US $ 3 billion, or eight billion US dollars. The US backs the plan."
    )
    us = [e for e in doc.ents if e.text == "US"]
    assert len(us) == 1 and us[0].start_char > doc.text.index("backs") - 5


def test_entities_his_excellency_is_no_part_of_a_name(read):
    got = types(read("The forum was opened by H.E. Dilshod Karimjonov, the deputy governor."))
    assert got.get("Dilshod Karimjonov") == "Person"
    assert not any(k.startswith("H.E.") for k in got)


def test_entities_a_bodys_name_goes_on_over_a_second_remit(read):
    # NER cuts the name at "and the": the second remit is the same body's, not a body of its own
    got = types(
        read(
            "Officials from the Office of Forests and the Care of Rivers met the governor. "
            "The Office of Forests and the Care of Rivers will report in May."
        )
    )
    name = "Office of Forests and the Care of Rivers"
    assert got.get(name) == "Organization"
    assert "Care of Rivers" not in got


def test_entities_a_ministers_remit_is_no_body_and_the_holder_keeps_his_name(read):
    # "Minister of <field> and <field> of the <field> <name>": the words after the title say
    # what the post covers; NER reads them as an organisation and runs the holder into them
    got = types(
        read(
            "The ceremony was attended by First Deputy Minister of Pastures and Land Care of "
            "the Population Davron Kholmatov. Minister of Ponds Olim Tursunboev was absent."
        )
    )
    assert not any(label == "Organization" and "Land Care" in name for name, label in got.items())
    assert got.get("Davron Kholmatov") == "Person"
    assert "Ponds" not in " ".join(n for n, label in got.items() if label == "Person")
