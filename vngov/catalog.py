"""What each index is made of, per era: indicator ids, names (VI/EN), scales and method breaks.

Pure data, no I/O. The build script writes ``indicator_table()`` to data/indicators.csv (together
with the PCI rows that come from the workbook parser); the app reads that file.
"""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

INDICES = ("PAR_INDEX", "SIPAS", "PAPI", "PCI")

# Names and units are in the text catalogue (keys index_name_<INDEX>, index_unit_<INDEX>).
INDEX_META = {
    "PAR_INDEX": dict(short="PAR INDEX", publisher="Bộ Nội vụ / Ministry of Home Affairs", first_year=2012,
                      scale_max=100.0, percent=True),
    "SIPAS": dict(short="SIPAS", publisher="Bộ Nội vụ / Ministry of Home Affairs", first_year=2017,
                  scale_max=100.0, percent=True),
    "PAPI": dict(short="PAPI", publisher="CECODES, VFF-CRT, RTA & UNDP", first_year=2011, scale_max=80.0,
                 percent=False),
    "PCI": dict(short="PCI", publisher="VCCI (with USAID)", first_year=2005, scale_max=100.0, percent=False),
}

# Years where the method changed so that levels before and after are not comparable. A line is never
# drawn across a break; charts mark it. What changed is said in the catalogue (key break_<INDEX>_<year>).
METHOD_BREAKS: dict[str, tuple[int, ...]] = {
    "PAPI": (2018,),
    "SIPAS": (2022,),
    "PAR_INDEX": (2017, 2022, 2024),
    "PCI": (),
}

# Resolution 202/2025/QH15: 34 provincial units from 1 July 2025, 63 before; results assessed from 2025 are
# published for the 34. The change of units is a break like a method break (vngov.data.era_of).
UNITS34_FROM = 2025


def units_of(year: int | None) -> str:
    """The unit set of an assessment year: "63" for assessments to 2024, "34" from 2025."""
    return "34" if year and int(year) >= UNITS34_FROM else "63"


# Published score groups: PAR INDEX uses the Ministry of Home Affairs bands (A >= 90 %, B 80-<90 %,
# C 70-<80 %, D < 70 %) for the total, stated for the assessments from 2019 on (see views/rankings.py).
BANDS = {"PAR_INDEX": dict(indicator="total", from_year=2019)}

# ---------------------------------------------------------------------------------------------
# PAPI: dimensions and sub-dimensions per era (shared/sources/papi/PROVENANCE.md, §1 table)
# ---------------------------------------------------------------------------------------------
PAPI_DIMENSIONS = {
    "D1": ("Tham gia của người dân ở cấp cơ sở", "Participation at local levels"),
    "D2": ("Công khai, minh bạch trong việc ra quyết định ở địa phương", "Transparency in local decision-making"),
    "D3": ("Trách nhiệm giải trình với người dân", "Vertical accountability towards citizens"),
    "D4": ("Kiểm soát tham nhũng trong khu vực công", "Control of corruption in the public sector"),
    "D5": ("Thủ tục hành chính công", "Public administrative procedures"),
    "D6": ("Cung ứng dịch vụ công", "Public service delivery"),
    "D7": ("Quản trị môi trường", "Environmental governance"),
    "D8": ("Quản trị điện tử", "E-governance"),
}

