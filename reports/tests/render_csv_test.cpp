#include "reports/render_csv.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;

TEST_CASE("CSV headers carry precision and certification, enclosures split in two columns", "[reports]") {
  const std::string csv = table_csv(testing::sample_report().tables[0]);
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(header == "name,x [s] (53 b; not certified),y lo (128 b; certified),y hi (128 b; certified),n (exact)");
  CHECK(csv.find("\"a,\"\"b\"\"\",0.1,0.25,0.5,3\n") != std::string::npos);  // RFC 4180 quoting
  CHECK(csv.find("plain,1e-300,-1,1,0\n") != std::string::npos);
  testing::approve("sample/tables/sample_table.csv", csv);
}

TEST_CASE("figure CSV is long format with the series' precision", "[reports]") {
  const std::string csv = figure_csv(testing::sample_report().figures[0]);
  CHECK(csv.rfind("series,T,g,precision_bits,certified\n", 0) == 0);
  CHECK(csv.find("measured,0.001,10,53,false\n") != std::string::npos);
  CHECK(csv.find("bound,10,0.025,53,false\n") != std::string::npos);
  testing::approve("sample/figures/sample_fig.csv", csv);
}
