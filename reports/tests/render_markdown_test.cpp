#include "reports/render_markdown.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;

TEST_CASE("report.md of the sample report matches its baseline", "[reports][approval]") {
  testing::approve("sample/report.md", render_markdown(testing::sample_report()));
}

TEST_CASE("markdown escapes pipes, links counterexamples and cuts long tables", "[reports]") {
  Report r = testing::sample_report();
  const std::string md = render_markdown(r, nullptr, 1);
  CHECK(md.find("rows \\| pipes") != std::string::npos);
  CHECK(md.find("[counterexamples/cor3.spectral.1.json](counterexamples/cor3.spectral.1.json)") != std::string::npos);
  CHECK(md.find("1 more rows in [tables/sample_table.csv]") != std::string::npos);
  CHECK(md.find("![A figure](figures/sample_fig.svg)") != std::string::npos);
  CHECK(md.find("Timings") == std::string::npos);
  Timings t;
  t.seconds = {{"verify", 2}};
  CHECK(render_markdown(r, &t).find("## Timings (non-deterministic") != std::string::npos);
}

TEST_CASE("column headings and cells show precision", "[reports]") {
  const Column c{"g", "", Column::Kind::enclosure, 128, true};
  CHECK(column_heading(c) == "g (128 b, certified)");
  CHECK(cell_text(Cell(std::make_pair(std::string("0.25"), std::string("0.5"))), c) == "[0.25, 0.5]");
  CHECK(cell_text(Cell(0.123456789), Column{"x", "", Column::Kind::point}) == "0.123457");
}

TEST_CASE("markdown_cell keeps a cell one cell: pipes escaped, newlines as spaces", "[reports]") {
  CHECK(markdown_cell("||J||_2 <= 1/(2T)") == "\\|\\|J\\|\\|_2 <= 1/(2T)");
  CHECK(markdown_cell("two\nlines") == "two lines");
  CHECK(markdown_cell("plain") == "plain");
}
