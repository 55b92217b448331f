"""Property-based tests of the URL state: any query string, however hostile, gives a valid view state and
notices that name each bad parameter; valid states survive a round trip. Plus hostile URLs through AppTest."""

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from apptest_util import charts, run_app, shown
from vngov import urlstate
from vngov.catalog import INDICES

KNOWN = ["lang", "index", "year", "ind", "region", "p", "y2", "vs", "vy", "u"]
HOSTILE = ["<script>alert(1)</script>", "'; DROP TABLE scores;--", "{{7*7}}", "${7*7}", "../../etc/passwd",
           "..%2F..%2Fetc%2Fpasswd", "\x00", "a\x00b", "%00", "\u202e\u200b", "🙂" * 50, "Hà Nội", "1900", "99",
           "0", "-1", "2019.0", "1e3", " 2019", "2019 ", "NaN", "None", "null", "[]", "{}", "__proto__",
           "javascript:alert(1)", "x" * 10_000, "01," * 3000, ",,,,", "01,99,01,02,04,06,08,10,11",
           "PAPI\nPCI", "\r\n", "\\", "'", '"', "%", "&p=01", "#", "?index=PCI"]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                  st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=300),
                  st.from_regex(r"\d{1,5}", fullmatch=True), st.from_regex(r"(\d{1,3},){0,8}\d{1,3}", fullmatch=True),
                  st.sampled_from(list(INDICES) + ["papi", "par_index", "vi", "en", "total", "D1", "RRD", "2011"]))
values = st.one_of(texts, st.lists(texts, max_size=3))  # a repeated parameter arrives as a list
params = st.dictionaries(st.one_of(st.sampled_from(KNOWN), st.text(max_size=20)), values, max_size=10)


@pytest.fixture(scope="module")
def vocab(ds):
    inds = {}

    def indicators_of(i, y):
        if (i, y) not in inds:
            inds[(i, y)] = list(ds.indicators_for(i, y)["indicator"])
        return inds[(i, y)]
    years = {i: ds.years(i) for i in INDICES}
    return dict(years_of=lambda i: years.get(i, []), indicators_of=indicators_of, regions=list(ds.provinces["region"].unique()),
                provinces=list(ds.provinces["province_code"]),
                provinces34=list(ds.for_units("34").provinces["province_code"]))


def parse(vocab, p, lang="en"):
    """urlstate.parse with its notices worded in ``lang`` (the tests read the English words)."""
    parsed = urlstate.parse(p, urlstate.Vocabulary(vocab["years_of"], vocab["indicators_of"], tuple(vocab["regions"]),
                                                   tuple(vocab["provinces"]), tuple(vocab["provinces34"])))
    return urlstate.Parsed(parsed.state, [n.render(lang) for n in parsed.notices])


def assert_valid(vocab, s: urlstate.State):
    assert s.lang in ("vi", "en")
    assert s.index in INDICES
    years = vocab["years_of"](s.index)
    assert s.year in years
    assert s.ind == "total" or s.ind in vocab["indicators_of"](s.index, s.year)
    assert "total" in vocab["indicators_of"](s.index, s.year)
    assert s.region == "" or s.region in vocab["regions"]
    assert isinstance(s.p, tuple) and len(s.p) <= urlstate.MAX_PROVINCES and len(set(s.p)) == len(s.p)
    assert s.u in ("", "63", "34")
    assert all(c in vocab["provinces34" if s.units == "34" else "provinces"] for c in s.p)  # codes of its set
    assert s.y2 == 0 or s.y2 in years
    assert s.vs == () or (len(s.vs) == 2 and set(s.vs) <= set(INDICES) and s.vs[0] != s.vs[1])
    assert s.vy == 0 or (s.vs and all(s.vy in vocab["years_of"](i) for i in s.vs))
    # what is written back to the URL is plain codes only
    for k, v in s.to_params().items():
        assert k in KNOWN and len(v) <= 40 and v.isprintable()


@SETTINGS
@given(params)
@example({"lang": "fr", "index": "DROP TABLE", "year": "1900", "ind": "{{7*7}}", "region": "<script>",
          "p": "99", "y2": "\x00", "evil": "../../etc/passwd"})
