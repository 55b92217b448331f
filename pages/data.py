"""Data & methods: what each index measures, components and scales per era, method breaks, official gaps,
every source with its licence, and downloads of the full dataset."""

import streamlit as st

from vngov import ui
from vngov.catalog import INDEX_META, METHOD_BREAKS
from vngov.i18n import t

ds, _, lang = ui.page()
en = lang == "en"
st.title(t("page_data", lang))
st.markdown(t("dm_intro", lang))
cov = ds.coverage_table()

for index, meta in INDEX_META.items():
    st.header(meta["name_en" if en else "name_vi"])
    st.caption(meta["publisher"])
    st.markdown(f"**{t('dm_measures', lang)}.** {t('dm_desc_' + index, lang)}")
    breaks = METHOD_BREAKS.get(index, {})
    if breaks:
        st.markdown(f"**{t('dm_breaks', lang)}**")
        for y, (vi, en_text) in breaks.items():
            st.markdown(f"- {t('method_break', lang, year=y, text=en_text if en else vi)}")
    ind = ds.indicators[ds.indicators["index"] == index]
    with st.expander(t("dm_components", lang)):
        st.dataframe(ind[["indicator", "parent", "name_en" if en else "name_vi", "unit", "scale_min", "scale_max",
                          "year_from", "year_to"]], hide_index=True, width="stretch")
    with st.expander(t("dm_coverage", lang), expanded=index in ("PAR_INDEX", "SIPAS")):
        st.dataframe(cov[cov["index"] == index].drop(columns="index"), hide_index=True, width="stretch")
    nat = ds.national[ds.national["index"] == index]
    if len(nat):
        with st.expander(t("dm_national", lang)):
            st.dataframe(nat, hide_index=True, width="stretch")

st.header(t("dm_gaps", lang))
st.markdown(t("dm_papi_gaps", lang))

st.header(t("sources", lang))
st.dataframe(ds.sources[["source_id", "title", "publisher", "url", "licence", "note"]], hide_index=True,
             width="stretch", column_config={"url": st.column_config.LinkColumn("url")})
st.header(t("dm_boundaries", lang))
st.markdown(t("boundary_attribution", lang) + " — [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)")

st.header(t("dm_download_all", lang))
header = {"dataset": "Viet Nam provincial governance scores (PAR INDEX, SIPAS, PAPI, PCI)",
          "source": "see sources.csv; documentation: data/README.md"}
ui.downloads(ds.scores.drop(columns=["origin"], errors="ignore"), None, "scores", header, key="all")
c1, c2 = st.columns(2)
c1.download_button("indicators.csv", ui.csv_bytes(ds.indicators, header), "indicators.csv", "text/csv",
                   on_click="ignore", key="dl_ind")
c2.download_button("sources.csv", ui.csv_bytes(ds.sources, header), "sources.csv", "text/csv",
                   on_click="ignore", key="dl_src")
