"""Load an official table (vngov.views.upload): an uploaded CSV is checked in full (vngov.upload); if it is
clean its figures are shown on every page of this browser session only (nothing is written to disk).

The page holds the session's upload state: the accepted figures (``ui.UPLOAD_KEY``), the checked file
(``up_result``, keyed by its digest), a generation number that gives the file box and the choice fresh
keys after an add, and a one-run flash message."""

import hashlib

import streamlit as st

from vngov import ui
from vngov import upload as up
from vngov.i18n import fmt_int, t
from vngov.ui import gate
from vngov.views import upload as view

ds, s, lang = ui.page()
ss = st.session_state
where = ui.slots("active", "manage", "template", "file", "add")


def bump(flash) -> None:
    ss["up_version"] = ss.get("up_version", 0) + 1
    ss["up_flash"] = flash


def remove() -> None:
    ss.pop(ui.UPLOAD_KEY, None)
    bump("removed")


def add(res: up.UploadResult, replace: bool, n: int) -> None:
    ss[ui.UPLOAD_KEY] = up.apply_upload(ui.uploads(), res, replace)
    ss["up_gen"] = ss.get("up_gen", 0) + 1  # a fresh, empty file box
    ss.pop("up_result", None)
    bump(n)


def checked(file, source: str) -> up.UploadResult:
    """The file judged once per content, name, source and session set (not at every run)."""
    data = file.getvalue()
    key = (hashlib.sha256(data).hexdigest(), file.name, source, ss.get("up_version", 0))
    if ss.get("up_result", (None,))[0] != key:
        with gate.aside():  # a large file does not hold up other sessions' runs (vngov/ui/gate.py)
            ss["up_result"] = (key, up.read_upload(data, file.name, source, ds))
    return ss["up_result"][1]


flash = ss.pop("up_flash", None)
if flash:
    st.toast(t("up_removed", lang) if flash == "removed" else t("up_added", lang, n=flash),
             icon=":material/delete:" if flash == "removed" else ":material/check_circle:")
extra = ui.uploads()
if extra:
    where["manage"].controls.button(t("up_remove", lang), key="up_remove", icon=":material/delete:", on_click=remove)
where["template"].controls.download_button(
    t("up_template", lang), up.template_bytes(), file_name="template_scores.csv", mime="text/csv",
    key="up_template", on_click="ignore", icon=":material/download:")
where["template"].controls.download_button(
    t("up_template34", lang), up.template_bytes("34"), file_name="template_scores34.csv", mime="text/csv",
    key="up_template34", on_click="ignore", icon=":material/download:")
box = where["file"].controls
source = box.text_input(t("up_source_label", lang), key="up_source", max_chars=up.MAX_SOURCE,
                        placeholder=t("up_source_placeholder", lang))
gen = ss.get("up_gen", 0)
file = box.file_uploader(t("up_file_label", lang), type=["csv"], key=f"up_file_{gen}", help=t("up_file_help", lang),
                         max_upload_size=up.MAX_BYTES // (1024 * 1024))
res = checked(file, source) if file is not None else None
replace = False
if res is not None and res.ok:
    if len(res.conflicts):  # keep by default
        replace = where["add"].controls.radio(t("up_choice", lang), ["keep", "replace"], key=f"up_choice_{gen}",
                                              format_func=lambda o: view.choice_label(o, lang)) == "replace"
    n_add = view.to_add(res, replace)
    if n_add:
        where["add"].controls.button(t("up_add", lang, n=fmt_int(n_add, lang)), key="up_add", type="primary",
                                     icon=":material/add:", on_click=add, args=(res, replace, n_add))
ui.render(view.model(ds, lang, extra, res, replace), where)
