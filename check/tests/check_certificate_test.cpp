// check_certificate: engine -> certificate -> Arb check round trips on several statements and both verdicts;
// tampered certificates (verdict, instance decimals, enclosures, witnesses, sides, index) are rejected; the
// near-tie of issue 13 and weights far below MPFR's exponent range.
#include "check/check_certificate.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"

#include <string>
#include <vector>

using namespace attnbound;
using Kind = check::CheckOutcome::Kind;

namespace {

nlohmann::json certificate_of(const std::string& instance_text) {
  const Instance inst = Instance::parse(instance_text);
  CertifyOptions o;
  o.start_bits = kDefaultPrecisionBits;  // as `attnbound eval`
  const CertifiedResult r = certify(inst, o);
  INFO(to_json(r).dump(1));
  REQUIRE(certificate_applies(r));
  return make_certificate(inst, r);
}

check::CheckOutcome run(const nlohmann::json& cert) { return check::check_certificate(check::read_certificate(cert)); }

void require_confirmed(const nlohmann::json& cert) {
  const auto out = run(cert);
  INFO(cert.dump(1).substr(0, 3000) << "\nwhy: " << out.why);
  REQUIRE(out.kind == Kind::confirmed);
}

void require_rejected(const nlohmann::json& cert, const std::string& why_part) {
  const auto out = run(cert);
  INFO("why: " << out.why);
  REQUIRE(out.kind == Kind::rejected);
  CHECK(out.why.find(why_part) != std::string::npos);
}

// Both verdicts on each supported statement: {instance, expected headline verdict}.
const std::vector<std::pair<std::string, std::string>>& round_trip_cases() {
  static const std::vector<std::pair<std::string, std::string>> c{
      {R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["0","0"],"temperature":"1"})", "violated"},
      {R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":["10","0","-1"],"temperature":"1"})", "holds"},
      {R"({"statement":"cor3.softmax_jacobian","variant":"frobenius","logits":["0","0"],"temperature":"1"})", "violated"},
      {R"({"statement":"cor3.softmax_jacobian","variant":"per_weight","logits":["0","0"],"temperature":"0.1"})", "violated"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["0.3","1.2","-4"],"temperature":"0.7"})", "holds"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"frobenius","logits":["0.3","1.2","-4"],"temperature":"0.7"})", "holds"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"per_weight","logits":["0.3","1.2","-4"],"temperature":"0.7"})", "holds"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"max_weight","logits":["0.3","1.2","-4"],"temperature":"0.7"})", "holds"},
      {R"({"statement":"cor1.softmax_weights","variant":"max_key","query":["1"],"keys":[["0"],["10"]],"temperature":"1"})", "holds"},
      {R"({"statement":"cor1.softmax_weights","variant":"literal","query":["1"],"keys":[["0"],["10"]],"temperature":"1"})", "violated"},
      {R"({"statement":"lemma1.vanishing","logits":["0.5","-1","2"],"temperature":"1"})", "holds"},
      {R"({"statement":"lemma1.vanishing","logits":["0.5","-1","2"],"F":"quadratic","offset":"0.5","a":"3"})", "holds"},
      {R"({"statement":"lemma1.vanishing","logits":["0.5","-1","2"],"F":"gaussian","temperature":"2"})", "holds"},
      {R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":["0","0","0","0","0","0"],"temperature":"1"})", "violated"},
      {R"({"statement":"lemma2.jacobian","variant":"frobenius","logits":["1","-2"],"F":"softplus","temperature":"1"})", "holds"},
      {R"({"statement":"lemma2.jacobian","variant":"spectral","logits":["0.5","-1","2","0"],"F":"exp","temperature":"0.7"})", "holds"},
      {R"({"statement":"thm1.fixed","variant":"tight","weights":["0.5","0.3","0.2"],"x":[["1","0"],["0","1"],["1","1"]],"top_n":1})", "holds"},
      {R"({"statement":"thm1.fixed","variant":"loose","logits":["2","1","0","-1"],"temperature":"0.5","x":[["1"],["-1"],["2"],["0.5"]],"top_set":[0,1],"distance":"norm_of_sum"})", "holds"},
      {R"({"statement":"alg5.fd_gradient","variant":"cor3_bound","logits":["0","0"],"temperature":"1","epsilon":"1e-3","direction":["1","-1"]})", "violated"},
      {R"({"statement":"alg5.fd_gradient","variant":"simplex_diameter","logits":["0","1"],"temperature":"1","epsilon":"0.5","direction":["1","2"]})", "holds"},
      // Exact equality at a tie (1/(2T) = max_i alpha_i / T = 2): holds, proved by Arb's exact ends, no shift.
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"max_weight","logits":["1","1.0"],"temperature":"0.25"})", "holds"},
      // A tie with 15 weights e^{-8e8}: ||J||_2 = 2/(1 + 7.5e^{-8e8}) < 2 = 1/(2T), by the one-sided max_i p_i/T.
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["1e8","1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8","-1e8"],"temperature":"0.25"})", "holds"},
      {R"({"statement":"thm1.random","variant":"jensen_lower","weights":["0.5","0.3","0.2"],"x":[["1"],["-1"],["2"]],"top_n":1})", "holds"},
      {R"({"statement":"cor2.regimes","variant":"dominant_term","weights":["0.9","0.025","0.025","0.025","0.025"],"x":[["1"],["-1"],["-1"],["-1"],["-1"]],"top_n":1})", "violated"},
      // Equal logits that are not binary fractions: the tie is exact on the decimals (p = 1/2, 1/8 exactly).
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["183303.152443","350049.830922","350049.830922","-81961.2895122"],"temperature":"8"})", "holds"},
      {R"({"statement":"cor3.softmax_jacobian.corrected","variant":"max_weight","logits":["-925.151432987","-925.151432987","-925.151432987","-925.151432987","-925.151432987","-925.151432987","-925.151432987","-925.151432987"],"temperature":"0.5"})", "holds"},
      // Theorem 2 at d = 1: E[N_s]/N by the sign patterns (the engine's exact enumeration), both bounds.
      {R"({"statement":"thm2.lower","variant":"xi_a","weights":["0.5","0.25","0.25"],"top_n":2,"radius":"0.3","sphere_radius":"1","dimension":1})", ""},
      {R"({"statement":"thm2.upper","variant":"xi_b","weights":["0.4","0.3","0.2","0.1"],"top_n":2,"radius":"0.2","sphere_radius":"1","dimension":1,"delta":"0.5"})", ""},
  };
  return c;
}

