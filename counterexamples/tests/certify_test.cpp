#include "counterexamples/certify.hpp"
#include "counterexamples/parameterization.hpp"
#include "testing/catch.hpp"

using namespace attnbound;
using namespace attnbound::search;

TEST_CASE("certify: the two-way tie violates Corollary 3 spectral by exactly a factor 2", "[certify]") {
  const Statement& st = find_statement("cor3.softmax_jacobian");
  const nlohmann::json inst{{"statement", "cor3.softmax_jacobian"}, {"logits", {"0", "0"}}, {"temperature", "1"}};
  const PointRatio p = point_ratio(st, inst, "spectral");
  REQUIRE(p.valid);
  REQUIRE(p.ratio == Approx(2.0).epsilon(1e-12));
  const Certificate c = certify(st, inst, "spectral");
  REQUIRE(c.valid);
  REQUIRE(c.violated());
  REQUIRE(c.precision_bits >= 256);
  REQUIRE(number_of(c.sides[0].ratio_lo) <= 2.0);
  REQUIRE(number_of(c.sides[0].ratio_hi) >= 2.0);
  REQUIRE(number_of(c.sides[0].ratio_hi) - number_of(c.sides[0].ratio_lo) < 1e-60);
  REQUIRE(to_json(c)["sides"][0]["verdict"] == "violated");
}

TEST_CASE("certify: an attained corrected bound is not a violation, a rejected instance is invalid", "[certify]") {
  const Statement& st = find_statement("cor3.softmax_jacobian.corrected");
  const nlohmann::json tie{{"statement", "cor3.softmax_jacobian.corrected"}, {"logits", {"3", "3"}}, {"temperature", "0.1"}};
  const Certificate c = certify(st, tie, "spectral");
  REQUIRE(c.valid);
  REQUIRE_FALSE(c.violated());
  REQUIRE(number_of(c.sides[0].ratio_lo) <= 1.0);
  REQUIRE(number_of(c.sides[0].ratio_hi) >= 1.0);
  const nlohmann::json bad{{"statement", "cor3.softmax_jacobian.corrected"}, {"logits", {"1"}}, {"temperature", "-1"}};
  REQUIRE_FALSE(certify(st, bad, "spectral").valid);
  const PointRatio p = point_ratio(st, bad, "spectral");
  REQUIRE_FALSE(p.valid);
  REQUIRE(p.error.find("temperature") != std::string::npos);
}
