"""ui.state.vocabulary: memoised per dataset version, same answers as the dataset's own look-ups."""

import importlib

from vngov import urlstate

S = importlib.import_module("vngov.ui.state")


def test_vocabulary_is_memoised_and_answers_like_the_dataset(ds):
    v = S.vocabulary(ds)
    assert S.vocabulary(ds) is v
    assert v.years_of("PCI") == list(ds.years("PCI"))
    assert v.indicators_of("PAPI", 2024) == list(ds.indicators_for("PAPI", 2024)["indicator"])
    assert "01" in v.provinces and len(v.provinces) == len(ds.provinces)
    parsed = urlstate.parse({"index": "PCI", "year": "1999"}, v)
    assert parsed.state.index == "PCI" and parsed.notices  # a year PCI does not have is named


def test_vocabulary_follows_a_new_dataset_version(ds):
    from dataclasses import replace

    other = replace(ds, version=ds.version + "-other")
    assert S.vocabulary(other) is not S.vocabulary(ds)
    assert S.vocabulary(other).years_of("SIPAS") == list(ds.years("SIPAS"))
