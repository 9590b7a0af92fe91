#include "reports/reproduce_reference_thm1.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cstdlib>

using namespace attnbound::reports;
using namespace attnbound::reports::reference;

namespace {
// The tiny fixture with value vectors x_p = (p - head, layer / 2 + 1, p^2 / 4) for every head.
std::vector<ReferenceExample> tiny(bool with_values) {
  std::vector<ReferenceExample> d = {
      load_reference((attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string())};
  if (with_values)
    for (auto& h : d[0].heads)
      for (std::size_t p = 0; p < d[0].length; ++p)
        h.x.push_back({static_cast<double>(p) - h.head, 0.5 * h.layer + 1, static_cast<double>(p * p) / 4});
  return d;
}
ReproduceOptions opts(int top_n) {
  ReproduceOptions o;
  o.temperatures = {"8"};
  o.certify_bits = 96;
  o.theorem1_top_n = top_n;
  return o;
}
}  // namespace

TEST_CASE("Theorem 1 through the registry on rows with n > N, the worst row certified", "[reports]") {
  const auto data = tiny(true);
  const Grid g = make_grid(data, opts(1));
  const auto e = theorem1_evidence(data, opts(1), g);
  REQUIRE(e);
  CHECK(e->statement == "thm1.fixed");
  CHECK(e->evaluations == 8);  // 4 heads x rows 1, 2 (n = 2, 3 > N = 1)
  CHECK(e->violations == 0);
  CHECK(e->worst_ratio > 0);
  CHECK(e->worst_ratio <= 1);
  CHECK(e->certified == 1);
  REQUIRE(e->worst_certified);
  CHECK(std::strtod(e->worst_lo.c_str(), nullptr) <= e->worst_ratio * (1 + 1e-12));
  CHECK(std::strtod(e->worst_hi.c_str(), nullptr) >= e->worst_ratio * (1 - 1e-12));
  CHECK(e->worst_where.find("N = 1, T = 8") != std::string::npos);
}

TEST_CASE("Theorem 1: no values, no evidence, and N >= every n evaluates nothing and says so", "[reports]") {
  const auto plain = tiny(false);
  CHECK_FALSE(theorem1_evidence(plain, opts(1), make_grid(plain, opts(1))));
  const auto data = tiny(true);
  const auto none = theorem1_evidence(data, opts(3), make_grid(data, opts(3)));
  REQUIRE(none);
  CHECK(none->evaluations == 0);
  CHECK(none->worst_where == "no row with more than N = 3 visible keys");
  CHECK_THROWS_WITH(theorem1_evidence(data, opts(0), make_grid(data, opts(0))), Catch::Contains("theorem1-top-n"));
}
