// report.html: one self-contained page (inline CSS, inline SVG plots, no script, no external resource).
// Each figure is a <figure class="plot" id="fig-<id>"> holding the gnuplot SVG, or, when the plot could not
// be drawn, a <p class="plot-missing"> saying why (e.g. gnuplot not installed).
#pragma once

#include "reports/gnuplot_svg.hpp"
#include "reports/report.hpp"

#include <cstddef>
#include <string>

namespace attnbound::reports {

std::string html_escape(const std::string& s);
std::string render_html(const Report& r, const Plotter& plot, const Timings* timings = nullptr,
                        std::size_t max_rows = 200);

}  // namespace attnbound::reports
