// Draws a report Figure as an SVG by running gnuplot (Debian gnuplot-nox, `set terminal svg`) as a
// subprocess, with the data fed inline as datablocks. The program is `gnuplot` on PATH, or the value of the
// environment variable ATTNBOUND_GNUPLOT. When gnuplot is missing or fails, no exception: the result says
// why, and the renderers write that message in place of the plot.
#pragma once

#include "reports/report.hpp"

#include <functional>
#include <string>

namespace attnbound::reports {

struct PlotResult {
  bool ok = false;
  std::string svg;    // the <svg>...</svg> element, ids prefixed with the figure id (safe to inline)
  std::string error;  // why there is no plot
};

// The gnuplot script for a figure (data inline); deterministic text.
std::string gnuplot_script(const Figure& f);
PlotResult gnuplot_svg(const Figure& f);

// Renderers take the plotter as a parameter so tests can substitute a deterministic one.
using Plotter = std::function<PlotResult(const Figure&)>;

}  // namespace attnbound::reports
