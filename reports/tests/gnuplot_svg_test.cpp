#include "reports/gnuplot_svg.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

#include <cstdlib>

using namespace attnbound::reports;

TEST_CASE("the gnuplot script feeds the data inline and drops points a log axis cannot show", "[reports]") {
  const std::string s = gnuplot_script(testing::sample_report().figures[0]);
  CHECK(s.find("set terminal svg") != std::string::npos);
  CHECK(s.find("set logscale x") != std::string::npos);
  CHECK(s.find("$d0 << EOD\n0.001 10\n0.1 1\nEOD\n") != std::string::npos);  // (10, 0) dropped: log y
  CHECK(s.find("dt 2") != std::string::npos);                                // dashed bound
  testing::approve("sample/figures/sample_fig.gp", s);
}

TEST_CASE("gnuplot draws an SVG whose ids are prefixed with the figure id", "[reports][gnuplot]") {
  const PlotResult p = gnuplot_svg(testing::sample_report().figures[0]);
  if (!p.ok && p.error.find("not found") != std::string::npos) {
    WARN("SKIPPED: " << p.error);
    return;
  }
  INFO(p.error);
  REQUIRE(p.ok);
  CHECK(p.svg.rfind("<svg", 0) == 0);
  CHECK(p.svg.find("</svg>") != std::string::npos);
  CHECK(p.svg.find("id='sample_fig_gpPt0'") != std::string::npos);
  CHECK(p.svg.find("href='#gpPt") == std::string::npos);  // every reference renamed too
  CHECK(p.svg.find("<path") != std::string::npos);
}

TEST_CASE("a missing gnuplot is reported, not thrown", "[reports]") {
  ::setenv("ATTNBOUND_GNUPLOT", "/nonexistent/gnuplot", 1);
  const PlotResult p = gnuplot_svg(testing::sample_report().figures[0]);
  ::unsetenv("ATTNBOUND_GNUPLOT");
  CHECK_FALSE(p.ok);
  CHECK(p.error.find("gnuplot not found") != std::string::npos);
  CHECK(p.error.find("gnuplot-nox") != std::string::npos);
}

TEST_CASE("a figure without plottable points gives a reason", "[reports]") {
  Figure f{"empty", "t", "", "x", "y", true, true, {{"s", "lines", {{-1, 1}}, 53, false}}};
  const PlotResult p = gnuplot_svg(f);
  CHECK_FALSE(p.ok);
  CHECK(p.error.find("no plottable data") != std::string::npos);
}
