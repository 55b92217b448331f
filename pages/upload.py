"""Load an official table: an uploaded CSV is checked in full; if it is clean its figures are shown on every
page for this browser session only (nothing is written to disk). The work is done by vngov.upload."""

import hashlib

import streamlit as st

from vngov import ui
from vngov import upload as up
from vngov.i18n import t

ds, s, lang = ui.page()
st.title(t("page_upload", lang))
st.write(t("up_intro", lang))

# ---- what is active in this session ------------------------------------------------------
flash = st.session_state.pop("up_flash", None)
if flash == "removed":
    st.toast(t("up_removed", lang), icon=":material/delete:")
elif flash:
    st.toast(t("up_added", lang, n=flash), icon=":material/check_circle:")
extra = st.session_state.get(ui.UPLOAD_KEY)
active = extra["scores"] if extra else None
if active is not None and len(active):
    st.success(t("up_active", lang, n=len(active)), icon=":material/upload_file:")
    summ = up.summary(active)
    st.dataframe(summ, hide_index=True, width="content", column_config={
        "index": t("index", lang), "year": st.column_config.NumberColumn(t("year", lang), format="%d"),
        "indicator": t("indicator", lang), "provinces": t("provinces", lang),
        "with_value": t("up_with_value", lang), "with_rank": t("up_with_rank", lang)})
    st.caption(f"{t('source', lang)}: " + "; ".join(ds.sources_for(active["source_id"])["title"]))
    c1, c2 = st.columns([1, 2])
    if c1.button(t("up_remove", lang), key="up_remove", icon=":material/delete:"):
        st.session_state.pop(ui.UPLOAD_KEY, None)
        st.session_state["up_version"] = st.session_state.get("up_version", 0) + 1
        st.session_state["up_flash"] = "removed"
        st.rerun()
    with c2:
        ui.downloads(active.drop(columns="origin"), None, "uploaded_scores",
                     {"content": "figures uploaded in this browser session (not part of the bundled dataset)",
                      "source": "; ".join(ds.sources_for(active["source_id"])["title"])}, key="up_active")
else:
    st.info(t("up_active_none", lang), icon=":material/info:")
st.caption(t("up_no_disk", lang))

# ---- the template and the columns --------------------------------------------------------
st.download_button(t("up_template", lang), up.template_bytes(), file_name="template_scores.csv", mime="text/csv",
                   key="up_template", on_click="ignore", icon=":material/download:")
with st.expander(t("up_columns_title", lang)):
    st.markdown(t("up_columns", lang))

# ---- source and file ---------------------------------------------------------------------
source = st.text_input(t("up_source_label", lang), key="up_source", max_chars=up.MAX_SOURCE,
                       placeholder=t("up_source_placeholder", lang))