# (sub-dimension id, first year, last year, name_vi, name_en)
PAPI_SUBDIMS = [
    ("D1.1", 2011, 2024, "Tri thức công dân", "Civic knowledge"),
    ("D1.2", 2011, 2024, "Cơ hội tham gia", "Opportunities for participation (elections)"),
    ("D1.3", 2011, 2024, "Chất lượng bầu cử (trưởng thôn)", "Quality of (village head) elections"),
    ("D1.4", 2011, 2024, "Đóng góp tự nguyện", "Voluntary contributions"),
    ("D2.1", 2011, 2017, "Công khai danh sách hộ nghèo", "Transparency of poverty lists"),
    ("D2.2", 2011, 2017, "Công khai thu chi ngân sách cấp xã", "Transparency of communal budgets"),
    ("D2.3", 2011, 2017, "Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đất",
     "Transparency of land-use plans and price frames"),
    ("D2.1", 2018, 2024, "Tiếp cận thông tin", "Access to information"),
    ("D2.2", 2018, 2024, "Công khai danh sách hộ nghèo", "Transparency of poverty lists"),
    ("D2.3", 2018, 2024, "Công khai thu chi ngân sách cấp xã", "Transparency of communal budgets"),
    ("D2.4", 2018, 2024, "Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đất",
     "Transparency of land-use plans and price frames"),
    ("D3.1", 2011, 2024, "Mức độ và hiệu quả tiếp xúc với chính quyền", "Interactions with local authorities"),
    ("D3.2", 2011, 2015, "Ban Thanh tra nhân dân", "People's Inspection Boards"),
    ("D3.3", 2011, 2015, "Ban Giám sát đầu tư cộng đồng", "Community Investment Supervision Boards"),
    ("D3.2", 2016, 2017, "Phản hồi của chính quyền với người dân", "Responsiveness to citizen actions"),
    ("D3.3", 2016, 2017, "Ban Thanh tra nhân dân", "People's Inspection Boards"),
    ("D3.2", 2018, 2020, "Giải quyết khiếu nại, tố cáo", "Responsiveness to citizen appeals"),
    ("D3.3", 2018, 2024, "Tiếp cận dịch vụ tư pháp", "Access to justice services"),
    ("D3.2", 2021, 2024, "Giải quyết khiếu nại, tố cáo (phương pháp 2021)",
     "Responsiveness to citizen appeals (2021 method)"),
    ("D4.1", 2011, 2024, "Kiểm soát tham nhũng trong chính quyền địa phương",
     "Limits on public-sector corruption"),
    ("D4.2", 2011, 2024, "Kiểm soát tham nhũng trong cung ứng dịch vụ công",
     "Limits on corruption in public service delivery"),
    ("D4.3", 2011, 2024, "Công bằng trong tuyển dụng vào khu vực nhà nước", "Equity in state employment"),
    ("D4.4", 2011, 2024, "Quyết tâm chống tham nhũng của chính quyền địa phương",
     "Willingness to fight corruption"),
    ("D5.1", 2011, 2024, "Dịch vụ chứng thực, xác nhận", "Certification services"),
    ("D5.2", 2011, 2020, "Thủ tục cấp phép xây dựng", "Construction permits"),
    ("D5.3", 2011, 2024, "Thủ tục cấp giấy chứng nhận quyền sử dụng đất", "Land-use rights certificates"),
    ("D5.4", 2011, 2024, "Thủ tục hành chính cấp xã/phường", "Personal procedures at commune level"),
    ("D6.1", 2011, 2024, "Y tế công lập", "Public health care"),
    ("D6.2", 2011, 2024, "Giáo dục tiểu học công lập", "Public primary education"),
    ("D6.3", 2011, 2024, "Cơ sở hạ tầng căn bản", "Basic infrastructure"),
    ("D6.4", 2011, 2024, "An ninh, trật tự", "Law and order"),
    ("D7.1", 2018, 2024, "Nghiêm túc trong bảo vệ môi trường", "Seriousness in environmental protection"),
    ("D7.2", 2018, 2024, "Chất lượng không khí", "Air quality"),
    ("D7.3", 2018, 2024, "Chất lượng nước", "Water quality"),
    ("D8.1", 2018, 2024, "Sử dụng cổng thông tin điện tử của chính quyền", "Use of e-government portals"),
    ("D8.2", 2018, 2024, "Tiếp cận và sử dụng Internet", "Access to and use of the Internet"),
    ("D8.3", 2019, 2024, "Phúc đáp của chính quyền qua cổng điện tử", "E-responsiveness of local authorities"),
]


def papi_subdims_by_year() -> dict[int, dict[str, list[str]]]:
    """{year: {dimension: [sub-dimension ids]}}."""
    out: dict[int, dict[str, list[str]]] = {}
    for sid, y0, y1, _, _ in PAPI_SUBDIMS:
        for y in range(y0, y1 + 1):
            out.setdefault(y, {}).setdefault(sid[:2], []).append(sid)
    return out


