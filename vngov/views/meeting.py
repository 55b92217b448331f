"""Meeting mode: one province for a projector — each index's latest score, rank, change, optional
target, a small trend per index and the 63-province map with the province outlined.

The province is the URL's first ``p`` (Hà Nội, 01, when none). The trend chart is
``vngov.charts.compare.trend_chart`` (with a target line); the map is the map page's choropleth (with
``highlight``): nothing is drawn twice. Pure functions, no Streamlit; the cards are HTML written here
(every text escaped).
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from vngov.catalog import INDEX_META, INDICES, METHOD_BREAKS
from vngov.charts import compare as cc
from vngov.charts.common import decimals_for, display_frame, fmt_num
from vngov.data import Dataset, units_of
from vngov.geo import OBJECT, load_topology, polygons
from vngov.i18n import t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import break_texts, breaks_within, index_label, source_titles
from vngov.views.compare import MAX_PROVINCES, ranked_units, trend_frame
from vngov.views.map import map_args

DEFAULT_PROVINCE = "01"  # Hà Nội when the URL names no province


# ---- the province and the targets ---------------------------------------------------------------
def province(s: State) -> str:
    return s.p[0] if s.p else DEFAULT_PROVINCE


def with_province(p: tuple[str, ...], code: str) -> tuple[str, ...]:
    """``p`` with ``code`` first, the other provinces kept (the compare page shows them)."""
    return ((code,) + tuple(c for c in p if c != code))[:MAX_PROVINCES]


def unit(index: str, lang: str) -> str:
    return "%" if INDEX_META[index]["percent"] else t("mt_points", lang)


def target_inputs(lang: str) -> list[tuple[str, str, float]]:
    """(index, label, highest target) of each target input."""
    return [(i, t("mt_target", lang, index=index_label(i), unit=unit(i, lang)), float(INDEX_META[i]["scale_max"]))
            for i in INDICES]


# ---- headline figures ---------------------------------------------------------------------------
@dataclass
class Headline:
    index: str
    code: str
    year: int | None  # latest year with a published total (score or rank) for this province
    index_latest: int | None  # latest year of the index overall
    value: float | None
    rank: int | None
    rank_computed: bool
    ranked_of: int  # denominator of the rank
    prev_year: int | None  # year - 1, when it has a score or rank and the method did not change
    prev_value: float | None
    change: float | None
    rank_change: int | None  # + = moved up
    position: int | None  # place among the provinces with a score, only when no rank is published
    n_scored: int
    source_id: str | None
    uploaded: bool = False  # the figure was uploaded in this session (not published): the card says so


def _num(v):
    return None if v is None or pd.isna(v) else float(v)


def headline(ds: Dataset, index: str, code: str) -> Headline:
    """The card's figures of ``code`` for ``index`` (its latest year). Once per Dataset (``Dataset.memo``);
    each caller gets its own copy."""
    return replace(ds.memo("headline", (index, code), lambda: _headline(ds, index, code)))


def _headline(ds: Dataset, index: str, code: str) -> Headline:
    ds = ds.totals
    years = ds.years(index)
    ser = ds.series(index, "total", [code])
    ser = ser[ser["value"].notna() | ser["rank"].notna()]
    if ser.empty:
        return Headline(index, code, None, max(years) if years else None, None, None, False, 63, None, None,
                        None, None, None, 0, None)
    year = int(ser["year"].max())
    sl = ds.slice(index, year)
    row = sl.set_index("province_code").loc[code]
    value = _num(row["value"])
    rank = None if pd.isna(row["rank"]) else int(row["rank"])
    prev_value = _num(row["prev_value"])
    n_scored = int(sl["value"].notna().sum())
    position = None
    if rank is None and value is not None:
        # not a rank: the place among the provinces that have a score (labelled as such on the page)
        position = int((sl["value"] > value).sum()) + 1
    rc = row["rank_change"]
    return Headline(index=index, code=code, year=year, index_latest=max(years), value=value, rank=rank,
                    rank_computed=bool(row["rank_computed"]) if not pd.isna(row["rank_computed"]) else False,
                    ranked_of=ranked_units(ds, index, year),
                    prev_year=year - 1 if prev_value is not None or not pd.isna(rc) else None,
                    prev_value=prev_value,
                    change=None if value is None or prev_value is None else value - prev_value,
                    rank_change=None if pd.isna(rc) else int(rc), position=position, n_scored=n_scored,
                    source_id=row["source_id"] if isinstance(row["source_id"], str) else None,
                    uploaded=row.get("origin") == "uploaded")


def headlines(ds: Dataset, code: str) -> list[Headline]:
    return [headline(ds, i, code) for i in INDICES]


def target_met(value: float | None, target: float | None) -> bool | None:
    """True/False when both are known (higher is better in all four indices), else None."""
    if value is None or target is None:
        return None
    return value >= target


def fmt_value(index: str, value: float | None, lang: str, units: dict[str, str]) -> str:
    """'44,12 điểm' / '86,50%'. units: {'points': …}."""
    if value is None:
        return ""
    v = fmt_num(value, decimals_for(index, "total"), lang)
    return f"{v}%" if INDEX_META[index]["percent"] else f"{v} {units['points']}"


def card_html(h: Headline, *, lang: str, tx: dict[str, str], target: float | None = None) -> str:
    """The headline card of one index (HTML; every text escaped). tx: the page's texts:
    no_data, rank ('hạng {rank}/{n}'), no_rank, position, up, down, same, rank_up, rank_down, rank_same,
    no_prev, no_prev_break ('{year}' the method changed, '{prev}' the year before), met, not_met, points,
    latest_note."""
    e = html.escape
    title = f"{index_label(h.index)} {h.year or ''}".strip()
    parts = [f'<div class="mt-card"><div class="mt-idx">{e(title)}</div>']
    parts.append('<div class="mt-row">')
    if h.value is None:
        parts.append(f'<div class="mt-big mt-nodata">{e(tx["no_data"])}</div>')
    else:
        v = fmt_num(h.value, decimals_for(h.index, "total"), lang)
        unit = "%" if INDEX_META[h.index]["percent"] else " " + tx["points"]
        parts.append(f'<div class="mt-big">{e(v)}<span class="mt-unit">{e(unit)}</span></div>')
    if h.rank is not None:
        star = "*" if h.rank_computed else ""
        parts.append(f'<div class="mt-rank">{e(tx["rank"].format(rank=f"{h.rank}{star}", n=h.ranked_of))}</div>')
    elif h.year is not None:
        parts.append(f'<div class="mt-rank mt-muted">{e(tx["no_rank"])}</div>')
    parts.append("</div>")
    if h.uploaded:  # an uploaded figure is never shown as a published one
        parts.append(f'<div class="mt-upl">◆ {e(tx["uploaded"])}</div>')
    if h.rank is None and h.position is not None:
        parts.append(f'<div class="mt-small">{e(tx["position"].format(pos=h.position, n=h.n_scored))}</div>')
    if h.change is not None:
        d = fmt_num(abs(h.change), decimals_for(h.index, "total"), lang)
        key, cls, arrow = (("up", "mt-up", "▲") if h.change > 0 else ("down", "mt-down", "▼") if h.change < 0
                           else ("same", "mt-same", "■"))
        parts.append(f'<div class="mt-delta {cls}">{arrow} {e(tx[key].format(d=d, year=h.prev_year))}</div>')
    if h.rank_change is not None:
        n = abs(h.rank_change)
        key, cls, arrow = (("rank_up", "mt-up", "▲") if h.rank_change > 0 else
                           ("rank_down", "mt-down", "▼") if h.rank_change < 0 else ("rank_same", "mt-same", "■"))
        parts.append(f'<div class="mt-delta {cls}">{arrow} {e(tx[key].format(n=n, year=h.prev_year))}</div>')
    if h.change is None and h.rank_change is None and h.year is not None:
        why = (tx["no_prev_break"].format(year=h.year, prev=h.year - 1) if h.year in METHOD_BREAKS.get(h.index, ())
               else tx["no_prev"])  # the reason on the card: the method changed that year
        parts.append(f'<div class="mt-delta mt-same">{e(why)}</div>')
    met = target_met(h.value, target)
    if met is not None:
        tgt = fmt_value(h.index, target, lang, {"points": tx["points"]})
        cls, mark, key = ("mt-ok", "✔", "met") if met else ("mt-miss", "✘", "not_met")
        parts.append(f'<div class="mt-target {cls}">{mark} {e(tx[key].format(target=tgt))}</div>')
    if h.year is not None and h.index_latest is not None and h.year < h.index_latest:
        parts.append(f'<div class="mt-small mt-muted">{e(tx["latest_note"].format(year=h.index_latest))}</div>')
    parts.append("</div>")
    return "".join(parts)


# Styles of the meeting page only (class names prefixed mt-); sizes chosen for a projector at 1280×720.
CSS = """
<style>
.stMainBlockContainer {padding-top: 3.9rem;}  /* the name clears Streamlit's 3.75rem top bar at 1280×720 */
.mt-head {font-size: 52px; font-weight: 800; line-height: 1.1; margin: 0 0 4px 0;}
.mt-sub {font-size: 22px; color: #444; margin-bottom: 4px;}
.mt-card {border: 2px solid #d0d0d0; border-radius: 12px; padding: 10px 18px 12px 18px; background: #fafafa;
          min-height: 172px; margin-bottom: 6px;}
.mt-idx {font-size: 28px; font-weight: 700; color: #1a1a1a; line-height: 1.2;}
.mt-row {display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 22px;}
.mt-big {font-size: 60px; font-weight: 800; line-height: 1.1; color: #08306b;
         font-variant-numeric: tabular-nums; white-space: nowrap;}
.mt-big.mt-nodata {font-size: 34px; color: #555; line-height: 1.6;}
.mt-unit {font-size: 26px; font-weight: 600; margin-left: 4px; color: #333;}
.mt-rank {font-size: 32px; font-weight: 700; color: #1a1a1a; white-space: nowrap;}
.mt-rank.mt-muted {font-size: 22px; white-space: normal;}
.mt-delta {font-size: 24px; font-weight: 700; margin-top: 2px;}
.mt-up {color: #006d2c;} .mt-down {color: #b30000;} .mt-same {color: #555; font-size: 20px;}
.mt-target {font-size: 22px; font-weight: 700; margin-top: 6px; padding: 2px 10px; border-radius: 6px;
            display: inline-block;}
.mt-ok {color: #00441b; background: #c7e9c0;} .mt-miss {color: #67000d; background: #fdd0c2;}
.mt-small {font-size: 18px; color: #333; margin-top: 2px;}
.mt-upl {font-size: 20px; font-weight: 700; color: #000; margin-top: 4px; padding: 1px 8px; border: 2px solid #000;
         border-radius: 6px; display: inline-block;}
.mt-muted {color: #555; font-weight: 600;}
@media (max-width: 640px) {
  .mt-head {font-size: 38px;} .mt-big {font-size: 50px;} .mt-card {min-height: 0;}
}
</style>
"""


# ---- the projector map ---------------------------------------------------------------------------
@functools.cache
def province_box(code: str, units: int = 63) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) of a province's largest part (its mainland, not the archipelago of Đà Nẵng
    or Khánh Hòa), read from the boundary TopoJSON (quantised, delta-encoded arcs)."""
    topo = load_topology(units)
    (sx, sy), (tx_, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    boxes = []
    for poly in polygons(topo, units)[code]:
        xs, ys = [x * sx + tx_ for x, _ in poly[0]], [y * sy + ty for _, y in poly[0]]  # the outer ring
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return max(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))


# the whole chart's height in the browser (Streamlit fits title, break labels and axes inside it): room for
# five value ticks
TREND_HEIGHT = 250
HALO, OUTLINE = "#ffffff", "#111111"


def big_map(frame: pd.DataFrame, *, title: str, highlight: str, highlight_name: str, font_size: float = 20,
            height: int = 720, pointer: str = "◀ ", units: int = 63, **kw) -> alt.LayerChart:
    """The map page's choropleth for a room: legends beside the land (never over a province) with text at
    card size, the coverage in its title, the province drawn with a white halo under a thick dark outline
    (an outline, not a fill colour) and named beside it. kw: ``charts.map.choropleth`` arguments."""
    from vngov.charts.common import FONT, NO_DATA_COLOR, SCHEME
    from vngov.charts.map import choropleth

    chart = choropleth(load_topology(units), frame, selectable=False, height=height, units=units, **kw)
    for layer in chart.layer:
        color = layer.encoding["color"] if layer.encoding is not alt.Undefined else alt.Undefined
        leg = color["legend"] if color is not alt.Undefined else alt.Undefined
        if leg not in (alt.Undefined, None):
            # a legend of nothing goes: "no data" when every province has a figure (an empty legend breaks
            # the layout, size ∞), the colour scale when none has (it reads "NaN")
            if color["shorthand"] == "status:N" and frame["value"].notna().all() or \
                    color["shorthand"] != "status:N" and frame["value"].isna().all():
                color["legend"] = None
            else:
                for k, v in dict(orient="right", labelFontSize=font_size, titleFontSize=font_size, symbolSize=400,
                                 labelColor=OUTLINE, titleColor=OUTLINE,
                                 labelFont=FONT, titleFont=FONT, labelLimit=400, titleLimit=400).items():
                    leg[k] = v
                if leg["direction"] == "horizontal":
                    leg["direction"], leg["gradientLength"], leg["gradientThickness"] = "vertical", 260, 24
        if layer.mark["type"] == "text":  # the archipelagos' names
            layer.mark["fontSize"] = font_size * 0.8
    topo = alt.NamedData(name=OBJECT[units], format=alt.DataFormat(type="topojson", feature=OBJECT[units]))
    mine = (alt.Chart(topo).transform_calculate(province_code="datum.properties.gso_code")
            .transform_filter(alt.datum.province_code == highlight).project(type="mercator"))
    lon0, lat0, lon1, lat1 = province_box(highlight, units)
    lab = pd.DataFrame([dict(lon=lon1 + 0.15, lat=(lat0 + lat1) / 2, text=f"{pointer}{highlight_name}")])
    text = alt.Chart(lab).encode(longitude="lon:Q", latitude="lat:Q", text="text:N").project(type="mercator")
    # the halo is drawn first, the province's own fill over it (so the halo shows outside only), then the
    # outline: a small province keeps its colour
    vals = frame["value"].dropna()
    domain = kw.get("domain") or ((float(vals.min()), float(vals.max())) if len(vals) else None)
    own = frame.loc[frame["province_code"] == highlight, "value"]
    if len(own) and pd.notna(own.iloc[0]):
        fill = mine.transform_calculate(value=f"{float(own.iloc[0])!r}").mark_geoshape(stroke=None, aria=False).encode(
            color=alt.Color("value:Q", legend=None, scale=alt.Scale(scheme=SCHEME, reverse=True,
                                                                     domain=list(domain) if domain else alt.Undefined)))
    else:
        fill = mine.mark_geoshape(fill=NO_DATA_COLOR, stroke=None, aria=False)
    # halo, fill and outline repeat what the map and the label say: hidden from assistive technology (aria=False)
    chart.layer += [mine.mark_geoshape(filled=False, stroke=HALO, strokeWidth=8, aria=False), fill,
                    mine.mark_geoshape(filled=False, stroke=OUTLINE, strokeWidth=2.5, aria=False),
                    text.mark_text(align="left", fontSize=font_size, fontWeight="bold", font=FONT, stroke=HALO,
                                   strokeWidth=5, strokeJoin="round", color=HALO, aria=False),
                    text.mark_text(align="left", fontSize=font_size, fontWeight="bold", font=FONT, color=OUTLINE)]
    chart.title = alt.TitleParams(title, fontSize=font_size * 1.2, anchor="start", font=FONT)
    return chart


# ---- the page -----------------------------------------------------------------------------------
def card_texts(lang: str) -> dict[str, str]:
    keys = dict(no_data="no_data", rank="mt_rank", no_rank="mt_no_rank", position="mt_position", up="mt_up",
                down="mt_down", same="mt_same", rank_up="mt_rank_up", rank_down="mt_rank_down",
                rank_same="mt_rank_same", no_prev="mt_no_prev", no_prev_break="mt_no_prev_break", met="mt_met", not_met="mt_not_met",
                points="mt_points", latest_note="mt_latest_note", uploaded="mt_uploaded")
    return {k: t(v, lang) for k, v in keys.items()}


def _former_expander(ds: Dataset, code: str, lang: str, name: str) -> b.Expander:
    """A new province (34 units): the history of each former province it was formed from, separately, with
    the 2025 change of units marked (the profile's section; never a combined figure)."""
    from vngov.views.profile import _former_section

    sec, _ = _former_section(ds, code, lang, name)
    return b.Expander(t("pf_former_heading", lang), sec.blocks, icon=":material/history:")


def header_html(ds: Dataset, code: str, lang: str) -> str:
    return (f'<div class="mt-head">{html.escape(ds.province_name(code, lang))}</div>'
            f'<div class="mt-sub">{html.escape(t("mt_sub", lang))}</div>')


def model(ds: Dataset, s: State, lang: str, code: str, targets: tuple = ()) -> b.Page:
    """Meeting mode for the province ``code``; ``targets``: one target (or None) per index, in the order
    of ``INDICES``. The header goes in the page's section 'head' (beside the province picker), the rest
    in 'cards'. ``code`` is read in the unit set of the state (``s.units``: 63 to 2024, 34 from 2025): the
    cards, trends and map are that set's; nothing is drawn or computed across the 2025 change."""
    ds = ds.for_units(s.units)
    units = ds.units
    map_year = s.year if units_of(s.year) == units else max(
        [y for y in ds.years(s.index) if units_of(y) == units], default=s.year)
    targets = dict(zip(INDICES, tuple(targets) + (None,) * len(INDICES)))
    name = ds.province_name(code, lang)
    tx = card_texts(lang)
    no_data = t("no_data", lang)
    tips = dict(name=t("province", lang), year=t("year", lang), value=t("value", lang), rank=t("rank", lang))
    heads = headlines(ds, code)
    cells, frames, drawn, breaks_shown = [], [], [], {}
    for h in heads:
        target = targets[h.index]
        cell = [b.Html(card_html(h, lang=lang, tx=tx, target=target))]
        df = trend_frame(ds, h.index, [code], lang, no_data)
        if not df.empty:
            years = sorted(int(y) for y in df["year"].unique())
            kw = dict(title=t("mt_trend", lang, index=index_label(h.index)), y_title=unit(h.index, lang),
                      tooltip_titles=tips, color_domain=[name], color_range=[cc.OKABE_ITO[0]],
                      breaks=breaks_within(h.index, years), break_tip=t("cmp_break", lang), target=target,
                      target_label=t("mt_target_line", lang,
                                     target=fmt_value(h.index, target, lang, {"points": tx["points"]})),
                      height=TREND_HEIGHT, legend=False, font_scale=1.2,
                      scale=(0.0, float(INDEX_META[h.index]["scale_max"])))
            cell.append(b.Chart(cc.trend_chart, (df,), kw, key=f"mt_trend_{h.index}"))
            frames.append(df)
            drawn.append((df, kw))
            breaks_shown[h.index] = years
        cells.append(tuple(cell))

    # the map of the sidebar's index and year, the province outlined and named
    tds = ds.totals
    sl = tds.for_units(units).slice(s.index, map_year) if units_of(map_year) == units else tds.for_units(
        units).provinces[["province_code", "name_vi", "name_en"]].assign(
        value=float("nan"), rank=pd.NA, prev_value=float("nan"), change=float("nan"), source_id=None,
        index=s.index, year=map_year, indicator="total")  # no year of this unit set: every province 'no data'
    frame = display_frame(sl, lang, no_data)
    label = index_label(s.index)
    n_val = int(sl["value"].notna().sum())
    map_title = t("mt_map_title", lang, index=label, year=map_year, n=n_val, total=len(sl))
    args = map_args(ds, replace(s, year=map_year), lang, indicator="total", legend=f"{label} {map_year}")
    the_map = b.Chart(big_map, (frame,), dict(args, title=map_title, highlight=code, highlight_name=name,
                                              units=int(units)),
                      key="mt_map")
    small = " ".join((t("mt_footer", lang), t("mt_no_prev_help", lang), t("cmp_trend_help", lang)))
    notes = tuple(b.Text(x, "info", icon="ℹ️") for i, ys in breaks_shown.items() for x in break_texts(i, ys, lang))
    sources = ({h.source_id for h in heads if h.source_id} | set(sl["source_id"].dropna())
               | (set(pd.concat(frames)["source_id"].dropna()) if frames else set()))
    table = pd.DataFrame([dict(index=h.index, province_code=h.code, year=h.year, value=h.value, rank=h.rank,
                               rank_computed=h.rank_computed, ranked_of=h.ranked_of if h.rank else None,
                               previous_year=h.prev_year, previous_value=h.prev_value, change=h.change,
                               target=targets[h.index], target_met=target_met(h.value, targets[h.index]),
                               source_id=h.source_id) for h in heads])
    downloads = (
        b.Download(table, f"meeting_{code}",
                   {"index": ", ".join(INDICES), "year": "latest per index", "indicator": "total",
                    "province": f"{code} {ds.province_name(code, 'en')}", "source": source_titles(ds, sources)},
                   key="mt_latest", chart=b.Export(cc.trend_grid, (tuple(drawn),)) if drawn else None),
        b.Download(frame[["province_code", "name_vi", "name_en", "value", "rank", "source_id"]],
                   f"meeting_map_{s.index}_{map_year}",
                   {"index": s.index, "year": str(map_year), "indicator": "total",
                    "source": source_titles(ds, sl["source_id"])}, key="mt_map", chart=the_map))
    body = (b.Columns(tuple(cells), per_row=2, gap="medium"),
            b.Text(t("mt_map_head", lang, index=label, year=map_year, name=name, total=len(sl)), "heading"), the_map,
            b.Text(small, "caption"),
            *((b.Expander(t("mt_breaks", lang), notes, icon=":material/info:"),) if notes else ()),
            *((_former_expander(ds, code, lang, name),) if units == "34" else ()),
            b.Expander(t("mt_downloads", lang), downloads, icon=":material/download:"))
    return b.Page("", [b.Html(CSS), b.Section(key="head", blocks=(b.Html(header_html(ds, code, lang)),)),
                       b.Section(key="cards", blocks=body)],
                  sources=frozenset(sources), extra_caption=t("boundary_attribution", lang), map_note=True)
