#include "reports/gnuplot_svg.hpp"

#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace attnbound::reports {
namespace {

// gnuplot strings in double quotes: escape backslashes and quotes; '@', '^', '_' are enhanced-text markup.
std::string quoted(const std::string& s, bool enhanced = true) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (enhanced && (c == '_' || c == '^' || c == '@' || c == '&' || c == '{' || c == '}')) out += "\\\\";
    out += c;
  }
  return out + "\"";
}

std::string with_clause(const std::string& style, std::size_t index) {
  // Fixed colours so the plots read the same in every run (gnuplot's default cycle does too, but the dashed
  // theory curves must be black like the paper's Figure 4).
  static const char* colours[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"};
  const std::string lc = fmt::format("lc rgb \"{}\"", colours[index % 7]);
  if (style == "dashed") return "with lines dt 2 lw 2 lc rgb \"black\"";
  if (style == "dotted") return "with lines dt 3 lw 2 lc rgb \"#555555\"";
  if (style == "points") return "with points pt 7 ps 0.4 " + lc;
  if (style == "lines") return "with lines lw 2 " + lc;
  if (style == "steps") return "with steps lw 2 " + lc;  // histograms: x = bin start
  return "with linespoints pt 7 ps 0.6 lw 2 " + lc;
}

bool plottable(const Figure& f, double x, double y) {
  return !(f.logx && x <= 0) && !(f.logy && y <= 0);
}

// Makes every id of the SVG unique to the figure so several plots can be inlined in one page.
std::string prefix_ids(std::string svg, const std::string& prefix) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    std::string out;
    std::size_t pos = 0, hit;
    while ((hit = svg.find(from, pos)) != std::string::npos) {
      out.append(svg, pos, hit - pos);
      out += to;
      pos = hit + from.size();
    }
    out.append(svg, pos, std::string::npos);
    svg = std::move(out);
  };
  replace_all("id='", "id='" + prefix);
  replace_all("id=\"", "id=\"" + prefix);
  replace_all("href='#", "href='#" + prefix);
  replace_all("href=\"#", "href=\"#" + prefix);
  replace_all("url(#", "url(#" + prefix);
  return svg;
}

}  // namespace

std::string gnuplot_script(const Figure& f) {
  std::ostringstream s;
  s << "set terminal svg size 760,460 dynamic enhanced font \"Helvetica,13\" background rgb \"white\"\n";
  s << "set title " << quoted(f.title) << "\n";
  s << "set xlabel " << quoted(f.xlabel) << "\n";
  s << "set ylabel " << quoted(f.ylabel) << "\n";
  if (f.logx) s << "set logscale x\nset format x \"10^{%L}\"\n";
  if (f.logy) s << "set logscale y\nset format y \"10^{%L}\"\n";
  s << "set grid\nset key outside right top vertical Left reverse noenhanced\n";
  std::vector<std::string> plots;
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const Series& se = f.series[i];
    std::string block;
    for (const auto& [x, y] : se.points)
      if (plottable(f, x, y)) block += decimal17(x) + " " + decimal17(y) + "\n";
    if (block.empty()) continue;
    s << "$d" << i << " << EOD\n" << block << "EOD\n";
    plots.push_back(fmt::format("$d{} using 1:2 {} title {}", i, with_clause(se.style, i), quoted(se.name, false)));  // the key is noenhanced
  }
  if (plots.empty()) return "";
  s << "plot ";
  for (std::size_t i = 0; i < plots.size(); ++i) s << (i ? ", \\\n     " : "") << plots[i];
  s << "\n";
  return s.str();
}

PlotResult gnuplot_svg(const Figure& f) {
  namespace fs = std::filesystem;
  PlotResult r;
  const std::string script = gnuplot_script(f);
  if (script.empty()) {
    r.error = "no plottable data (every point is missing or non-positive on a log axis)";
    return r;
  }
  const char* env = std::getenv("ATTNBOUND_GNUPLOT");
  const std::string program = env && *env ? env : "gnuplot";
  char tmpl[] = "/tmp/attnbound-plot-XXXXXX";
  if (!::mkdtemp(tmpl)) {
    r.error = "cannot create a temporary directory for gnuplot";
    return r;
  }
  const fs::path dir = tmpl;
  std::ofstream(dir / "plot.gp") << script;
  const std::string cmd = fmt::format("'{}' '{}' > '{}' 2> '{}'", program, (dir / "plot.gp").string(),
                                      (dir / "plot.svg").string(), (dir / "stderr").string());
  const int status = std::system(cmd.c_str());
  std::ifstream out(dir / "plot.svg"), err(dir / "stderr");
  std::string svg((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  std::string errtext((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  std::error_code ec;
  fs::remove_all(dir, ec);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 127) {
    r.error = fmt::format("gnuplot not found ('{}'): install the Debian package gnuplot-nox to draw this plot",
                          program);
    return r;
  }
  const std::size_t start = svg.find("<svg");
  if (code != 0 || start == std::string::npos) {
    if (errtext.size() > 300) errtext.resize(300);
    r.error = fmt::format("gnuplot failed (exit {}): {}", code, errtext);
    return r;
  }
  r.svg = prefix_ids(svg.substr(start), f.id + "_");
  r.ok = true;
  return r;
}

}  // namespace attnbound::reports
