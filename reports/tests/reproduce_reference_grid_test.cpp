#include "reports/reproduce_reference_grid.hpp"

#include "reports/tests/tiny_reference_fixture.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cstdlib>

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

namespace {
using testing_fixture::tiny;
ReproduceOptions three_temperatures() {
  ReproduceOptions o;
  o.temperatures = {"0.01", "1", "8"};
  return o;
}
}  // namespace

TEST_CASE("scale_change: raw to scaled divides by sqrt(d_head) = 8 exactly, scaled to raw multiplies", "[reports]") {
  ReferenceExample d;
  d.name = "x";
  d.logit_scale = "raw";
  d.sqrt_d_head = "8";
  CHECK(scale_change(d, "raw").identity);
  const ScaleChange down = scale_change(d, "scaled");
  CHECK_FALSE(down.identity);
  CHECK(down.factor == 0.125);
  CHECK(down.mul == 125);  // x / 8 = 125 x / 1000
  CHECK(down.e10 == -3);
  d.logit_scale = "scaled";
  const ScaleChange up = scale_change(d, "raw");
  CHECK(up.factor == 8);
  CHECK(up.mul == 8);
  CHECK(up.e10 == 0);
  d.logit_scale = "raw";
  d.sqrt_d_head = "6";  // 1/6 is not a finite decimal
  CHECK_THROWS_WITH(scale_change(d, "scaled"), Catch::Contains("not exact in decimal"));
  d.sqrt_d_head.clear();
  CHECK_THROWS_WITH(scale_change(d, "scaled"), Catch::Contains("logit-scale"));
}

TEST_CASE("make_grid: temperatures, the native T, ids and the rows in the analysis scale", "[reports]") {
  const auto data = tiny();
  const Grid g = make_grid(data, three_temperatures());
  CHECK_FALSE(g.capture);
  CHECK(g.native == "8");
  REQUIRE(g.T.size() == 3);
  CHECK(g.T[0] == 0.01);
  CHECK(g.native_ti == 2);
  CHECK(g.nheads == 4);  // 2 layers x 2 heads
  CHECK(g.E.size() == 3);
  CHECK(g.id("x") == "x");
  // Block 0 head 1 row 1 holds the tie (8, 8); on the scaled axis it is (1, 1), exact in decimal and double.
  ReproduceOptions scaled = three_temperatures();
  scaled.logit_scale = "scaled";
  const Grid s = make_grid(data, scaled);
  CHECK(s.native == "1");
  CHECK(s.native_ti == 1);  // T = 1 is on the grid
  scaled.temperatures = {"0.01", "8"};
  CHECK(make_grid(data, scaled).native_ti == 2);  // absent from the grid: native_ti == |T|
  const std::vector<double> row = s.row(data, {0, 1, 1, 0, 0});
  CHECK(row == std::vector<double>{1.0, 1.0});
  for (const auto& t : s.row_text(data, {0, 1, 1, 0, 0})) CHECK(std::strtod(t.c_str(), nullptr) == 1.0);
  CHECK(g.where(data, {0, 1, 1, 2, 1}, true) == "tiny_reference layer 0 head 1 row 1 (n = 2), T = 8, eps = 0.1");
  CHECK(g.where(data, {0, 1, 1, 2, 1}, false) == "tiny_reference layer 0 head 1 row 1 (n = 2), T = 8");
}

TEST_CASE("make_grid names the field of bad options", "[reports]") {
  const auto data = tiny();
  ReproduceOptions o = three_temperatures();
  o.epsilons.clear();
  CHECK_THROWS_WITH(make_grid(data, o), Catch::Contains("epsilons"));
  o = three_temperatures();
  o.temperatures = {"-1"};
  CHECK_THROWS_WITH(make_grid(data, o), Catch::Contains("temperatures"));
  o = three_temperatures();
  o.logit_scale = "log";
  CHECK_THROWS_WITH(make_grid(data, o), Catch::Contains("logit-scale"));
  auto two = data;
  two.push_back(data[0]);
  two[1].layers = 3;
  CHECK_THROWS_WITH(make_grid(two, three_temperatures()), Catch::Contains("layer/head count"));
}
