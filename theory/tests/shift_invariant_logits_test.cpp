// Tests of theory/shift_invariant_logits: exact shifts for Interval, plain decimals otherwise.
#include "testing/catch.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/softmax.hpp"

using namespace attnbound;

namespace {
Instance logits_instance(const std::vector<std::string>& logits) {
  return Instance::from_json({{"statement", "cor3.softmax_jacobian"}, {"logits", logits}, {"temperature", "1"}});
}
}  // namespace

TEST_CASE("shift_invariant_logits: a largest logit is exactly 0 and equal decimals give equal exact differences",
          "[shift_invariant_logits]") {
  PrecisionScope scope(256);
  const auto l = shift_invariant_logits<Interval>(logits_instance({"0.1", "0.3", "0.1", "0.3"}), "logits");
  REQUIRE(l.size() == 4);
  CHECK(lower_end(l[1]) == 0);
  CHECK(upper_end(l[1]) == 0);
  CHECK(lower_end(l[3]) == 0);
  CHECK(lower_end(l[0]) == lower_end(l[2]));
  CHECK(upper_end(l[0]) == upper_end(l[2]));
  // -0.2 is not a binary fraction: the same outward enclosure as the decimal -0.2 itself, one ulp wide.
  const Interval minus_fifth = from_decimal<Interval>("-0.2");
  CHECK(lower_end(l[0]) == lower_end(minus_fifth));
  CHECK(upper_end(l[0]) == upper_end(minus_fifth));
  CHECK(lower_end(l[0]) < upper_end(l[0]));
}

TEST_CASE("shift_invariant_logits: an exact tie at a tiny temperature keeps weights of exactly 1/2",
          "[shift_invariant_logits]") {
  PrecisionScope scope(256);
  const Interval T = from_decimal<Interval>("1e-300");
  const auto p = softmax(shift_invariant_logits<Interval>(logits_instance({"0.1", "0.1"}), "logits"), T);
  for (const auto& x : p) {
    CHECK(lower_end(x) == Real("0.5"));
    CHECK(upper_end(x) == Real("0.5"));
  }
  // The plain enclosures of "0.1" differ from themselves by an ulp, which e^(./1e-300) blows up.
  const auto plain = softmax(logits_instance({"0.1", "0.1"}).vector<Interval>("logits"), T);
  CHECK(upper_end(plain[1]) - lower_end(plain[1]) > Real("0.5"));
}

TEST_CASE("shift_invariant_logits: point types and exponents beyond exact arithmetic get the plain decimals",
          "[shift_invariant_logits]") {
  const auto d = shift_invariant_logits<double>(logits_instance({"1", "2"}), "logits");
  CHECK(d == std::vector<double>{1.0, 2.0});
  PrecisionScope scope(128);
  const auto big = shift_invariant_logits<Interval>(logits_instance({"1e200000", "0"}), "logits");
  REQUIRE(big.size() == 2);
  CHECK(lower_end(big[1]) == 0);
  CHECK(lower_end(big[0]) > Real("1e199999"));
}
