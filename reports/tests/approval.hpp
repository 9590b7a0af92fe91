// Approval testing: an output is compared byte for byte with its checked-in baseline under
// reports/tests/baselines/. To accept new outputs after an intended change, run the tests with
// ATTNBOUND_UPDATE_BASELINES=1 (the baselines are rewritten in the source tree), then review `git diff`.
#pragma once

#include "reports/gnuplot_svg.hpp"
#include "reports/report.hpp"
#include "testing/catch.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace attnbound::reports::testing {

inline std::filesystem::path baseline_dir() {
  return attnbound::testing::source_dir() / "reports" / "tests" / "baselines";
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void approve(const std::string& name, const std::string& actual) {
  const std::filesystem::path p = baseline_dir() / name;
  const char* update = std::getenv("ATTNBOUND_UPDATE_BASELINES");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << actual;
    WARN("baseline updated: " << p.string());
    return;
  }
  INFO("baseline " << p.string() << " (rerun with ATTNBOUND_UPDATE_BASELINES=1 to accept a new output)");
  REQUIRE(std::filesystem::exists(p));
  const std::string expected = read_text(p);
  if (expected != actual) {
    // Point at the first difference so a failure is readable.
    std::size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
    const auto context = [&](const std::string& s) { return s.substr(i > 80 ? i - 80 : 0, 200); };
    INFO("first difference at byte " << i << "\nexpected: ..." << context(expected) << "\nactual:   ..."
                                     << context(actual));
    CHECK(expected == actual);
  }
}

// A small fixed report exercising every element of the schema.
inline Report sample_report() {
  Report r;
  r.title = "sample report";
  r.version = "0.0.0-test";
  r.config = {{"seed", 7}, {"budget_seconds", 1}};
  r.sections = {{"verify", "Certified verification", "ran", "3 statements"},
                {"model", "GPT-2 model", "unavailable", "needs weights"}};
  r.verdicts = {{"cor3.softmax_jacobian", "spectral", "||J||_2 <= min{1/(4T), sqrt 2}", "[S]", "violated", true,
                 "tie instance", Number::enclosure("1.99999", "2.00001", 128), {"counterexamples/cor3.spectral.1.json"},
                 0, {}, std::nullopt},
                {"cor1.softmax_weights", "default", "alpha <= e^{2D/T}/L", "[S]", "holds", false, "rows | pipes",
                 Number::point(0.5), {}, 0, {}, std::nullopt}};
  r.claims = {{"headline.heads", "Heads", "144", Number::exact(144), "in the data", "agrees", ""},
              {"headline.critical_n", "Critical N", "0.06 L", std::nullopt, "", "not measured", "needs the model"}};
  Table t{"sample_table", "A table", "caption, with a comma", {}, {}};
  t.columns = {{"name", "", Column::Kind::text},
               {"x", "s", Column::Kind::point},
               {"y", "", Column::Kind::enclosure, 128, true},
               {"n", "", Column::Kind::exact}};
  t.rows = {{std::string("a,\"b\""), 0.1, std::make_pair(std::string("0.25"), std::string("0.5")), 3LL},
            {std::string("plain"), 1e-300, std::make_pair(std::string("-1"), std::string("1")), 0LL}};
  r.tables = {t};
  Figure f{"sample_fig", "A figure", "caption", "T", "g", true, true, {}};
  f.series = {{"measured", "linespoints", {{0.001, 10}, {0.1, 1}, {10, 0}}, 53, false},
              {"bound", "dashed", {{0.001, 250}, {10, 0.025}}, 53, false}};
  r.figures = {f};
  r.notes = {"a note <with> markup & ampersand"};
  return r;
}

// A plotter that does not run gnuplot: deterministic text for approval of the HTML around the plots.
inline PlotResult stub_plot(const Figure& f) {
  PlotResult p;
  p.ok = true;
  p.svg = "<svg class=\"stub\" data-figure=\"" + f.id + "\" data-series=\"" + std::to_string(f.series.size()) + "\"></svg>";
  return p;
}

}  // namespace attnbound::reports::testing
