"""The meeting brief's download button (the PDF is made by ``vngov.brief`` when the button is pressed)."""

from __future__ import annotations

import streamlit as st

from vngov.data import Dataset
from vngov.i18n import t


def brief_download(where, ds: Dataset, code: str, lang: str, index: str, year: int, key: str) -> None:
    """A button that downloads the one-page A4 brief of province ``code`` in the page's language; its map
    shows ``index``/``year`` (the sidebar's)."""
    from vngov import brief

    where.download_button(t("mt_brief_download", lang), lambda: brief.build(ds, code, lang, index, year),
                          file_name=f"brief_{code}_{lang}.pdf", mime="application/pdf", key=key,
                          on_click="ignore", icon=":material/picture_as_pdf:", type="primary")