@example({k: "x" * 10_000 for k in KNOWN})
@example({"p": ["01", "<script>"], "year": []})
def test_parse_never_raises_and_gives_a_valid_state(vocab, p):
    parsed = parse(vocab, p)
    assert_valid(vocab, parsed.state)
    for n in parsed.notices:
        assert isinstance(n, str)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KNOWN), st.sampled_from(HOSTILE), min_size=1))
def test_every_hostile_value_is_named_in_a_notice(vocab, p):
    parsed = parse(vocab, p)
    assert_valid(vocab, parsed.state)
    for k, v in p.items():
        assume(not (k == "p" and v in ("01,99,01,02,04,06,08,10,11", ",,,,")))  # partly valid: checked below
        assert any(n.startswith(f"{k}=") for n in parsed.notices), (k, v, parsed.notices)
    for n in parsed.notices:
        assert len(n) < 200  # a 10 kB value is shown shortened


@SETTINGS
@given(st.text(min_size=1, max_size=30).filter(lambda k: k not in KNOWN and k != "embed" and not k.startswith("embed_")),
       texts)
def test_unknown_parameters_are_named(vocab, key, value):
    parsed = parse(vocab, {key: value})
    assert any(n.startswith(f"{key}=") and "unknown parameter" in n for n in parsed.notices)
    assert parsed.state == parse(vocab, {}).state


def test_long_unknown_parameter_name_is_shortened(vocab):
    parsed = parse(vocab, {"k" * 10_000: "1"})
    assert all(len(n) < 200 for n in parsed.notices)


def test_many_unknown_parameters_give_a_short_notice(vocab):
    parsed = parse(vocab, {f"junk{i}": "x" for i in range(500)})
    assert len(parsed.notices) == 13 and parsed.notices[-1] == "… 488 more"


@pytest.mark.parametrize("params,state,notice", [
    ({"vs": "par_index, sipas", "vy": "2022"}, dict(vs=("PAR_INDEX", "SIPAS"), vy=2022), None),
    ({"vs": "PAPI,PAPI"}, {}, "vs='PAPI,PAPI' (use two different indices"),
    ({"vs": "PAPI,PCI,SIPAS"}, {}, "vs='PAPI,PCI,SIPAS' (use two different"),
    ({"vy": "2020"}, {}, "vy='2020' (needs vs"),
    ({"vs": "PCI,SIPAS", "vy": "2010"}, dict(vs=("PCI", "SIPAS")), "vy='2010' (no year of both PCI and SIPAS)"),
])
def test_across_pair_and_year(vocab, params, state, notice):
    parsed = parse(vocab, params)
    assert parsed.state == urlstate.replace(parse(vocab, {}).state, **state)
    assert parsed.notices == ([] if notice is None else [n for n in parsed.notices if n.startswith(notice)])
    assert len(parsed.notices) == (0 if notice is None else 1)


def test_partly_valid_province_list(vocab):
    parsed = parse(vocab, {"p": "01,99,01,02,04,06,08,10,11"})
    assert parsed.state.p == ("01", "02", "04", "06", "08")
    # issue 12 point 7: the repeated 01 is a province code named twice, not "not a province code"
    assert "p='99' (not a province code)" in parsed.notices
    assert "p='01' (province already listed)" in parsed.notices
    assert any("at most 5 provinces" in n for n in parsed.notices)


@pytest.mark.parametrize("params,p,u,notice", [
    ({"u": "34", "p": "08,02"}, ("08",), "34", "p='02'"),  # Hà Giang is no unit of the 34: a former code
    ({"u": "63", "p": "02"}, ("02",), "63", None),
    ({"p": "02"}, ("02",), "", None),  # the bundled years are 63-unit: the year decides
    ({"u": "34", "p": "79"}, ("79",), "34", None),
    ({"u": "35", "p": "02"}, ("02",), "", "u='35' (the unit set must be 63 (to 2024) or 34 (from 1 July 2025))"),
    ({"u": "<script>"}, (), "", "u='<script>'"),
])
def test_unit_set_parameter(vocab, params, p, u, notice):
    parsed = parse(vocab, params)
    assert parsed.state.p == p and parsed.state.u == u
    assert parsed.state.units == (u or "63")
    if notice is None:
        assert parsed.notices == []
    else:
        assert len(parsed.notices) == 1 and parsed.notices[0].startswith(notice), parsed.notices
    assert ("u" in parsed.state.to_params()) == bool(u)


