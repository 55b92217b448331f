"""Data & methods: what each index measures, breaks, gaps, sources and licences; full download."""

import streamlit as st

from vngov import ui
from vngov.catalog import INDEX_META, METHOD_BREAKS
from vngov.i18n import t

ds, _, lang = ui.page()
st.title(t("page_data", lang))
cov = ds.coverage_table()
for index, meta in INDEX_META.items():
    st.subheader(meta["name_en" if lang == "en" else "name_vi"])
    st.write(meta["publisher"])
    for y, (vi, en) in METHOD_BREAKS.get(index, {}).items():
        st.markdown(f"- {t('method_break', lang, year=y, text=en if lang == 'en' else vi)}")
    st.dataframe(cov[cov["index"] == index].drop(columns="index"), hide_index=True, width="stretch")

st.subheader(t("sources", lang))
st.dataframe(ds.sources[["source_id", "title", "publisher", "url", "licence"]], hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("url")})
st.caption(t("boundary_attribution", lang))
ui.downloads(ds.scores.drop(columns=["origin"], errors="ignore"), None, "vn_provincial_scores",
             {"dataset": "Viet Nam provincial governance scores (PAR INDEX, SIPAS, PAPI, PCI)",
              "source": "see data/sources.csv"}, key="all")
