// Adversarial instances at the certified engine's decision boundaries (issue 13, item 4).
//
// Domain: every statement id of theory/statement_list.hpp, every variant. Each instance is a JSON object of
// decimal strings that theory/instance.hpp accepts (a few, at the exponent limits, are expected to be refused
// with an InputError: the campaign counts those as "rejected", never as a pass).
// Families (the boundary each one aims at):
//   random            moderate logits, the control group
//   near_tie          two (or more) top values a relative 2^-(p+j) apart, p a working precision of the engine
//                     (measured with PrecisionScope::current_bits(), e.g. 261, 515, ...), j in [-8, 8]
//   grouped           2 top logits a hair apart and up to 200 equal low logits (secular-equation brackets)
//   tuned             grouped or 2-logit instances whose Jacobian norm sits within ~2^-(p+j) of its bound
//   underflow         logit gaps / T from 1e6 to 1e20: weights below MPFR's exponent range (~2^-2^30)
//   extreme_t         T from 1e-12 to 1e12
//   exponent_limit    decimals with exponents near the parser's limits (+-100000) and near MPFR's range
//   one_hot           one weight exactly or nearly 1
//   exact_equality    instances where the bound is attained exactly (two-way ties, all-equal logits, q = 0)
// Guarantee: generate(seed, index) depends only on (seed, index) and the engine's precisions, so instance i
// of seed s is reproducible alone (`attnbound-soundness --seed s --replay i`).
// Reference: the known engine bugs listed in issue 13 (cor3 secular bracket, underflow, tight/certified).
#pragma once

#include "theory/instance.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::soundness {

// The precisions (MPFR bits) the engine works at when it escalates from `start_bits` to `max_bits` by
// doubling the requested bits, as verify/certify.cpp does: measured, not assumed.
std::vector<unsigned> engine_precisions(unsigned start_bits = 256, unsigned max_bits = 4096);

struct GeneratedInstance {
  std::uint64_t seed = 0;
  std::uint64_t index = 0;
  std::string family;       // one of the families above
  nlohmann::json instance;  // statement, variant and the statement's fields, numbers as decimal strings
  // True when the generator knows the claim's two sides are exactly equal (margin 0) for this instance:
  // a certified "violated" there is wrong whatever the reference says.
  bool exact_equality = false;
};

// Deterministic 64-bit generator (splitmix64): portable, so a seed means the same instances everywhere.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t state) : state_(state) {}
  std::uint64_t next();
  std::uint64_t below(std::uint64_t n);           // uniform in [0, n), n > 0
  std::int64_t between(std::int64_t lo, std::int64_t hi);  // uniform in [lo, hi]
  double unit();                                  // uniform in [0, 1)
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t state_;
};

class Generator {
 public:
  explicit Generator(std::vector<unsigned> precisions = engine_precisions());
  // Instance `index` of `seed`.
  GeneratedInstance generate(std::uint64_t seed, std::uint64_t index) const;
  const std::vector<unsigned>& precisions() const { return precisions_; }

 private:
  std::vector<unsigned> precisions_;
};

// Statement ids the generator draws, with their variants (from the registry).
std::vector<std::pair<std::string, std::vector<std::string>>> statement_variants();

}  // namespace attnbound::soundness
