"""Upload page ("load an official table"): what this session has uploaded, the checked file (its problems,
or a preview and its clashes with existing figures) and what adding it would do. Pure: no Streamlit.

Every table is display-ready: headers from the catalogue, numbers written in the page's locale, visitor
text (file name, cells, source text) through ``i18n.plain`` in cells and ``i18n.inert`` in Markdown.
Problems and notices of ``vngov.upload`` are codes; they are worded here, in the page's language.
"""

from __future__ import annotations

import pandas as pd

from vngov import upload as up
from vngov.data import Dataset
from vngov.i18n import col, fmt_int, inert, plain, t
from vngov.validate import _num
from vngov.views import blocks as b
from vngov.views.common import index_label

SEPARATORS = {",": "“,”", ";": "“;”"}


def _n(v, lang: str) -> str:
    """A figure as the file gave it, in the page's locale ('' when missing)."""
    return "" if v is None or pd.isna(v) else _num(float(v), lang)


def _int(v) -> str:
    return "" if v is None or pd.isna(v) else str(int(v))


def summary_table(rows: pd.DataFrame, lang: str, key: str) -> b.Table:
    """Figures per index, year and indicator (how many provinces have a value, a rank)."""
    s = up.summary(rows)
    return b.Table(pd.DataFrame({
        t("index", lang): s["index"].map(index_label),
        t("year", lang): s["year"].map(_int), t("indicator", lang): s["indicator"].map(plain),
        t("provinces", lang): s["provinces"].map(lambda v: fmt_int(v, lang)),
        t("up_with_value", lang): s["with_value"].map(lambda v: fmt_int(v, lang)),
        t("up_with_rank", lang): s["with_rank"].map(lambda v: fmt_int(v, lang))}), key=key)


def _titles(ds: Dataset, ids) -> str:
    return "; ".join(inert(x) for x in ds.sources_for(ids)["title"])


def active_sections(ds: Dataset, extra: dict | None, lang: str) -> list:
    """This session's accepted uploads (section 'active') and their download (section 'manage')."""
    active = extra["scores"] if extra else None
    if active is None or not len(active):
        return [b.Section(key="active", notes=(b.Text(t("up_active_none", lang), "info", ":material/info:"),)),
                b.Section(key="manage", captions=(t("up_no_disk", lang),))]
    titles = "; ".join(ds.sources_for(active["source_id"])["title"])
    return [b.Section(key="active",
                      notes=(b.Text(t("up_active", lang, n=fmt_int(len(active), lang)), "success",
                                    ":material/upload_file:"),),
                      table=summary_table(active, lang, "up_active_summary"),
                      captions=(f"{t('source', lang)}: {_titles(ds, active['source_id'])}",)),
            b.Section(key="manage", downloads=(b.Download(
                active.drop(columns="origin"), "uploaded_scores",
                {"content": "figures uploaded in this browser session (not part of the bundled dataset)",
                 "source": titles}, key="up_active"),), captions=(t("up_no_disk", lang),))]


def problems_table(res: up.UploadResult, lang: str) -> pd.DataFrame:
    f = up.problems_frame(res.problems, lang)
    return pd.DataFrame({
        t("up_col_file", lang): f["file"].map(plain),
        t("up_col_row", lang): f["row"].map(lambda r: "—" if pd.isna(r) else str(int(r))),
        t("up_col_column", lang): f["column"].map(lambda c: t("source", lang) if c == "source" else plain(c)),
        t("up_col_message", lang): f["message"].map(plain)})


def problems_section(res: up.UploadResult, lang: str) -> b.Section:
    frame = problems_table(res, lang)
    more = (t("prob_more", lang, n=fmt_int(res.more, lang)),) if res.more else ()
    return b.Section(
        key="file", notes=(b.Text(t("up_problems", lang, n=fmt_int(res.n_problems, lang)), "error"),),
        table=b.Table(frame, key="up_problems_table",
                      widths={t("up_col_file", lang): "small", t("up_col_row", lang): "small",
                              t("up_col_column", lang): "small", t("up_col_message", lang): "large"}),
        captions=more,
        downloads=(b.Download(up.problems_frame(res.problems, lang), "upload_problems",
                              {"file": res.file, "problems": str(res.n_problems)}, key="up_probs"),))


def _names(ds: Dataset, codes: pd.Series, lang: str) -> pd.Series:
    return codes.map(ds.provinces.set_index("province_code")[col("name", lang)])


