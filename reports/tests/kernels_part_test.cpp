#include "reports/kernels_part.hpp"

#include "testing/catch.hpp"

#include <limits>

using namespace attnbound::reports;

TEST_CASE("ULP histogram bins, overflow bin and NaN skipping", "[reports]") {
  const auto h = ulp_histogram({0, 0.1, 0.125, 0.3, 5, std::numeric_limits<double>::infinity(), std::nan("")}, 0.125, 4);
  REQUIRE(h.size() == 5);
  CHECK(h == std::vector<long long>{2, 1, 1, 0, 2});
}

TEST_CASE("kernels part: every validator within its bound, histograms sum to the outputs", "[reports]") {
  KernelsPartOptions o;
  o.exp_stride = 4096;  // the exhaustive exp check, thinned for a unit test
  // Two validators keep the test fast; kernels/tests validate every kernel (the main job runs all ten).
  o.only = {"softmax_f32_3pass_f64acc", "exp_f32_le0"};
  PartContext c;
  c.progress = [](const std::string&) {};
  const PartOutcome r = kernels_part(o, c);
  CHECK(r.section.status == "ran");
  CHECK(r.section.detail.find("2 kernel validators, 0 outside") == 0);
  REQUIRE(r.tables.size() == 2);
  const Table& k = r.tables[0];
  CHECK(k.rows.size() == 2);
  for (const auto& row : k.rows) {
    INFO(std::get<std::string>(row[0]));
    CHECK(std::get<std::string>(row[8]) == "yes");
  }
  // Histogram columns count every softmax output once (3-pass outputs = the validator's output count).
  long long sum = 0;
  for (const auto& row : r.tables[1].rows) sum += std::get<long long>(row[2]);
  CHECK(sum == std::get<long long>(k.rows[0][2]));
  REQUIRE(r.figures.size() == 1);
  CHECK(r.figures[0].series.size() == 3);
}

TEST_CASE("kernels part: the sparsemax and entmax-1.5 kernels are validated within their bounds", "[reports]") {
  KernelsPartOptions o;
  o.exp_stride = 0;
  o.only = {"sparsemax_f32_sort_f64acc", "entmax15_f32_sort_f64acc"};
  PartContext c;
  c.progress = [](const std::string&) {};
  const PartOutcome r = kernels_part(o, c);
  CHECK(r.section.detail.find("2 kernel validators, 0 outside") == 0);
  REQUIRE(!r.tables.empty());
  REQUIRE(r.tables[0].rows.size() == 2);
  for (const auto& row : r.tables[0].rows) {
    INFO(std::get<std::string>(row[0]));
    CHECK(std::get<std::string>(row[8]) == "yes");
  }
}

TEST_CASE("kernels part: a spent budget skips the validators", "[reports]") {
  PartContext c;
  c.progress = [](const std::string&) {};
  c.deadline = Clock::now();
  const PartOutcome r = kernels_part(KernelsPartOptions{}, c);
  CHECK(r.section.detail.find("cut by the time budget") != std::string::npos);
  CHECK(r.figures.empty());
}
