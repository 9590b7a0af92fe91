// Lemma 2 (F = exp) ratio enclosures over boxes: sound against the registry's own evaluation in MPFR (the
// statement's quantity / bound at interior points of random boxes), and the double estimate agrees with it.
#include "prove/lemma2_ratio_enclosure.hpp"
#include "counterexamples/draw.hpp"
#include "testing/catch.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <cmath>
#include <random>

using namespace attnbound;
using namespace attnbound::prove;

namespace {
// quantity / bound of lemma2.jacobian at logits z (T = 1, F = exp), by the registry in MPFR at 256 bits.
double registry_ratio(const std::string& variant, const std::vector<double>& z) {
  nlohmann::json logits = nlohmann::json::array();
  for (double v : z) logits.push_back(search::shortest_decimal(v));
  const Instance inst = Instance::from_json({{"statement", "lemma2.jacobian"}, {"variant", variant}, {"logits", logits},
                                             {"temperature", "1"}});
  PrecisionScope scope(256);
  const Evaluation<Real> e = find_statement("lemma2.jacobian").evaluate_real(inst, variant, EvalOptions{});
  return Real(e.sides.at(0).quantity / e.sides.at(0).bound).convert_to<double>();
}
}  // namespace

TEST_CASE("lemma2 ratio enclosure: interior points of random boxes are below the upper end", "[prove][lemma2_ratio_enclosure]") {
  const std::uint64_t seed = 11;
  INFO("seed " << seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  for (const char* variant : {"spectral", "frobenius"}) {
    const Cor3Norm norm = cor3_norm_of(variant);
    for (int trial = 0; trial < 60; ++trial) {
      const std::size_t L = 2 + trial % 5;
      std::vector<DoubleInterval> box(L);
      box[0] = DoubleInterval::point(0);
      for (std::size_t k = 1; k < L; ++k) {
        const double a = -8 * u(rng), w = trial % 2 ? 0.01 : 1.5 * u(rng);
        box[k] = {a - w, a};
      }
      const double upper = lemma2_exp_ratio_upper(norm, box).upper;
      for (int s = 0; s < 4; ++s) {
        std::vector<double> z(L, 0);
        for (std::size_t k = 1; k < L; ++k) z[k] = box[k].lo + (box[k].hi - box[k].lo) * (0.05 + 0.9 * u(rng));
        const double exact = registry_ratio(variant, z);
        INFO(variant << " trial " << trial);
        // The registry's ratio is rounded to double: compare with a relative 1e-12 allowance for that rounding only.
        REQUIRE(exact <= upper * (1 + 1e-12));
        CHECK(std::fabs(lemma2_exp_ratio_estimate(norm, z) - exact) <= 1e-9 * exact);
      }
    }
  }
}
