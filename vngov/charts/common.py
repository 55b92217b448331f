"""Shared helpers of the chart builders: number formatting, colours, display frames. No Streamlit."""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from vngov.i18n import col, fmt_num, fmt_signed, t  # noqa: F401 (fmt_* re-exported)

NO_DATA_COLOR = "#c8c8c8"
NO_DATA_STROKE = "#8a8a8a"
SCHEME = "viridis"  # perceptually uniform, colour-blind safe; reversed so darker = higher score
FONT = "Be Vietnam Pro, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
# chart texts at WCAG AA on the white page and the beige sidebar: Streamlit's chart theme greys axis and legend
# text to #808495 (3.7:1, below AA); these colours are merged under every chart's own config (render.spec_of)
TEXT = "#333333"  # 12.6:1 on white
MUTED_TEXT = "#595959"  # 7.0:1 on white: secondary texts (axis and legend titles keep TEXT)
CHART_TEXT_CONFIG = {
    "axis": {"labelColor": TEXT, "titleColor": TEXT},
    "legend": {"labelColor": TEXT, "titleColor": TEXT},
    "header": {"labelColor": TEXT, "titleColor": TEXT},
    "title": {"color": TEXT, "subtitleColor": MUTED_TEXT},
}


CONFIGS = {"axis": alt.AxisConfig, "legend": alt.LegendConfig, "view": alt.ViewConfig}


def top_level(chart, *, resolve_scale: dict | None = None, configure: dict | None = None,
              **props):
    """``chart.resolve_scale(**resolve_scale).properties(**props)``, then ``.configure(**configure[""])`` and
    ``.configure_<part>(**kw)`` for each other part of ``configure`` in its order, done to ``chart`` itself
    (which the caller has just built and gives up) instead of to copies: Altair copies a layered or
    concatenated chart by building it again, with two deep copies of every layer (~10 ms a step). The same
    chart; ``properties`` only skips its schema check of each value (the tests validate every chart)."""
    if resolve_scale:
        if chart.resolve is alt.Undefined:
            chart.resolve = alt.Resolve()
        chart.resolve["scale"] = alt.ScaleResolveMap(**resolve_scale)
    for key, val in props.items():
        setattr(chart, key, val)
    for part, kw in (configure or {}).items():
        if part == "":
            chart.config = alt.Config(**kw)
            continue
        if chart.config is alt.Undefined:
            chart.config = alt.Config()
        chart.config[part] = CONFIGS[part](**kw)
    return chart


def with_text_colors(config: dict) -> dict:
    """``config`` with the readable text colours under it (a chart's own settings win)."""
    out = dict(config)
    for part, vals in CHART_TEXT_CONFIG.items():
        out[part] = {**vals, **(config.get(part) or {})}
    return out


def decimals_for(index: str, indicator: str) -> int:
    if index == "PAPI" and indicator.count(".") == 1:
        return 3
    return 2


def records(df: pd.DataFrame) -> list[dict]:
    """Inline chart data: records with NaN as null (Vega-Lite's 'missing')."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def uploaded(d: pd.DataFrame) -> pd.Series:
    """True on rows holding a figure uploaded in this session (``origin`` == 'uploaded' and a value)."""
    if "origin" not in d:
        return pd.Series(False, index=d.index)
    return d["origin"].astype("string").fillna("").eq("uploaded") & d["value"].notna()


def uploaded_ring(df: pd.DataFrame, x, y, tips: list, size: float = 260):
    """A black diamond ring around every point of an uploaded figure, or None when there is none
    (an uploaded figure is marked on the chart itself, not only in a page banner)."""
    up = uploaded(df) if "value" in df else pd.Series(False, index=df.index)
    if not up.any():
        return None
    return (alt.Chart(df[up]).mark_point(shape="diamond", filled=False, size=size, strokeWidth=2.2, color="black")
            .encode(x=x, y=y, tooltip=tips))


def display_frame(sl: pd.DataFrame, lang: str, no_data: str) -> pd.DataFrame:
    """Add text columns for tooltips and tables to a ``Dataset.slice`` frame."""
    out = sl.copy()
    dec = decimals_for(str(out["index"].iloc[0]), str(out["indicator"].iloc[0])) if len(out) else 2
    out["name"] = out[col("name", lang)]
    out["value_txt"] = [fmt_num(v, dec, lang) or no_data for v in out["value"]]
    if "origin" in out:  # this session's uploaded figures say so wherever their value is shown
        up = (out["origin"] == "uploaded").fillna(False).to_numpy(dtype=bool)
        out.loc[up, "value_txt"] = out.loc[up, "value_txt"] + f" ({t('uploaded', lang)})"
    # "12/61": the rank out of the units ranked (the assessed provinces where some were not assessed)
    of = out["rank_of"] if "rank_of" in out else pd.Series(pd.NA, index=out.index)
    out["rank_txt"] = ["" if pd.isna(r) else (f"{int(r)}/{int(n)}" if pd.notna(n) else f"{int(r)}")
                       for r, n in zip(out["rank"], of)]
    out["change_txt"] = [fmt_signed(v, dec, lang) for v in out["change"]]
    out["value"] = out["value"].astype(float)
    return out


def wrap_lines(text: str, width: int) -> list[str]:
    """A label broken into lines of at most ``width`` characters at spaces (a longer word stays whole)."""
    return textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False) or [str(text)]


def wrapped_label_expr(labels, width: int, missing=(), note: str = "") -> tuple[str, int]:
    """A Vega ``labelExpr`` that writes each axis label on as many lines as it needs (never truncated), and
    ``note`` as a last line under the labels in ``missing``; with the largest number of lines of a label."""
    missing = [m for m in labels if m in set(missing)]
    lines = {x: wrap_lines(x, width) for x in labels}
    wmap = {x: v for x, v in lines.items() if len(v) > 1}
    expr = f"({json.dumps(wmap, separators=(',', ':'))}[datum.value] || datum.value)"
    if missing:
        nd = {x: lines[x] + [note] for x in missing}
        expr = (f"indexof({json.dumps(missing)}, datum.value) >= 0 ? "
                f"{json.dumps(nd, separators=(',', ':'))}[datum.value] : {expr}")
    most = max([len(v) + (1 if x in missing else 0) for x, v in lines.items()], default=1)
    return expr, most
