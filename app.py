"""Entry point: the shared frame (data, URL state, sidebar) and the page navigation."""

import streamlit as st

from vngov import ui
from vngov.i18n import t
from vngov.ui import gate, warm

st.set_page_config(page_title="Chỉ số quản trị cấp tỉnh · Viet Nam provincial governance", page_icon="🗺️",
                   layout="wide")
with gate.turn():  # one of a few script runs at a time in this process (vngov/ui/gate.py)
    ui.leave_legacy_pages_mode()  # before any widget exists (see its docstring)
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
             for f, path, key, icon in PAGES]
    st.navigation(pages).run()
    warm.start()  # once per process, after the first page was served: see vngov/ui/warm.py
