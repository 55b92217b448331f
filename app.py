"""Entry point: the shared frame (data, URL state, sidebar) and the page navigation."""

import streamlit as st

from vngov import ui
from vngov.i18n import t

st.set_page_config(page_title="Chỉ số quản trị cấp tỉnh · Viet Nam provincial governance", page_icon="🗺️",
                   layout="wide")

# A pages/ folder beside app.py makes Streamlit run the first script run of a fresh server process in its
# legacy pages-folder mode (until the first st.navigation call). Widgets created in that run get other ids
# than in every later run, so the first visitor's first control change after a start was dropped (the
# index selectbox snapped back). Leave that mode before any widget exists (ui.page() did it too late).
from streamlit.runtime.pages_manager import PagesManager  # noqa: E402

if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()

ui.frame()
lang = ui.lang()

PAGES = [  # (file, url path, title key, icon)
    ("pages/map.py", "map", "page_map", ":material/map:"),
    ("pages/rankings.py", "rankings", "page_rankings", ":material/leaderboard:"),
    ("pages/components.py", "components", "page_components", ":material/stacked_bar_chart:"),
    ("pages/profile.py", "profile", "page_profile", ":material/location_city:"),
    ("pages/compare.py", "compare", "page_compare", ":material/compare_arrows:"),
    ("pages/across.py", "across", "page_across", ":material/scatter_plot:"),
    ("pages/meeting.py", "meeting", "page_meeting", ":material/slideshow:"),
    ("pages/upload.py", "upload", "page_upload", ":material/upload_file:"),
    ("pages/data.py", "data", "page_data", ":material/dataset:"),
]
pages = [st.Page(ui.ROOT / f, title=t(key, lang), icon=icon, url_path=path, default=(path == "map"))
         for f, path, key, icon in PAGES if (ui.ROOT / f).exists()]
st.navigation(pages).run()
