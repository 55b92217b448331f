"""The one Vietnamese/English text catalogue. Every visible string goes through ``t``."""

from __future__ import annotations

LANGS = ("vi", "en")
LANG_LABELS = {"vi": "Tiếng Việt", "en": "English"}

TEXT: dict[str, tuple[str, str]] = {
    # ---- frame -----------------------------------------------------------------------------
    "app_title": ("Chỉ số quản trị cấp tỉnh Việt Nam", "Viet Nam provincial governance scores"),
    "app_tagline": ("Điểm số đã công bố của PAR INDEX, SIPAS, PAPI và PCI cho 63 tỉnh, thành phố.",
                    "Published PAR INDEX, SIPAS, PAPI and PCI scores of the 63 provinces."),
    "language": ("Ngôn ngữ", "Language"),
    "index": ("Chỉ số", "Index"),
    "year": ("Năm", "Year"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "region": ("Vùng", "Region"),
    "all_regions": ("Cả nước", "Whole country"),
    "province": ("Tỉnh, thành phố", "Province"),
    "provinces": ("Tỉnh, thành phố", "Provinces"),
    "total": ("Điểm tổng hợp", "Overall score"),
    "no_data": ("Không có dữ liệu", "No data"),
    "value": ("Điểm", "Score"),
    "rank": ("Xếp hạng", "Rank"),
    "change": ("Thay đổi so với năm trước", "Change vs previous year"),
    "rank_change": ("Thay đổi thứ hạng", "Rank change"),
    "source": ("Nguồn", "Source"),
    "sources": ("Nguồn dữ liệu", "Sources"),
    "note": ("Ghi chú", "Note"),
    "uploaded": ("tải lên", "uploaded"),
    "computed_rank": ("thứ hạng tính từ điểm đã công bố của đủ 63 tỉnh",
                      "rank computed from the published scores of all 63 provinces"),
    "coverage": ("{n} trên {total} tỉnh, thành phố có điểm công bố cho lựa chọn này.",
                 "{n} of {total} provinces have a published score for this selection."),
    "coverage_rank": ("{n} có thứ hạng.", "{n} with a rank."),
    "url_notice": ("Tham số liên kết không hợp lệ, đã dùng giá trị mặc định: {items}",
                   "Invalid link parameter(s), defaults used instead: {items}"),
    "data_error": ("Không thể nạp dữ liệu: {err}", "The dataset could not be loaded: {err}"),
    "method_break": ("Thay đổi phương pháp năm {year}: {text}", "Method change in {year}: {text}"),
    "download_csv": ("Tải dữ liệu (CSV)", "Download data (CSV)"),
    "download_png": ("Tải biểu đồ (PNG)", "Download chart (PNG)"),
    "download_svg": ("Tải biểu đồ (SVG)", "Download chart (SVG)"),
    "boundary_attribution": ("Ranh giới tỉnh: Open Development Mekong / Cục Đo đạc và Bản đồ Việt Nam, "
                             "CC BY-SA 4.0; đã đơn giản hóa. Bản đồ thể hiện quần đảo Hoàng Sa và Trường Sa.",
                             "Province boundaries: Open Development Mekong / Department of Survey and Mapping of "
                             "Viet Nam, CC BY-SA 4.0; simplified. The map shows the Hoàng Sa (Paracel) and "
                             "Trường Sa (Spratly) archipelagos."),
    "hoang_sa": ("QĐ. Hoàng Sa (Đà Nẵng)", "Hoàng Sa archipelago (Đà Nẵng)"),
    "truong_sa": ("QĐ. Trường Sa (Khánh Hòa)", "Trường Sa archipelago (Khánh Hòa)"),
    # ---- pages -----------------------------------------------------------------------------
    "page_map": ("Bản đồ", "Map"),
    "page_rankings": ("Xếp hạng & biến động", "Rankings & movement"),
    "page_components": ("Chỉ số thành phần", "Components"),
    "page_profile": ("Hồ sơ tỉnh", "Province profile"),
    "page_compare": ("So sánh", "Compare"),
    "page_across": ("Tương quan các chỉ số", "Across indices"),
    "page_meeting": ("Chế độ trình chiếu", "Meeting mode"),
    "page_upload": ("Tải bảng chính thức", "Load an official table"),
    "page_data": ("Dữ liệu & phương pháp", "Data & methods"),
    "map_title": ("{index} {year}: {indicator}", "{index} {year}: {indicator}"),
    "map_caption": ("Nguồn: {sources}. Tỉnh màu xám: không có điểm công bố.",
                    "Source: {sources}. Grey provinces: no published score."),
    "map_help_click": ("Bấm vào một tỉnh để mở hồ sơ của tỉnh đó.", "Click a province to open its profile."),
    "show_34": ("Hiện ranh giới 34 tỉnh mới (từ 1/7/2025)", "Show the 34 new provinces (from 1 July 2025)"),
    "group_by_new": ("Nhóm theo tỉnh mới (từ 1/7/2025)", "Grouped by new province (from 1 July 2025)"),
    "new_province": ("Tỉnh mới (từ 1/7/2025)", "New province (from 1 July 2025)"),
    "old_provinces": ("Các tỉnh cũ hợp thành", "Former provinces merged"),
    "open_profile": ("Mở hồ sơ {name}", "Open the profile of {name}"),
    # ---- rankings page (keys prefixed 'rk_') ----
    # @@rk@@
    # ---- components page (keys prefixed 'cp_') ----
    "cp_title": ("{index} {year}: chỉ số thành phần của {province}", "{index} {year}: components of {province}"),
    "cp_province_help": ("Mặc định: tỉnh đứng đầu về điểm tổng hợp năm đó.",
                         "Default: the province ranked first on the overall score that year."),
    "cp_coverage": ("{n} trên 63 tỉnh, thành phố có điểm thành phần được công bố cho {index} {year}.",
                    "{n} of 63 provinces have published component scores for {index} {year}."),
    "cp_total_heading": ("Điểm tổng hợp", "Overall score"),
    "cp_rank_of": ("Xếp hạng {rank}", "Rank {rank}"),
    "cp_no_rank": ("Không có thứ hạng công bố", "No published rank"),
    "cp_mean_n": ("Trung bình {n} tỉnh có điểm", "Mean of {n} provinces with a score"),
    "cp_region_mean_n": ("Trung bình vùng {region} ({n} tỉnh có điểm)",
                         "Mean of {region} ({n} provinces with a score)"),
    "cp_official_mean": ("Trung bình cả nước (công bố chính thức)", "National mean (officially published)"),
    "cp_best": ("Điểm cao nhất", "Highest score"),
    "cp_best_of": ("Cao nhất: {name}", "Highest: {name}"),
    "cp_vs_heading": ("So với trung bình, điểm cao nhất và trung bình vùng",
                      "Against the mean, the highest score and the region mean"),
    "cp_raw_axis": ("Điểm (thang {lo}–{hi})", "Score (scale {lo}–{hi})"),
    "cp_pct_axis": ("% thang điểm của thành phần", "% of the component's scale"),
    "cp_pct_note": ("Các thành phần có thang điểm khác nhau nên được quy về % thang điểm (0 % = mức tối thiểu, "
                    "100 % = mức tối đa của thang); điểm gốc trong chú giải khi di chuột.",
                    "The components have different scales, so they are shown as % of their scale (0 % = scale "
                    "minimum, 100 % = maximum); hover for the published score."),
    "cp_tt_component": ("Thành phần", "Component"),
    "cp_tt_series": ("Đối tượng", "Series"),
    "cp_tt_pct": ("% thang điểm", "% of scale"),
    "cp_tt_who": ("Tỉnh", "Province(s)"),
    "cp_tt_n": ("Số tỉnh có điểm", "Provinces with a score"),
    "cp_tt_prev": ("Năm trước", "Previous year"),
    "cp_no_components": ("Không có điểm thành phần nào được công bố cho {index} {year}; chỉ có điểm tổng hợp.",
                         "No component score is published for {index} {year}; only overall scores exist."),
    "cp_province_no_comp": ("{name} không có điểm thành phần được công bố cho năm này.",
                            "{name} has no published component score for this year."),
    "cp_sparse": ("Chỉ {n} trên 63 tỉnh, thành phố có điểm thành phần; các tỉnh khác hiển thị “không có dữ liệu”.",
                  "Only {n} of 63 provinces have component scores; the others are shown as “no data”."),
    "cp_table_pct": ("% thang điểm", "% of scale"),
    "cp_heat_heading": ("Tất cả tỉnh, thành phố × thành phần", "All provinces × components"),
    "cp_heat_sort": ("Sắp xếp theo {label} (cao xuống thấp); tỉnh không có điểm ở cuối.",
                     "Sorted by {label} (high to low); provinces without it last."),
    "cp_heat_color": ("Màu: tương đối trong từng cột (thấp nhất → cao nhất năm đó)",
                      "Colour: relative within each column (lowest → highest that year)"),
    "cp_heat_only": ("Chỉ hiện các tỉnh có điểm thành phần", "Only provinces with component scores"),
    "cp_change_heading": ("Thành phần kéo điểm lên hay xuống so với năm {prev}",
                          "Which components moved the score up or down vs {prev}"),
    "cp_change_axis": ("Thay đổi (điểm)", "Change (points)"),
    "cp_change_axis_pct": ("Thay đổi (điểm phần trăm của thang)", "Change (percentage points of the scale)"),
    "cp_change_break": ("Không so sánh với năm {prev}: phương pháp thay đổi từ năm {year}.",
                        "No comparison with {prev}: the method changed in {year}."),
    "cp_change_none": ("{name} không có điểm thành phần của cả năm {prev} và {year} để so sánh.",
                       "{name} has no component scores in both {prev} and {year} to compare."),
    "cp_change_total": ("Điểm tổng hợp: {prev_v} ({prev}) → {v} ({year}), thay đổi {change}.",
                        "Overall score: {prev_v} ({prev}) → {v} ({year}), change {change}."),
    # @@cp@@
    # ---- profile page (keys prefixed 'pf_') ----
    # @@pf@@
    # ---- compare page (keys prefixed 'cmp_') ----
    # @@cmp@@
    # ---- across-indices page (keys prefixed 'ax_') ----
    # @@ax@@
    # ---- meeting mode (keys prefixed 'mt_') ----
    # @@mt@@
    # ---- data & methods page (keys prefixed 'dm_') ----
    "dm_intro": ("Mọi số liệu trong ứng dụng là số liệu **đã công bố**, có nguồn cụ thể. Số liệu không được công bố "
                 "hiển thị là “không có dữ liệu”, không bao giờ là 0; không nội suy, không ước tính.",
                 "Every figure in the app is a **published** figure with a named source. A figure that was not "
                 "published is shown as “no data”, never as 0; nothing is interpolated or estimated."),
    "dm_measures": ("Chỉ số đo gì", "What it measures"),
    "dm_components": ("Chỉ tiêu thành phần và thang điểm theo giai đoạn", "Components and scales per era"),
    "dm_breaks": ("Thay đổi phương pháp", "Method changes"),
    "dm_gaps": ("Khoảng trống chính thức và lý do", "Official gaps and their reasons"),
    "dm_coverage": ("Mức độ bao phủ (số tỉnh có điểm, có thứ hạng, có chỉ tiêu thành phần)",
                    "Coverage (provinces with a score, with a rank, with components)"),
    "dm_national": ("Số liệu toàn quốc đã công bố", "Published national figures"),
    "dm_download_all": ("Tải toàn bộ dữ liệu", "Download the full dataset"),
    "dm_boundaries": ("Ranh giới hành chính", "Boundaries"),
    "dm_desc_PAR_INDEX": (
        "Bộ Nội vụ đánh giá kết quả cải cách hành chính của từng tỉnh: điểm tự đánh giá được thẩm định theo các "
        "lĩnh vực (chỉ đạo điều hành, thể chế, thủ tục hành chính, tổ chức bộ máy, công vụ, tài chính công, chính "
        "quyền điện tử/số, tác động) cộng điểm điều tra xã hội học. Điểm: % của điểm tối đa (0–100). Bảng đầy đủ "
        "được công bố dưới dạng PDF/infographic; dữ liệu ở đây là các số liệu được trích dẫn từ trang tin chính "
        "thức và báo chí, mỗi số liệu kèm nguồn.",
        "The Ministry of Home Affairs assesses each province's administrative reform: an appraised self-assessment "
        "across areas (direction, institutions, procedures, organisation, civil service, public finance, "
        "e-government, impact) plus sociological surveys. Score: % of the maximum (0–100). The full tables are "
        "published as PDFs/infographics; the figures here are quoted from official and news pages, each with its "
        "source."),
    "dm_desc_SIPAS": (
        "Tỷ lệ (%) người dân, tổ chức hài lòng với sự phục vụ của cơ quan hành chính nhà nước, do Bộ Nội vụ khảo "
        "sát. Từ 2022 đo thêm sự hài lòng về 9 nhóm chính sách, nên không so sánh trực tiếp với trước 2022.",
        "The share (%) of citizens and organisations satisfied with public administrative services, surveyed by "
        "the Ministry of Home Affairs. From 2022 it also covers 9 policy groups, so it is not comparable with "
        "earlier years."),
    "dm_desc_PAPI": (
        "Khảo sát người dân của CECODES, VFF-CRT, RTA và UNDP. Điểm lĩnh vực (1–10) là tổng các nội dung thành "
        "phần; điểm tổng hợp không trọng số là tổng các lĩnh vực: 6 lĩnh vực (6–60) đến 2017, 8 lĩnh vực (8–80) "
        "từ 2018.",
        "A citizen survey by CECODES, VFF-CRT, RTA and UNDP. Dimension scores (1–10) are the sums of their "
        "sub-dimensions; the unweighted aggregate is the sum of the dimensions: 6 dimensions (6–60) to 2017, "
        "8 (8–80) from 2018."),
    "dm_desc_PCI": (
        "Khảo sát doanh nghiệp của VCCI: chỉ số có trọng số (0–100) của 9–10 chỉ số thành phần (0–10). Năm 2005 "
        "chỉ khảo sát 42 tỉnh. Từ 2005 đến 2019 lấy từ bảng dữ liệu chính thức của VCCI; 2020–2024 từ trang "
        "pcivietnam.vn và báo chí.",
        "VCCI's survey of firms: a weighted index (0–100) of 9–10 sub-indices (0–10). 2005 covered 42 provinces. "
        "2005–2019 come from VCCI's official workbooks; 2020–2024 from pcivietnam.vn and news pages."),
    "dm_papi_gaps": (
        "PAPI: 2014 Bắc Giang, Đồng Tháp (không rõ lý do); 2018 Quảng Ninh, Đồng Tháp thiếu lĩnh vực 2 và 4; "
        "2021 Quảng Ninh, Bắc Giang, Bắc Ninh (lỗi dữ liệu khảo sát); 2022 Bắc Giang, Bắc Ninh thiếu một số lĩnh vực "
        "(số liệu khảo sát không chính xác); 2023 Quảng Ninh, Bình Dương (sai số vượt mức cho phép); 2024 Vĩnh Phúc, "
        "Tiền Giang (không rõ lý do). PCI 2005: 42 tỉnh được khảo sát. PAR INDEX, SIPAS: chỉ có các số liệu được "
        "trích dẫn công khai; bảng đầy đủ nằm trong quyết định phê duyệt của Bộ Nội vụ (ví dụ QĐ 330/QĐ-BNV ngày "
        "13/5/2020 cho PAR INDEX 2019).",
        "PAPI: 2014 Bắc Giang, Đồng Tháp (reason not found); 2018 Quảng Ninh, Đồng Tháp lack dimensions 2 and 4; "
        "2021 Quảng Ninh, Bắc Giang, Bắc Ninh (survey data errors); 2022 Bắc Giang, Bắc Ninh lack some dimensions "
        "(inaccurate survey data); 2023 Quảng Ninh, Bình Dương (error above the allowed margin); 2024 Vĩnh Phúc, "
        "Tiền Giang (reason not found). PCI 2005: 42 provinces surveyed. PAR INDEX, SIPAS: only figures quoted in "
        "public pages; the full tables are in the Ministry's approving decisions (e.g. QĐ 330/QĐ-BNV of 13/5/2020 "
        "for PAR INDEX 2019)."),
    # @@dm@@
    # ---- upload (keys prefixed 'up_') ----
    # @@up@@
    # ---- map page extras (keys prefixed 'mp_') ----
    "mp_with_score": ("Số tỉnh cũ có điểm", "Former provinces with a score"),
    "mp_no_average": ("Điểm của các tỉnh cũ không được cộng hay lấy trung bình: chưa có điểm công bố cho 34 tỉnh mới.",
                      "Scores of merged provinces are not added or averaged: no score has been published for the "
                      "34 new provinces yet."),
    # @@mp@@
}


def t(key: str, lang: str = "vi", **kw) -> str:
    """Text for ``key`` in ``lang`` ('vi' or 'en'), formatted with ``kw``. Unknown keys raise KeyError."""
    vi, en = TEXT[key]
    s = en if lang == "en" else vi
    return s.format(**kw) if kw else s


def name_col(lang: str) -> str:
    return "name_en" if lang == "en" else "name_vi"
