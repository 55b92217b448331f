"""Province profile: everything about one province (``s.p[0]``; default Hà Nội, "01").

Latest score and rank per index, all scores and ranks, trends per index (split at method breaks),
strongest/weakest PAPI and PCI components, region peers, and the province it became part of in July 2025.
The map page opens this page on a click; ``/profile?p=22&lang=en`` works directly.
"""

import pandas as pd
import streamlit as st

from vngov import ui
from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.charts.common import fmt_num, fmt_signed
from vngov.charts.profile import configured_panel, trend_grid
from vngov.i18n import t
from vngov.views_components import with_labels
from vngov.views_profile import DEFAULT_PROVINCE, history, latest, merger, region_peers, strengths

ds, s, lang = ui.page()

nd = t("no_data", lang)
ncol = "name_en" if lang == "en" else "name_vi"
names = ds.province_names(lang)
head = st.empty()  # the title, written once the province is settled
code = ui.province_select("pf_province", DEFAULT_PROVINCE, help_text=t("pf_province_help", lang))
name = names[code]
head.title(t("pf_title", lang, name=name))

hist = ui.cached(history, ds, code)
st.markdown(f"**{t('pf_coverage', lang, name=name, n=int(hist['value'].notna().sum()), m=len(hist))}**")


def rank_text(rank, computed) -> str:
    if pd.isna(rank):
        return t("pf_no_rank", lang)
    return t("pf_rank_computed" if computed is True else "pf_rank_of", lang, rank=int(rank))


# ---- 1. latest score and rank per index; all scores and ranks ----
st.subheader(t("pf_latest_heading", lang))
last = latest(hist).set_index("index")
cols = st.columns(len(INDICES))
for col, index in zip(cols, INDICES):
    short = INDEX_META[index]["short"]
    if index in last.index:
        r = last.loc[index]
        col.metric(f"{short} {int(r['year'])}", fmt_num(r["value"], 2, lang) or nd,
                   delta=fmt_signed(r["change"], 2, lang) or None)
        col.caption(rank_text(r["rank"], r["rank_computed"]))
    else:
        col.metric(short, nd)
        col.caption(t("pf_never", lang))

st.subheader(t("pf_history_heading", lang))
table = pd.DataFrame({
    t("pf_col_index", lang): [INDEX_META[i]["short"] for i in hist["index"]],
    t("year", lang): hist["year"].astype(str),
    t("value", lang): [fmt_num(v, 2, lang) or nd for v in hist["value"]],
    t("rank", lang): ["" if pd.isna(r) else str(int(r)) for r in hist["rank"]],
    t("change", lang): [fmt_signed(v, 2, lang) for v in hist["change"]],
})
st.dataframe(table.iloc[::-1].sort_values(t("pf_col_index", lang), kind="stable"), hide_index=True,
             width="stretch", height=320, key="pf_history")

# ---- 2. trends, one panel per index ----
st.subheader(t("pf_trends_heading", lang))
st.caption(t("pf_trends_note", lang))
common = dict(lang=lang, no_data=nd, break_label=t("pf_break_label", lang),
              tooltip_titles=dict(year=t("year", lang), value=t("value", lang), rank=t("rank", lang),
                                  change=t("change", lang), **{"break": t("pf_tt_break", lang)}))
panel_args = {i: dict(title=INDEX_META[i]["short"], years=ds.years(i), breaks=list(METHOD_BREAKS.get(i, {})))
              for i in INDICES}
for k, index in enumerate(INDICES):  # two panels a row (one a row on a phone), in the app's index order
    if k % 2 == 0:
        row = st.columns(2)
    with row[k % 2]:
        ui.show_chart(ui.chart_spec(configured_panel, hist[hist["index"] == index], **panel_args[index], **common),
                      key=f"pf_trend_{index}")
with st.expander(t("pf_breaks_expander", lang)):
    for index in INDICES:
        ui.break_notes(index, ds.years(index))
src_titles = "; ".join(ds.sources_for(hist["source_id"])["title"].head(5))
ui.downloads(hist[["index", "year", "value", "rank", "rank_computed", "change", "era", "source_id", "note"]],
             lambda: trend_grid(hist, panel_args, **common), f"profile_{code}_totals",
             {"province": f"{code} {ds.province_name(code, lang)}", "index": "PAR_INDEX, SIPAS, PAPI, PCI",
              "year": "all", "indicator": "total", "source": src_titles}, key="pf_trends")

