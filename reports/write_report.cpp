#include "reports/write_report.hpp"

#include "reports/render_csv.hpp"
#include "reports/render_html.hpp"
#include "reports/render_markdown.hpp"
#include "theory/errors.hpp"

#include <fstream>
#include <map>

namespace attnbound::reports {
namespace {

void write_file(const std::filesystem::path& p, const std::string& text, std::vector<std::filesystem::path>& out) {
  std::ofstream f(p, std::ios::binary);
  f << text;
  if (!f) throw InputError("out", "cannot write " + p.string());
  out.push_back(p);
}

}  // namespace

std::vector<std::filesystem::path> write_report(const Report& r, const std::filesystem::path& dir,
                                                const Plotter& plot, const Timings* timings) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir / "tables", ec);
  fs::create_directories(dir / "figures", ec);
  if (ec) throw InputError("out", "cannot create " + dir.string() + ": " + ec.message());
  std::vector<fs::path> written;
  write_file(dir / "report.json", report_json_text(r), written);
  for (const auto& t : r.tables) write_file(dir / "tables" / (t.id + ".csv"), table_csv(t), written);
  // Each figure is plotted once; the HTML renderer reuses the SVG through a caching plotter.
  std::map<std::string, PlotResult> plots;
  for (const auto& f : r.figures) {
    plots[f.id] = plot(f);
    write_file(dir / "figures" / (f.id + ".csv"), figure_csv(f), written);
    if (plots[f.id].ok) write_file(dir / "figures" / (f.id + ".svg"), plots[f.id].svg + "\n", written);
  }
  const Plotter cached = [&](const Figure& f) { return plots.at(f.id); };
  write_file(dir / "report.md", render_markdown(r, timings), written);
  write_file(dir / "report.html", render_html(r, cached, timings), written);
  if (timings) write_file(dir / "timings.json", to_json(*timings).dump(2) + "\n", written);
  return written;
}

}  // namespace attnbound::reports
