// report.md: the Report as GitHub-flavoured Markdown. Figures are linked as figures/<id>.svg (written
// beside it by write_report), long tables are cut at `max_rows` rows with a pointer to their CSV file.
#pragma once

#include "reports/report.hpp"

#include <cstddef>
#include <string>

namespace attnbound::reports {

// timings: optional non-deterministic section (nullptr: none; approval tests render without it).
std::string render_markdown(const Report& r, const Timings* timings = nullptr, std::size_t max_rows = 40);

// Text as one Markdown table cell: '|' escaped as "\\|", newlines as spaces.
std::string markdown_cell(const std::string& text);

// Shared by the renderers: a table cell as short text, and a column header with its precision.
std::string cell_text(const Cell& c, const Column& col);
std::string column_heading(const Column& c);

}  // namespace attnbound::reports