// The alternatives (spec section 5): both verdicts, ties, and the support boundary (a logit exactly at tau).
const std::vector<std::pair<std::string, std::string>>& alt_cases() {
  static const std::vector<std::pair<std::string, std::string>> c{
      {R"({"statement":"alt.sparsemax","variant":"spectral","logits":["0","0"]})", "holds"},  // ||J||_2 = 1: attained
      {R"({"statement":"alt.sparsemax","variant":"softmax_bound","logits":["0","0"]})", "violated"},
      {R"({"statement":"alt.sparsemax","variant":"softmax_bound","logits":["1.1","0.1"]})", "holds"},  // 0.1 = tau
      {R"({"statement":"alt.sparsemax","variant":"vanishing","logits":["1","0","0"]})", "holds"},      // 1 >= 1, 0 = tau
      {R"({"statement":"alt.sparsemax","variant":"frobenius","logits":["1","0","-5"]})", "holds"},
      {R"({"statement":"alt.entmax15","variant":"vanishing","logits":["2","0"]})", "holds"},          // z_2/2 = tau
      {R"({"statement":"alt.entmax15","variant":"spectral","logits":["2","0","-1"]})", "holds"},
      {R"({"statement":"alt.entmax15","variant":"two_token","logits":["0.3","0.1","0","-0.2"]})", "holds"},
      {R"({"statement":"alt.ssmax","variant":"cor3_transfer","logits":["1","1"]})", "violated"},
      {R"({"statement":"alt.ssmax","variant":"spectral","logits":["1","0","-2"],"ssmax_scale":"-0.5","temperature":"0.3"})", "holds"},
      {R"({"statement":"alt.ssmax","variant":"max_weight","logits":["3"],"ssmax_scale":"2"})", "holds"},
      {R"({"statement":"alt.sa_softmax","variant":"softmax_band","logits":["2","2"]})", "violated"},
      {R"({"statement":"alt.sa_softmax","variant":"spectral","logits":["0.5","-1","3"]})", "holds"},
      {R"({"statement":"alt.sa_softmax","variant":"vanishing","logits":["0.5","-1","3"]})", "holds"},
      {R"({"statement":"alt.low_temperature","variant":"one_over_T","logits":["1","0"],"x":[["0"],["0"]],"top_n":1,"temperature":"1","low_temperature":"0.0007"})", "violated"},
      {R"({"statement":"alt.low_temperature","variant":"guideline","logits":["1","0","-2"],"x":[["1"],["0"],["2"]],"top_n":1,"temperature":"1","low_temperature":"0.05"})", ""},
  };
  return c;
}

