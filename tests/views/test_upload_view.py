"""The upload view (vngov.views.upload, pure): display-ready tables (headers from the catalogue, figures in
the page's locale), and no English on the Vietnamese page for the bad uploads the tests run.
(Named test_upload_view: tests/test_upload.py holds the name test_upload.)"""

import string
import tomllib

import pandas as pd

from test_upload import GOOD_CONFLICT, SRC, bad_uploads, english_in, words
from vngov import upload as up
from vngov.i18n import TEXT_DIR, catalogue, t
from vngov.views import blocks as b
from vngov.views import upload as view


def page_texts(page: b.Page) -> list[str]:
    """Every text a person reads on the page model: texts, captions, headings, table headers and cells."""
    out = [page.title]

    def walk(items):
        for x in items:
            if isinstance(x, b.Text):
                out.append(x.text)
            elif isinstance(x, b.Table):
                out.extend(map(str, x.frame.columns))
                out.extend(str(v) for v in x.frame.to_numpy().ravel())
            elif isinstance(x, b.Section):
                out.extend(filter(None, [x.heading, x.empty, *x.captions]))
                walk(x.notes)
                walk([x.table] if x.table is not None else [])
                walk(x.blocks)
            elif isinstance(x, b.Expander):
                out.append(x.label)
                walk(x.blocks)
            elif isinstance(x, b.Columns):
                for c in x.cells:
                    walk(c)
    walk(page.head)
    walk(page.blocks)
    return out


def test_every_upload_text_is_vietnamese_in_vietnamese():
    """Each key of text/upload.toml (problems prob_*, notices, labels) rendered with placeholder arguments:
    the Vietnamese text differs from the English one and holds no English word of it."""
    with (TEXT_DIR / "upload.toml").open("rb") as f:
        keys = tomllib.load(f)
    assert any(k.startswith("prob_") for k in keys)
    for key in keys:
        en = catalogue()[key]["en"]
        fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        args = {f: f"X{i}9" for i, f in enumerate(sorted(fields))}
        vi_s, en_s = t(key, "vi", **args), t(key, "en", **args)
        assert vi_s != en_s, key
        assert not english_in(vi_s, en_s), (key, vi_s)


def test_no_english_on_the_vietnamese_page_for_the_bad_uploads(ds):
    for name, data, source in bad_uploads(ds):
        res = up.read_upload(data, "t.csv", source, ds)
        vi = " ".join(page_texts(view.model(ds, "vi", None, res, False)))
        en = " ".join(page_texts(view.model(ds, "en", None, res, False)))
        visitor = words(data.decode("utf-8", errors="replace")[:200_000]) | words(source) | words(
            " ".join(ds.provinces["name_vi"]))  # the file's cells and source; province names
        assert not english_in(vi, en, visitor), (name, english_in(vi, en, visitor))


def test_preview_and_conflicts_are_display_ready(ds):
    res = up.read_upload(GOOD_CONFLICT.encode(), "t.csv", SRC, ds)
    assert res.ok
    for lang in ("vi", "en"):
        page = view.model(ds, lang, None, res, False)
        [sec] = [x for x in page.blocks if isinstance(x, b.Section) and x.key == "file"]
        preview, conflicts = [x.frame for x in sec.blocks if isinstance(x, b.Table)]
        raw = {"province_code", "units", "value", "rank", "line", "existing_value", "same", "existing_origin"}
        assert not raw & set(preview.columns) and not raw & set(conflicts.columns)
        value = t("value", lang)
        assert list(preview[value]) == (["90,5", "80,16"] if lang == "vi" else ["90.5", "80.16"])
        assert list(conflicts[t("up_existing_value", lang)]) == (["90,09"] if lang == "vi" else ["90.09"])
        assert list(preview[t("province", lang)]) == (["Quảng Ninh", "Hà Giang"] if lang == "vi"
                                                      else ["Quang Ninh", "Ha Giang"])
        assert list(conflicts[t("up_existing_origin", lang)]) == [t("up_bundled", lang)]
    # nothing left to add when every row clashes and the existing figures are kept
    only = up.read_upload(GOOD_CONFLICT.splitlines()[0].encode() + b"\n" + GOOD_CONFLICT.splitlines()[1].encode(),
                          "t.csv", SRC, ds)
    assert view.to_add(only, False) == 0 and view.to_add(only, True) == 1
    keys = [x.key for x in view.model(ds, "en", None, only, False).blocks if isinstance(x, b.Section)]
    assert keys[-1] == "add"


def test_visitor_text_is_inert_in_markdown_and_plain_in_cells(ds):
    res = up.read_upload(b"index,year,province_code,indicator,value,rank,note,![x](http://e/p.png)\n"
                         b"SIPAS,2019,46,total,87,5,<b>[a](http://x)</b>,1\n", "t.csv", SRC + " **x**", ds)
    assert res.ok
    sec = [x for x in view.model(ds, "en", None, res, False).blocks if getattr(x, "key", "") == "file"][0]
    [ignored] = [n.text for n in sec.notes if n.style == "info"]
    assert "](" not in ignored and "\\!\\[x\\]" in ignored  # the column name, escaped in Markdown
    preview = [x.frame for x in sec.blocks if isinstance(x, b.Table)][0]
    assert list(preview["Note"]) == ["<b>[a](http://x)</b>"]  # a table cell does not interpret it


def test_problems_table_headers_and_rows(ds):
    res = up.read_upload(b"index,year,province_code,indicator,value,rank\nSIPAS,2019,99,total,87,5\n", "t.csv",
                         "", ds)
    for lang in ("vi", "en"):
        f = view.problems_table(res, lang)
        assert list(f.columns) == [t(k, lang) for k in ("up_col_file", "up_col_row", "up_col_column",
                                                        "up_col_message")]
        assert list(f[t("up_col_row", lang)]) == ["—", "2"]
        assert list(f[t("up_col_column", lang)]) == [t("source", lang), "province_code"]
    assert isinstance(view.problems_section(res, "vi").downloads[0].frame, pd.DataFrame)
