// make_certificate: the fields of format version 1, the spectral witness, and refusal of uncertified results.
#include "testing/catch.hpp"
#include "verify/certificate.hpp"

using namespace attnbound;

namespace {
CertifiedResult certified(const Instance& inst) {
  CertifyOptions o;
  o.start_bits = kDefaultPrecisionBits;
  return certify(inst, o);
}
}  // namespace

TEST_CASE("certificate: a certified verdict gives every field of version 1", "[verify][certificate]") {
  const Instance inst = Instance::parse(R"({"statement":"cor1.softmax_weights","variant":"literal","query":[1],"keys":[[0],[10]],"temperature":"1"})");
  const CertifiedResult r = certified(inst);
  REQUIRE(certificate_applies(r));
  const nlohmann::json c = make_certificate(inst, r);
  CHECK(c["format"] == "attnbound-certificate");
  CHECK(c["version"] == 1);
  CHECK(c["instance"] == inst.raw());
  CHECK(c["statement"] == "cor1.softmax_weights");
  CHECK(c["variant"] == "literal");
  CHECK(c["verdict"] == "violated");
  CHECK(c["certified"] == true);
  CHECK(c["precision_bits"] == r.precision_bits);
  REQUIRE(c["sides"].size() == 2);
  CHECK(c["sides"][0]["name"] == "upper");
  CHECK(c["sides"][0]["relation"] == "at_most");
  CHECK(c["sides"][1]["relation"] == "at_least");
  CHECK(c["sides"][1]["verdict"] == "violated");
  CHECK(c["sides"][1]["index"] == 0);
  CHECK(c["sides"][1]["quantity"]["lo"] == r.sides[1].quantity.lo);
  CHECK(c["sides"][1]["bound"]["hi"] == r.sides[1].bound.hi);
}

TEST_CASE("certificate: spectral sides carry a shift above lambda_max and a Rayleigh vector", "[verify][certificate]") {
  // Two-way tie: lambda_max = 1/2 exactly, eigenvector (1, -1); the shift is just above 1/2.
  const nlohmann::json w = softmax_spectral_witness({"0", "0"}, "1", 261);
  REQUIRE(w.is_object());
  CHECK(w["vector"] == nlohmann::json::array({"1", "-1"}));
  const std::string s = w["shift"];
  CHECK(s.rfind("5.0000000000", 0) == 0);
  CHECK(s != "5e-1");
  // Distinct weights: a vector of L entries with v_top = 1.
  const nlohmann::json v = softmax_spectral_witness({"0.3", "1.2", "-4"}, "0.7", 261);
  REQUIRE(v["vector"].size() == 3);
  CHECK(v["vector"][1] == "1e0");
  // Weights below MPFR's exponent range: no witness (the checker then works without one).
  CHECK(softmax_spectral_witness({"1e7", "0"}, "1e-12", 261).is_null());
}

TEST_CASE("certificate: an uncertified or undecided result has no certificate", "[verify][certificate]") {
  const Instance inst = Instance::parse(R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["0","0"],"temperature":"0.1"})");
  const CertifiedResult r = certified(inst);
  CHECK_FALSE(certificate_applies(r));
  CHECK_THROWS_AS(make_certificate(inst, r), std::invalid_argument);
}
