"""The across page's scatter (Altair spec), without Streamlit."""

import pytest

from vngov.charts import across as ax
from vngov.views import across as va

TIPS = dict(name="Province", region="Region", x="PAPI", y="PCI")


def test_scatter_chart_spec(ds):
    df = va.pair_frame(ds, "PAPI", "PCI", 2019, "en")
    dom, rng = va.region_colors(ds, "en")
    assert len(dom) == 6 and len(set(rng)) == 6
    spec = ax.scatter_chart(df, x_title="PAPI 2019", y_title="PCI 2019", region_domain=dom, region_range=rng,
                            tooltip_titles=TIPS, label_codes=("01", "79")).to_dict()
    pts, labels = spec["layer"]
    data = spec["datasets"]
    assert len(data[pts["data"]["name"]]) == 63
    assert sorted(r["province_code"] for r in data[labels["data"]["name"]]) == ["01", "79"]
    assert [t["field"] for t in pts["encoding"]["tooltip"]][0] == "name"
    assert pts["encoding"]["color"]["scale"]["domain"] == dom
    all_labels = ax.scatter_chart(df, x_title="a", y_title="b", region_domain=dom, region_range=rng,
                                  tooltip_titles=TIPS, label_all=True).to_dict()
    data = all_labels["datasets"]
    label_data = all_labels["layer"][1].get("data", all_labels.get("data"))
    # every name that fits without overlapping another name or a point (issue 11: no overlapping labels)
    placed = ax.place_labels(df, df["province_code"].notna(), ax._domain(df["x"]), ax._domain(df["y"]))
    assert all_labels["layer"][1]["mark"]["type"] == "text" and len(data[label_data["name"]]) == len(placed) >= 20
    assert_no_overlap(placed)


def assert_no_overlap(placed):
    boxes = list(zip(placed["x0"], placed["y0"], placed["x1"], placed["y1"]))
    for i, a in enumerate(boxes):
        for c in boxes[i + 1:]:
            assert not (a[0] < c[2] and c[0] < a[2] and a[1] < c[3] and c[1] < a[3]), (a, c)


@pytest.mark.parametrize("x,y", [("PAPI", "PCI"), ("PAR_INDEX", "SIPAS"), ("PAR_INDEX", "PCI"), ("SIPAS", "PAPI")])
def test_labels_never_overlap_names_or_points(ds, x, y):
    for year in va.common_years(ds, x, y):
        df = va.pair_frame(ds, x, y, year, "vi")
        if df.empty:
            continue
        placed = ax.place_labels(df, df["province_code"].notna(), ax._domain(df["x"]), ax._domain(df["y"]))
        assert_no_overlap(placed)
        if len(df) <= 12:  # a few provinces: (almost) every name fits
            assert len(placed) >= len(df) - 2
        # a chosen province is always named, even among 63 points
        mine = ax.place_labels(df, df["province_code"].isin(["01", "79"]), ax._domain(df["x"]), ax._domain(df["y"]),
                               first=("01", "79"))
        assert set(mine["province_code"]) == set(df["province_code"]) & {"01", "79"}
        assert_no_overlap(mine)


def test_r_interval_and_cautions(ds):
    lo, hi = va.r_interval(0.68, 6)
    assert lo < 0 < 0.9 < hi < 1  # n = 6: r = 0,68 is compatible with no correlation at all
    assert va.r_interval(0.5, 3) is None

