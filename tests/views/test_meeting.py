"""Meeting-mode helpers (headline figures, targets, cards), without Streamlit."""

import altair as alt
import pandas as pd
import pytest

from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.charts import compare as cc
from vngov.i18n import t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views import meeting as mt

TX = dict(no_data="Không có dữ liệu", rank="hạng {rank}/{n}", no_rank="chưa có thứ hạng công bố",
          position="thứ {pos}/{n} trong số tỉnh có điểm", up="tăng {d} so với {year}", down="giảm {d} so với {year}",
          same="không đổi so với {year}", rank_up="lên {n} bậc so với {year}", rank_down="xuống {n} bậc so với {year}",
          rank_same="giữ hạng so với {year}", no_prev="chưa so sánh được",
          no_prev_break="chưa so sánh được với {prev}: phương pháp thay đổi từ năm {year}", met="Đạt mục tiêu ≥ {target}",
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


# ---- issue 11: meeting mode on a projector ----------------------------------------------------------
def test_card_says_the_method_changed(ds):
    """PAR INDEX 2024 changed its method: the card says so (not only 'no comparison')."""
    h = mt.headline(ds, "PAR_INDEX", "01")
    assert h.year in METHOD_BREAKS["PAR_INDEX"] and h.change is None and h.rank_change is None
    for lang, words in (("vi", f"phương pháp đánh giá thay đổi từ năm {h.year}"), ("en", f"the method changed in {h.year}")):
        html = mt.card_html(h, lang=lang, tx=mt.card_texts(lang))
        assert words in html and str(h.year - 1) in html
    # a gap year without a break keeps the plain text
    gap = mt.Headline(index="PCI", code="01", year=2019, index_latest=2024, value=60.0, rank=3, rank_computed=False,
                      ranked_of=63, prev_year=None, prev_value=None, change=None, rank_change=None, position=None,
                      n_scored=63, source_id=None)
    assert "phương pháp" not in mt.card_html(gap, lang="vi", tx=mt.card_texts("vi"))


def test_y_domain_of_one_point_spans_a_tenth_of_the_scale():
    lo, hi = cc.y_domain([77.3], scale=(0, 100))
    assert hi - lo >= 10 and lo < 77.3 < hi
    lo, hi = cc.y_domain([99.0], scale=(0, 100))
    assert hi <= 100 and hi - lo >= 10  # kept inside the scale
    lo, hi = cc.y_domain([40.0, 60.0])
    assert lo == pytest.approx(37.0) and hi == pytest.approx(63.0)  # a real range: 15 % each side
    lo, hi = cc.y_domain([50.0], target=80.0, scale=(0, 100), height=170, headroom_px=20)
    assert (hi - 80.0) / (hi - lo) >= 20 / 170 - 1e-9  # room for the target's label above its line


def scene_texts(spec: dict) -> list[dict]:
    """Text items of a rendered chart (vl-convert's scenegraph): text, x, y (plot coordinates), size, role."""
    import vl_convert as vlc

    out = []

    def walk(n, x=0.0, y=0.0):
        if not isinstance(n, dict):
            return
        if n.get("marktype") == "text":
            for it in n.get("items", []):
                out.append(dict(text=it.get("text"), x=x + it.get("x", 0), y=y + it.get("y", 0) + it.get("dy", 0),
                                size=it.get("fontSize", 11), baseline=it.get("baseline", "alphabetic"),
                                align=it.get("align", "left"), role=n.get("role")))
            return
        nx, ny = (x + n.get("x", 0), y + n.get("y", 0)) if "marktype" not in n else (x, y)
        for k in ("items", "scenegraph", "root"):
            for ch in (n[k] if isinstance(n.get(k), list) else [n[k]] if k in n else []):
                walk(ch, nx, ny)

    walk(vlc.vegalite_to_scenegraph(spec))
    return out


def box(tx: dict) -> tuple[float, float, float, float]:
    w, h = 0.6 * tx["size"] * len(str(tx["text"])), tx["size"]
    x0 = tx["x"] - (w if tx["align"] == "right" else w / 2 if tx["align"] == "center" else 0)
    y0 = tx["y"] - (h if tx["baseline"] == "bottom" else h / 2 if tx["baseline"] == "middle" else 0)
    return x0, y0, x0 + w, y0 + h


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def meeting_trends(ds, code, targets=()):
    page = mt.model(ds, State(index="PAPI", year=2024), "vi", code, targets)
    out = {}
    for cell in page.blocks[2].blocks[0].cells:
        for blk in cell:
            if isinstance(blk, b.Chart):
                with alt.theme.enable("none"):
                    spec = blk.build(*blk.args, **blk.kwargs).to_dict()
                spec["width"] = 390  # a card's width at 1280 px
                out[blk.key.removeprefix("mt_trend_")] = (spec, scene_texts(spec))
    return out


def test_trend_axes_one_point_and_enough_ticks(ds):
    # Sơn La (14)? find a province whose PAR INDEX trend has a single point
    singles = [c for c in ds.provinces["province_code"]
               if len(ds.series("PAR_INDEX", "total", [c]).dropna(subset=["value"])) == 1]
    codes = ["01", "79"] + singles[:1]
    for code in codes:
        for index, (spec, texts) in meeting_trends(ds, code).items():
            ys = [float(x["text"]) for x in texts if x["role"] == "axis-label" and x["align"] == "right"]
            xs = [x["text"] for x in texts if x["role"] == "axis-label" and x["align"] != "right"]
            assert len(ys) >= 4, (code, index, ys)  # enough ticks (PCI showed 45 and 80 only)
            assert max(ys) - min(ys) >= 0.1 * INDEX_META[index]["scale_max"] * 0.8, (code, index, ys)
            assert len(xs) == len(set(xs)), (code, index, xs)  # no year twice on the axis


def test_target_label_clear_of_break_labels(ds):
    h = mt.headline(ds, "PAR_INDEX", "01")
    for target in (h.value + 2, h.value, 80.0):
        trends = meeting_trends(ds, "01", (min(target, 100.0), None, None, None))
        spec, texts = trends["PAR_INDEX"]
        label = [x for x in texts if str(x["text"]).startswith("Mục tiêu")]
        breaks = [x for x in texts if x["role"] == "mark" and x["text"] in {str(y) for y in METHOD_BREAKS["PAR_INDEX"]}]
        assert label and len(breaks) >= 2
        assert not any(overlap(box(label[0]), box(br)) for br in breaks), (target, label, breaks)
        assert box(label[0])[1] >= 0  # inside the plot, below the strip of break labels
        assert all(box(br)[3] <= 0 for br in breaks)  # the break labels sit above the plot


def big_map_spec(ds, code="27", lang="vi", index="PAPI", year=2024):
    page = mt.model(ds, State(index=index, year=year, lang=lang), lang, code)
    [chart] = [blk for blk in page.blocks[2].blocks if isinstance(blk, b.Chart) and blk.key == "mt_map"]
    with alt.theme.enable("none"):
        return chart.build(*chart.args, **chart.kwargs).to_dict()


def test_big_map_legends_title_and_outline(ds):
    spec = big_map_spec(ds)
    cov = ds.coverage("PAPI", 2024)
    assert spec["title"]["text"] == f"PAPI 2024 · {cov['with_value']}/{cov['total']} tỉnh có điểm"
    assert spec["title"]["fontSize"] >= 20
    legends = [layer["encoding"]["color"]["legend"] for layer in spec["layer"]
               if layer.get("encoding", {}).get("color", {}).get("legend")]
    assert len(legends) == 2
    for leg in legends:  # beside the land, card-size text
        assert leg["orient"] == "right" and leg["labelFontSize"] >= 18
    marks = [layer["mark"] for layer in spec["layer"]]
    outline = [m for m in marks if m.get("type") == "geoshape" and m.get("stroke") == mt.OUTLINE]
    halo = [m for m in marks if m.get("type") == "geoshape" and m.get("stroke") == mt.HALO]
    assert outline and halo and halo[0]["strokeWidth"] > outline[0]["strokeWidth"] >= 2.5
    assert "#d7301f" not in str(marks)  # no red outline that reads as a fill
    def rows(layer):
        d = layer.get("data", {})
        return d.get("values") or spec["datasets"].get(d.get("name"), [])
    names = [layer for layer in spec["layer"] if layer["mark"].get("type") == "text"
             and any(str(r.get("text", "")).endswith("Bắc Ninh") for r in rows(layer))]
    assert len(names) == 2  # the province named beside it (halo + text)
    lon0, lat0, lon1, lat1 = mt.province_box("27")
    assert 105.8 < lon0 < lon1 < 106.4 and 20.9 < lat0 < lat1 < 21.3  # Bắc Ninh's outline


def test_big_map_english(ds):
    spec = big_map_spec(ds, code="01", lang="en")
    cov = ds.coverage("PAPI", 2024)
    assert spec["title"]["text"] == f"PAPI 2024 · {cov['with_value']} of {cov['total']} provinces with a score"


def test_card_marks_an_uploaded_figure(ds):
    """Issue 11: a meeting card showing a figure uploaded in this session says so on the card."""
    from dataclasses import replace
    h = mt.headline(ds, "PAPI", "01")
    assert not h.uploaded and "◆" not in mt.card_html(h, lang="en", tx=mt.card_texts("en"))
    s = ds.scores.copy()
    me = (s["index"] == "PAPI") & (s["year"] == h.year) & (s["indicator"] == "total") & (s["province_code"] == "01")
    s.loc[me, "origin"] = "uploaded"
    up = mt.headline(replace(ds, scores=s, version="test-upload"), "PAPI", "01")
    assert up.uploaded and up.value == h.value
    for lang, words in (("en", "A figure you uploaded, not a published one"),
                        ("vi", "Số liệu bạn tải lên, không phải số liệu công bố")):
        html = mt.card_html(up, lang=lang, tx=mt.card_texts(lang))
        assert f'<div class="mt-upl">◆ {words}</div>' in html


def test_big_map_of_the_34_outlines_a_new_province(ds):
    """A 34-unit meeting map (2025 on) outlines and fills the chosen new province from the 34 boundaries, not
    from the 63 (a 34 code looked up among the 63 outlined another province or none, from a dataset not in
    the spec)."""
    from vngov.geo import OBJECT

    page = mt.model(ds, State(index="PAPI", year=2024, lang="vi", u="34"), "vi", "01")
    [chart] = [blk for blk in page.blocks[2].blocks if isinstance(blk, b.Chart) and blk.key == "mt_map"]
    assert chart.kwargs["units"] == 34
    with alt.theme.enable("none"):
        spec = chart.build(*chart.args, **chart.kwargs).to_dict()
    assert set(spec["datasets"]) >= {OBJECT[34]} and OBJECT[63] not in spec["datasets"]
    geo_layers = [layer for layer in spec["layer"] if layer["mark"].get("type") == "geoshape"]
    own = [layer for layer in geo_layers  # halo, fill, outline of the chosen province
           if any(tr.get("filter") == "(datum.province_code === '01')" for tr in layer.get("transform", []))]
    assert len(own) == 3 and all(layer["data"]["name"] == OBJECT[34] for layer in own), [
        layer["data"] for layer in own]
    assert all(layer["data"]["name"] == OBJECT[34] for layer in geo_layers)
    # no province of the 34 has a PAPI 2024 score: no colour scale of nothing ("NaN"), only "no data"
    legends = [layer["encoding"]["color"] for layer in spec["layer"]
               if layer.get("encoding", {}).get("color", {}).get("legend")]
    assert [c["field"] for c in legends] == ["status"], legends
