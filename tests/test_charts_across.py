"""The across page's scatter (Altair spec), without Streamlit."""

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
    assert all_labels["layer"][1]["mark"]["type"] == "text" and len(data[label_data["name"]]) == 63