def _year_ranges(years: list[int]) -> list[tuple[int, int]]:
    years = sorted(set(years))
    out, start = [], years[0]
    for a, b in zip(years, years[1:] + [None]):
        if b != a + 1:
            out.append((start, a))
            start = b
    return out


# ---------------------------------------------------------------------------------------------
# PAR INDEX and SIPAS components (only those found in published pages are ever filled)
# ---------------------------------------------------------------------------------------------
PAR_COMPONENT_NAMES = {
    "B_APPRAISAL": ("Điểm thẩm định (tự đánh giá được thẩm định)", "Appraised self-assessment score", 0, 62),
    "B_SURVEY": ("Điểm điều tra xã hội học, đánh giá tác động", "Sociological survey / impact score", 0, 38.5),
    "B_SIPAS": ("Điểm SIPAS trong PAR INDEX", "SIPAS points within PAR INDEX", 0, 12),  # 10 from 2020; 12 in 2018
    "B_LEADERS": ("Điểm khảo sát lãnh đạo, quản lý", "Survey of leaders and managers", 0, 22),
    "B_SOCIOECON": ("Tác động đến phát triển kinh tế – xã hội", "Impact on socio-economic development", 0, 8),
    "F_DIRECTION": ("Công tác chỉ đạo, điều hành CCHC", "Direction and management of PAR", 0, 100),
    "F_INSTITUTIONS": ("Cải cách thể chế / văn bản QPPL", "Institutional reform / legal documents", 0, 100),
    "F_PROCEDURES": ("Cải cách thủ tục hành chính", "Administrative procedure reform", 0, 100),
    "F_ORGANISATION": ("Cải cách tổ chức bộ máy", "Organisational reform", 0, 100),
    "F_CIVIL_SERVICE": ("Cải cách chế độ công vụ", "Civil service reform", 0, 100),
    "F_PUBLIC_FINANCE": ("Cải cách tài chính công", "Public finance reform", 0, 100),
    "F_EGOV": ("Hiện đại hóa hành chính / chính quyền điện tử, số", "Modernisation / e-government", 0, 100),
    "F_IMPACT": ("Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH",
                 "Impact of PAR on people, organisations and development", 0, 100),
}

# The survey block is the sum of its three parts (SIPAS points + survey of leaders + socio-economic impact),
# so the parts hang under it, not beside it under the total: a view showing the children of one parent
# never adds a part to its whole. The total has two alternative breakdowns at level 1: the two blocks
# (B_APPRAISAL + B_SURVEY) and the 8 areas (F_*); see PAR_BREAKDOWNS.
PAR_COMPONENT_PARENT = {"B_SIPAS": "B_SURVEY", "B_LEADERS": "B_SURVEY", "B_SOCIOECON": "B_SURVEY"}
PAR_BREAKDOWNS = {"blocks": ("B_APPRAISAL", "B_SURVEY"),
                  "areas": tuple(c for c in PAR_COMPONENT_NAMES if c.startswith("F_"))}

PCI_NAMES = {
    "entry_costs": ("Chi phí gia nhập thị trường", "Entry costs"),
    "land_access": ("Tiếp cận đất đai", "Land access and security of tenure"),
    "transparency": ("Tính minh bạch", "Transparency"),
    "time_costs": ("Chi phí thời gian", "Time costs"),
    "informal_charges": ("Chi phí không chính thức", "Informal charges"),
    "policy_bias": ("Cạnh tranh bình đẳng", "Policy bias / equal competition"),
    "proactivity": ("Tính năng động của chính quyền tỉnh", "Proactivity of provincial leadership"),
    "business_support": ("Dịch vụ hỗ trợ doanh nghiệp", "Business support services"),
    "labor_training": ("Đào tạo lao động", "Labour training"),
    "legal_institutions": ("Thiết chế pháp lý và an ninh trật tự", "Legal institutions and law & order"),
}


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "D")
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    return re.sub(r"[^a-z0-9]", "", s)


