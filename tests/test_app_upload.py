"""The upload page through AppTest (st.file_uploader is driven by AppTest in Streamlit 1.67), and uploaded
figures reaching the other pages of the same session."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from apptest_util import ENTRY, charts, lookup_records, no_exception, run_app, shown
from conftest import ROOT
from test_upload import enc1258
from vngov import upload as up
from vngov.i18n import t

SRC = "QĐ 330/QĐ-BNV 13/5/2020, phụ lục"
# PAR INDEX 2019: Quảng Ninh (22) is bundled as 90.09; Hà Giang (02) has no bundled figure
GOOD = ("index;year;province_code;indicator;value;rank;note\n"
        "PAR_INDEX;2019;22;total;90,50;1;Quảng Ninh\n"
        "PAR_INDEX;2019;02;total;80,16;40;Hà Giang, Thừa Thiên Huế\n")
UPLOAD_PAGE = "pages/upload.py"


def upload(at: AppTest, data: bytes, name: str = "par_2019.csv", source: str = SRC) -> AppTest:
    at.text_input(key="up_source").set_value(source)
    at.file_uploader[0].set_value((name, data, "text/csv"))
    return at.run()


def map_records(at: AppTest, index="PAR_INDEX", year="2019"):
    at.query_params.clear()
    at.query_params.update({"index": index, "year": year, "lang": "en"})
    at.switch_page(str(ROOT / "pages/map.py"))
    at.run()
    no_exception(at)
    return lookup_records(charts(at)[0]).set_index("province_code")


@pytest.mark.parametrize("lang,title", [("vi", "Tải bảng chính thức"), ("en", "Load an official table")])
def test_page_renders(lang, title):
    at = run_app({"lang": lang}, page=UPLOAD_PAGE)
    no_exception(at)
    assert at.title[0].value == title
    [tmpl] = [b for b in at.get("download_button") if b.key == "up_template"]
    assert tmpl.label == ("Download the template (CSV)" if lang == "en" else "Tải tệp mẫu (CSV)")
    [fu] = at.file_uploader
    assert fu.allowed_type == [".csv"] and not fu.accept_multiple_files
    assert at.info[0].value.startswith("No uploaded" if lang == "en" else "Chưa có số liệu")
    assert at.text_input(key="up_source").value == ""


def test_upload_keep_bundled_then_map_shows_only_the_new_figure(ds):
    at = run_app({"lang": "en"}, page=UPLOAD_PAGE)
    upload(at, enc1258(GOOD))
    no_exception(at)
    assert at.success[0].value == ("2 valid rows, not loaded yet. Read as Windows-1258, separator “;”, "
                                   "2 decimal comma(s) converted.")
    assert at.warning[0].value.startswith("1 figure(s) in the file already exist in the data (0 with the same value)")
    conf = at.dataframe[1].value  # [0] preview, [1] conflicts (display frames: headers from the catalogue)
    assert list(conf["Existing value"]) == ["90.09"] and list(conf["Uploaded value"]) == ["90.5"]
    preview = at.dataframe[0].value
    assert list(preview["Note"]) == ["Quảng Ninh", "Hà Giang, Thừa Thiên Huế"]
    assert at.radio(key="up_choice_0").value == "keep"  # never replaced unless chosen
    add = at.button(key="up_add")
    assert add.label == "Add 1 figure(s) to this session"
    add.click().run()
    no_exception(at)
    assert at.success[0].value == "1 uploaded figures active in this browser session."
    assert len(at.file_uploader) == 1 and at.file_uploader[0].value is None  # a fresh file box
    stored = at.session_state["_uploaded_scores"]
    assert list(stored["scores"]["province_code"]) == ["02"] and list(stored["sources"]["title"]) == [SRC]
    rec = map_records(at)
    assert rec.at["02", "value"] == pytest.approx(80.16) and rec.at["22", "value"] == pytest.approx(90.09)
    n_bundled = ds.coverage("PAR_INDEX", 2019)["with_value"]
    assert rec["value"].notna().sum() == n_bundled + 1 and len(rec) == 63
    # the uploaded figure is counted apart, never as published (issue 11)
    assert f"{n_bundled} published + 1 uploaded of 63 provinces" in at.markdown[0].value
    # marked as uploaded, with the uploader's source text, where it is shown: map tooltip/table and a notice
    assert rec.at["02", "value_txt"] == "80.16 (uploaded)" and rec.at["22", "value_txt"] == "90.09"
    notice = f"This page shows figures you uploaded in this session (not part of the app's published dataset); " \
             f"source as you gave it: “{SRC}”."
    assert [shown(i.value) for i in at.info if "uploaded" in i.value] == [notice]  # the source text is inert
    for page, params in (("pages/rankings.py", {"index": "PAR_INDEX", "year": "2019"}),
                         ("pages/profile.py", {"p": "02"}), ("pages/compare.py", {"p": "02,22"})):
        at.query_params.clear()
        at.query_params.update({"lang": "en", **params})
        at.switch_page(str(ROOT / page))
        at.run()
        no_exception(at)
        assert notice in [shown(i.value) for i in at.info], page
    # a page showing none of the uploaded figures has no such notice (PAPI 2019 map)
    map_records(at, "PAPI", "2019")
    assert not [i.value for i in at.info if "uploaded" in i.value]


def test_upload_replace_shows_uploaded_value_everywhere_then_remove():
    at = run_app({"lang": "en"}, page=UPLOAD_PAGE)
    upload(at, GOOD.encode("utf-8-sig"))
    at.radio(key="up_choice_0").set_value("replace").run()
    at.button(key="up_add").click().run()
    no_exception(at)
    assert at.success[0].value == "2 uploaded figures active in this browser session."
    rec = map_records(at)
    assert rec.at["22", "value"] == pytest.approx(90.5) and rec.at["02", "value"] == pytest.approx(80.16)
    assert len(rec) == 63  # the replaced figure is not drawn twice
    # back on the upload page: a second file that clashes with the first upload; the choice is back at "keep"
    at.switch_page(str(ROOT / UPLOAD_PAGE))
    at.run()
    upload(at, b"index,year,province_code,indicator,value,rank\nPAR_INDEX,2019,02,total,80.2,39\n", name="second.csv")
    no_exception(at)
    assert at.radio(key="up_choice_1").value == "keep"
    assert list(at.dataframe[-1].value["Existing from"]) == [t("uploaded", "en")]
    assert at.info[-1].value == "Nothing left to add: every row duplicates a figure you keep."
    # remove them all
    at.button(key="up_remove").click().run()
    no_exception(at)
    assert "_uploaded_scores" not in at.session_state
    assert at.info[0].value == "No uploaded figures in this session."
    rec = map_records(at)
    assert rec.at["22", "value"] == pytest.approx(90.09) and pd.isna(rec.at["02", "value"])


def test_bad_file_lists_every_problem_and_loads_nothing():
    bad = ("index,year,province_code,indicator,value,rank\n"
           "PAR_INDEX,2019,99,total,80,41\n"
           "PAR_INDEX,2019,04,total,184.64,42\n"
           "SIPAS,2019,46,total,87,16,5\n")
    at = run_app({"lang": "en"}, page=UPLOAD_PAGE)
    upload(at, bad.encode())
    assert not at.exception
    assert at.error[0].value == "3 problem(s) in the file: nothing was loaded. Fix them all and upload again."
    probs = at.dataframe[0].value
    assert list(probs.columns) == ["File", "Row", "Column", "Problem"]
    assert list(probs["Row"]) == ["2", "3", "4"]
    assert list(probs["Column"]) == ["province_code", "value", ""]
    assert "is outside the scale 0–100" in probs["Problem"].iloc[1]
    assert "_uploaded_scores" not in at.session_state
    assert all(b.key != "up_add" for b in at.button)


def test_source_is_required_and_png_refused():
    at = run_app({"lang": "en"}, page=UPLOAD_PAGE)
    upload(at, GOOD.encode(), source="")
    assert at.error and list(at.dataframe[0].value["Column"]) == ["Source"]
    upload(at, b"\x89PNG\r\n\x1a\n\x00\x00", name="map.csv", source=SRC)
    msgs = list(at.dataframe[0].value["Problem"])
    assert msgs == ["This is not a CSV text file (it looks like a PNG image). Save the table as CSV."]


def test_oversize_through_the_page():
    at = run_app({"lang": "vi"}, page=UPLOAD_PAGE)
    data = b"index,year,province_code,indicator,value,rank\n" + b"SIPAS,2019,46,total,87.16,5\n" * 80000
    upload(at, data)
    assert not at.exception and at.error
    msgs = list(at.dataframe[0].value["Lỗi"])
    size = f"{len(data) / 1048576:.1f}".replace(".", ",")  # numbers in the page's locale
    assert msgs == [f"Tệp có dung lượng {size} MB, vượt giới hạn 2,0 MB."]


def test_session_state_set_directly_reaches_the_map(ds):
    """Without the widget: pure functions + session state, as another page would see it."""
    res = up.read_upload(GOOD.encode(), "x.csv", SRC, ds)
    extra = up.apply_upload(None, res, replace=True)
    at = AppTest.from_string(ENTRY, default_timeout=90)
    at.session_state["_uploaded_scores"] = extra
    at.query_params.update({"index": "PAR_INDEX", "year": "2019"})
    at.run()
    no_exception(at)
    rec = lookup_records(charts(at)[0]).set_index("province_code")
    assert rec.at["22", "value"] == pytest.approx(90.5) and rec.at["02", "value"] == pytest.approx(80.16)


def _profile_par_2019(at, code="22") -> str:
    at.query_params.clear()
    at.query_params.update({"lang": "en", "p": code})
    at.switch_page(str(ROOT / "pages/profile.py"))
    at.run()
    no_exception(at)
    hist = at.dataframe[0].value
    row = hist[(hist["Index"] == "PAR INDEX") & (hist["Year"] == "2019")]
    return row.iloc[0]["Score"]


def test_two_sessions_with_different_uploads_never_share_a_result():
    """Results are cached process-wide under the dataset's version: two uploads of the same size but
    different figures must each see their own (and a session without uploads the bundled figure)."""
    seen = []
    for value in ("90,50", "95,25"):
        at = run_app({"lang": "en"}, page=UPLOAD_PAGE)
        upload(at, f"index;year;province_code;indicator;value;rank\nPAR_INDEX;2019;22;total;{value};1\n".encode())
        at.radio(key="up_choice_0").set_value("replace").run()
        at.button(key="up_add").click().run()
        no_exception(at)
        seen.append(_profile_par_2019(at))
    assert seen == ["90.50", "95.25"]
    assert _profile_par_2019(run_app({"lang": "en"})) == "90.09"  # bundled


@pytest.mark.parametrize("case", ["every", "png", "out_of_scale", "fields"])
def test_bad_upload_on_a_vietnamese_page_has_no_english(ds, case):
    """What the Vietnamese page shows for a bad upload (error, notices, the problems table: headers and
    cells) holds no English word of the same page in English (but the file's own cells and names)."""
    from test_upload import bad_uploads, english_in, words

    [(_, data, source)] = [c for c in bad_uploads(ds) if c[0] == case]
    seen = {}
    for lang in ("vi", "en"):
        at = run_app({"lang": lang}, page=UPLOAD_PAGE)
        upload(at, data, name="t.csv", source=source)
        assert not at.exception
        texts = [e.value for kind in ("error", "warning", "info", "success", "caption", "markdown")
                 for e in at.get(kind)]
        for df in at.dataframe:
            texts += list(map(str, df.value.columns)) + [str(v) for v in df.value.to_numpy().ravel()]
        seen[lang] = " ".join(texts)
    assert at.error  # the problem list is shown
    visitor = words(data.decode("utf-8", errors="replace")) | words(source) | words(" ".join(ds.provinces["name_vi"]))
    assert not english_in(seen["vi"], seen["en"], visitor)