std::string near_tie_instance() {
  // issue 13: T = 1, L = 202, two top logits a hair apart, 200 equal low logits; lambda_max = 1/4 - 1.99 2^-261
  // (the top logits are those of theory/tests/jacobian_norms_test.cpp, tuned with mpmath at 1600 bits).
  nlohmann::json logits = nlohmann::json::array(
      {"4.6051701859880913680359829093687284152022029772575459520666558019351452193547319808843611619228182742323263048",
       "4.6051701859880913680359829093687284152022029772575459520666558019351452193546693470719153394631726597154413449"});
  for (int i = 0; i < 200; ++i) logits.push_back("0");
  return nlohmann::json{{"statement", "cor3.softmax_jacobian"}, {"variant", "spectral"}, {"logits", logits}, {"temperature", "1"}}.dump();
}

}  // namespace

TEST_CASE("check certificate: engine round trips are confirmed for holds and violated on every supported statement",
          "[check][check_certificate]") {
  for (const auto& [instance, verdict] : round_trip_cases()) {
    INFO(instance);
    const nlohmann::json cert = certificate_of(instance);
    if (!verdict.empty()) CHECK(cert["verdict"] == verdict);
    require_confirmed(cert);
  }
}

TEST_CASE("check certificate: the alternatives' engine certificates are confirmed and their flipped verdicts rejected",
          "[check][check_certificate]") {
  for (const auto& [instance, verdict] : alt_cases()) {
    INFO(instance);
    const nlohmann::json cert = certificate_of(instance);
    if (!verdict.empty()) CHECK(cert["verdict"] == verdict);
    require_confirmed(cert);
    nlohmann::json flipped = cert;  // a wrong claimed verdict: must not be confirmed at any precision
    const std::string other = cert["verdict"] == "holds" ? "violated" : "holds";
    flipped["verdict"] = other;
    for (auto& side : flipped["sides"]) side["verdict"] = other;
    require_rejected(flipped, "claimed " + other + " not confirmed");
  }
}

TEST_CASE("check certificate: tampered alternatives' certificates are rejected", "[check][check_certificate]") {
  // A printed enclosure that misses the truth (sparsemax's ||J||_2 = 1 at a tie, claimed as [0.5, 0.5]).
  nlohmann::json e = certificate_of(alt_cases()[0].first);
  e["sides"][0]["quantity"] = {{"lo", "0.5"}, {"hi", "0.5"}};
  require_rejected(e, "unsound enclosure");
  // The instance moved so that the support changes: (1.1, 0.1) -> (1.1, 0.2), |K| = 2 and ||J||_2 = 1 > 1/2.
  nlohmann::json m = certificate_of(alt_cases()[2].first);
  m["instance"]["logits"][1] = "0.2";
  require_rejected(m, "");
  // The support boundary that Arb cannot decide (0.1, 0, -0.45: -0.45 = tau, not a dyadic number): the
  // engine says undecided and writes nothing; a certificate claiming holds there is not confirmed.
  nlohmann::json u = certificate_of(alt_cases()[0].first);
  u["instance"]["logits"] = {"0.1", "0", "-0.45"};
  u["sides"][0]["quantity"] = {{"lo", "0"}, {"hi", "1"}};
  require_rejected(u, "undecided");
  // entmax-1.5's max_weight at a non-dyadic boundary tie (z_3/2 = tau = -0.8 exactly): likewise.
  nlohmann::json v = certificate_of(alt_cases()[6].first);
  v["instance"]["logits"] = {"0", "-0.4", "-1.6"};
  v["sides"][0]["quantity"] = {{"lo", "0"}, {"hi", "1"}};
  require_rejected(v, "undecided");
  // SSMax: the scale dropped from the instance changes the bound: the engine's printed bound misses it.
  nlohmann::json s = certificate_of(alt_cases()[9].first);
  s["instance"].erase("ssmax_scale");
  require_rejected(s, "");
}

TEST_CASE("check certificate: an altered verdict is rejected", "[check][check_certificate]") {
  nlohmann::json holds = certificate_of(round_trip_cases()[4].first);
  holds["verdict"] = "violated";
  holds["sides"][0]["verdict"] = "violated";
  require_rejected(holds, "claimed violated not confirmed");

  nlohmann::json violated = certificate_of(round_trip_cases()[0].first);
  violated["verdict"] = "holds";
  violated["sides"][0]["verdict"] = "holds";
  violated["sides"][0].erase("witness");  // with no witness: b I - J is not positive definite either
  require_rejected(violated, "claimed holds not confirmed");

  nlohmann::json headline = certificate_of(round_trip_cases()[9].first);  // cor1 literal: lower side violated
  headline["verdict"] = "holds";
  require_rejected(headline, "headline holds but side");

  nlohmann::json tight = certificate_of(round_trip_cases()[4].first);
  tight["verdict"] = "tight";
  require_rejected(tight, "must be holds or violated");
}

