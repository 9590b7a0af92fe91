#include "reports/report.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

#include <cstdlib>

using namespace attnbound::reports;

TEST_CASE("report.json carries the schema id and every section", "[reports]") {
  const ojson j = to_json(testing::sample_report());
  CHECK(j["schema"] == "attnbound-report/2");
  for (const char* k : {"title", "generator", "config", "sections", "verdicts", "claims", "tables", "figures", "notes"})
    CHECK(j.contains(k));
  CHECK(j["verdicts"][0]["worst_ratio"]["certified"] == true);
  CHECK(j["verdicts"][0]["worst_ratio"]["lo"] == "1.99999");
  CHECK(j["verdicts"][1]["worst_ratio"]["precision_bits"] == 53);
  CHECK(j["claims"][1]["measured"].is_null());
  CHECK(j["tables"][0]["columns"][1]["precision_bits"] == 53);
  CHECK(j["tables"][0]["columns"][2]["certified"] == true);
  CHECK_FALSE(j["tables"][0]["columns"][0].contains("precision_bits"));  // text has no precision
}

TEST_CASE("every Number says its precision and whether it is certified", "[reports]") {
  const ojson p = to_json(Number::point(0.1));
  CHECK(p["value"] == "0.1");
  CHECK(p["precision_bits"] == 53);
  CHECK(p["certified"] == false);
  const ojson e = to_json(Number::enclosure("1", "2", 200));
  CHECK(e["precision_bits"] == 200);
  CHECK(e["certified"] == true);
  const ojson x = to_json(Number::exact(144));
  CHECK(x["value"] == "144");
  CHECK(x["exact"] == true);
  CHECK(format_short(Number::exact(144)) == "144");
  CHECK(format_short(Number::point(0.5)) == "0.5 (53 b)");
}

TEST_CASE("decimal17 round-trips doubles and rejects non-finite values", "[reports]") {
  for (double v : {0.1, 1.0 / 3, 1e-300, -2.5e17, 5e-324}) CHECK(std::strtod(decimal17(v).c_str(), nullptr) == v);
  CHECK(decimal17(0.5) == "0.5");
  CHECK_THROWS(decimal17(std::numeric_limits<double>::infinity()));
  CHECK_THROWS(decimal17(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("report.json text is a function of the report alone", "[reports]") {
  CHECK(report_json_text(testing::sample_report()) == report_json_text(testing::sample_report()));
  testing::approve("sample/report.json", report_json_text(testing::sample_report()));
}

TEST_CASE("a table row with the wrong number of cells is rejected", "[reports]") {
  Report r = testing::sample_report();
  r.tables[0].rows.push_back({std::string("short")});
  CHECK_THROWS_WITH(to_json(r), Catch::Contains("sample_table"));
}

TEST_CASE("timings are a separate document", "[reports]") {
  Timings t;
  t.seconds = {{"verify", 1.5}};
  const ojson j = to_json(t);
  CHECK(j["schema"] == "attnbound-timings/1");
  CHECK(j["seconds"]["verify"] == 1.5);
  CHECK_FALSE(to_json(testing::sample_report()).contains("timings"));
}