def test_unit_set_follows_the_year_without_u():
    assert urlstate.State(year=2024).units == "63" and urlstate.State(year=2025).units == "34"
    assert urlstate.State(year=2025, u="63").units == "63"
    years = {"PCI": [2023, 2024, 2025]}
    voc = urlstate.Vocabulary(lambda i: years.get(i, []), lambda i, y: ["total"], ("RRD",), ("02", "08"), ("08",))
    parsed = urlstate.parse({"index": "PCI", "year": "2025", "p": "02,08"}, voc)
    assert parsed.state.p == ("08",) and [n.param for n in parsed.notices] == ["p"]
    parsed = urlstate.parse({"index": "PCI", "year": "2024", "p": "02,08"}, voc)
    assert parsed.state.p == ("02", "08") and parsed.notices == []


def test_normalize_reads_provinces_in_the_set_of_the_year():
    years = {"PCI": [2023, 2024, 2025]}
    voc = urlstate.Vocabulary(lambda i: years.get(i, []), lambda i, y: ["total"], ("RRD",), ("02", "08"), ("08",))
    s = urlstate.State(index="PCI", year=2025, p=("02", "08"))
    assert urlstate.normalize(s, voc).p == ("08",)
    assert urlstate.normalize(urlstate.replace(s, year=2024), voc).p == ("02", "08")
    assert urlstate.normalize(urlstate.replace(s, year=2025, u="63"), voc).p == ("02", "08")


@st.composite
def valid_states(draw, vocab):
    index = draw(st.sampled_from(INDICES))
    years = vocab["years_of"](index)
    year = draw(st.sampled_from(years))
    u = draw(st.sampled_from(["", "63", "34"]))
    return urlstate.State(
        lang=draw(st.sampled_from(["vi", "en"])), index=index, year=year,
        ind=draw(st.sampled_from(vocab["indicators_of"](index, year))),
        region=draw(st.sampled_from([""] + vocab["regions"])),
        p=tuple(draw(st.lists(st.sampled_from(vocab["provinces34" if u == "34" else "provinces"]), unique=True,
                              max_size=urlstate.MAX_PROVINCES))),
        y2=draw(st.sampled_from([0] + years)), u=u, **draw(pairs(vocab)))


@st.composite
def pairs(draw, vocab):
    if draw(st.booleans()):
        return {}
    vs = tuple(draw(st.lists(st.sampled_from(INDICES), min_size=2, max_size=2, unique=True)))
    common = sorted(set(vocab["years_of"](vs[0])) & set(vocab["years_of"](vs[1])))
    return dict(vs=vs, vy=draw(st.sampled_from([0] + common)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_valid_states_round_trip(vocab, data):
    s = data.draw(valid_states(vocab))
    parsed = parse(vocab, s.to_params())
    assert parsed.notices == []
    assert parsed.state == s


# ------------------------------------------------------------------------------------------
# hostile URLs through the app: a warning naming the parameter, the page still drawn, no exception
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("params,named", [
    ({"index": "<script>alert(1)</script>", "lang": "en"}, ["index="]),
    ({"year": "1900", "p": "99", "lang": "en"}, ["year='1900'", "p='99'"]),
    ({"ind": "'; DROP TABLE scores;--", "region": "{{7*7}}"}, ["ind=", "region='{{7*7}}'"]),
    ({"p": "../../etc/passwd", "y2": "a\x00b", "lang": "xx"}, ["p='../../etc/passwd'", "y2=", "lang='xx'"]),
    ({"index": "x" * 10_000, "evil": "🙂" * 100}, ["index=", "evil="]),
])
def test_hostile_urls_in_the_app(params, named):
    at = run_app(params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.warning, "no notice shown"
    text = shown(at.warning[0].value)
    for n in named:
        assert n in text
    assert len(at.warning[0].value) < 1500  # the Markdown sent, escapes included
    assert charts(at)  # the map is still drawn, with defaults
    assert at.title[0].value


def test_hostile_url_on_the_upload_page():
    at = run_app({"index": "{{7*7}}", "p": "<script>"}, page="pages/upload.py")
    assert not at.exception
    assert "index='{{7*7}}'" in shown(at.warning[0].value) and "p='<script>'" in shown(at.warning[0].value)
    assert at.title[0].value == "Tải bảng chính thức"
