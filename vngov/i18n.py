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
    # @@dm@@
    # ---- upload (keys prefixed 'up_') ----
    # @@up@@
    # ---- map page extras (keys prefixed 'mp_') ----
    # @@mp@@
}


def t(key: str, lang: str = "vi", **kw) -> str:
    """Text for ``key`` in ``lang`` ('vi' or 'en'), formatted with ``kw``. Unknown keys raise KeyError."""
    vi, en = TEXT[key]
    s = en if lang == "en" else vi
    return s.format(**kw) if kw else s


def name_col(lang: str) -> str:
    return "name_en" if lang == "en" else "name_vi"
