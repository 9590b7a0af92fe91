// The Arb checker of the alternatives' prove certificates (check/check_prove_alt.hpp): the engine's certificates
// (closed-form and reduction) are confirmed; a tampered scale, sup, status or point is rejected.
#include "check/check_prove_alt.hpp"
#include "prove/alt_prove.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"

using namespace attnbound;
using namespace attnbound::check;

namespace {
nlohmann::json alt_certificate(const std::string& statement, const std::string& variant, int L, const std::string& target,
                               const nlohmann::json& domain = nullptr) {
  const prove::AltDomain d = prove::make_alt_domain(statement, variant, L, domain);
  prove::ProveOptions o;
  o.target_ratio = target;
  return parse_json_exact(prove::prove_alt(d, o).certificate.dump());  // through text, as `attnbound check` reads it
}
CheckOutcome outcome(const nlohmann::json& c) { return check_prove_certificate(c).outcome; }
}  // namespace

TEST_CASE("check prove alt: closed-form certificates are confirmed, tampered ones rejected", "[check][check_prove_alt]") {
  for (const char* v : {"spectral", "frobenius", "softmax_bound"}) {
    INFO(v);
    const nlohmann::json c = alt_certificate("alt.sparsemax", v, 3, "1");
    CHECK(is_prove_alt_certificate(c));
    CHECK(outcome(c).why == "");
    CHECK(outcome(c).kind == CheckOutcome::Kind::confirmed);
    nlohmann::json wrong_sup = c;
    wrong_sup["sup_ratio"]["hi"] = "0.5";
    CHECK(outcome(wrong_sup).kind == CheckOutcome::Kind::rejected);
  }
  nlohmann::json c = alt_certificate("alt.sparsemax", "spectral", 3, "1");
  nlohmann::json lo_too_high = c;
  lo_too_high["sup_ratio"]["lo"] = "1.0000001";  // the ratio at the tie is exactly 1
  CHECK(outcome(lo_too_high).kind == CheckOutcome::Kind::rejected);
  nlohmann::json outside = c;
  outside["point"]["logits"][1] = "0.5";  // not a point of the domain (hi = 0)
  CHECK(outcome(outside).kind == CheckOutcome::Kind::rejected);
  nlohmann::json wrong_status = alt_certificate("alt.sparsemax", "softmax_bound", 3, "1");
  wrong_status["status"] = "proved";
  CHECK(outcome(wrong_status).kind == CheckOutcome::Kind::rejected);
  // hi <= -1: the support is one index everywhere, the sup is 0 and softmax_bound holds.
  const nlohmann::json narrow = alt_certificate("alt.sparsemax", "softmax_bound", 3, "1", {{"logits", {{"lo", "-8"}, {"hi", "-1"}}}});
  CHECK(narrow.at("status") == "proved");
  CHECK(outcome(narrow).kind == CheckOutcome::Kind::confirmed);
  const nlohmann::json ssmax = alt_certificate("alt.ssmax", "max_weight", 4, "1");
  CHECK(outcome(ssmax).kind == CheckOutcome::Kind::confirmed);
  for (const char* v : {"spectral", "max_weight"}) {
    INFO("entmax15 " << v);
    const nlohmann::json e = alt_certificate("alt.entmax15", v, 3, "1");
    CHECK(outcome(e).why == "");
    CHECK(outcome(e).kind == CheckOutcome::Kind::confirmed);
    nlohmann::json high = e;  // above the engine's value at the point (1/sqrt 2 or 1)
    high["sup_ratio"]["lo"] = "1.0001";
    CHECK(outcome(high).kind == CheckOutcome::Kind::rejected);
  }
}

TEST_CASE("check prove alt: the SSMax reduction is re-derived, a tampered scale is rejected", "[check][check_prove_alt]") {
  const nlohmann::json c = alt_certificate("alt.ssmax", "spectral", 3, "1.000001");
  CHECK(c.at("status") == "proved");
  const ProveCheckOutcome out = check_prove_certificate(c);
  CHECK(out.outcome.why == "");
  CHECK(out.outcome.kind == CheckOutcome::Kind::confirmed);
  CHECK(out.closed_confirmed > 0);  // the reduced tree was replayed
  nlohmann::json tampered = c;      // s = 2 doubles the image: the mapped domain no longer contains it
  tampered["ssmax_scale"] = "2";
  tampered["point"]["ssmax_scale"] = "2";
  const CheckOutcome t = outcome(tampered);
  CHECK(t.kind == CheckOutcome::Kind::rejected);
  CHECK(t.why.find("does not contain the image") != std::string::npos);
  nlohmann::json other_target = c;
  other_target["reduced"]["target_ratio"] = "2";
  CHECK(outcome(other_target).kind == CheckOutcome::Kind::rejected);
}
