#include "reports/reproduce_reference_checks.hpp"

#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <cmath>

using namespace attnbound;
using namespace attnbound::reports::reference;

namespace {
const VariantInfo* registered(const std::string& id, const std::string& variant) {
  for (const auto& v : find_statement(id).info.variants)
    if (v.name == variant) return &v;
  return nullptr;
}
}  // namespace

TEST_CASE("every check names a registered statement, and a registered reading carries the registry's words", "[reports]") {
  int registered_checks = 0;
  for (int c = 0; c < kChecks; ++c) {
    const CheckInfo& i = check_info(static_cast<Check>(c));
    INFO(i.statement << " " << i.variant);
    CHECK_NOTHROW(find_statement(i.statement));
    const VariantInfo* v = registered(i.statement, i.variant);
    CHECK(i.registered == (v != nullptr));
    if (!v) continue;
    ++registered_checks;
    CHECK(i.claim.rfind(v->claim, 0) == 0);  // the registry's claim (Figure 4's note may follow)
    CHECK(i.tag == v->status);
  }
  CHECK(registered_checks == 4);  // Corollary 3 paper, corrected, max_weight; Algorithm 5 cor3_bound
  CHECK(check_info(kCor1Lower).at_least);
  CHECK(check_info(kCor1Upper).log_space);
  CHECK(check_info(kAlg5Corrected).uses_eps);
  CHECK_FALSE(check_info(kCor3Paper).uses_eps);
  CHECK_THROWS_AS(check_info(kChecks), std::logic_error);
}

TEST_CASE("at a two-way tie ||J||_2 = 1/(2T): the paper's bound fails, the corrected ones are attained", "[reports]") {
  const Vec<double> tie = {0.0, 0.0};
  const double T = 0.01;
  const auto [q, b] = evaluate_check(kCor3Paper, tie, T, 1.0, {});
  CHECK(q == Approx(1 / (2 * T)));
  CHECK(b == Approx(std::sqrt(2.0)));  // min{1/(4T), sqrt 2} = sqrt 2 at T = 0.01
  CHECK(ratio_of(kCor3Paper, q, b) > 1);
  const auto [qc, bc] = evaluate_check(kCor3Corrected, tie, T, 1.0, {});
  CHECK(ratio_of(kCor3Corrected, qc, bc) == Approx(1.0));
  const auto [qm, bm] = evaluate_check(kCor3MaxWeight, tie, T, 1.0, {});
  CHECK(bm == Approx(0.5 / T));
  CHECK(ratio_of(kCor3MaxWeight, qm, bm) == Approx(1.0));
  // Corollary 1 at equal logits: alpha = 1/n, a = 0, both sides attained (ratio exp(0) = 1).
  const auto [qu, bu] = evaluate_check(kCor1Upper, tie, T, 1.0, {});
  CHECK(std::abs(qu) < 1e-15);
  CHECK(bu == 0.0);
  CHECK(ratio_of(kCor1Upper, qu, bu) == Approx(1.0));
}

TEST_CASE("Algorithm 5 along (1, -1) at a tie: g -> 1/(2T), over the paper's bound, within the corrected one", "[reports]") {
  const Vec<double> tie = {0.0, 0.0};
  const std::vector<double> v = {1.0, -1.0};  // normalised by fd_gradient
  const double T = 0.01, eps = 1e-6;
  const auto [g, paper] = evaluate_check(kAlg5Paper, tie, T, eps, v);
  CHECK(g == Approx(1 / (2 * T)).epsilon(1e-6));
  CHECK(g > paper);
  const auto [g2, corrected] = evaluate_check(kAlg5Corrected, tie, T, eps, v);
  CHECK(g2 == g);
  CHECK(corrected == Approx(1 / (2 * T)));  // min{1/(2T), sqrt(2)/eps} = 1/(2T) for eps this small
  const auto [g3, wide] = evaluate_check(kAlg5Corrected, tie, T, 10.0, v);
  CHECK(wide == Approx(std::sqrt(2.0) / 10));  // eps = 10: the simplex diameter arm
  CHECK(g3 <= wide);
}
