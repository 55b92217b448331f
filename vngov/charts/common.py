"""Shared helpers of the chart builders: number formatting, colours, display frames. No Streamlit."""

from __future__ import annotations

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