def preview_table(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("up_col_row", lang): rows["line"].map(str), t("index", lang): rows["index"].map(index_label),
        t("year", lang): rows["year"].map(_int), t("up_col_code", lang): rows["province_code"],
        t("province", lang): _names(ds, rows["province_code"], lang), t("indicator", lang): rows["indicator"],
        t("value", lang): rows["value"].map(lambda v: _n(v, lang)), t("rank", lang): rows["rank"].map(_int),
        t("up_col_units", lang): rows["units"], t("note", lang): rows["note"].map(plain)})


def conflicts_table(ds: Dataset, c: pd.DataFrame, lang: str) -> pd.DataFrame:
    origin = {"bundled": t("up_bundled", lang), "uploaded": t("uploaded", lang)}
    return pd.DataFrame({
        t("up_col_row", lang): c["line"].map(str), t("index", lang): c["index"].map(index_label),
        t("year", lang): c["year"].map(_int), t("province", lang): _names(ds, c["province_code"], lang),
        t("indicator", lang): c["indicator"],
        t("up_existing_value", lang): c["existing_value"].map(lambda v: _n(v, lang)),
        t("up_uploaded_value", lang): c["uploaded_value"].map(lambda v: _n(v, lang)),
        t("up_existing_rank", lang): c["existing_rank"].map(_int),
        t("up_uploaded_rank", lang): c["uploaded_rank"].map(_int),
        t("up_existing_origin", lang): c["existing_origin"].map(origin),
        t("up_same", lang): c["same"].astype(bool)})


def valid_section(ds: Dataset, res: up.UploadResult, lang: str) -> b.Section:
    dec = t("up_decimal", lang, n=fmt_int(res.decimal_commas, lang)) if res.decimal_commas else ""
    sep = t("up_sep_tab", lang) if res.delimiter == "\t" else SEPARATORS.get(res.delimiter, inert(res.delimiter))
    notes = [b.Text(t("up_valid", lang, n=fmt_int(len(res.rows), lang), enc=res.encoding, sep=sep, dec=dec),
                    "success", ":material/check:")]
    notes += [b.Text(n.render(lang, esc=inert), "info", ":material/info:") for n in res.notices]
    summ = up.summary(res.rows)
    what = ", ".join(f"{index_label(r['index'])} {r['year']} {inert(r['indicator'])}"
                     for r in summ.head(4).to_dict("records"))
    what += f" (+{len(summ) - 4})" if len(summ) > 4 else ""
    blocks: list = [b.Text(t("up_preview", lang), "subheader"),
                    b.Text(t("up_coverage", lang, n=res.rows["province_code"].nunique(), what=what)),
                    b.Table(preview_table(ds, res.rows, lang), key="up_preview", height=260),
                    b.Text(f"{t('source', lang)}: {inert(res.source['title'].iloc[0])}", "caption")]
    if len(res.conflicts):
        blocks += [b.Text(t("up_conflicts", lang, n=fmt_int(len(res.conflicts), lang),
                            same=fmt_int(int(res.conflicts["same"].sum()), lang)), "warning", ":material/warning:"),
                   b.Table(conflicts_table(ds, res.conflicts, lang), key="up_conflicts")]
    return b.Section(key="file", notes=tuple(notes), blocks=tuple(blocks))


def to_add(res: up.UploadResult, replace: bool) -> int:
    """How many figures adding the file puts in the session (the clashing ones only with ``replace``)."""
    return len(res.rows) if replace else len(res.rows) - len(res.conflicts)


def model(ds: Dataset, lang: str, extra: dict | None, res: up.UploadResult | None, replace: bool) -> b.Page:
    """The whole page: title and intro, the session's uploads, the template's columns, the checked file and
    what adding it would do (sections 'active', 'manage', 'template', 'file', 'add')."""
    blocks = active_sections(ds, extra, lang) + [
        b.Section(key="template", blocks=(b.Expander(t("up_columns_title", lang), (b.Text(t("up_columns", lang)),
                                                                        b.Text(t("up_units_help", lang)))),))]
    if res is not None:
        blocks.append(problems_section(res, lang) if res.problems else valid_section(ds, res, lang))
        if not res.problems and to_add(res, replace) == 0:
            blocks.append(b.Section(key="add", notes=(b.Text(t("up_nothing_to_add", lang), "info",
                                                              ":material/info:"),)))
    return b.Page(title=t("page_upload", lang), head=[b.Text(t("up_intro", lang))], blocks=blocks)


def choice_label(option: str, lang: str) -> str:
    return t("up_keep" if option == "keep" else "up_replace", lang)
