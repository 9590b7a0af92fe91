#include "reports/write_report.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"

#include <unistd.h>

using namespace attnbound::reports;
namespace fs = std::filesystem;

TEST_CASE("write_report writes every rendering and is deterministic", "[reports]") {
  const fs::path a = fs::temp_directory_path() / ("attnbound-report-a-" + std::to_string(::getpid()));
  const fs::path b = fs::temp_directory_path() / ("attnbound-report-b-" + std::to_string(::getpid()));
  const Report r = testing::sample_report();
  const auto files = write_report(r, a, testing::stub_plot);
  write_report(r, b, testing::stub_plot);
  for (const char* f : {"report.json", "report.md", "report.html", "tables/sample_table.csv", "figures/sample_fig.csv",
                        "figures/sample_fig.svg"}) {
    INFO(f);
    REQUIRE(fs::exists(a / f));
    CHECK(testing::read_text(a / f) == testing::read_text(b / f));
  }
  CHECK_FALSE(fs::exists(a / "timings.json"));
  Timings t;
  t.seconds = {{"x", 1}};
  write_report(r, a, testing::stub_plot, &t);
  CHECK(fs::exists(a / "timings.json"));
  CHECK(testing::read_text(a / "report.json") == testing::read_text(b / "report.json"));  // timings stay out
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST_CASE("an unwritable output folder is a named input error", "[reports]") {
  CHECK_THROWS_WITH(write_report(testing::sample_report(), "/proc/attnbound-cannot-write", testing::stub_plot),
                    Catch::Contains("out"));
}
