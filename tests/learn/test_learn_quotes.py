"""The learned quote reader on made-up text: it gives a quotation to the person who said it,
falls back to the rules without a model file, and `crossroads train` learns it from quote
gold (also from made-up articles given for training only, which cross-validation never scores)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crossroads.cli import cli
from crossroads.extraction.quotes import read_quotes
from crossroads.learn.linear import LinearModel
from crossroads.learn.quotes import QUOTES, QuoteReader
from crossroads.learn.reader import RELATIONS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def parse():
    from crossroads.extraction.extractor import Extractor

    ex = Extractor()

    def run(text: str):
        doc = ex.nlp.make_doc(text)
        doc._.doc_id = "d:test"
        doc._.published = "2024-03-15"
        return ex.nlp(doc)

    return run


def _names(doc, quotes):
    return [(doc._.entities[q.speaker].name, q.text[:20]) for q in quotes]


def test_shipped_reader_gives_each_quotation_to_its_speaker(parse):
    doc = parse(
        "Uzbek Foreign Minister Bakhtiyor Saidov met Kyrgyz envoy Temir Sariev in Tashkent.\n\n"
        "“We will open two more border crossings before the end of the year,” Saidov told "
        "reporters after the talks.\n\n"
        "Sariev said: “Our governments have settled every remaining section of the border.”"
    )
    reader = QuoteReader()
    assert reader.model is not None, "the package ships learn/models/quotes.npz"
    got = _names(doc, reader(doc))
    assert ("Bakhtiyor Saidov", "We will open two mor") in got
    assert ("Temir Sariev", "Our governments have") in got


def test_without_a_model_file_the_rules_read_alone(parse, tmp_path):
    doc = parse("“The border will stay closed until the spring,” Tajik official Ali Rahimov said.")
    reader = QuoteReader(folder=tmp_path)
    assert reader.model is None
    assert reader(doc) == read_quotes(doc)


SAID = {
    "q1": ("Farid Nazarov", "Kazakh minister Farid Nazarov", "the new railway will carry grain"),
    "q2": ("Olim Sharipov", "Tajik official Olim Sharipov", "the river crossing will open soon"),
    "q3": ("Aziz Karimov", "Uzbek envoy Aziz Karimov", "the pipeline talks made real progress"),
    "q4": ("Bolot Asanov", "Kyrgyz minister Bolot Asanov", "the border markets will reopen now"),
}


def _write(folder, names) -> None:
    (folder / "corpus").mkdir(parents=True)
    (folder / "gold").mkdir()
    for name in names:
        person, intro, words = SAID[name]
        text = (
            f"{intro} met officials of Turkmenistan on Monday. "
            f"Turkmenistan is a member of the Commonwealth of Independent States.\n\n"
            f"“We expect that {words},” {person.split()[-1]} told reporters.\n"
        )
        (folder / "corpus" / f"{name}.txt").write_text(text)
        gold = [
            f'source = "{name}.txt"',
            "",
            "[[article]]",
            'title = ""',
            "",
            "[[entity]]",
            f'name = "{person}"',
            'type = "Person"',
            "",
            "[[entity]]",
            'name = "Turkmenistan"',
            'type = "Country"',
            "",
            "[[entity]]",
            'name = "Commonwealth of Independent States"',
            'type = "Organization"',
            "",
            "[[relation]]",
            'subject = "Turkmenistan"',
            'predicate = "member_of"',
            'object = "Commonwealth of Independent States"',
            "",
            "[[quote]]",
            f'speaker = "{person}"',
            f'text = "We expect that {words}"',
            "",
        ]
        (folder / "gold" / f"{name}.toml").write_text("\n".join(gold))


def test_train_learns_speakers_and_never_scores_training_only_articles(tmp_path):
    _write(tmp_path / "real", ["q1", "q2", "q3"])
    _write(tmp_path / "made", ["q4"])
    out = tmp_path / "model"
    args = ["train", "--data", str(tmp_path / "real" / "gold")]
    args += ["--extra", str(tmp_path / "made" / "gold"), "--cv", "3", "--out", str(out), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 3 and report["training_only"] == 1
    assert report["total"]["quote"]["gold"] == 3  # the made-up article is never scored
    model = LinearModel.load(out / QUOTES)
    assert model.classes == ["no", "yes"]
    assert model.meta["documents"] == 4  # the speaker model learns from the made-up one too
    assert LinearModel.load(out / RELATIONS).meta["documents"] == 4


def test_train_names_a_missing_training_only_folder(tmp_path):
    _write(tmp_path / "real", ["q1"])
    missing = tmp_path / "nowhere"
    args = ["train", "--data", str(tmp_path / "real" / "gold"), "--extra", str(missing)]
    result = CliRunner().invoke(cli, [*args, "--no-save"])
    assert result.exit_code == 1
    assert str(missing) in result.output and "Traceback" not in result.output


def test_an_unsure_model_leaves_the_rules_speakers_standing(parse):
    from crossroads.learn.quotes import decide, fit_quotes

    doc = parse(
        "Kyrgyz minister Bolot Asanov met Tajik official Olim Sharipov in Osh.\n\n"
        "“The border markets will reopen before the harvest,” Asanov told reporters."
    )
    # a model that never saw these features and found a speaker in one row of twenty
    unsure = fit_quotes([({"seen": 1.0}, False)] * 19 + [({"seen": 1.0}, True)])
    assert unsure is not None
    got = decide(doc, unsure)
    assert [q.speaker for q in got] == [q.speaker for q in read_quotes(doc)]
    assert _names(doc, got) == [("Bolot Asanov", "The border markets w")]


def test_a_state_is_never_the_speaker_its_spokesman_is(parse):
    doc = parse(
        "Kyrgyzstan said on Monday it would close the crossing.\n\n"
        "“We will not reopen the crossing until the talks end,” Kyrgyzstan said in a statement.\n\n"
        "Foreign ministry spokesman Aibek Usenov said: “The talks will resume in Osh next week.”"
    )
    got = _names(doc, QuoteReader()(doc))
    assert all(name != "Kyrgyzstan" for name, _ in got), got
    assert ("Aibek Usenov", "The talks will resum") in got


def test_the_paper_or_platform_that_carried_the_words_never_said_them(parse):
    doc = parse(
        "The border crossing near the river was closed for nine days, the Daily Courier "
        "reported.\n\n"
        "“After talks with the other side the gate has been opened again,” a senior district "
        "official told the Daily Courier, adding that trucks were crossing."
    )
    assert [doc._.entities[q.speaker].name for q in QuoteReader()(doc)] == []


def test_words_of_someone_the_text_does_not_name_go_to_no_one_nearby(parse):
    doc = parse(
        "Hamid Karzai said the money from abroad was used for the palace and its guests.\n\n"
        '"It is basically a private fund for the palace," one western official was quoted as '
        "saying.\n\n"
        '"The mission of the office is to advance the interests of its neighbour."'
    )
    assert QuoteReader()(doc) == []


def test_a_phrase_cited_inside_the_narrative_goes_to_no_one(parse):
    # no verb of saying governs the cited words: even a model sure of every speaker it is
    # shown gives them to no one, while the quotation said before keeps its speaker
    from crossroads.learn.quotes import decide, fit_quotes

    doc = parse(
        "“We will open two more border crossings this year,” Bakhtiyor Saidov told reporters.\n\n"
        "The treaty was signed in 1998 as “a lasting basis for shared water use across the "
        "whole valley” and has been kept since."
    )
    sure = fit_quotes([({"seen": 1.0}, True)] * 19 + [({"seen": 1.0}, False)])
    assert sure is not None
    got = _names(doc, decide(doc, sure))
    assert [text for _, text in got] == ["We will open two mor"]
