"""Downloads people take away: a plain CSV any tool opens and a Frictionless Data Package beside it
(validated with the frictionless library); exports in one font with Vietnamese coverage."""

import importlib
import io
import json
import re
import zipfile

import pandas as pd
import pytest

from vngov import export
from vngov.urlstate import State
from vngov.views import blocks as b
from vngov.views import map as view


def _map_download(ds, **kw) -> b.Download:
    s = State(**{"lang": "en", "index": "PAPI", "year": 2024, "ind": "total", **kw})
    page = view.model(ds, s, s.lang, False, False)
    return next(x for x in page.blocks if isinstance(x, b.Download))


def test_csv_is_plain_and_rounded(ds):
    d = _map_download(ds)
    text = export.csv_bytes(d.frame).decode("utf-8-sig")
    assert not any(line.startswith("#") for line in text.splitlines())
    assert text.splitlines()[0].startswith("province_code,name_vi,name_en")
    df = pd.read_csv(io.BytesIO(export.csv_bytes(d.frame)), dtype={"province_code": str})
    assert len(df) == 63
    tay_ninh = df.set_index("province_code").loc["72"]
    assert tay_ninh["change"] == pytest.approx(8.11, abs=0.005) and tay_ninh["rank"] == 2
    # no float noise: every number has at most the 6 decimals of the published figures
    for cell in ",".join(text.splitlines()[1:]).split(","):
        if cell.replace(".", "", 1).lstrip("-").isdigit() and "." in cell:
            assert len(cell.split(".")[1]) <= 6, cell
    assert "3.407607999999996" not in export.csv_text(pd.DataFrame({"change": [50.15 - 46.742392]}))


def test_formula_cells_are_neutralised():
    text = export.csv_text(pd.DataFrame({"note": ["=HYPERLINK(1)", "ok"], "v": [-1.5, 2.0]}))
    assert "'=HYPERLINK(1)" in text and "\n'ok,2.0" not in text and ",-1.5\n" in text  # numbers untouched


def test_data_package_validates_with_frictionless(ds, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    d = _map_download(ds, region="MRD")
    blob = export.package_of(ds, d.frame, d.name, d.meta, title="PAPI 2024 · Mekong River Delta")
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        assert sorted(z.namelist()) == ["datapackage.json", "papi_2024_total_mrd.csv"]
        z.extractall(tmp_path)
        pkg = json.loads(z.read("datapackage.json"))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    assert pkg["index"] == "PAPI" and pkg["year"] == "2024" and pkg["indicator"] == "total"
    assert pkg["region"] == "MRD" and pkg["units"] == "điểm"
    assert pkg["sources"] and all(s.get("licence") for s in pkg["sources"]) and pkg["licence"]
    res = frictionless.Package(str(tmp_path / "datapackage.json")).resources[0]
    rows = res.read_rows()
    assert len(rows) == 13  # the region's provinces only
    ben_tre = next(r for r in rows if r["province_code"] == "83")
    assert float(ben_tre["value"]) == pytest.approx(float(d.frame.set_index("province_code").at["83", "value"]))


def test_one_font_everywhere():
    spec = {"mark": {"type": "text", "font": "Times"}, "config": {"axis": {"labelFont": "serif"}},
            "datasets": {"x": [{"font": "keep"}]}}
    out = export.one_font(spec)
    assert out["mark"]["font"] == export.EXPORT_FONT and out["config"]["axis"]["labelFont"] == export.EXPORT_FONT
    assert out["config"]["font"] == export.EXPORT_FONT and out["datasets"] == spec["datasets"]
    assert (export.FONT_DIR / "NotoSans-Regular.ttf").is_file() and "Open Font License" in (
        export.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


def test_map_export_is_self_describing_in_noto_sans(ds):
    dl = importlib.import_module("vngov.ui.downloads")  # (vngov.ui.downloads is also a function's name)
    d = _map_download(ds, lang="vi")
    spec = dl._export(d.chart, d, "vi")
    assert spec["title"]["text"] == "PAPI 2024 · Điểm tổng hợp"
    sub = " ".join(spec["title"]["subtitle"])
    assert "CECODES" in sub and "Open Development Mekong" in sub and "Hoàng Sa" in sub
    svg = dl.svg(d.chart, d).decode("utf-8")
    fonts = {f.strip("'\" ") for f in re.findall(r'font-family="([^"]+)"', svg)}
    assert fonts == {export.EXPORT_FONT}, fonts
    assert "QĐ. Hoàng Sa" in svg and "PAPI 2024" in svg
    png = dl.png(d.chart, d)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
