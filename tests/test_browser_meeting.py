"""Meeting mode in a real browser at projector size (1280×720) and on a phone."""

import pytest

from test_browser import SHAPES, open_page, shot

pytestmark = pytest.mark.browser


def new_page(browser, w, h):
    ctx = browser.new_context(viewport={"width": w, "height": h})
    pg = ctx.new_page()
    pg.set_default_timeout(60000)
    return ctx, pg


def test_meeting_projector(browser, server, ds):
    from vngov.views import meeting as mt
    ctx, pg = new_page(browser, 1280, 720)
    try:
        open_page(pg, server, "/meeting?index=PAPI&year=2024&p=01")
        assert pg.locator(".mt-head").inner_text() == "Hà Nội"
        assert pg.locator(".mt-card").count() == 4
        sizes = pg.evaluate("() => Array.from(document.querySelectorAll('.mt-big'))"
                            ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert len(sizes) == 4 and min(sizes) >= 30 and max(sizes) >= 48
        nums = pg.evaluate("() => Array.from(document.querySelectorAll('.mt-big:not(.mt-nodata)'))"
                           ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert nums and min(nums) >= 48  # headline numbers
        # the first row of cards is visible without scrolling on a 1280×720 screen
        box = pg.locator(".mt-card").first.bounding_box()
        assert box["y"] + box["height"] <= 720
        par = mt.headline(ds, "PAR_INDEX", "01")
        if par.rank:
            assert pg.get_by_text(f"hạng {par.rank}/63").first.is_visible()
        # the map: 63 provinces, and the province outlined in a layer of its own
        assert sum(pg.evaluate(
            f"() => Array.from(document.querySelectorAll('{SHAPES}')).map(g => g.querySelectorAll('path').length)")[:2]) == 63
        shot(pg, "meeting_hanoi_1280x720")  # Streamlit scrolls inside the page: this is the 1280×720 view
    finally:
        ctx.close()


def test_meeting_target_and_phone(phone_page, server):
    pg = phone_page
    open_page(pg, server, "/meeting?index=SIPAS&year=2023&p=79&lang=vi")
    assert pg.locator(".mt-head").inner_text() == "TP Hồ Chí Minh"
    pg.get_by_text("Đặt mục tiêu (tùy chọn)").click()
    inp = pg.get_by_label("Mục tiêu PAPI (≥, điểm)")
    inp.fill("40")
    inp.press("Enter")
    pg.wait_for_selector(".mt-target", timeout=60000)
    assert "mục tiêu ≥ 40,00 điểm" in pg.locator(".mt-target").first.inner_text()
    assert pg.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= 392
    shot(pg, "meeting_hcmc_phone")
