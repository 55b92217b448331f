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
    "uploaded_shown": ("Trang này có số liệu bạn đã tải lên trong phiên này (không thuộc bộ dữ liệu công bố "
                       "đi kèm ứng dụng), nguồn theo bạn ghi: {sources}.",
                       "This page shows figures you uploaded in this session (not part of the app's published "
                       "dataset); source as you gave it: {sources}."),
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
    "source_caption": ("Nguồn: {sources}.", "Source: {sources}."),
    "map_help_click": ("Bấm vào một tỉnh để mở hồ sơ của tỉnh đó.", "Click a province to open its profile."),
    "show_34": ("Hiện ranh giới 34 tỉnh mới (từ 1/7/2025)", "Show the 34 new provinces (from 1 July 2025)"),
    "group_by_new": ("Nhóm theo tỉnh mới (từ 1/7/2025)", "Grouped by new province (from 1 July 2025)"),
    "new_province": ("Tỉnh mới (từ 1/7/2025)", "New province (from 1 July 2025)"),
    "old_provinces": ("Các tỉnh cũ hợp thành", "Former provinces merged"),
    "open_profile": ("Mở hồ sơ {name}", "Open the profile of {name}"),
    # ---- rankings page (keys prefixed 'rk_') ----
    "rk_title": ("Xếp hạng {index} {year}: {indicator}", "{index} {year} rankings: {indicator}"),
    "rk_coverage": ("{n} trên {total} tỉnh, thành phố có điểm công bố năm {year}.",
                    "{n} of {total} provinces have a published score for {year}."),
    "rk_coverage_region": ("Vùng {region}: {n} trên {total} tỉnh, thành phố có điểm.",
                           "{region}: {n} of {total} provinces have a score."),
    "rk_table_h": ("Bảng xếp hạng", "Rank table"),
    "rk_col_change": ("Thay đổi điểm so với {year}", "Score change vs {year}"),
    "rk_col_rank_change": ("Thay đổi hạng so với {year} (+ = tăng)", "Rank change vs {year} (+ = up)"),
    "rk_col_band": ("Nhóm (Bộ Nội vụ)", "Group (Ministry band)"),
    "rk_col_quartile": ("Tứ phân vị điểm", "Score quartile"),
    "rk_band_A": ("A (≥ 90%)", "A (≥ 90%)"),
    "rk_band_B": ("B (80–<90%)", "B (80–<90%)"),
    "rk_band_C": ("C (70–<80%)", "C (70–<80%)"),
    "rk_band_D": ("D (< 70%)", "D (< 70%)"),
    "rk_q1": ("Q1 (25% cao nhất)", "Q1 (top 25%)"),
    "rk_q2": ("Q2", "Q2"),
    "rk_q3": ("Q3", "Q3"),
    "rk_q4": ("Q4 (25% thấp nhất)", "Q4 (bottom 25%)"),
    "rk_band_note": ("Nhóm theo ngưỡng điểm Bộ Nội vụ công bố (từ đánh giá năm 2019): A ≥ 90%, B 80–<90%, "
                     "C 70–<80%, D < 70%.",
                     "Groups by the score bands the Ministry of Home Affairs publishes (from the 2019 "
                     "assessment): A ≥ 90%, B 80–<90%, C 70–<80%, D < 70%."),
    "rk_band_pre": ("Không xếp nhóm cho năm {year}: trước 2019 Bộ Nội vụ dùng ngưỡng khác (ví dụ 2018: "
                    "A ≥ 80%, B 75–<80%, theo một nguồn mâu thuẫn với nguồn khác).",
                    "No group shown for {year}: before 2019 the Ministry used other bands (e.g. 2018: "
                    "A ≥ 80%, B 75–<80%, per one source that conflicts with another)."),
    "rk_quartile_note": ("Tứ phân vị của {n} điểm công bố năm {year} trên cả nước (Q1 = 25% cao nhất); "
                         "đây không phải phân nhóm chính thức của {index}.",
                         "Quartiles of the {n} published scores of {year} in the whole country (Q1 = top 25%); "
                         "not an official grouping of {index}."),
    "rk_quartile_none": ("Không chia tứ phân vị: chỉ {n} tỉnh có điểm công bố (cần ít nhất {min}).",
                         "No quartiles: only {n} provinces have a published score (at least {min} needed)."),
    "rk_sort_note": ("Sắp xếp theo thứ hạng công bố, rồi theo điểm; tỉnh không có số liệu ở cuối. "
                     "Bấm tiêu đề cột để sắp xếp lại.",
                     "Sorted by published rank, then by score; provinces without figures last. "
                     "Click a column header to re-sort."),
    "rk_computed_note": ("Thứ hạng năm {year} được tính từ điểm công bố của đủ các tỉnh (nhà xuất bản "
                         "chỉ công bố điểm).",
                         "The {year} ranks are computed from the published scores of every province "
                         "(the publisher gives scores only)."),
    "rk_change_break": ("Không tính thay đổi so với {prev}: phương pháp thay đổi năm {year}.",
                        "No change vs {prev}: the method changed in {year}."),
    "rk_bump_h": ("Thứ hạng qua các năm", "Ranks over the years"),
    "rk_pick": ("Tỉnh của bạn (tô đậm, tối đa 5)", "Your provinces (bold, up to 5)"),
    "rk_topbottom": ("Hiện 5 tỉnh đầu và 5 tỉnh cuối năm {year}", "Show the top 5 and bottom 5 of {year}"),
    "rk_grp_top": ("5 tỉnh đầu năm {year}", "Top 5 in {year}"),
    "rk_grp_bottom": ("5 tỉnh cuối năm {year}", "Bottom 5 in {year}"),
    "rk_grp_user": ("Tỉnh của bạn", "Your provinces"),
    "rk_bump_default": ("Mặc định: 5 tỉnh đầu và 5 tỉnh cuối theo thứ hạng năm {year}{region}, cùng các "
                        "tỉnh trong đường liên kết (p=).",
                        "Default: the top 5 and bottom 5 by rank in {year}{region}, plus the provinces in the "
                        "link (p=)."),
    "rk_bump_fallback": ("Năm {year} không có thứ hạng; 5 tỉnh đầu/cuối lấy theo năm {ref}.",
                         "{year} has no ranks; the top and bottom 5 are those of {ref}."),
    "rk_bump_gaps": ("Không có thứ hạng cho {index} năm {years}: thiếu điểm chính thức của một số tỉnh, "
                     "nên không có thứ hạng công bố và ứng dụng không tự xếp hạng một tập không đầy đủ. "
                     "Các năm này để trống, đường không nối qua.",
                     "{index} has no ranks for {years}: official gaps leave the set of scores partial, so no "
                     "rank is published and the app does not rank a partial set. These years are left "
                     "empty and lines do not cross them."),
    "rk_bump_sparse": ("Chỉ vẽ thứ hạng đã công bố: với {index}, nhiều tỉnh chỉ có thứ hạng ở một vài năm.",
                       "Only published ranks are drawn: for {index} most provinces have a rank in a few "
                       "years only."),
    "rk_bump_empty": ("Không có thứ hạng nào để vẽ cho các tỉnh đã chọn.",
                      "There are no ranks to draw for the selected provinces."),
    "rk_bump_lines": ("Đường nối các năm liền nhau có thứ hạng; không nối qua năm thiếu thứ hạng hay qua "
                      "thay đổi phương pháp (đường đứt đoạn dọc).",
                      "Lines join consecutive ranked years only; they never cross a year without a rank or "
                      "a method change (dashed vertical rule)."),
    "rk_break_label": ("Đổi phương pháp {year}", "Method change {year}"),
    "rk_slope_h": ("So sánh hai năm", "Two years compared"),
    "rk_y2": ("So sánh năm {year} với năm", "Compare {year} with"),
    "rk_measure": ("Thể hiện", "Show"),
    "rk_slope_break": ("Phương pháp thay đổi giữa {a} và {b}: điểm hai năm không so sánh được, biểu đồ "
                       "dùng thứ hạng.",
                       "The method changed between {a} and {b}: score levels are not comparable, so the "
                       "chart uses ranks."),
    "rk_slope_break_none": ("Phương pháp thay đổi giữa {a} và {b}: điểm hai năm không so sánh được và không "
                            "tỉnh nào có thứ hạng cả hai năm.",
                            "The method changed between {a} and {b}: score levels are not comparable and no "
                            "province has a rank in both years."),
    "rk_slope_n": ("{n} tỉnh, thành phố có {what} cả hai năm {a} và {b}.",
                   "{n} provinces have a {what} in both {a} and {b}."),
    "rk_slope_empty": ("Không tỉnh nào có {what} cả hai năm {a} và {b}.",
                       "No province has a {what} in both {a} and {b}."),
    "rk_what_value": ("điểm", "score"),
    "rk_what_rank": ("thứ hạng", "rank"),
    "rk_slope_labels": ("Ghi tên: tỉnh của bạn, 3 tỉnh đầu và 3 tỉnh cuối năm {year}. Rê chuột để xem các tỉnh "
                        "khác.",
                        "Named: your provinces and the top 3 and bottom 3 of {year}. Hover for the others."),
    "rk_direction": ("Chiều thay đổi", "Direction"),
    "rk_dir_up": ("Tốt lên", "Better"),
    "rk_dir_down": ("Kém đi", "Worse"),
    "rk_dir_same": ("Không đổi", "Unchanged"),
    "rk_movers_h": ("Biến động thứ hạng lớn nhất {a} → {b}", "Biggest rank movers {a} → {b}"),
    "rk_movers_note": ("Thay đổi thứ hạng (+ = tăng hạng) của các tỉnh có thứ hạng cả hai năm; tối đa {n} "
                       "tỉnh mỗi chiều.",
                       "Rank change (+ = moved up) of provinces ranked in both years; up to {n} each way."),
    "rk_movers_none_break": ("Không có biến động để so sánh: phương pháp thay đổi năm {year}.",
                             "No movement to compare: the method changed in {year}."),
    "rk_movers_none_prev": ("Không có biến động để so sánh: không có số liệu năm {prev}.",
                            "No movement to compare: there are no figures for {prev}."),
    "rk_movers_none_rank": ("Không có biến động để so sánh: không tỉnh nào{region} có thứ hạng cả hai năm "
                            "{prev} và {year}.",
                            "No movement to compare: no province{region} has a rank in both {prev} and {year}."),
    "rk_in_region": (" trong vùng {region}", " in {region}"),
    "rk_prev_rank": ("Hạng {year}", "Rank {year}"),
    "rk_rank_year": ("Hạng {year}", "Rank {year}"),
    "rk_ranks_note": ("Thứ hạng: như nhà xuất bản công bố, hoặc tính từ điểm của đủ các tỉnh.",
                      "Ranks: as published, or computed from the scores of every province."),
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
    "cp_official_mean": ("Trung bình cả nước (chính thức)", "National mean (official)"),
    "cp_region_mean": ("Trung bình vùng {region}", "Mean of {region}"),
    "cp_n_with": ("{n} tỉnh có điểm", "{n} provinces with a score"),
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
    "pf_title": ("Hồ sơ tỉnh: {name}", "Province profile: {name}"),
    "pf_province_help": ("Mặc định: Hà Nội. Bấm vào một tỉnh trên bản đồ cũng mở trang này.",
                         "Default: Ha Noi. Clicking a province on the map also opens this page."),
    "pf_coverage": ("{name} có điểm tổng hợp được công bố ở {n} trên {m} lượt chỉ số – năm.",
                    "{name} has a published overall score in {n} of {m} index-years."),
    "pf_latest_heading": ("Điểm mới nhất theo từng chỉ số", "Latest score in each index"),
    "pf_rank_of": ("Xếp hạng {rank}", "Rank {rank}"),
    "pf_rank_computed": ("Xếp hạng {rank} (tính từ điểm của đủ 63 tỉnh)", "Rank {rank} (computed from all 63 scores)"),
    "pf_no_rank": ("Không có thứ hạng công bố", "No published rank"),
    "pf_never": ("Chưa có điểm công bố", "No published score"),
    "pf_history_heading": ("Tất cả điểm và thứ hạng", "All scores and ranks"),
    "pf_col_index": ("Chỉ số", "Index"),
    "pf_trends_heading": ("Xu hướng điểm tổng hợp", "Overall score over time"),
    "pf_trends_note": ("Đường không nối qua năm thay đổi phương pháp (vạch cam); điểm lẻ là năm chỉ có một giá trị.",
                       "Lines are not drawn across a method change (orange rule); lone dots are single values."),
    "pf_break_label": ("{year}", "{year}"),  # beside the orange rule; the note and tooltip say what it is
    "pf_breaks_expander": ("Các lần thay đổi phương pháp", "Method changes"),
    "pf_tt_break": ("Thay đổi phương pháp", "Method change"),
    "pf_strength_heading": ("Thành phần mạnh nhất và yếu nhất", "Strongest and weakest components"),
    "pf_strongest": ("Mạnh nhất", "Strongest"),
    "pf_weakest": ("Yếu nhất", "Weakest"),
    "pf_component": ("Thành phần", "Component"),
    "pf_basis_rank": ("Theo thứ hạng công bố giữa các tỉnh (1 = cao nhất).",
                      "By published rank among provinces (1 = highest)."),
    "pf_basis_position": ("Chưa có thứ hạng công bố: xếp theo vị trí trong số các tỉnh có điểm (không phải thứ hạng "
                          "chính thức).",
                          "No published rank: ordered by position among the provinces with a score (not an official "
                          "rank)."),
    "pf_position": ("Vị trí trong số tỉnh có điểm", "Position among provinces with a score"),
    "pf_position_of": ("{pos} / {n} tỉnh có điểm", "{pos} of {n} provinces with a score"),
    "pf_no_components": ("{name} không có điểm thành phần {index} được công bố.",
                         "{name} has no published {index} component score."),
    "pf_peers_heading": ("Các tỉnh cùng vùng: {region}", "Region peers: {region}"),
    "pf_peers_note": ("Điểm tổng hợp của năm mới nhất của từng chỉ số; (n) = thứ hạng công bố.",
                      "Overall score in the latest year of each index; (n) = published rank."),
    "pf_merger_heading": ("Từ 1/7/2025", "Since 1 July 2025"),
    "pf_merged_into": ("{name} là một phần của tỉnh, thành phố mới **{new}** (mã {code}), cùng với: {others}.",
                       "{name} is part of the new province **{new}** (code {code}), together with: {others}."),
    "pf_unchanged": ("{name} không sáp nhập với tỉnh nào; vẫn là **{new}** (mã {code}).",
                     "{name} was not merged with another province; it remains **{new}** (code {code})."),
    # @@pf@@
    # ---- compare page (keys prefixed 'cmp_') ----
    "cmp_title": ("So sánh các tỉnh, thành phố", "Compare provinces"),
    "cmp_select": ("Tỉnh, thành phố so sánh (2–5)", "Provinces to compare (2 to 5)"),
    "cmp_select_help": ("Mặc định khi liên kết chưa chọn tỉnh: Hà Nội, TP Hồ Chí Minh, Đà Nẵng.",
                        "Default when the link names no province: Hà Nội, Hồ Chí Minh City, Đà Nẵng."),
    "cmp_too_many": ("Chỉ so sánh được tối đa 5 tỉnh, thành phố: lựa chọn thứ 6 trở đi không được nhận.",
                     "At most 5 provinces can be compared: the 6th and later choices were not accepted."),
    "cmp_too_few": ("Chọn ít nhất 2 tỉnh, thành phố để so sánh.", "Choose at least 2 provinces to compare."),
    "cmp_latest_head": ("Điểm và thứ hạng mới nhất", "Latest score and rank"),
    "cmp_latest_help": ("Mỗi chỉ số: năm gần nhất có số liệu của ít nhất một tỉnh đã chọn. "
                        "Thứ hạng có dấu * là thứ hạng tính từ điểm công bố của đủ 63 tỉnh.",
                        "Each index: the latest year with a figure for at least one chosen province. "
                        "A rank with * is computed from the published scores of all 63 provinces."),
    "cmp_rank": ("hạng {rank}", "rank {rank}"),
    "cmp_rank_only": ("hạng {rank} (không có điểm)", "rank {rank} (no score)"),
    "cmp_trend_head": ("Điểm tổng hợp qua các năm", "Overall score over the years"),
    "cmp_trend_help": ("Vạch đứt: phương pháp thay đổi từ năm ghi trên vạch. Đường bị ngắt tại đó và tại năm "
                       "không có số liệu; không nội suy.",
                       "Dashed rule: the method changed from the year written on it. Lines stop there and at "
                       "years without a figure; nothing is interpolated."),
    "cmp_break": ("Đổi phương pháp từ năm {year}", "Method change from {year}"),
    "cmp_no_series": ("{index}: không có điểm công bố nào của các tỉnh đã chọn.",
                      "{index}: no published score for the chosen provinces."),
    "cmp_series_cov": ("{index}: {n} điểm công bố của {k}/{total} tỉnh đã chọn, {y0}–{y1}.",
                       "{index}: {n} published scores of {k} of the {total} chosen provinces, {y0}–{y1}."),
    "cmp_comp_head": ("Chỉ số thành phần: {index} {year}", "Components: {index} {year}"),
    "cmp_comp_help": ("Chỉ số và năm theo thanh bên. {n}/{total} tỉnh đã chọn có số liệu thành phần.",
                      "Index and year as set in the sidebar. {n} of the {total} chosen provinces have "
                      "component figures."),
    "cmp_no_components": ("{index} {year}: không có số liệu chỉ số thành phần cho các tỉnh đã chọn.",
                          "{index} {year}: no component figures for the chosen provinces."),
    "cmp_component": ("Thành phần", "Component"),
    # @@cmp@@
    # ---- across-indices page (keys prefixed 'ax_') ----
    "ax_title": ("Tương quan giữa hai chỉ số", "Two indices against each other"),
    "ax_x": ("Chỉ số trục hoành (X)", "Index on the X axis"),
    "ax_y": ("Chỉ số trục tung (Y)", "Index on the Y axis"),
    "ax_year": ("Năm (chỉ các năm cả hai chỉ số có số liệu)", "Year (only years with data for both)"),
    "ax_labels": ("Ghi tên mọi tỉnh trên biểu đồ", "Label every province on the chart"),
    "ax_no_year": ("{x} và {y} không có năm nào cùng có số liệu.", "{x} and {y} have no year with data for both."),
    "ax_r": ("r = {r}, n = {n} tỉnh, thành phố có cả hai điểm", "r = {r}, n = {n} provinces with both scores"),
    "ax_too_few": ("n = {n} tỉnh, thành phố có cả hai điểm: quá ít để tính hệ số tương quan (cần ít nhất 3).",
                   "n = {n} provinces with both scores: too few to compute a correlation (3 or more needed)."),
    "ax_r_help": ("Hệ số tương quan Pearson giữa điểm tổng hợp của hai chỉ số năm {year}, chỉ tính trên các tỉnh "
                  "có cả hai điểm công bố. Tương quan không phải quan hệ nhân quả.",
                  "Pearson correlation of the two overall scores in {year}, over the provinces with both published "
                  "scores only. Correlation is not causation."),
    "ax_coverage": ("{x} {year}: {nx} tỉnh có điểm; {y} {year}: {ny} tỉnh có điểm; cả hai: {n} trên 63.",
                    "{x} {year}: {nx} provinces with a score; {y} {year}: {ny}; both: {n} of 63."),
    "ax_par_sipas": ("Lưu ý: điểm PAR INDEX có một phần lấy từ kết quả SIPAS, nên hai chỉ số không độc lập.",
                     "Note: part of the PAR INDEX score comes from SIPAS, so the two are not independent."),
    "ax_axis": ("{index} {year} ({unit})", "{index} {year} ({unit})"),
    "ax_vy_none": ("Năm {year} trong liên kết: không có tỉnh nào có điểm cả {x} và {y}; hiển thị năm chung gần nhất.",
                   "Year {year} in the link: no province has both {x} and {y} that year; showing their latest "
                   "common year."),
    "ax_same": ("Chọn hai chỉ số khác nhau.", "Choose two different indices."),
    # @@ax@@
    # ---- meeting mode (keys prefixed 'mt_') ----
    "mt_sub": ("Điểm và thứ hạng mới nhất đã công bố của từng chỉ số",
               "Latest published score and rank of each index"),
    "mt_points": ("điểm", "points"),
    "mt_rank": ("hạng {rank}/{n}", "rank {rank} of {n}"),
    "mt_no_rank": ("chưa có thứ hạng công bố", "no published rank"),
    "mt_position": ("thứ {pos}/{n} trong số tỉnh có điểm (không phải xếp hạng chính thức)",
                    "{pos} of the {n} provinces with a score (not an official rank)"),
    "mt_up": ("tăng {d} so với {year}", "up {d} on {year}"),
    "mt_down": ("giảm {d} so với {year}", "down {d} on {year}"),
    "mt_same": ("không đổi so với {year}", "unchanged since {year}"),
    "mt_rank_up": ("lên {n} bậc so với {year}", "up {n} places on {year}"),
    "mt_rank_down": ("xuống {n} bậc so với {year}", "down {n} places on {year}"),
    "mt_rank_same": ("giữ nguyên thứ hạng so với {year}", "same rank as in {year}"),
    "mt_no_prev": ("chưa so sánh được với năm trước", "no comparison with the previous year"),
    "mt_no_prev_help": ("Không so sánh khi năm trước không có số liệu hoặc phương pháp đã thay đổi.",
                        "No comparison when the previous year has no figure or the method changed."),
    "mt_met": ("Đạt mục tiêu ≥ {target}", "Target ≥ {target} met"),
    "mt_not_met": ("Chưa đạt mục tiêu ≥ {target}", "Target ≥ {target} not met"),
    "mt_latest_note": ("Năm mới nhất của chỉ số là {year}: tỉnh chưa có số liệu năm đó.",
                       "The index's latest year is {year}: no figure for this province that year."),
    "mt_targets": ("Đặt mục tiêu (tùy chọn)", "Set targets (optional)"),
    "mt_target": ("Mục tiêu {index} (≥, {unit})", "{index} target (≥, {unit})"),
    "mt_target_line": ("Mục tiêu ≥ {target}", "Target ≥ {target}"),
    "mt_trend": ("{index}: diễn biến", "{index}: over the years"),
    "mt_map_head": ("{index} {year}: {name} (viền đỏ) trên bản đồ 63 tỉnh, thành phố",
                    "{index} {year}: {name} (red outline) among the 63 provinces"),
    "mt_footer": ("Điểm và thứ hạng như đã công bố; ô \"Không có dữ liệu\" là chưa có số liệu công bố, không phải 0. "
                  "Thứ hạng có dấu * tính từ điểm công bố của đủ 63 tỉnh.",
                  "Scores and ranks as published; \"No data\" means no published figure, not 0. "
                  "A rank with * is computed from the published scores of all 63 provinces."),
    "mt_downloads": ("Tải dữ liệu và biểu đồ", "Download data and charts"),
    "mt_breaks": ("Các lần thay đổi phương pháp (vạch đứt trên biểu đồ)",
                  "Method changes (dashed rules on the charts)"),
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
    "up_intro": ("Nếu có bảng chính thức đầy đủ của Bộ (PAR INDEX, SIPAS) hoặc số liệu một năm mới của "
                 "một chỉ số, hãy tải lên dưới dạng CSV để xem cùng dữ liệu có sẵn. Số liệu tải lên chỉ có "
                 "trong phiên trình duyệt này: không ghi gì vào máy chủ, không chia sẻ với người khác.",
                 "If you hold the Ministry's full official table (PAR INDEX, SIPAS) or a new year of any "
                 "index, upload it as CSV to see it with the bundled data. Uploaded figures live only in this "
                 "browser session: nothing is written to the server or shared with anyone."),
    "up_template": ("Tải tệp mẫu (CSV)", "Download the template (CSV)"),
    "up_columns_title": ("Các cột của tệp", "Columns of the file"),
    "up_columns": ("Bắt buộc: `index` (PAR_INDEX, SIPAS, PAPI, PCI), `year` (năm đánh giá), `province_code` "
                   "(mã tỉnh 2 chữ số: 01 Hà Nội … 96 Cà Mau), `indicator` (`total` hoặc mã chỉ số thành phần), "
                   "`value` (điểm như đã công bố; chấp nhận dấu phẩy thập phân, ví dụ 87,16), `rank` (thứ hạng "
                   "như đã công bố, 1–63; để trống nếu không có). Không bắt buộc: `source_id` (để trống: nguồn bạn "
                   "nhập dưới đây), `units` (mặc định 63), `note`, `province_name` (nếu có, được đối chiếu với mã "
                   "tỉnh). Dấu phân cách `,` hoặc `;`; bảng mã UTF-8, Windows-1258 hoặc Windows-1252; tối đa "
                   "2 MB. Ba dòng mẫu trong tệp mẫu là ví dụ: xóa chúng trước khi tải lên.",
                   "Required: `index` (PAR_INDEX, SIPAS, PAPI, PCI), `year` (year assessed), `province_code` "
                   "(2-digit code: 01 Hà Nội … 96 Cà Mau), `indicator` (`total` or a component id), `value` "
                   "(as published; a decimal comma such as 87,16 is accepted), `rank` (as published, 1–63; empty "
                   "if none). Optional: `source_id` (empty: the source you enter below), `units` (default 63), "
                   "`note`, `province_name` (if present, checked against the code). Separator `,` or `;`; "
                   "encoding UTF-8, Windows-1258 or Windows-1252; at most 2 MB. The three rows of the template "
                   "are examples: delete them before uploading."),
    "up_source_label": ("Nguồn của bảng (bắt buộc)", "Source of the table (required)"),
    "up_source_placeholder": ("ví dụ: QĐ 330/QĐ-BNV 13/5/2020, phụ lục", "e.g. QĐ 330/QĐ-BNV 13/5/2020, phụ lục"),
    "up_file_label": ("Tệp CSV", "CSV file"),
    "up_file_help": ("Chỉ nhận CSV, tối đa 2 MB. Từ Excel: Lưu thành › CSV UTF-8.",
                     "CSV only, at most 2 MB. From Excel: Save as › CSV UTF-8."),
    "up_need_source": ("Nhập nguồn của bảng trước khi kiểm tra tệp.", "Enter the source of the table to check the file."),
    "up_problems": ("{n} lỗi trong tệp: không nạp số liệu nào. Sửa tất cả rồi tải lên lại.",
                    "{n} problem(s) in the file: nothing was loaded. Fix them all and upload again."),
    "up_col_file": ("Tệp", "File"),
    "up_col_row": ("Dòng", "Row"),
    "up_col_column": ("Cột", "Column"),
    "up_col_message": ("Lỗi", "Problem"),
    "up_valid": ("{n} dòng hợp lệ, chưa nạp. Đọc với bảng mã {enc}, dấu phân cách {sep}{dec}.",
                 "{n} valid rows, not loaded yet. Read as {enc}, separator {sep}{dec}."),
    "up_decimal": (", {n} số có dấu phẩy thập phân đã chuyển", ", {n} decimal comma(s) converted"),
    "up_preview": ("Nội dung tệp", "What the file contains"),
    "up_coverage": ("Bảng tải lên có số liệu cho {n} trên 63 tỉnh, thành phố ({what}).",
                    "The upload has figures for {n} of 63 provinces ({what})."),
    "up_conflicts": ("{n} số liệu trong tệp đã có trong dữ liệu ({same} trùng giá trị). Không có số liệu nào "
                     "bị thay thế nếu bạn không chọn.",
                     "{n} figure(s) in the file already exist in the data ({same} with the same value). None is "
                     "replaced unless you choose so."),
    "up_choice": ("Với các số liệu đã có", "For figures that already exist"),
    "up_keep": ("Giữ số liệu có sẵn (bỏ các dòng tải lên trùng)", "Keep the existing figures (drop those uploaded rows)"),
    "up_replace": ("Hiển thị số liệu tải lên thay cho số liệu có sẵn (trong phiên này)",
                   "Show the uploaded figures in their place (this session)"),
    "up_existing_value": ("Giá trị có sẵn", "Existing value"),
    "up_uploaded_value": ("Giá trị tải lên", "Uploaded value"),
    "up_existing_rank": ("Hạng có sẵn", "Existing rank"),
    "up_uploaded_rank": ("Hạng tải lên", "Uploaded rank"),
    "up_existing_origin": ("Số liệu có sẵn từ", "Existing from"),
    "up_same": ("Trùng", "Same"),
    "up_add": ("Thêm {n} số liệu vào phiên này", "Add {n} figure(s) to this session"),
    "up_nothing_to_add": ("Không còn số liệu nào để thêm: mọi dòng đều trùng với số liệu giữ lại.",
                          "Nothing left to add: every row duplicates a figure you keep."),
    "up_added": ("Đã thêm {n} số liệu. Mọi trang của phiên này đều dùng chúng, với nguồn bạn đã nhập.",
                 "{n} figure(s) added. Every page of this session now includes them, with the source you entered."),
    "up_active": ("{n} số liệu tải lên đang dùng trong phiên trình duyệt này.",
                  "{n} uploaded figures active in this browser session."),
    "up_active_none": ("Chưa có số liệu tải lên nào trong phiên này.", "No uploaded figures in this session."),
    "up_remove": ("Xóa số liệu đã tải lên", "Remove the uploaded figures"),
    "up_removed": ("Đã xóa số liệu tải lên; các trang chỉ còn dữ liệu có sẵn.",
                   "Uploaded figures removed; pages show the bundled data only."),
    "up_ignored_cols": ("Bỏ qua các cột không dùng: {cols}", "Columns not used, ignored: {cols}"),
    "up_rank_given": ("Cột rank_computed bị bỏ qua: thứ hạng tải lên được giữ như đã cho, không tính lại.",
                      "rank_computed ignored: uploaded ranks are taken as given, never computed."),
    "up_no_disk": ("Không ghi gì ra đĩa. Đóng tab hoặc bấm Xóa là số liệu tải lên mất.",
                   "Nothing is written to disk. Closing the tab or pressing Remove discards the uploaded figures."),
    "up_err_size": ("Tệp có dung lượng {size}, vượt giới hạn {limit}.", "The file is {size}; the limit is {limit}."),
    "up_err_empty": ("Tệp rỗng.", "The file is empty."),
    "up_err_binary": ("Đây không phải tệp CSV dạng văn bản (có vẻ là {kind}). Hãy lưu bảng dưới dạng CSV.",
                      "This is not a CSV text file (it looks like {kind}). Save the table as CSV."),
    "up_err_encoding": ("Không đọc được bảng mã của tệp (đã thử UTF-8, Windows-1258, Windows-1252). Hãy lưu lại "
                        "dưới dạng CSV UTF-8.",
                        "The file's text encoding could not be read (tried UTF-8, Windows-1258, Windows-1252). "
                        "Save it again as CSV UTF-8."),
    "up_err_utf8": ("tệp gần như là UTF-8 nhưng có byte hỏng (vị trí {pos}): lưu lại dưới dạng CSV UTF-8",
                    "the file is nearly all UTF-8 but has a damaged byte (offset {pos}): save it again as CSV UTF-8"),
    "up_err_csv": ("Không đọc được CSV: {err}", "Not a readable CSV: {err}"),
    "up_err_no_rows": ("Tệp có dòng tiêu đề nhưng không có dòng số liệu.", "The file has a header but no data rows."),
    "up_err_missing_col": ("thiếu cột bắt buộc", "required column is missing"),
    "up_err_dup_col": ("cột xuất hiện hai lần trong dòng tiêu đề", "the column appears twice in the header"),
    "up_err_fields": ("dòng có {n} ô nhưng dòng tiêu đề có {m} ô", "the row has {n} fields but the header has {m}"),
    "up_hint_decimal": (" (dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy? Đặt số trong ngoặc kép, "
                        "ví dụ \"87,16\", hoặc lưu với dấu ; làm dấu phân cách)",
                        " (a decimal comma in a comma-separated file? Quote the number, e.g. \"87,16\", or save "
                        "with ';' as the separator)"),
    "up_err_ambiguous": ("'{v}' không rõ nghĩa (có cả dấu chấm và dấu phẩy)", "'{v}' is ambiguous (it has both a point and a comma)"),
    "up_err_rank": ("thứ hạng phải từ 1 đến {max}, nhận {v}", "rank must be 1–{max}, got {v}"),
    "up_err_long": ("ô dài hơn {n} ký tự", "the cell is longer than {n} characters"),
    "up_err_example": ("đây là dòng ví dụ của tệp mẫu: xóa dòng này trước khi tải lên",
                       "this is an example row of the template: delete it before uploading"),
    "up_err_source": ("hãy nhập nguồn của bảng (ví dụ: QĐ 330/QĐ-BNV 13/5/2020, phụ lục)",
                      "enter the source of the table (e.g. QĐ 330/QĐ-BNV 13/5/2020, phụ lục)"),
    "up_err_name": ("'{name}' không phải tên tỉnh có mã {code} ({real}): kiểm tra lại mã",
                    "'{name}' is not the name of province {code} ({real}): check the code"),
    "up_err_new_year": (" (danh mục chỉ tiêu data/indicators.csv của {index} kết thúc năm {last}: năm sau đó cần bổ "
                        "sung danh mục trước)",
                        " (the indicator catalogue data/indicators.csv ends for {index} in {last}: a later year needs "
                        "the catalogue extended first)"),
    "up_bundled": ("dữ liệu có sẵn", "bundled data"),
    "up_with_value": ("Có điểm", "With a score"),
    "up_with_rank": ("Có thứ hạng", "With a rank"),
    # @@up@@
    # ---- map page extras (keys prefixed 'mp_') ----
    "mp_with_score": ("Số tỉnh cũ có điểm", "Former provinces with a score"),
    "mp_no_average": ("Điểm của các tỉnh cũ không được cộng hay lấy trung bình: chưa có điểm công bố cho 34 tỉnh mới.",
                      "Scores of merged provinces are not added or averaged: no score has been published for the "
                      "34 new provinces yet."),
    "mp_change_short": ("± năm trước", "± last year"),
    # @@mp@@
}


def t(key: str, lang: str = "vi", **kw) -> str:
    """Text for ``key`` in ``lang`` ('vi' or 'en'), formatted with ``kw``. Unknown keys raise KeyError."""
    vi, en = TEXT[key]
    s = en if lang == "en" else vi
    return s.format(**kw) if kw else s


def name_col(lang: str) -> str:
    return "name_en" if lang == "en" else "name_vi"
