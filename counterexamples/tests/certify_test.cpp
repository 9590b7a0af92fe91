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
  const Certificate c = certify_candidate(st, inst, "spectral");
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
  const Certificate c = certify_candidate(st, tie, "spectral");
  REQUIRE(c.valid);
  REQUIRE_FALSE(c.violated());
  REQUIRE(number_of(c.sides[0].ratio_lo) <= 1.0);
  REQUIRE(number_of(c.sides[0].ratio_hi) >= 1.0);
  const nlohmann::json bad{{"statement", "cor3.softmax_jacobian.corrected"}, {"logits", {"1"}}, {"temperature", "-1"}};
  REQUIRE_FALSE(certify_candidate(st, bad, "spectral").valid);
  const PointRatio p = point_ratio(st, bad, "spectral");
  REQUIRE_FALSE(p.valid);
  REQUIRE(p.error.find("temperature") != std::string::npos);
}

// A Monte Carlo statement is never certified: thm2.lower's example at d = 3 (E[N_s]/N = 3/4 < 1 = bound,
// E7 (iv)) is a statistical violation, labelled so, with the seed and sample count it replays with; on fresh
// samples it is one too. At d = 2 the same example (E[N_s]/N = 2/3) is integrated over the angles with a
// certified enclosure: a certified violation.
TEST_CASE("certify: Monte Carlo violations are statistical, with their seed, never certified", "[certify]") {
  const Statement& st = find_statement("thm2.lower");
  nlohmann::json circle{{"statement", "thm2.lower"}, {"weights", {"0.5", "0.5"}}, {"top_n", 1},
                        {"radius", "0.5"}, {"sphere_radius", "1"}, {"dimension", 2}};
  const Certificate exact = certify_candidate(st, circle, "xi_a");
  REQUIRE(exact.valid);
  CHECK(exact.method == "interval-integration");
  CHECK(exact.certified());
  CHECK(exact.violated());
  CHECK(to_json(exact)["verdict"] == "violated");
  CHECK_FALSE(to_json(exact).contains("monte_carlo"));
  const nlohmann::json inst{{"statement", "thm2.lower"}, {"weights", {"0.5", "0.5"}}, {"top_n", 1},
                            {"radius", "0.5"}, {"sphere_radius", "1"}, {"dimension", 3}};
  const Certificate c = certify_candidate(st, inst, "xi_a");
  REQUIRE(c.valid);
  REQUIRE_FALSE(c.certified());
  REQUIRE_FALSE(c.violated());
  REQUIRE(c.statistically_violated());
  REQUIRE(c.sides.at(0).statistical_violation);
  const nlohmann::json j = to_json(c);
  CHECK(j["certified"] == false);
  CHECK(j["verdict"] == "statistically violated");
  CHECK(j["monte_carlo"]["seed"] == EvalOptions{}.seed);
  CHECK(j["monte_carlo"]["samples"] == EvalOptions{}.monte_carlo_samples);
  const EvalOptions back = options_of(j);
  CHECK(back.seed == EvalOptions{}.seed);
  const Certificate fresh = confirm_statistical(st, inst, "xi_a");
  REQUIRE(fresh.statistically_violated());
  CHECK(fresh.monte_carlo_seed == kConfirmationSeed);
  CHECK(fresh.sides.at(0).quantity_lo != c.sides.at(0).quantity_lo);  // other samples, another estimate
  // A closed-form statement's certificate carries no Monte Carlo fields.
  const Certificate closed = certify_candidate(find_statement("cor3.softmax_jacobian"),
                                     {{"statement", "cor3.softmax_jacobian"}, {"logits", {"0", "0"}}, {"temperature", "1"}},
                                     "spectral");
  CHECK(closed.certified());
  CHECK_FALSE(to_json(closed).contains("monte_carlo"));
  CHECK(options_of(to_json(closed)).seed == EvalOptions{}.seed);
}
