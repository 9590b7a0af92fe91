// Writes a Report to a directory:
//   report.json            the source of truth (deterministic for a given configuration and seed)
//   report.md, report.html renderings (report.html is self-contained: inline CSS and SVG)
//   tables/<id>.csv        every table;  figures/<id>.csv, figures/<id>.svg  every figure's data and plot
//   timings.json           wall-clock seconds (non-deterministic; only when timings are given)
#pragma once

#include "reports/gnuplot_svg.hpp"
#include "reports/report.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace attnbound::reports {

// Returns the paths written, in order. Throws InputError("out") when the directory cannot be written.
std::vector<std::filesystem::path> write_report(const Report& r, const std::filesystem::path& dir,
                                                const Plotter& plot = gnuplot_svg,
                                                const Timings* timings = nullptr);

}  // namespace attnbound::reports
