"""Visitor text placed in Markdown (issue 12 point 1): ``i18n.inert`` escapes Markdown/HTML and defeats
autolinking. Rendered with CommonMark (markdown-it-py, raw HTML allowed, GFM tables and strikethrough) it gives
no link, image, emphasis, HTML or list and reads as the text given (apart from the invisible word joiners);
the autolink shapes are broken by a word joiner (Streamlit's remark-gfm in the browser:
test_browser_hostile.py)."""

import re

import pytest

from vngov.i18n import WORD_JOINER, inert, plain

HOSTILE = [
    "[official notice](https://evil.example/login)",
    "![pixel](https://evil.example/p.png)",
    "<img src=https://evil.example/p.png>",
    "<a href='https://evil.example'>x</a>",
    ":red[OFFICIAL] :material/warning: :smile:",
    "$\\frac{1}{2}$ $$x^2$$",
    "**bold** _em_ `code` ~~strike~~",
    "https://evil.example/x",
    "see www.evil.example now",
    "write to admin@evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "# heading\n- item\n> quote",
    "<https://evil.example>",
    "[x]: https://evil.example\n[x]",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&lt;b&gt; &#x3C;img&#x3E;",
]


def shown(md: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md).replace(WORD_JOINER, "")


@pytest.mark.parametrize("text", HOSTILE)
def test_inert_text_renders_as_itself_without_markup(text):
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(inert(text))
    for tag in ("<a ", "<img", "<em", "<strong", "<code", "<s>", "<del", "<h1", "<ul", "<blockquote", "<table",
                "<b>", "<span"):
        assert tag not in html, (text, html)
    assert shown(inert(text)) == plain(text)


@pytest.mark.parametrize("text, cut", [("https://a.b", "https:\u2060//a.b"), ("www.a.b", "www\u2060.a.b"),
                                       ("Www.a.b", "Www\u2060.a.b"), ("a@b.c", "a\u2060@\u2060b.c"),
                                       ("awww.b", "awww.b"), ("ftp://x", "ftp:\u2060//x")])
def test_autolink_shapes_are_broken_by_a_word_joiner(text, cut):
    assert re.sub(r"\\(.)", r"\1", inert(text)) == cut


def test_every_markdown_and_html_character_is_escaped():
    s = inert("\\`*_{}[]()<>#+-.!|~:$&=\"'^@%;/")
    assert re.fullmatch(r"(\\[^\u2060]|\u2060)+", s), s


def test_controls_bidi_and_length():
    assert inert("a\u202eb\x07c\nd") == "abc d"
    assert shown(inert("x" * 50, limit=10)) == "x" * 9 + "…"
