"""Hostile visitor text in the real browser (issue 12 point 1): a shared link whose parameter names and
values are Markdown/HTML (links, images, colour directives, maths, autolink shapes), and an upload whose
file name, source text and column names are the same, on every page. Nothing made from visitor text
becomes a link, image, styled or emphasised element or maths, and no request leaves 127.0.0.1.

Every hostile string carries a marker ('zq…'), so an element made from visitor text is one whose markup
contains the marker. Screenshots: artifacts/screenshots/hostile_<page>.png."""

from urllib.parse import quote, urlsplit

import pytest

from conftest import ROOT
from test_browser import shot
from test_browser_pages import settle, url_path

pytestmark = pytest.mark.browser

PAGE_FILES = sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
HOSTILE_PARAMS = [
    ("[zq1](https://evil.example/a)", "1"),
    ("ind", "![zq2](https://evil.example/p.png)"),
    ("region", '<img src="https://evil.example/zq3.png">'),
    ("p", ":red[zq4] **zq5**"),
    ("vs", "$zq6^2$"),
    ("y2", "https://evil.example/zq7"),
    ("vy", "www.zq8.example"),
    ("year", "zq9@evil.example"),
    ("<b>zq10</b>", '<span style="color:red">zq11</span>'),
]
MADE = ("a, img, strong, em, code, del, s, b, i, u, h1, h2, h3, h4, h5, h6, li, blockquote, table:not([role='grid']), "
        "span[style], [class*='katex'], [class*='color']")


def hostile_query() -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in HOSTILE_PARAMS) + "&lang=en"


def made_from_visitor_text(page) -> list[str]:
    """Elements of the markup that carry a marker (an element produced from visitor text)."""
    return page.eval_on_selector_all(
        MADE, "els => els.filter(e => /zq\\d/.test(e.outerHTML) && !e.closest('input, textarea'))"
              ".map(e => e.outerHTML.slice(0, 200))")


@pytest.fixture
def watched(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    pg = ctx.new_page()
    pg.set_default_timeout(60000)
    yield pg, requests
    ctx.close()


def outside(requests: list[str]) -> list[str]:
    return [u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"]


@pytest.mark.parametrize("stem", PAGE_FILES)
def test_hostile_link_is_inert_on_every_page(watched, server, stem):
    page, requests = watched
    page.goto(f"{server}{url_path(stem)}?{hostile_query()}")
    settle(page)
    warning = page.locator("[data-testid='stAlert']", has_text="Invalid link parameter").first
    warning.wait_for()
    text = warning.inner_text().replace("\u2060", "")
    # the text a person reads is the text given (cut to 40 characters), not its rendering
    for marker in ("[zq1](https://evil.example/a)", "![zq2](https://evil.example/p.png)", "**zq5**", "$zq6^2$",
                   "https://evil.example/zq7", "www.zq8.example", "zq9@evil.example", "<b>zq10</b>"):
        assert marker in text, (marker, text)
    assert made_from_visitor_text(page) == []
    page.wait_for_timeout(500)
    assert outside(requests) == []
    shot(page, f"hostile_{stem}")


def test_hostile_upload_is_inert(watched, server):
    page, requests = watched
    page.goto(server + "/upload?index=PAR_INDEX&year=2019&lang=en")
    settle(page)
    src = "[zq20](https://evil.example) ![zq21](https://evil.example/p.png) :red[zq22] $zq23$ www.zq24.example"
    box = page.get_by_label("Source of the table (required)")
    box.fill(src)
    box.press("Enter")
    data = ("index,year,province_code,indicator,value,rank,note,![zq25](https://evil.example/c.png)\n"
            "PAR_INDEX,2019,02,total,80.16,40,[zq26](https://evil.example),x\n").encode()
    page.locator("input[type='file']").set_input_files(
        files=[{"name": "[zq27](https:__evil.example).csv", "mimeType": "text/csv", "buffer": data}])
    page.get_by_text("1 valid rows, not loaded yet", exact=False).wait_for(timeout=60000)
    settle(page)
    page.wait_for_timeout(1500)
    body = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    # the upload keeps the source text's words and drops its markup characters (vngov.upload); the column name is
    # shown as given
    kept = "zq20 (https://evil.example) ! zq21 (https://evil.example/p.png) :red zq22 zq23 www.zq24.example"
    assert kept in body and "![zq25](https://evil.example/c.png)" in body, body[-3000:]
    assert made_from_visitor_text(page) == []
    shot(page, "hostile_upload_checked")
    page.get_by_role("button", name="Add 1 figure(s) to this session").click()
    page.get_by_text("1 uploaded figures active in this browser session.").wait_for(timeout=60000)
    settle(page)
    assert made_from_visitor_text(page) == []
    page.locator("[data-testid='stSidebarNavLink']").first.click()  # the map, same session
    page.get_by_text("This page shows figures you uploaded in this session").wait_for(timeout=60000)
    settle(page)
    assert kept in page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
    assert made_from_visitor_text(page) == []
    page.wait_for_timeout(500)
    assert outside(requests) == []
    shot(page, "hostile_upload_on_map")
