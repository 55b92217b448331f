"""Map page: the choropleth of the 63 provinces for the sidebar's index, year and indicator, a ranked
table beside it, the provinces grouped by the province they became part of on 1 July 2025, downloads."""

from __future__ import annotations

from vngov.charts.common import decimals_for, display_frame
from vngov.data import Dataset, by_new_province, units_of
from vngov.i18n import col, fmt_num, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import indicator_name, indicator_title  # noqa: F401 (the map's names)
from vngov.views.common import coverage_headline, index_label, region_name, source_titles, unit_label

PROFILE = "pages/profile.py"


def scale_rule(frame, index: str, indicator: str, lang: str) -> str:
    """The one colour rule of every map, stated in its legend: from the lowest to the highest published
    value of the 63 provinces that year."""
    vals = frame["value"].dropna()
    if vals.empty:
        return ""
    dec = decimals_for(index, indicator)
    return t("mp_scale_rule", lang, lo=fmt_num(vals.min(), dec, lang), hi=fmt_num(vals.max(), dec, lang))


def map_args(ds: Dataset, s: State, lang: str, *, indicator: str | None = None, legend: str | None = None,
             frame=None, **extra) -> dict:
    """The choropleth's texts and colour scale for a selection (shared with meeting mode); ``legend``: the
    legend title before its unit (default: the indicator). Every indicator has the same colour rule (the
    range of the published values, stated under the legend title when ``frame`` is given)."""
    ind = indicator or s.ind
    info = ds.indicator_info(s.index, ind, s.year)
    legend = legend or indicator_title(ds, s.index, ind, s.year, lang)
    title = f"{legend} ({unit_label(info['unit'], lang)})"
    rule = scale_rule(frame, s.index, ind, lang) if frame is not None else ""
    return dict(value_title=[title, rule] if rule else title, no_data_label=t("no_data", lang),
                tooltip_titles=dict(name=t("province", lang), value=t("value", lang), rank=t("rank", lang),
                                    change=t("change", lang)),
                labels=dict(hoang_sa=t("hoang_sa", lang), truong_sa=t("truong_sa", lang)), **extra)


def headline(sl, ds: Dataset, region: str, lang: str) -> str:
    """"8 of 13 provinces of the Mekong River Delta have a published score …; 8 with a rank."""
    part = sl[sl["region"] == region] if region else sl
    r = int(part["rank"].notna().sum())
    return (f"**{coverage_headline(part, lang, region_name(ds, region, lang) if region else '')}** "
            f"{t('coverage_rank', lang, n=r)}")


def model(ds: Dataset, s: State, lang: str, show34: bool, uploaded: bool) -> b.Page:
    sl = ds.slice(s.index, s.year, s.ind)  # the year's unit set: 63 provinces to 2024, 34 from 2025
    units = units_of(s.year)
    frame = display_frame(sl, lang, t("no_data", lang))
    label = indicator_title(ds, s.index, s.ind, s.year, lang)
    title = t("map_title", lang, index=index_label(s.index), year=s.year, indicator=label)
    area = region_name(ds, s.region, lang)
    focus = tuple(frame.loc[frame["region"] == s.region, "province_code"]) if s.region else None
    chart = b.Map(frame, map_args(ds, s, lang, frame=frame, highlight=s.p[0] if s.p and s.units == units else None,
                                        focus=focus),
                  show34=show34 and units == "63", key="map_chart", opens=PROFILE, units=int(units),
                  title=f"{index_label(s.index)} {s.year} · {label}" + (f" · {area}" if area else ""))
    table = frame if not s.region else frame[frame["region"] == s.region]
    table = table.sort_values(["value", "province_code"], ascending=[False, True], na_position="last")
    cols = {"name": t("province", lang), "value_txt": t("value", lang), "rank_txt": t("rank", lang),
            "change_txt": t("mp_change_col", lang, prev=s.year - 1)}  # short: "± 2023"
    if table["change"].isna().all():  # a first year, a method break or the 2025 change of units: no empty column
        del cols["change_txt"]
    ranked = b.Table(table[list(cols)].rename(columns=cols), key="map_table", height=560, static=True,
                     label=t("mp_table_label", lang))  # an HTML table sizes its columns to the text
    dec = decimals_for(s.index, s.ind)
    grouped = by_new_province(sl, lang, fmt=lambda v: fmt_num(v, dec, lang)).rename(columns={
        "new_province": t("new_province", lang), "former_provinces": t("old_provinces", lang),
        "with_score": t("mp_with_score", lang)})
    keep = ["province_code", "name_vi", "name_en", "region", "value", "rank", "rank_computed", "prev_value",
            "change", "source_id"] + (["origin"] if uploaded else [])
    rows = table.sort_values("province_code")[keep]
    download = b.Download(rows, f"{s.index}_{s.year}_{s.ind}" + (f"_{s.region}" if s.region else ""),
                          {"index": s.index, "year": str(s.year), "indicator": s.ind,
                           "indicator_name": indicator_title(ds, s.index, s.ind, s.year, "en"),
                           **({"region": s.region, "region_name": region_name(ds, s.region, "en")}
                              if s.region else {}),
                           "source": source_titles(ds, rows["source_id"])}, key="map", chart=chart)
    if units == "34":  # the 34 units: the former provinces each one was formed from, no figure of theirs
        p34 = ds.for_units("34").provinces.set_index("province_code")
        grouped = table[["province_code", "name"]].assign(former=[
            ", ".join(ds.for_units("63").province_name(c, lang) for c in str(p34.at[code, "former_codes"]).split())
            for code in table["province_code"]]).drop(columns="province_code").rename(columns={
                "name": t("new_province", lang), "former": t("old_provinces", lang)})
        expander = b.Expander(t("mp_formed_from", lang), (b.Table(grouped, key="map_grouped", static=True),
                                                          b.Text(t("mp_units34_note", lang), "caption")))
    else:
        expander = b.Expander(t("group_by_new", lang), (
            b.Table(grouped, key="map_grouped", static=True,
                    order=(t("new_province", lang), t("old_provinces", lang), t("mp_with_score", lang))),
            b.Text(t("mp_no_average", lang), "caption")), expanded=show34)
    return b.Page(
        title=title, head=[b.Text(headline(sl, ds, s.region, lang))],
        blocks=[b.Columns(((chart, b.Text(t("map_help_click", lang), "caption")), (ranked,)), widths=(4, 3),
                          gap="medium"),
                expander, download],
        sources=frozenset(sl["source_id"].dropna()), extra_caption=t("boundary_attribution", lang), map_note=True)