# ---- 3. strongest and weakest components (PAPI, PCI) ----
st.subheader(t("pf_strength_heading", lang))
strength_rows = []
for col, index in zip(st.columns(2), ("PAPI", "PCI")):
    res = ui.cached(strengths, ds, code, index)
    with col:
        short = INDEX_META[index]["short"]
        if res is None:
            st.markdown(f"**{short}**")
            st.info(t("pf_no_components", lang, name=name, index=short), icon="ℹ️")
            continue
        st.markdown(f"**{short} {res['year']}**")
        st.caption(t("pf_basis_rank" if res["basis"] == "rank" else "pf_basis_position", lang))
        for label_key, part in (("pf_strongest", res["strongest"]), ("pf_weakest", res["weakest"])):
            part = with_labels(part, lang, t("total", lang))
            where = ([str(int(r)) for r in part["rank"]] if res["basis"] == "rank" else
                     [t("pf_position_of", lang, pos=int(p), n=int(n)) for p, n in zip(part["position"], part["n_with"])])
            st.dataframe(pd.DataFrame({t(label_key, lang): part["label"],
                                       t("value", lang): [fmt_num(v, 2, lang) or nd for v in part["value"]],
                                       t("rank" if res["basis"] == "rank" else "pf_position", lang): where}),
                         hide_index=True, width="stretch", key=f"pf_{label_key}_{index}")
        strength_rows.append(res["table"].assign(index=index, year=res["year"], basis=res["basis"]))
if strength_rows:
    sdf = pd.concat(strength_rows, ignore_index=True)
    ui.downloads(sdf[["index", "year", "indicator", "comp_vi", "comp_en", "value", "rank", "position", "n_with",
                      "pct", "basis"]], None, f"profile_{code}_components",
                 {"province": f"{code} {ds.province_name(code, lang)}", "index": "PAPI, PCI",
                  "year": ", ".join(f"{i} {y}" for i, y in sdf[["index", "year"]].drop_duplicates().values),
                  "indicator": "level-1 components",
                  "source": "; ".join(ds.sources_for(ds.scores.loc[ds.scores["province_code"] == code, "source_id"]
                                                     .unique())["title"].head(3))}, key="pf_strength")

# ---- 4. region peers ----
prow = ds.provinces.set_index("province_code").loc[code]
st.subheader(t("pf_peers_heading", lang, region=prow["region_name_en" if lang == "en" else "region_name_vi"]))
peers, peer_years = ui.cached(region_peers, ds, code)
st.caption(t("pf_peers_note", lang))
show = pd.DataFrame({t("province", lang): peers[ncol]})
for index, year in peer_years.items():
    show[f"{INDEX_META[index]['short']} {year}"] = [
        (fmt_num(v, 2, lang) + ("" if pd.isna(r) else f" ({int(r)})")) if pd.notna(v) else
        (nd if pd.isna(r) else f"{nd} ({int(r)})")
        for v, r in zip(peers[f"{index}_value"], peers[f"{index}_rank"])]
mine = (peers["province_code"] == code).tolist()
st.dataframe(show.style.apply(lambda row: ["font-weight: bold; background-color: #deebf7" if mine[row.name] else ""
                                           for _ in row], axis=1),
             hide_index=True, width="stretch", key="pf_peers")
ui.downloads(peers, None, f"profile_{code}_region_peers",
             {"province": code, "region": str(prow["region"]), "index": "PAR_INDEX, SIPAS, PAPI, PCI",
              "year": ", ".join(f"{i} {y}" for i, y in peer_years.items()), "indicator": "total",
              "source": "see data/sources.csv"}, key="pf_peers")

# ---- 5. since July 2025 ----
st.subheader(t("pf_merger_heading", lang))
m = merger(ds, code)
new = m["new_name_en" if lang == "en" else "new_name_vi"]
if m["others"].empty:
    st.markdown(t("pf_unchanged", lang, name=name, new=new, code=m["new_code"]))
else:
    st.markdown(t("pf_merged_into", lang, name=name, new=new, code=m["new_code"],
                  others=", ".join(m["others"][ncol])))

ui.source_caption(ds, hist["source_id"])