gen = st.session_state.get("up_gen", 0)
file = st.file_uploader(t("up_file_label", lang), type=["csv"], key=f"up_file_{gen}", help=t("up_file_help", lang),
                        max_upload_size=up.MAX_BYTES // (1024 * 1024))
if file is not None:
    data = file.getvalue()
    key = (hashlib.sha256(data).hexdigest(), file.name, source, lang, st.session_state.get("up_version", 0))
    cached = st.session_state.get("up_result")
    if cached and cached[0] == key:
        res = cached[1]
    else:
        res = up.read_upload(data, file.name, source, ds, lang)
        st.session_state["up_result"] = (key, res)

    if res.problems:
        st.error(t("up_problems", lang, n=len(res.problems)), icon=":material/error:")
        probs = up.problems_frame(res.problems)
        shown = probs.assign(row=probs["row"].astype("string").fillna("—"),
                             column=probs["column"].replace({"source": t("source", lang)}))
        st.dataframe(shown, hide_index=True, width="stretch", column_config={
            "file": st.column_config.TextColumn(t("up_col_file", lang), width="small"),
            "row": st.column_config.TextColumn(t("up_col_row", lang), width="small"),
            "column": st.column_config.TextColumn(t("up_col_column", lang), width="small"),
            "message": st.column_config.TextColumn(t("up_col_message", lang), width="large")})
        ui.downloads(probs, None, "upload_problems", {"file": res.file, "problems": str(len(probs))}, key="up_probs")
    else:
        dec = t("up_decimal", lang, n=res.decimal_commas) if res.decimal_commas else ""
        sep = {",": "“,”", ";": "“;”", "\t": "tab"}.get(res.delimiter, res.delimiter)
        st.success(t("up_valid", lang, n=len(res.rows), enc=res.encoding, sep=sep, dec=dec), icon=":material/check:")
        for n in res.notices:
            st.info(n, icon=":material/info:")
        st.subheader(t("up_preview", lang))
        summ = up.summary(res.rows)
        what = ", ".join(f"{ui.index_label(r['index'])} {r['year']} {r['indicator']}" for r in summ.head(4).to_dict("records"))
        what += f" (+{len(summ) - 4})" if len(summ) > 4 else ""
        st.markdown(t("up_coverage", lang, n=res.rows["province_code"].nunique(), what=what))
        name_col = "name_en" if lang == "en" else "name_vi"
        names = ds.provinces.set_index("province_code")[name_col]
        preview = res.rows.assign(province=res.rows["province_code"].map(names))
        st.dataframe(preview[["line", "index", "year", "province_code", "province", "indicator", "value", "rank",
                              "units", "note"]], hide_index=True, width="stretch", height=260, column_config={
            "line": st.column_config.NumberColumn(t("up_col_row", lang), format="%d"),
            "year": st.column_config.NumberColumn(t("year", lang), format="%d"),
            "province": t("province", lang), "value": t("value", lang), "rank": t("rank", lang),
            "note": t("note", lang)})
        st.caption(f"{t('source', lang)}: {res.source['title'].iloc[0]}")
        replace = False
        n_add = len(res.rows)
        if len(res.conflicts):
            c = res.conflicts.assign(province=res.conflicts["province_code"].map(names),
                                     existing_origin=res.conflicts["existing_origin"].map(
                                         {"bundled": t("up_bundled", lang), "uploaded": t("uploaded", lang)}))
            st.warning(t("up_conflicts", lang, n=len(c), same=int(c["same"].sum())), icon=":material/warning:")
            st.dataframe(c[["line", "index", "year", "province", "indicator", "existing_value", "uploaded_value",
                            "existing_rank", "uploaded_rank", "existing_origin", "same"]],
                         hide_index=True, width="stretch", column_config={
                "line": st.column_config.NumberColumn(t("up_col_row", lang), format="%d"),
                "year": st.column_config.NumberColumn(t("year", lang), format="%d"),
                "province": t("province", lang),
                "existing_value": t("up_existing_value", lang), "uploaded_value": t("up_uploaded_value", lang),
                "existing_rank": t("up_existing_rank", lang), "uploaded_rank": t("up_uploaded_rank", lang),
                "existing_origin": t("up_existing_origin", lang), "same": t("up_same", lang)})
            choice = st.radio(t("up_choice", lang), ["keep", "replace"], key=f"up_choice_{gen}",  # keep by default
                              format_func=lambda o: t("up_keep" if o == "keep" else "up_replace", lang))
            replace = choice == "replace"
            n_add = len(res.rows) if replace else len(res.rows) - len(c)
        if n_add == 0:
            st.info(t("up_nothing_to_add", lang), icon=":material/info:")
        elif st.button(t("up_add", lang, n=n_add), key="up_add", type="primary", icon=":material/add:"):
            st.session_state[ui.UPLOAD_KEY] = up.apply_upload(extra, res, replace)
            st.session_state["up_gen"] = gen + 1  # a fresh, empty file box
            st.session_state["up_version"] = st.session_state.get("up_version", 0) + 1
            st.session_state.pop("up_result", None)
            st.session_state["up_flash"] = n_add
            st.rerun()