TEST_CASE("check certificate: altered instance decimals are rejected", "[check][check_certificate]") {
  nlohmann::json c = certificate_of(round_trip_cases()[4].first);
  c["instance"]["logits"][0] = "0.31";  // the engine's tight enclosures no longer meet the true values
  require_rejected(c, "unsound enclosure");

  nlohmann::json t = certificate_of(round_trip_cases()[1].first);  // holds with ratio far below 1
  t["instance"]["temperature"] = "0.001";                          // now the bound 1/(4T) = 250: still holds, but
  require_rejected(t, "unsound enclosure");                        // the engine's bound enclosure is wrong

  nlohmann::json s = certificate_of(round_trip_cases()[4].first);
  s["instance"]["statement"] = "cor3.softmax_jacobian";
  require_rejected(s, "statement differs");

  nlohmann::json v = certificate_of(round_trip_cases()[4].first);
  v["instance"]["variant"] = "frobenius";
  require_rejected(v, "variant differs");

  nlohmann::json h = certificate_of(round_trip_cases()[11].first);  // lemma1 with a = 3
  h["instance"]["a"] = "1.5";                                       // |2| > a: the hypothesis fails
  require_rejected(h, "hypothesis fails");
}

TEST_CASE("check certificate: altered enclosures are rejected", "[check][check_certificate]") {
  nlohmann::json q = certificate_of(round_trip_cases()[5].first);  // corrected frobenius, holds
  q["sides"][0]["quantity"]["lo"] = "1e-9";
  q["sides"][0]["quantity"]["hi"] = "2e-9";
  require_rejected(q, "unsound enclosure");

  nlohmann::json b = certificate_of(round_trip_cases()[5].first);
  b["sides"][0]["bound"]["lo"] = "7";
  b["sides"][0]["bound"]["hi"] = "8";
  require_rejected(b, "unsound enclosure");

  nlohmann::json s = certificate_of(round_trip_cases()[0].first);  // spectral: Arb's [lower, upper] is checked
  s["sides"][0]["quantity"]["lo"] = "0.6";
  s["sides"][0]["quantity"]["hi"] = "0.7";
  require_rejected(s, "unsound enclosure");
}

TEST_CASE("check certificate: altered witnesses are rejected", "[check][check_certificate]") {
  nlohmann::json shift = certificate_of(round_trip_cases()[4].first);  // holds, proved by the shift
  REQUIRE(shift["sides"][0].contains("witness"));
  shift["sides"][0]["witness"]["shift"] = "1e-3";  // below lambda_max: s I - J is indefinite
  require_rejected(shift, "not certified positive definite");

  nlohmann::json big = certificate_of(round_trip_cases()[4].first);
  big["sides"][0]["witness"]["shift"] = "100";  // s I - J is positive definite but s > b
  require_rejected(big, "s not certified <= bound");

  nlohmann::json vec = certificate_of(round_trip_cases()[0].first);  // violated, proved by the vector
  REQUIRE(vec["sides"][0]["witness"].contains("vector"));
  vec["sides"][0]["witness"]["vector"] = {"1", "1"};  // Rayleigh quotient 0
  require_rejected(vec, "Rayleigh quotient not certified > bound");

  nlohmann::json index = certificate_of(round_trip_cases()[9].first);  // cor1 literal: lower violated at token 0
  REQUIRE(index["sides"][1]["verdict"] == "violated");
  index["sides"][1]["index"] = 1;  // alpha_1 >= its bound: no violation there
  require_rejected(index, "unsound enclosure");  // the printed quantity was alpha_0's
  index["sides"][1]["quantity"] = {{"lo", "0.5"}, {"hi", "1"}};  // wide: contains alpha_1 = 1/(1 + e^-10)
  index["sides"][1]["bound"] = {{"lo", "0"}, {"hi", "1"}};  // wide: contains e^-20/2
  require_rejected(index, "claimed violated not confirmed");
}