def pci_component_id(printed: str) -> str | None:
    """Map a printed PCI sub-index name (VI or EN) to its id."""
    key = _fold(printed)
    for cid, (vi, en) in PCI_NAMES.items():
        if key in (_fold(vi), _fold(en), _fold(cid)):
            return cid
    for pat, cid in (("gianhap", "entry_costs"), ("entry", "entry_costs"), ("datdai", "land_access"),
                     ("land", "land_access"), ("minhbach", "transparency"), ("transparen", "transparency"),
                     ("thoigian", "time_costs"), ("timecost", "time_costs"), ("khongchinhthuc", "informal_charges"),
                     ("informal", "informal_charges"), ("binhdang", "policy_bias"), ("bias", "policy_bias"),
                     ("nangdong", "proactivity"), ("proactiv", "proactivity"), ("hotro", "business_support"),
                     ("support", "business_support"), ("laodong", "labor_training"), ("labo", "labor_training"),
                     ("phaply", "legal_institutions"), ("legal", "legal_institutions"), ("laworder", "legal_institutions")):
        if pat in key:
            return cid
    return None


def indicator_table() -> pd.DataFrame:
    """Indicator rows for PAPI, PAR INDEX and SIPAS (PCI rows come from the workbook parser)."""
    rows = []
    subs = papi_subdims_by_year()
    dim_years: dict[str, list[int]] = {}
    for y, dims in subs.items():
        for d in dims:
            dim_years.setdefault(d, []).append(y)
    # PAPI totals: two eras
    rows.append(dict(index="PAPI", indicator="total", parent="", level=0,
                     name_vi="Chỉ số PAPI tổng hợp (không trọng số, 6 lĩnh vực)",
                     name_en="PAPI aggregate (unweighted, 6 dimensions)", unit="điểm", scale_min=6, scale_max=60,
                     year_from=2011, year_to=2017))
    rows.append(dict(index="PAPI", indicator="total", parent="", level=0,
                     name_vi="Chỉ số PAPI tổng hợp (không trọng số, 8 lĩnh vực)",
                     name_en="PAPI aggregate (unweighted, 8 dimensions)", unit="điểm", scale_min=8, scale_max=80,
                     year_from=2018, year_to=2024))
    for d, (vi, en) in PAPI_DIMENSIONS.items():
        for y0, y1 in _year_ranges(dim_years[d]):
            rows.append(dict(index="PAPI", indicator=d, parent="total", level=1, name_vi=vi, name_en=en,
                             unit="điểm", scale_min=1, scale_max=10, year_from=y0, year_to=y1))
    for sid, y0, y1, vi, en in PAPI_SUBDIMS:
        # the scale is [1/n, 10/n], n = sub-dimensions of that dimension in that year: split eras by n
        by_n: dict[int, list[int]] = {}
        for y in range(y0, y1 + 1):
            by_n.setdefault(len(subs[y][sid[:2]]), []).append(y)
        for n, ys in by_n.items():
            for a, b in _year_ranges(ys):
                rows.append(dict(index="PAPI", indicator=sid, parent=sid[:2], level=2, name_vi=vi, name_en=en,
                                 unit="điểm", scale_min=math.floor(100 / n) / 100, scale_max=math.ceil(1000 / n) / 100,
                                 year_from=a, year_to=b))
    rows.append(dict(index="PAR_INDEX", indicator="total", parent="", level=0,
                     name_vi="Chỉ số CCHC (PAR INDEX)", name_en="PAR INDEX", unit="%", scale_min=0,
                     scale_max=100, year_from=2012, year_to=2024))
    for cid, (vi, en, lo, hi) in PAR_COMPONENT_NAMES.items():
        parent = PAR_COMPONENT_PARENT.get(cid, "total")
        rows.append(dict(index="PAR_INDEX", indicator=cid, parent=parent, level=1 if parent == "total" else 2,
                         name_vi=vi, name_en=en, unit="điểm", scale_min=lo, scale_max=hi, year_from=2012,
                         year_to=2024))
    rows.append(dict(index="SIPAS", indicator="total", parent="", level=0,
                     name_vi="Chỉ số hài lòng SIPAS", name_en="SIPAS satisfaction index", unit="%",
                     scale_min=0, scale_max=100, year_from=2017, year_to=2024))
    return pd.DataFrame(rows)
