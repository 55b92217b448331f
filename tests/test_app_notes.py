"""Profile cards carry the notes a reader needs beside a figure (issue 11): a computed rank says 'x/N among the N
assessed', a rank published without a score says so, an uploaded figure says it is not published, a figure whose
sources differ points to the table's note, and PCI 2005–2008 ranks say they count Hà Tây (out of 42 / 64)."""

import pandas as pd
import pytest

from apptest_util import no_exception, run_app, static_tables
from vngov.views import profile as pf


@pytest.mark.parametrize("code,label,note", [
    ("01", "PAPI 2024", "Rank 29/61 (computed among the 61 assessed)"),
    ("04", "PAR INDEX 2024", "rank published without a score"),
    ("31", "SIPAS 2024", "Rank 1 · sources differ: see the note in the table below"),
])
def test_profile_card_notes(code, label, note):
    at = run_app({"p": code, "lang": "en"}, page="pages/profile.py")
    no_exception(at)
    assert label in [m.label for m in at.metric]
    assert note in [c.value for c in at.caption]


def test_profile_card_notes_vi():
    at = run_app({"p": "04", "lang": "vi"}, page="pages/profile.py")
    no_exception(at)
    card = [m for m in at.metric if m.label == "PAR INDEX 2024"][0]
    assert card.value == "Xếp hạng 63"  # the rank is the card's figure, not a cut-off "Không có dữ liệu"
    assert "chỉ công bố thứ hạng, không có điểm" in [c.value for c in at.caption]


def test_pci_2005_2008_ranks_out_of_42_and_64_with_ha_tay_note(ds):
    at = run_app({"p": "01", "lang": "en"}, page="pages/profile.py")
    hist = at.dataframe[0].value
    pci = hist[hist["Index"] == "PCI"].set_index("Year")["Rank"]
    published = ds.scores[(ds.scores["index"] == "PCI") & (ds.scores["indicator"] == "total")
                          & (ds.scores["province_code"] == "01")].set_index("year")["rank"]
    assert pci["2005"] == f"{int(published[2005])}/42"
    assert pci["2007"] == f"{int(published[2007])}/64"
    assert pci["2009"] == f"{int(published[2009])}"  # from 2009 out of 63 as every other rank
    assert any("count Hà Tây (merged into Hà Nội in 2008)" in c.value for c in at.caption)


def test_card_notes_uploaded_and_ha_tay():
    r = pd.Series(dict(year=2007, value=55.1, rank=27, rank_computed=False, origin="uploaded", note=None))
    assert pf.card_notes(r, "PCI", "en", 64) == ("Rank 27 · a figure you uploaded, not a published one · "
                                                 "PCI 2005–2008 ranks count Hà Tây")
    r2 = r.copy()
    r2["origin"], r2["year"] = "bundled", 2010
    assert pf.card_notes(r2, "PCI", "en", 63) == "Rank 27"


def test_wide_tables_pin_their_first_column():
    """A table wider than a phone keeps its first column in view while it scrolls (pinned); a narrow one is
    left as it is (a pinned column is drawn in a lighter grey)."""
    import json
    at = run_app({"lang": "en", "index": "PCI", "year": "2019"}, page="pages/rankings.py")
    cfg = json.loads(at.dataframe[0].proto.columns)
    first = list(at.dataframe[0].value.columns)[0]
    assert cfg[first].get("pinned") is True and first == "Province"
    at = run_app({"p": "01", "lang": "en"}, page="pages/profile.py")
    cfg = json.loads(at.dataframe[0].proto.columns)  # the history: Index, Year, Score, Rank, Change
    assert cfg["Index"].get("pinned") is True
    at = run_app({"lang": "en"}, page="pages/map.py")  # the map's side table: 4 columns, fits a phone
    # (a plain HTML table, not the grid: nothing to pin; test_browser_map checks it fits 390 px)
    assert not at.dataframe and len(static_tables(at)[0].columns) == 4
