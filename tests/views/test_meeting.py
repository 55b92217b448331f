"""Meeting-mode helpers (headline figures, targets, cards), without Streamlit."""

import pandas as pd
import pytest

from vngov.catalog import INDICES
from vngov.views import meeting as mt

TX = dict(no_data="Không có dữ liệu", rank="hạng {rank}/{n}", no_rank="chưa có thứ hạng công bố",
          position="thứ {pos}/{n} trong số tỉnh có điểm", up="tăng {d} so với {year}", down="giảm {d} so với {year}",
          same="không đổi so với {year}", rank_up="lên {n} bậc so với {year}", rank_down="xuống {n} bậc so với {year}",
          rank_same="giữ hạng so với {year}", no_prev="chưa so sánh được", met="Đạt mục tiêu ≥ {target}",
          not_met="Chưa đạt mục tiêu ≥ {target}", points="điểm", latest_note="Năm mới nhất: {year}")


def published(ds, index, year, code):
    s = ds.scores
    r = s[(s["index"] == index) & (s["year"] == year) & (s["indicator"] == "total") & (s["province_code"] == code)]
    return r.iloc[0] if len(r) else None


@pytest.mark.parametrize("code", ["01", "79", "48", "22", "26"])
def test_headline_is_the_latest_published_figure(ds, code):
    for h in mt.headlines(ds, code):
        ser = ds.series(h.index, "total", [code])
        ser = ser[ser["value"].notna() | ser["rank"].notna()]
        if ser.empty:
            assert h.year is None and h.value is None
            continue
        assert h.year == int(ser["year"].max())
        row = published(ds, h.index, h.year, code)
        assert (h.value is None) == pd.isna(row["value"])
        if h.value is not None:
            assert h.value == pytest.approx(float(row["value"]))
        assert (h.rank is None) == pd.isna(row["rank"])
        if h.rank is not None:
            assert h.rank == int(row["rank"]) and h.position is None  # no home-made rank next to a real one
        prev = published(ds, h.index, h.year - 1, code)
        if h.change is not None:
            assert not ds.slice(h.index, h.year).empty
            assert h.change == pytest.approx(float(row["value"]) - float(prev["value"]))
            assert h.prev_year == h.year - 1


def test_papi_hanoi_2024_position_not_rank(ds):
    h = mt.headline(ds, "PAPI", "01")
    sl = ds.slice("PAPI", h.year)
    if sl["rank"].notna().any():
        pytest.skip("PAPI latest year has published ranks now")
    assert h.rank is None and h.position == int((sl["value"] > h.value).sum()) + 1
    assert h.n_scored == int(sl["value"].notna().sum())
    html = mt.card_html(h, lang="vi", tx=TX)
    assert "chưa có thứ hạng công bố" in html and f"thứ {h.position}/{h.n_scored}" in html


def test_no_change_across_a_break(ds):
    # SIPAS Đà Nẵng (48) has 2021 and 2022 scores, but 2022 is a method break: no change is shown
    if published(ds, "SIPAS", 2021, "48") is None or published(ds, "SIPAS", 2022, "48") is None:
        pytest.skip("data changed")
    sl = ds.slice("SIPAS", 2022).set_index("province_code")
    assert pd.isna(sl.at["48", "prev_value"])


def test_target_met():
    assert mt.target_met(80.5, 80) is True
    assert mt.target_met(79.9, 80) is False
    assert mt.target_met(None, 80) is None and mt.target_met(80, None) is None


def test_card_html_texts(ds):
    h = mt.Headline(index="SIPAS", code="01", year=2024, index_latest=2024, value=86.5, rank=11,
                    rank_computed=False, ranked_of=63, prev_year=2023, prev_value=85.0, change=1.5, rank_change=-2,
                    position=None, n_scored=10, source_id="x")
    html = mt.card_html(h, lang="vi", tx=TX, target=90)
    assert "SIPAS 2024" in html and "86,50" in html and "hạng 11/63" in html
    assert "▲ tăng 1,50 so với 2023" in html and "mt-up" in html  # arrow and words, not colour alone
    assert "▼ xuống 2 bậc so với 2023" in html
    assert "✘ Chưa đạt mục tiêu ≥ 90,00%" in html
    assert "✔ Đạt mục tiêu ≥ 80,00%" in mt.card_html(h, lang="vi", tx=TX, target=80)
    none = mt.Headline(index="PCI", code="01", year=2022, index_latest=2024, value=None, rank=20,
                       rank_computed=False, ranked_of=63, prev_year=None, prev_value=None, change=None,
                       rank_change=None, position=None, n_scored=11, source_id=None)
    html = mt.card_html(none, lang="vi", tx=TX, target=70)
    assert "Không có dữ liệu" in html and "hạng 20/63" in html and "mục tiêu" not in html  # no score: no verdict
    assert "Năm mới nhất: 2024" in html and ">0<" not in html


def test_card_escapes_text():
    h = mt.Headline(index="PAPI", code="01", year=2024, index_latest=2024, value=40.0, rank=None,
                    rank_computed=False, ranked_of=63, prev_year=None, prev_value=None, change=None,
                    rank_change=None, position=3, n_scored=61, source_id=None)
    tx = dict(TX, no_rank="<script>x</script>")
    assert "<script>" not in mt.card_html(h, lang="en", tx=tx)


def test_every_index_has_a_headline(ds):
    hs = mt.headlines(ds, "01")
    assert [h.index for h in hs] == list(INDICES)
    assert all(h.ranked_of >= 42 for h in hs)
