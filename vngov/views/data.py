"""Data & methods: what each index measures, components and scales per era, method breaks, coverage,
national figures, official gaps, every source with its licence, boundaries, downloads of the dataset."""

from __future__ import annotations

from vngov.catalog import INDEX_META, METHOD_BREAKS
from vngov.data import Dataset
from vngov.i18n import col, t
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views.common import break_text, index_name

META = {"dataset": "Viet Nam provincial governance scores (PAR INDEX, SIPAS, PAPI, PCI)",
        "source": "see sources.csv; documentation: data/README.md"}


def _headers(lang: str, *names: str) -> dict[str, str]:
    return {n: t(f"dm_col_{n}", lang) for n in names}


def units34_blocks(ds: Dataset, lang: str) -> list:
    """The 2025 reform (Resolution 202/2025/QH15): what changed, the 63 -> 34 mapping table, which comparisons
    are valid across it, and what is bundled for the 34 units."""
    p34 = ds.for_units("34").provinces
    p63 = ds.for_units("63")
    n34 = int((ds.scores["units"] == "34").sum())
    table = p34[["province_code", col("name", lang)]].assign(former=[
        ", ".join(f"{o} {p63.province_name(o, lang)}" for o in str(f).split()) for f in p34["former_codes"]]
    ).rename(columns={"province_code": t("dm_col_code34", lang), col("name", lang): t("new_province", lang),
                      "former": t("old_provinces", lang)})
    return [b.Text(t("dm_units34_head", lang), "header"), b.Text(t("dm_units34_reform", lang)),
            b.Text(t("dm_units34_valid", lang)),
            b.Text(t("dm_units34_bundled", lang, n=n34)),
            b.Expander(t("dm_units34_mapping", lang), (b.Table(table, key="dm_units34"),), expanded=False),
            b.Download(p34[["province_code", "name_vi", "name_en", "region", "former_codes", "former_names_vi",
                            "former_names_en"]], "provinces34",
                       {**META, "source": "Resolution 202/2025/QH15; shared/sources/geo/mapping_2025"},
                       key="dl_p34", label="provinces34.csv")]


def model(ds: Dataset, s: State, lang: str) -> b.Page:
    cov = ds.coverage_table()
    blocks: list = [b.Text(t("dm_intro", lang))]
    for index, meta in INDEX_META.items():
        blocks += [b.Text(index_name(index, lang), "header"), b.Text(meta["publisher"], "caption"),
                   b.Text(f"**{t('dm_measures', lang)}.** {t(f'dm_desc_{index}', lang)}")]
        if METHOD_BREAKS.get(index):
            blocks.append(b.Text(f"**{t('dm_breaks', lang)}**\n\n" + "\n".join(
                f"- {break_text(index, y, lang)}" for y in METHOD_BREAKS[index])))
        ind = ds.indicators[ds.indicators["index"] == index]
        h = _headers(lang, "indicator", "parent", "unit", "scale_min", "scale_max", "year_from", "year_to")
        comp = ind[["indicator", "parent", col("name", lang), "unit", "scale_min", "scale_max", "year_from",
                    "year_to"]].rename(columns={**h, col("name", lang): t("dm_col_name", lang)})
        blocks.append(b.Expander(t("dm_components", lang), (b.Table(
            comp, key=f"dm_ind_{index}", numbers={h["year_from"]: "%d", h["year_to"]: "%d"}),)))
        hc = _headers(lang, "year", "with_score", "with_rank", "with_components")
        blocks.append(b.Expander(t("dm_coverage", lang), (b.Table(
            cov[cov["index"] == index].drop(columns="index").rename(columns=hc), key=f"dm_cov_{index}",
            numbers={hc["year"]: "%d"}),), expanded=index in ("PAR_INDEX", "SIPAS")))
        nat = ds.national[ds.national["index"] == index]
        if len(nat):
            hn = _headers(lang, "year", "stat", "region", "value", "source_id", "note")
            blocks.append(b.Expander(t("dm_national", lang), (b.Table(
                nat.drop(columns="index").rename(columns=hn), key=f"dm_nat_{index}"),)))
    blocks += units34_blocks(ds, lang)
    hs = _headers(lang, "source_id", "title", "publisher", "url", "licence", "note")
    blocks += [
        b.Text(t("dm_gaps", lang), "header"), b.Text(t("dm_papi_gaps", lang)),
        b.Text(t("dm_colours", lang), "header"), b.Text(t("dm_colours_rule", lang)),
        b.Text(t("sources", lang), "header"),
        b.Table(ds.sources[list(hs)].rename(columns=hs), key="dm_sources", links=(hs["url"],)),
        b.Text(t("dm_boundaries", lang), "header"),
        b.Text(t("boundary_attribution", lang) + " — [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)"),
        b.Text(t("dm_download_all", lang), "header"),
        b.Download(ds.scores.drop(columns=["origin"], errors="ignore"), "scores", META, key="all"),
        b.Columns(((b.Download(ds.indicators, "indicators", META, key="dl_ind", label="indicators.csv"),),
                   (b.Download(ds.sources, "sources", META, key="dl_src", label="sources.csv"),)))]
    return b.Page(title=t("page_data", lang), blocks=blocks)
