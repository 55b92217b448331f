"""The shared frame of every page: data, URL state, the sidebar's five controls, link notices."""

from __future__ import annotations

import streamlit as st

from vngov.catalog import INDEX_META, INDICES
from vngov.data import Dataset
from vngov.i18n import LANG_LABELS, col, inert, t
from vngov.ui.bind import bind
from vngov.ui.caches import dataset
from vngov.ui.state import STATE_KEY, lang, notices, state, sync_from_url, write_url
from vngov.urlstate import State
from vngov.validate import DataValidationError
from vngov.views.common import indicator_name

def leave_legacy_pages_mode() -> None:
    """A ``pages/`` folder beside app.py makes Streamlit run the first script run of a fresh server process
    in its legacy pages-folder mode (until the first ``st.navigation`` call): widgets created in that run
    get other ids than in every later run (the first visitor's first control change was dropped), and a
    first visitor landing on /map would run the page without app.py. Leave that mode and run again
    through app.py. The one place that knows the flag (tests/ui/test_frame.py fails if Streamlit drops it)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def page() -> tuple[Dataset, State, str]:
    """Start of every page file: (dataset, view state, language)."""
    leave_legacy_pages_mode()
    if STATE_KEY not in st.session_state:
        frame()
    return dataset(), state(), lang()


def frame() -> None:
    """Load data, read the URL, draw the shared sidebar, write the URL. Called once per run by app.py."""
    try:
        ds = dataset()
    except DataValidationError as e:
        from vngov.ui.render import data_problem

        data_problem(e, st.query_params.get("lang") if st.query_params.get("lang") in ("vi", "en") else "vi")
        st.stop()
    sync_from_url(ds)
    # less empty space above the title, so the map fits a 1280×720 projector; the phone fixes (PHONE_CSS)
    st.html("<style>.stMainBlockContainer{padding-top:2.2rem}" + phone_css(t("mp_menu", lang())) + A11Y_CSS
            + STATIC_TABLE_CSS + "</style>")
    declare_lang(lang())
    sidebar(ds)
    write_url()
    if ds.problems:  # a file the pages can do without (national.csv) is damaged: one notice, the rest works
        from vngov.ui.render import data_problem

        data_problem(DataValidationError(list(ds.problems)), lang(), "data_notice", warning=True)
    shown = notices()
    if shown:
        lang_ = lang()
        st.warning(t("url_notice", lang_, items="; ".join(inert(n.render(lang_)) for n in shown)), icon="⚠️")


PHONE_CSS = """
[data-testid="stExpandSidebarButton"]{width:auto;gap:.35rem;padding:.25rem .7rem .25rem .4rem;
  border:1px solid rgba(49,51,63,.35);border-radius:.5rem;background:#fff}
[data-testid="stExpandSidebarButton"]::after{content:"%s";font-size:.95rem;font-weight:600;color:#1f1f1f;
  white-space:nowrap}
@media (max-width: 640px){
  .stMainBlockContainer{padding-left:.75rem;padding-right:.75rem}
  [data-testid="stElementContainer"]:has([data-testid="stElementToolbar"]){margin-top:46px}
}
"""


# a static table (render.static_table): compact, in the theme's colours; one that scrolls keeps its header row in
# view
STATIC_TABLE_CSS = """
.vngov-scroll{overflow:auto}
.vngov-scroll:focus-visible{outline:2px solid #b8001f;outline-offset:2px}
table.vngov-table{border-collapse:collapse;width:100%;font-size:.92rem;line-height:1.35;color:#111111}
table.vngov-table th,table.vngov-table td{padding:.3rem .5rem;border-bottom:1px solid rgba(49,51,63,.15);
  text-align:left;vertical-align:top}
table.vngov-table th{font-weight:600;position:sticky;top:0;background:#fff;z-index:1;
  box-shadow:inset 0 -1px 0 rgba(49,51,63,.35)}
table.vngov-table .n{text-align:right;font-variant-numeric:tabular-nums}
table.vngov-table td{overflow-wrap:anywhere}
table.vngov-table td.n{white-space:nowrap}
table.vngov-table tbody tr:hover{background:#f4f1ec}
"""


# a page link that cannot be followed yet ("Open the profile of …" before a province is chosen) keeps a text
# colour readable at WCAG AA (Streamlit fades it to 2.6:1); it stays distinguishable by its not-allowed cursor
# and, once a province is chosen, by the full-strength colour
A11Y_CSS = """
[data-testid="stPageLink-NavLink"][disabled] span{color:#6b6b6b}
[data-testid="stPageLink-NavLink"][disabled]{cursor:not-allowed}
"""


def declare_lang(lang_: str) -> None:
    """Tell assistive technology the page's language (<html lang="vi"> or "en"): Streamlit has no API for it
    and always serves lang="en", so a Vietnamese page was read by an English voice. A tiny script run with
    each script run (st.html runs it in the page itself, not in an iframe)."""
    code = {"vi": "vi", "en": "en"}.get(lang_, "vi")
    st.html(f"<script>document.documentElement.lang='{code}';{TOAST_NAMES}</script>", unsafe_allow_javascript=True)


# Streamlit's toast is a role="dialog" without a name (axe: aria-dialog-name, serious): once per browser tab, an
# observer names each toast by its own text
TOAST_NAMES = ("if(!window.vngovToastNames){window.vngovToastNames=new MutationObserver(()=>{"
               "document.querySelectorAll('.stToast:not([aria-label])').forEach(e=>{"
               "const x=e.querySelector('[data-testid=\"stToastText\"]');"
               "if(x&&x.innerText.trim())e.setAttribute('aria-label',x.innerText.trim())})});"
               "window.vngovToastNames.observe(document.body,{childList:true,subtree:true})}")


def phone_css(menu: str) -> str:
    """The page list and the language switch behind a visible, labelled button ("☰ Menu: pages,
    language", not a bare "»"); on a phone the table toolbars take their own line above the table
    instead of covering the heading or rows above it, and the page uses more of the width."""
    return PHONE_CSS % menu.replace("\\", "").replace('"', "'").replace("<", "")


def sidebar(ds: Dataset) -> None:
    s = state()
    sb = st.sidebar
    lang_ = bind("w_lang", "segmented", t("language", s.lang), ["vi", "en"], value=s.lang,
                 write=lambda v: {"lang": v}, names=LANG_LABELS, where=sb, width="stretch")
    bind("w_index", "select", t("index", lang_), INDICES, value=s.index, write=lambda v: {"index": v},
         names=lambda i: INDEX_META[i]["short"], where=sb)
    bind("w_year", "select", t("year", lang_), ds.years(s.index)[::-1], value=s.year,
         write=lambda v: {"year": int(v), "vy": 0}, where=sb)  # the sidebar year takes over from the Across year
    inds = ds.indicators_for(s.index, s.year)
    names = dict(zip(inds["indicator"], inds[col("name", lang_)]))
    bind("w_ind", "select", t("indicator", lang_), list(inds["indicator"]), value=s.ind,
         write=lambda v: {"ind": v}, names=lambda i: indicator_name(i, names.get(i, i), lang_), where=sb)
    regions = ds.provinces.drop_duplicates("region")
    rnames = {"": t("all_regions", lang_), **dict(zip(regions["region"], regions[col("region_name", lang_)]))}
    bind("w_region", "select", t("region", lang_), list(rnames), value=s.region, write=lambda v: {"region": v},
         names=rnames, where=sb)
