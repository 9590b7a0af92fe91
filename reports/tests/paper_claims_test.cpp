#include "reports/paper_claims.hpp"

#include "testing/catch.hpp"

#include <set>

using namespace attnbound::reports;

TEST_CASE("every statement of the spec and every headline number has a claim", "[reports]") {
  std::set<std::string> ids;
  for (const auto& c : paper_claims()) {
    CHECK(ids.insert(c.id).second);  // unique
    CHECK_FALSE(c.paper_value.empty());
    CHECK_FALSE(c.needs.empty());
  }
  for (const char* s : {"lemma1.vanishing", "cor1.softmax_weights", "thm1.fixed", "thm1.random", "cor2.regimes",
                        "thm2.lower", "thm2.upper", "lemma2.jacobian", "cor3.softmax_jacobian", "alg5.fd_gradient"})
    CHECK(ids.count(std::string("statement.") + s));
  for (const char* h : {"critical_n", "separability", "distance_plateau", "gradient_1_over_T", "gradient_drop",
                        "temperature_to_avoid", "heads", "model", "longest_L"})
    CHECK(ids.count(std::string("headline.") + h));
}

TEST_CASE("merge_claims keeps the canonical order and marks the rest not measured", "[reports]") {
  ClaimRow m{"headline.heads", "", "", Number::exact(144), "x", "agrees", ""};
  ClaimRow extra{"extra.claim", "c", "p", std::nullopt, "", "partly", ""};
  const auto merged = merge_claims({extra, m});
  REQUIRE(merged.size() == paper_claims().size() + 1);
  CHECK(merged.back().id == "extra.claim");
  for (std::size_t i = 0; i < paper_claims().size(); ++i) {
    CHECK(merged[i].id == paper_claims()[i].id);
    CHECK(merged[i].claim == paper_claims()[i].claim);
    if (merged[i].id == "headline.heads") CHECK(merged[i].agreement == "agrees");
    else CHECK(merged[i].agreement == "not measured");
  }
}

TEST_CASE("merge_claims keeps every measurement of a claim, in order", "[reports]") {
  ClaimRow model{"headline.heads", "", "", Number::exact(144), "model", "agrees", ""};
  ClaimRow reference{"headline.heads", "", "", Number::exact(12), "reference", "disagrees", ""};
  const auto merged = merge_claims({model, reference});
  REQUIRE(merged.size() == paper_claims().size() + 1);
  std::vector<std::string> texts;
  for (const auto& c : merged)
    if (c.id == "headline.heads") {
      texts.push_back(c.measured_text);
      CHECK(c.paper_value == "144");
    }
  CHECK(texts == std::vector<std::string>{"model", "reference"});
}

TEST_CASE("the multi-head coverage arithmetic is certified", "[reports]") {
  const ClaimRow c = multihead_coverage_claim();
  CHECK(c.agreement == "agrees");
  REQUIRE(c.measured);
  CHECK(c.measured->certified);
  CHECK(std::strtod(c.measured->lo.c_str(), nullptr) <= 0.992);
  CHECK(std::strtod(c.measured->hi.c_str(), nullptr) >= 0.992);
}
