#include "prove/alt_closed_form.hpp"

#include "theory/double_interval.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "verify/certificate.hpp"

#include <cmath>
#include <stdexcept>

namespace attnbound::prove {

nlohmann::json alt_corner_instance(const AltDomain& d) {
  nlohmann::json logits = nlohmann::json::array({"0"});
  const bool two_way = d.statement == "alt.entmax15" && d.variant == "spectral";  // (0, hi, lo, ..., lo)
  for (int i = 1; i < d.length; ++i) logits.push_back(two_way && i > 1 ? d.lo_text : d.hi_text);
  nlohmann::json inst{{"statement", d.statement}, {"variant", d.variant}, {"logits", logits}};
  if (d.statement == "alt.ssmax") {
    inst["temperature"] = d.temperature;
    inst["ssmax_scale"] = d.ssmax_scale;
  }
  return inst;
}

std::string engine_ratio_lower(const CertifiedResult& r) {
  if (r.sides.size() != 1 || r.method != "interval") return "";
  PrecisionScope scope(256);
  const Interval q = from_decimal<Interval>(r.sides[0].quantity.lo);
  const Interval b = from_decimal<Interval>(r.sides[0].bound.hi);
  if (!(lower_of(q) >= 0) || !(lower_of(b) > 0)) return "";
  const double v = round_down(lower_of(Interval(q / b)));
  return double_text(std::nextafter(v, -HUGE_VAL));
}

namespace {

std::string argument_of(const AltDomain& d) {
  if (d.statement == "alt.entmax15")
    return "p_i = g_i^2, g = [l/2 - tau]_+, J = diag(g) - g g^T/S, S = sum g (theory/entmax15.hpp). x^T J x = (1/(2S)) "
           "sum_{i,j} g_i g_j (x_i - x_j)^2 >= 0 and diag(g) - J = g g^T/S >= 0, so ||J||_2 = lambda_max(J) <= max g = "
           "sqrt(max p) <= 1 at every logit vector: " + std::string(d.variant == "max_weight"
               ? "the ratio ||J||_2 / sqrt(max p) is <= 1, with equality at all-equal logits (J = (I - 1 1^T/L)/sqrt L, "
                 "||J||_2 = 1/sqrt L = sqrt(max p)): the sup 1 is attained when hi = 0."
               : "the ratio ||J||_2 / 1 is <= 1 (an upper end, not attained: the supremum over all L is 1, approached as "
                 "the support grows; per L it is smaller, and prove does not bound it per L yet). lo: the engine's value at "
                 "P = (0, hi, lo, ..., lo), a two-way tie when hi = 0 (1/sqrt 2 when the others are out of the support).");
  if (d.statement == "alt.ssmax")
    return "J = (c/T) A(u), A = diag p - p p^T, p = softmax(u), u = c l / T, c = s log L > 0. A is positive "
           "semidefinite (v^T A v = sum p v^2 - (sum p v)^2 >= 0) and diag p - A = p p^T is too, so ||A||_2 = "
           "lambda_max(A) <= lambda_max(diag p) = max p: the ratio ||J||_2 / (c max p / T) is <= 1 at every logit "
           "vector (the corrected Corollary 3's max_weight form at the scaled logits u). At all-equal logits A = (I - "
           "1 1^T/L)/L and ||A||_2 = 1/L = max p: the sup 1 is attained when hi = 0.";
  const std::string support =
      "K = support of sparsemax(l); on K, J = I - 1 1^T/|K| (zero elsewhere) is symmetric with J^2 = J, the orthogonal "
      "projection onto {v : supp v in K, sum v = 0} of rank |K| - 1, so ||J||_2 = 1 if |K| >= 2 (0 if |K| = 1) and "
      "||J||_F^2 = trace J = |K| - 1. The largest support over the domain is L when hi > -1 (at P = (0, hi, ..., hi): "
      "tau = ((L - 1) hi - 1)/L and hi - tau = (hi + 1)/L > 0) and 1 when hi <= -1 (every other logit is <= l_1 - 1, a "
      "top gap >= 1 forces |K| = 1). ";
  if (d.variant == "frobenius")
    return support + "So ||J||_F / sqrt(L - 1) = sqrt((|K| - 1)/(L - 1)) <= 1, with sup sqrt((K_max - 1)/(L - 1)) "
                     "attained at P (all-equal logits when hi = 0).";
  if (d.variant == "softmax_bound")
    return support + "So ||J||_2 / (1/2) = 2 at every point with |K| >= 2: the bound 1/2 is false wherever the "
                     "support has two elements (a two-way tie: ||J||_2 = 1 > 1/2), and the ratio is 0 elsewhere.";
  return support + "So ||J||_2 <= 1 everywhere, with sup [K_max >= 2] attained at P (any two-way tie gives 1).";
}

}  // namespace

AltProveOutput prove_closed_form(const AltDomain& d, const ProveOptions& o) {
  const bool ssmax = d.statement == "alt.ssmax";
  const bool engine_lo = ssmax || d.statement == "alt.entmax15";  // hi is an upper end 1, lo the engine's at P
  const bool wide_support = d.hi > -1;  // K_max = L, else 1
  const int k_max = wide_support ? d.length : 1;
  // The closed-form sup (exact): 1 or 0 (spectral, frobenius), 2 or 0 (softmax_bound), an upper end 1 (ssmax).
  const std::string sup_hi = engine_lo ? "1" : !wide_support ? "0" : d.variant == "softmax_bound" ? "2" : "1";
  const nlohmann::json point = alt_corner_instance(d);
  const Instance inst = Instance::from_json(point);
  const CertifiedResult at = certify(inst);
  std::string sup_lo;
  if (engine_lo) {
    sup_lo = engine_ratio_lower(at);
  } else {
    // The closed-form value at P needs only |K| at P, which the engine certifies (KKT, theory/sparsemax.hpp).
    bool support_certified = false;
    for (const auto& [name, range] : at.details)
      if (name == "support_size" && range.lo == std::to_string(k_max) && range.hi == range.lo) support_certified = true;
    if (!at.choices_certified || !support_certified)
      throw std::logic_error("alt.sparsemax: the engine did not certify the support size at (0, hi, ..., hi)");
    sup_lo = sup_hi;
  }
  bool target_met = false;
  {
    PrecisionScope scope(256);
    target_met = upper_of(from_decimal<Interval>(sup_hi)) <= lower_of(from_decimal<Interval>(o.target_ratio));
  }
  const bool statement_false = sup_hi == "2";
  std::string status = statement_false ? "refuted" : target_met ? "proved" : "incomplete";
  nlohmann::json counterexample;
  if (statement_false) {
    if (!(at.certified && at.verdict == Verdict::violated))
      throw std::logic_error("alt.sparsemax softmax_bound: the engine did not certify the violation at (0, hi, ..., hi)");
    counterexample = {{"instance", point}, {"certificate", make_certificate(inst, at)}};
  }
  const std::string argument = argument_of(d);
  AltProveOutput out;
  nlohmann::json j{{"statement", d.statement}, {"variant", d.variant}, {"domain", d.to_json()},
                   {"method", "closed-form"}, {"argument", argument},
                   {"reductions", nlohmann::json::array({"shift: the largest logit is 0 (the normaliser is shift invariant)"})},
                   {"target_ratio", o.target_ratio}, {"status", status}, {"stopped_by", "closed-form"}};
  j["sup_ratio"] = {{"lo", sup_lo.empty() ? nlohmann::json(nullptr) : nlohmann::json(sup_lo)},
                    {"hi", sup_hi},
                    {"lo_instance", point},
                    {"engine_at_lo_instance", to_json(at)},
                    {"certified", true},
                    {"meaning", engine_lo ? "hi: the closed-form upper end; lo: the engine's certified lower end of the ratio "
                                            "at lo_instance (MPFI)"
                                      : "exact: the closed-form sup, attained at P = (0, hi, ..., hi), whose support size "
                                        "the engine certified"}};
  j["boxes"] = 0;
  j["seconds"] = 0.0;
  if (!counterexample.is_null()) j["counterexample"] = counterexample;
  if (status == "incomplete")
    j["note"] = "the target " + o.target_ratio + " is below the closed-form sup ratio " + sup_hi + ": no target below it "
                "can be proved (and the statement itself holds)";
  j["precision"] = "closed form (exact); the point: MPFI (verify/certify)";
  j["certified"] = true;
  out.output = j;
  nlohmann::json c{{"format", "attnbound-prove-certificate"}, {"version", 1}, {"statement", d.statement},
                   {"variant", d.variant}, {"method", "closed-form"}, {"argument", argument}, {"length", d.length},
                   {"logits", {{"lo", d.lo_text}, {"hi", d.hi_text}}}, {"target_ratio", o.target_ratio},
                   {"status", status}, {"sup_ratio", {{"lo", j["sup_ratio"]["lo"]}, {"hi", sup_hi}}},
                   {"point", point}};
  if (ssmax) {
    c["temperature"] = d.temperature;
    c["ssmax_scale"] = d.ssmax_scale;
  }
  if (!counterexample.is_null()) c["counterexample"] = counterexample;
  out.certificate = c;
  return out;
}

}  // namespace attnbound::prove
