from __future__ import annotations

from vigil.extract import Extractor
from vigil.extract.context import Context
from vigil.extract.stages.clean import clean, clean_text, looks_english, split_sentences


def test_noise_lines_blanked_offsets_kept() -> None:
    text = "Hot topics:\nShare\nPolice arrested Ivan Petrov.\nRecommend Stories\n"
    out = clean_text(text)
    assert len(out) == len(text)
    assert "Hot topics" not in out and "Recommend" not in out and "Share" not in out
    assert out.index("Police") == text.index("Police")


def test_control_characters_become_spaces() -> None:
    assert clean_text("a\x00b\x07c") == "a b c"


def test_raw_header_is_blanked() -> None:
    text = "URL: http://x\nTITLE: T\nPUBLISHED: 2020-01-01\n\nBody text."
    assert clean_text(text).strip() == "Body text."


def test_sentences_respect_abbreviations_and_quotes() -> None:
    text = "Mr. A. Amirova was arrested. She said “no.” Then Art. 5 applied."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Mr. A. Amirova was arrested.", "She said “no.”", "Then Art. 5 applied."]


def test_language_warning() -> None:
    ctx = Context(text="", clean="")
    ctx.text = ctx.clean = (
        "Полиция задержала активиста в центре города вчера вечером, сообщили его коллеги "
        "и родственники. Его обвиняют в организации массовых беспорядков и участии в них."
    ) * 2
    clean(ctx)
    # Russian is read by its own entry (data/languages.yaml): no warning.
    assert ctx.reading == "ru" and ctx.language == "ru" and not ctx.warnings
    ctx = Context(text="", clean="", language="de")
    ctx.text = ctx.clean = "Der Journalist wurde gestern in Berlin verhaftet. " * 4
    clean(ctx)
    assert ctx.reading == "en"
    assert any("extraction reads English" in w for w in ctx.warnings)
    assert looks_english("The police detained the activist on Monday and he was charged " * 3)


def test_no_sentences_warns() -> None:
    ctx = Context(text="   \n\n ", clean="")
    clean(ctx)
    assert ctx.sentences == []
    assert any("no sentences" in w for w in ctx.warnings)


def test_runs_of_one_mark_are_blanked_keeping_length() -> None:
    text = "Detained " + "(" * 5000 + " in Minsk. ----------------------------------"
    out = clean_text(text)
    assert len(out) == len(text) and "((((" not in out and out.startswith("Detained (((")
    assert out.endswith("---" + " " * 31)


def test_markdown_emphasis_is_read_keeping_length() -> None:
    text = "**Ivan Petrov was sentenced to 5 years.**\n* a bullet\n__Anna__ was *detained*. 2 * 3"
    out = clean_text(text)
    assert len(out) == len(text)
    assert out.startswith("  Ivan Petrov was sentenced to 5 years.  \n* a bullet\n")
    assert out.endswith("  Anna   was  detained . 2 * 3")
    many = "**a " * 50000  # no closing mark anywhere: one pass, not one scan per mark
    assert clean_text(many) == many


def test_a_line_in_markdown_emphasis_is_not_a_list_bullet(extractor: Extractor) -> None:
    rec = extractor.extract("**Ivan Petrov was sentenced to 5 years in prison.**").record
    assert [(s["person"], s["term_months"]) for s in rec["sentences"]] == [("Ivan Petrov", 60)]


def test_a_hard_wrapped_text_is_read_as_running_sentences() -> None:
    """Wire copy and plain-text e-mail break sentences at a fixed width (a globalpost.com
    Reuters copy): each break inside a paragraph is a space, headings keep their lines."""
    text = (
        "Kuwait jails a man for a tweet\n\n"
        "DUBAI, Jan 7 (Reuters) - A Kuwaiti court sentenced a man to\n"
        "two years in prison on Monday for insulting the country's ruler\n"
        "on Twitter, his lawyer said, the second to be jailed for the\n"
        "offence in as many days.\n\n"
        "The court sentenced Fahad al-Qatan, who has more than 13,000\n"
        "followers on Twitter, to the prison term two months after his\n"
        "arrest and release on bail.\n"
    )
    out = clean_text(text)
    assert len(out) == len(text)
    assert "sentenced a man to two years in prison on Monday" in out
    assert "after his arrest and release on bail" in out
    assert out.startswith("Kuwait jails a man for a tweet\n\n")
    sentences = [out[s:e] for s, e in split_sentences(out)]
    assert sentences[1].startswith("DUBAI") and sentences[1].endswith("many days.")


def test_short_lines_of_an_ordinary_text_keep_their_breaks() -> None:
    """One line running on is a slip, not a wrapped text: its break stays."""
    text = "Menu\nNews\nPolice arrested the journalist Ivan Petrov in\nthe morning.\nShare\n"
    assert clean_text(text).count("\n") == text.count("\n")