TEST_CASE("check certificate: sides must match the statement and certified false is skipped",
          "[check][check_certificate]") {
  nlohmann::json dropped = certificate_of(round_trip_cases()[9].first);
  dropped["sides"].erase(1);
  dropped["verdict"] = "holds";
  require_rejected(dropped, "sides do not match");

  nlohmann::json renamed = certificate_of(round_trip_cases()[8].first);
  renamed["sides"][0]["name"] = "lower";
  require_rejected(renamed, "expected \"upper\"");

  nlohmann::json relation = certificate_of(round_trip_cases()[4].first);
  relation["sides"][0]["relation"] = "at_least";
  require_rejected(relation, "expected \"claim\" at_most");

  nlohmann::json skipped = certificate_of(round_trip_cases()[4].first);
  skipped["certified"] = false;
  CHECK(run(skipped).kind == Kind::skipped);
}

TEST_CASE("check certificate: the near-tie of issue 13 holds, and a violated claim there is rejected",
          "[check][check_certificate][soundness]") {
  const nlohmann::json cert = certificate_of(near_tie_instance());
  CHECK(cert["verdict"] == "holds");  // the truth: 1/4 - 1.99 2^-261 <= 1/4
  require_confirmed(cert);

  nlohmann::json forged = cert;  // what the engine printed before the fix: violated, certified, 261 bits
  forged["verdict"] = "violated";
  forged["sides"][0]["verdict"] = "violated";
  require_rejected(forged, "claimed violated not confirmed");

  nlohmann::json bare = cert;  // no witness: b I - J positive definite at the checker's precision
  bare["sides"][0].erase("witness");
  require_confirmed(bare);
}

TEST_CASE("check certificate: weights below MPFR's exponent range are judged with their true values",
          "[check][check_certificate][soundness]") {
  // ||J||_2 ~ 2 e^{-10^19} / 1e-12 for logits (1e7, 0), T = 1e-12: far below MPFR's smallest number.
  const std::string tiny = R"({"statement":"cor3.softmax_jacobian.corrected","variant":"spectral","logits":["1e7","0"],"temperature":"1e-12"})";
  const nlohmann::json cert = certificate_of(tiny);
  CHECK(cert["verdict"] == "holds");
  require_confirmed(cert);
  nlohmann::json unsound = cert;  // issue 13: the lower end once printed was 1e-323228485, far above the truth
  unsound["sides"][0]["quantity"]["lo"] = "1e-323228485";
  unsound["sides"][0]["quantity"]["hi"] = "2e-323228485";
  require_rejected(unsound, "unsound enclosure");

  // cor1 max_key with a weight of about 1.7e-1085736205 at index 1 (T = 1e-6): the lower side names index 1.
  const nlohmann::json c1 = certificate_of(
      R"({"statement":"cor1.softmax_weights","variant":"max_key","query":["1"],"keys":[["2000"],["-500"]],"temperature":"1e-6"})");
  require_confirmed(c1);
  nlohmann::json wrong_index = c1;  // the engine once named index 0 with [0.99, 1] on the lower side
  wrong_index["sides"][1]["index"] = 0;
  wrong_index["sides"][1]["quantity"] = {{"lo", "0.99"}, {"hi", "1"}};
  const auto out = run(wrong_index);
  CHECK(out.kind == Kind::confirmed);  // alpha_0 ~ 1 >= its bound: still holds, and alpha_0 is in [0.99, 1]
}

TEST_CASE("check certificate: unknown statements and variants are input errors, unsupported ones are counted",
          "[check][check_certificate]") {
  nlohmann::json c = certificate_of(round_trip_cases()[4].first);
  nlohmann::json unknown = c;
  unknown["statement"] = "lemma9.nothing";
  unknown["instance"]["statement"] = "lemma9.nothing";
  CHECK_THROWS_AS(run(unknown), InputError);
  nlohmann::json variant = c;
  variant["variant"] = "nuclear";
  variant["instance"]["variant"] = "nuclear";
  CHECK_THROWS_AS(run(variant), InputError);
  nlohmann::json unsupported = c;
  unsupported["statement"] = "thm2.lower";
  unsupported["variant"] = "xi_a";
  unsupported["instance"] = nlohmann::json::parse(R"({"statement":"thm2.lower","variant":"xi_a","weights":["0.5","0.5"],"top_n":1,"radius":"1","sphere_radius":"1","dimension":2})");
  unsupported["sides"][0]["relation"] = "at_least";
  unsupported["sides"][0].erase("witness");
  const auto out = run(unsupported);  // d = 2: the engine integrates over angles; not re-checked here
  INFO(out.why);
  CHECK(out.kind == Kind::unsupported);
}
