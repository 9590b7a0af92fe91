#include "reports/render_html.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;

TEST_CASE("report.html of the sample report matches its baseline (stub plots)", "[reports][approval]") {
  testing::approve("sample/report.html", render_html(testing::sample_report(), testing::stub_plot));
}

TEST_CASE("report.html is self-contained and escapes text", "[reports]") {
  const std::string html = render_html(testing::sample_report(), testing::stub_plot);
  CHECK(html.find("<figure class=\"plot\" id=\"fig-sample_fig\">") != std::string::npos);
  CHECK(html.find("a note &lt;with&gt; markup &amp; ampersand") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html_escape("<a href=\"x\">&</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST_CASE("a plot that cannot be drawn is explained in place", "[reports]") {
  const Plotter none = [](const Figure&) { return PlotResult{false, "", "gnuplot not found"}; };
  const std::string html = render_html(testing::sample_report(), none);
  CHECK(html.find("class=\"plot-missing\"") != std::string::npos);
  CHECK(html.find("not drawn: gnuplot not found") != std::string::npos);
  CHECK(html.find("figures/sample_fig.csv") != std::string::npos);
}
