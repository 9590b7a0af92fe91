#include "check/check_prove_alt.hpp"

#include "check/ball.hpp"
#include "check/certificate_reader.hpp"
#include "check/statement_sides.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>

namespace attnbound::check {

namespace {

using Json = nlohmann::json;
constexpr long kPrec = 256;

std::string text_at(const Json& j, const std::string& key) {
  if (!j.contains(key) || !j.at(key).is_string()) throw InputError(key, "missing or not a string in the prove certificate");
  return j.at(key).get<std::string>();
}

bool ball_equal(const Ball& a, const Ball& b) { return certainly_le(a, b) && certainly_le(b, a); }

// The ratio at the point from the checker's own sides, escalating precision; certainly >= lo?
bool ratio_at_least(const std::string& statement, const std::string& variant, const Json& point, const Ball& lo,
                    const CheckOptions& options) {
  for (long prec = options.start_bits; prec <= options.max_bits; prec *= 2) {
    try {
      const std::vector<SideEval> sides = evaluate_sides(statement, variant, point, {Json()}, {std::nullopt}, prec);
      if (sides.size() != 1 || sides[0].pairs.size() != 1 || sides[0].relation != "at_most") return false;
      const auto& [q, b] = sides[0].pairs[0];
      if (!certainly_positive(b)) return false;
      Ball ratio = div(q, b, prec);
      if (statement == "alt.sparsemax" && variant == "frobenius") ratio = sqrt_nonnegative(ratio, prec);  // side |K|-1 <= L-1
      if (certainly_le(lo, ratio)) return true;
    } catch (const CheckUndecided&) {
      // a support Arb cannot decide at this precision: try a higher one
    }
  }
  return false;
}

ProveCheckOutcome rejection(std::string why) {
  ProveCheckOutcome r;
  r.outcome.bits = kPrec;
  r.outcome.kind = CheckOutcome::Kind::rejected;
  r.outcome.why = std::move(why);
  return r;
}

}  // namespace

bool is_prove_alt_certificate(const Json& j) {
  return is_prove_certificate(j) && j.contains("statement") && j.at("statement").is_string() &&
         j.at("statement").get<std::string>().rfind("alt.", 0) == 0;
}

ProveCheckOutcome check_prove_alt_certificate(const Json& j, const CheckOptions& options) {
  ProveCheckOutcome out;
  out.outcome.bits = kPrec;
  const auto reject = [](std::string why) { return rejection(std::move(why)); };
  const std::string statement = text_at(j, "statement"), variant = text_at(j, "variant"), method = text_at(j, "method"),
                    status = text_at(j, "status");
  const bool ssmax = statement == "alt.ssmax";
  const bool closed_form = (statement == "alt.sparsemax" && (variant == "spectral" || variant == "frobenius" ||
                                                             variant == "softmax_bound")) ||
                           (ssmax && variant == "max_weight") ||
                           (statement == "alt.entmax15" && (variant == "spectral" || variant == "max_weight"));
  const bool reduction = ssmax && variant == "spectral";
  if (!closed_form && !reduction) throw InputError("statement", "no prove certificate for " + statement + " " + variant);
  if (method != (closed_form ? "closed-form" : "reduction"))
    return reject(statement + " " + variant + " is proved by " + (closed_form ? "closed-form" : "reduction") + ", not " + method);
  if (status != "proved" && status != "refuted" && status != "incomplete") throw InputError("status", "unknown status '" + status + "'");
  if (!j.contains("length") || !j.at("length").is_number_integer()) throw InputError("length", "must be an integer");
  const long L = j.at("length").get<long>();
  if (L < 2 || L > 12) throw InputError("length", "must be in [2, 12]");
  if (!j.contains("logits") || !j.at("logits").is_object()) throw InputError("logits", "must be {\"lo\", \"hi\"}");
  const Ball lo = parse_decimal(text_at(j.at("logits"), "lo"), kPrec, "logits.lo");
  const Ball hi = parse_decimal(text_at(j.at("logits"), "hi"), kPrec, "logits.hi");
  if (!(certainly_lt(lo, hi) && certainly_le(hi, Ball(0)))) throw InputError("logits", "need lo < hi <= 0");
  const Ball target = parse_decimal(text_at(j, "target_ratio"), kPrec, "target_ratio");
  if (!certainly_positive(target)) throw InputError("target_ratio", "must be > 0");
  Ball T(1), s(1);
  if (ssmax) {
    T = parse_decimal(text_at(j, "temperature"), kPrec, "temperature");
    s = parse_decimal(text_at(j, "ssmax_scale"), kPrec, "ssmax_scale");
    if (!certainly_positive(T) || !certainly_positive(s)) throw InputError("ssmax_scale", "need T > 0 and s > 0");
  }
  if (!j.contains("sup_ratio") || !j.at("sup_ratio").is_object()) throw InputError("sup_ratio", "must be {\"lo\", \"hi\"}");
  const Json& sup = j.at("sup_ratio");
  if (!sup.contains("hi") || !sup.at("hi").is_string()) return reject("sup_ratio.hi must be a decimal");
  const Ball sup_hi = parse_decimal(sup.at("hi").get<std::string>(), kPrec, "sup_ratio.hi");

  // The point P: of this statement (and T, s), l_1 = 0, every other logit in [lo, hi].
  if (!j.contains("point") || !j.at("point").is_object()) throw InputError("point", "must be an instance");
  const Json& point = j.at("point");
  if (point.value("statement", "") != statement || point.value("variant", "") != variant)
    return reject("the point is not an instance of " + statement + " " + variant);
  if (ssmax && (point.value("temperature", "") != text_at(j, "temperature") ||
                point.value("ssmax_scale", "") != text_at(j, "ssmax_scale")))
    return reject("the point's temperature or ssmax_scale differs from the domain's");
  if (!point.contains("logits") || !point.at("logits").is_array() || point.at("logits").size() != static_cast<std::size_t>(L))
    return reject("the point does not have L logits");
  for (std::size_t i = 0; i < point.at("logits").size(); ++i) {
    const Ball x = parse_decimal(decimal_text(point.at("logits")[i], "point.logits"), kPrec, "point.logits");
    const bool inside = i == 0 ? ball_equal(x, Ball(0)) : certainly_le(lo, x) && certainly_le(x, hi);
    if (!inside) return reject(fmt::format("the point's logit {} is outside the domain", i));
  }
  // sup_ratio.lo: the checker's own ratio at the point (checked last, after the domain and its mapping).
  auto lo_confirmed = [&] {
    if (!sup.contains("lo") || sup.at("lo").is_null()) return true;
    const Ball sup_lo = parse_decimal(sup.at("lo").get<std::string>(), kPrec, "sup_ratio.lo");
    return ratio_at_least(statement, variant, point, sup_lo, options);
  };
  const std::string lo_not_confirmed = "the checker cannot confirm the ratio at the point is >= sup_ratio.lo";

  if (closed_form) {
    // The checker's own closed-form sup (see the header).
    Ball own(1);
    if (statement == "alt.sparsemax") {
      const bool wide = certainly_lt(Ball(-1), hi);
      if (!wide && !certainly_le(hi, Ball(-1))) return reject("cannot decide hi > -1");
      own = Ball(!wide ? 0 : variant == "softmax_bound" ? 2 : 1);
    }
    if (!ball_equal(sup_hi, own)) return reject("sup_ratio.hi is not the closed-form sup " + to_string(own, 5));
    const bool statement_false = certainly_lt(Ball(1), own);
    if (statement_false != (status == "refuted")) return reject("status " + status + " contradicts the closed-form sup");
    if (statement_false) {
      if (!j.contains("counterexample") || !j.at("counterexample").contains("certificate"))
        throw InputError("counterexample", "a refuted certificate must hold the counterexample's certificate");
      const Certificate c = read_certificate(j.at("counterexample").at("certificate"));
      if (c.statement != statement || c.variant != variant || c.verdict != "violated")
        return reject("the counterexample's certificate is not a violation of " + statement + " " + variant);
      if (c.instance.value("logits", Json()) != point.at("logits")) return reject("the counterexample is not the point");
      if (!lo_confirmed()) return reject(lo_not_confirmed);
      out.outcome = check_certificate(c, options);
      return out;
    }
    if ((status == "proved") != certainly_le(own, target)) return reject("status " + status + " contradicts the target");
    if (!lo_confirmed()) return reject(lo_not_confirmed);
    out.outcome.kind = CheckOutcome::Kind::confirmed;
    return out;
  }

  // Reduction (alt.ssmax spectral).
  if (!j.contains("reduced") || !j.at("reduced").is_object()) throw InputError("reduced", "missing the reduced certificate");
  const Json& r = j.at("reduced");
  if (!is_prove_certificate(r) || r.value("statement", "") != "cor3.softmax_jacobian.corrected" ||
      r.value("variant", "") != "spectral" || !r.contains("length") || r.at("length") != L ||
      r.value("target_ratio", "") != text_at(j, "target_ratio") || r.value("status", "") != status)
    return reject("the reduced certificate is not the corrected Corollary 3 spectral one of the same length, target and status");
  if (status == "refuted") return reject("a refuted reduction: the corrected Corollary 3 is a theorem");
  if (!r.contains("sup_ratio") || r.at("sup_ratio").value("hi", Json()) != sup.at("hi"))
    return reject("sup_ratio.hi differs from the reduced certificate's");
  const Ball k = div(mul(s, log1p_of(Ball(L - 1), kPrec), kPrec), T, kPrec);  // s log L / T
  const Ball mapped_lo = parse_decimal(text_at(r.at("logits"), "lo"), kPrec, "reduced.logits.lo");
  const Ball mapped_hi = parse_decimal(text_at(r.at("logits"), "hi"), kPrec, "reduced.logits.hi");
  if (!certainly_le(mapped_lo, mul(k, lo, kPrec)) || !certainly_le(mul(k, hi, kPrec), mapped_hi))
    return reject("the reduced domain does not contain the image u = (s log L / T) l of the domain");
  if (!lo_confirmed()) return reject(lo_not_confirmed);
  const ProveCheckOutcome inner = check_prove_certificate(r, options);
  out = inner;
  return out;
}

}  // namespace attnbound::check
