"""Helpers of the issue-13 tests: the 34-unit TEST DATA fixture (tests/fixtures/units34_pci_2025.csv, invented
figures, never in data/) loaded through the real upload path (read_upload -> apply_upload -> overlay)."""

from pathlib import Path

import pandas as pd

from vngov import upload as up
from vngov.data import Dataset

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "units34_pci_2025.csv"
SOURCE = "TEST DATA: invented PCI 2025 figures for the 34 provinces (tests only)"


def fixture_rows() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, dtype=str, comment="#")


def uploaded(ds: Dataset, data: bytes | None = None) -> Dataset:
    """``ds`` with the fixture (or ``data``) uploaded and accepted, as the upload page does."""
    res = up.read_upload(data if data is not None else FIXTURE.read_bytes(), FIXTURE.name, SOURCE, ds)
    assert res.ok, [p.render("en") for p in res.problems]
    extra = up.apply_upload(None, res, replace=False)
    return Dataset(scores=up.overlay(ds.scores, extra["scores"]), indicators=ds.indicators, provinces=ds.provinces,
                   national=ds.national, alt_provinces=ds.alt_provinces,
                   sources=pd.concat([ds.sources, extra["sources"]], ignore_index=True), version=extra["version"])
