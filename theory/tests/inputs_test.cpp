#include "theory/inputs.hpp"

#include "testing/catch.hpp"

using namespace attnbound;

TEST_CASE("inputs: decimal_sign is exact on the text", "[inputs]") {
  CHECK(decimal_sign("0") == 0);
  CHECK(decimal_sign("-0.000") == 0);
  CHECK(decimal_sign("0e999") == 0);
  CHECK(decimal_sign("+0.0E-5") == 0);
  CHECK(decimal_sign("1e-999999") == 1);  // tiny but positive: no rounding to 0
  CHECK(decimal_sign("-0.0000001") == -1);
  CHECK(decimal_sign("+3") == 1);
  CHECK(decimal_sign("007.5") == 1);
}

TEST_CASE("inputs: positive_scalar rejects T <= 0 as a hypothesis error naming the field", "[inputs][bad-input]") {
  PrecisionScope scope(64);
  const Instance ok = Instance::parse(R"({"statement":"s","temperature":"1e-999"})");
  CHECK(positive_scalar<Real>(ok, "temperature") > 0);
  for (const char* bad : {"0", "-0.5", "-0", "0.000e7"}) {
    const Instance inst = Instance::parse(std::string(R"({"statement":"s","temperature":")") + bad + "\"}");
    INFO("temperature = " << bad);
    try {
      positive_scalar<double>(inst, "temperature");
      FAIL("accepted");
    } catch (const HypothesisError& e) {
      CHECK(e.field() == "temperature");
      CHECK(std::string(e.what()).find(bad) != std::string::npos);
    }
  }
  const Instance missing = Instance::parse(R"({"statement":"s"})");
  CHECK_THROWS_AS(positive_scalar<double>(missing, "temperature"), InputError);
}

TEST_CASE("inputs: vector_length and checked_top_n (1 <= N <= L)", "[inputs][bad-input]") {
  const Instance inst = Instance::parse(R"({"statement":"s","logits":[1,2,3],"top_n":3})");
  CHECK(vector_length(inst, "logits") == 3);
  CHECK(checked_top_n(inst, 3) == 3);
  CHECK_THROWS_AS(checked_top_n(inst, 2), HypothesisError);  // N > L
  CHECK_THROWS_AS(checked_top_n(inst, 5, 4), HypothesisError);  // N < min_n
  for (const char* n : {"0", "-1", "4"}) {
    const Instance bad = Instance::parse(std::string(R"({"statement":"s","top_n":)") + n + "}");
    INFO("top_n = " << n);
    try {
      checked_top_n(bad, 3);
      FAIL("accepted");
    } catch (const HypothesisError& e) {
      CHECK(e.field() == "top_n");
    }
  }
  const Instance frac = Instance::parse(R"({"statement":"s","top_n":1.5})");
  CHECK_THROWS_AS(checked_top_n(frac, 3), InputError);
}
