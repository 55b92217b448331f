"""The meeting brief (vngov.brief): a one-page A4 PDF whose text, read back with pypdf, holds the province's
published figures in the page's language."""

from datetime import date
import io

import pytest
from pypdf import PdfReader

from vngov import brief
from vngov.i18n import fmt_num, t
from vngov.views import meeting as mt
from vngov.views.common import index_label
from vngov.views.profile import strengths

DAY = date(2026, 12, 1)
CASES = [("01", "vi", "PAPI", 2024), ("01", "en", "PAPI", 2024), ("48", "en", "PCI", 2019), ("79", "vi", "SIPAS", 2023)]


@pytest.fixture(scope="module")
def pdfs(ds):
    return {c: brief.build(ds, c[0], c[1], c[2], c[3], today=DAY) for c in CASES}


def words(pdf: bytes) -> tuple[PdfReader, str]:
    r = PdfReader(io.BytesIO(pdf))
    return r, " ".join(r.pages[0].extract_text().split())


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(map(str, c)))
def test_one_a4_page_with_the_figures(ds, pdfs, case):
    code, lang, index, year = case
    r, text = words(pdfs[case])
    assert len(r.pages) == 1
    box = r.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert ds.province_name(code, lang) in text
    assert t("mt_brief_title", lang, name=ds.province_name(code, lang)) in text
    for h in mt.headlines(ds, code):
        if h.value is not None:  # the score as published, in the page's number format
            v = fmt_num(h.value, 2, lang)
            assert v in text, (h.index, v)
        if h.rank is not None:
            rank = t("mt_rank", lang, rank=f"{h.rank}{'*' if h.rank_computed else ''}", n=h.ranked_of)
            assert rank in text, (h.index, rank)
        assert index_label(h.index) in text
    # change or the reason there is none
    par = mt.headline(ds, "PAR_INDEX", code)
    if par.year == 2024 and par.change is None:
        assert t("mt_no_prev_break", lang, year=2024, prev=2023) in text
    # strongest and weakest components, by name
    for ix in ("PAPI", "PCI"):
        res = strengths(ds, code, ix)
        if res is not None:
            from vngov.views.components import with_labels
            top = with_labels(res["strongest"], lang, "")["label"].iloc[0]
            assert top.split(" · ")[-1][:20] in text
    assert ("Nguồn:" if lang == "vi" else "Sources:") in text and DAY.isoformat() in text
    assert ("Thay đổi phương pháp:" if lang == "vi" else "Method changes:") in text
    assert "nan" not in text.lower().split() and " 0,00" not in text and " 0.00%" not in text


def test_languages_differ_and_numbers_follow_them(ds, pdfs):
    _, vi = words(pdfs[CASES[0]])
    _, en = words(pdfs[CASES[1]])
    h = mt.headline(ds, "SIPAS", "01")
    assert fmt_num(h.value, 2, "vi") in vi and fmt_num(h.value, 2, "en") in en
    assert fmt_num(h.value, 2, "vi") != fmt_num(h.value, 2, "en")
    assert "Thứ hạng" in vi and "Rank" in en and "Thứ hạng" not in en


def test_embeds_the_bundled_font_and_two_pictures(pdfs):
    r, _ = words(pdfs[CASES[0]])
    page = r.pages[0]
    fonts = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()
             if "/BaseFont" in f.get_object()}
    assert any("NotoSans" in f for f in fonts), fonts
    assert len(page.images) == 2  # the small map and the trends


def test_groups(ds):
    # PAR INDEX published bands; quartiles where every province has a score; none otherwise
    h = mt.headline(ds, "PAR_INDEX", "01")
    assert brief.group_label(ds, "PAR_INDEX", h.year, "01", "vi").startswith(
        {True: "A", False: "B"}[h.value >= 90] if h.value >= 80 else ("C" if h.value >= 70 else "D"))
    assert brief.group_label(ds, "PAPI", 2024, "01", "en") in {t(f"rk_q{q}", "en") for q in range(1, 5)}
    assert brief.group_label(ds, "PCI", None, "01", "en") == "—"
