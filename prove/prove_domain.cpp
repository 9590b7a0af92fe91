#include "prove/prove_domain.hpp"

#include "theory/double_interval.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace attnbound::prove {

namespace {

// The double that `text` denotes exactly; InputError(field) when it is not a decimal or not a double.
double exact_double(const std::string& text, const std::string& field) {
  if (!is_decimal(text)) throw InputError(field, "'" + text + "' is not a finite decimal");
  PrecisionScope scope(512);
  const Interval v = from_decimal<Interval>(text);
  const double lo = round_down(lower_of(v)), hi = round_up(upper_of(v));
  if (lo != hi) throw InputError(field, "'" + text + "' is not exactly a double (box ends are never rounded); use e.g. -40 or -0.5");
  return lo;
}

std::string decimal_field(const nlohmann::json& j, const std::string& key, const std::string& field) {
  return decimal_of(j.at(key), field);
}

}  // namespace

std::vector<std::string> provable_statements() {
  return {"cor3.softmax_jacobian", "cor3.softmax_jacobian.corrected", "lemma2.jacobian", "thm1.fixed"};
}

std::vector<std::string> ProveDomain::reductions() const {
  std::vector<std::string> r{"shift: the largest scaled logit is 0 (softmax(z) = softmax(z - max z))"};
  if (thm1()) {
    r.push_back("scaling: T = 1 (the statement reads l and T only through alpha = softmax(l/T))");
    r.push_back("permutation: z_0 >= ... >= z_{L-1} with I_N = {0..N-1} (Q and B are invariant under a joint "
                "permutation of the logits and the rows of x, and every row has the same x interval); boxes without "
                "a sorted point are pruned");
    r.push_back("x scaling: Q and B are homogeneous of degree 1 in x, so only the surface of the x box is explored "
                "(boxes with no surface point are pruned); the sup over the box is the sup over every x != 0 it holds");
    if (x_rotation())
      r.push_back("x rotation: x_lo = -x_hi and an orthogonal map applied to every row keeps every norm, so (LQ "
                  "decomposition, then x scaling) x_{i,k} = 0 for k > i and x_{i,i} >= 0");
    return r;
  }
  if (scale_free())
    r.push_back("scaling: T = 1 (||J|| and the bound both scale as 1/T, so the ratio depends on z = l/T only)");
  else
    r.push_back("no scaling: the bound min{1/(4T), sqrt 2} is not a power of T, so T is fixed at " + temperature);
  r.push_back("permutation: z_2 >= ... >= z_L (every norm is invariant under P A P^T); boxes without a sorted point are pruned");
  return r;
}

nlohmann::json ProveDomain::to_json() const {
  nlohmann::json j{{"length", length},
                   {"logits", {{"lo", logits_lo}, {"hi", logits_hi},
                               {"meaning", "z = l/T; after the shift z_1 = 0 and z_2..z_L in [lo, hi]"}}}};
  j["temperature"] = scale_free() ? nlohmann::json("1 (scaled out)") : nlohmann::json(temperature);
  if (thm1()) {
    j["dim"] = dim;
    j["top_n"] = top_n;
    j["x"] = {{"lo", x_lo_text}, {"hi", x_hi_text}, {"meaning", "every coordinate of every row x_i in [lo, hi]"}};
    j["top_set"] = "I_N = {0, ..., N-1} at sorted logits (0-based)";
    j["distance"] = "sum_of_norms (reading (a)); reading (b) ||sum_{i notin I_N} alpha_i x_i - s|| <= reading (a) by the "
                    "triangle inequality, so this sup ratio upper end holds for (b) too";
  }
  if (lemma2()) j["F"] = "exp (F = exp(l/T), the instance default)";
  return j;
}

ProveDomain make_domain(const std::string& statement, const std::string& variant, int length,
                        const nlohmann::json& domain_file_json, int dim, int top_n) {
  const auto ids = provable_statements();
  if (std::find(ids.begin(), ids.end(), statement) == ids.end())
    throw InputError("statement", "prove supports cor3.softmax_jacobian and cor3.softmax_jacobian.corrected (spectral, "
                                  "frobenius, per_weight), lemma2.jacobian with F = exp (spectral, frobenius) and "
                                  "thm1.fixed (tight) so far, not '" + statement + "'");
  ProveDomain d;
  d.statement = statement;
  const Statement& st = find_statement(statement);
  d.variant = st.resolve_variant(variant);
  if (d.thm1()) {
    if (d.variant != "tight")
      throw InputError("variant", "prove bounds thm1.fixed's tight variant (the loose bound is larger, so its ratio is "
                                  "smaller), not '" + d.variant + "'");
    if (length < 2 || length > 6) throw InputError("length", fmt::format("must be in [2, 6] for thm1.fixed, got {}", length));
    if (dim < 1 || dim > 3) throw InputError("dim", fmt::format("must be in [1, 3], got {}", dim));
    if (top_n == 0) top_n = length - 1;
    if (top_n < 1 || top_n > length - 1)
      throw InputError("top-n", fmt::format("must be in [1, L - 1] = [1, {}] (N = L: Q = B = 0), got {}", length - 1, top_n));
    d.dim = dim;
    d.top_n = top_n;
    d.logits_lo = "-4";
  } else if (d.variant != "spectral" && d.variant != "frobenius" && (d.lemma2() || d.variant != "per_weight")) {
    throw InputError("variant", "prove bounds the norms spectral, frobenius and per_weight, not '" + d.variant + "'");
  }
  if (!d.thm1() && (length < 2 || length > 12)) throw InputError("length", fmt::format("must be in [2, 12], got {}", length));
  d.length = length;
  if (!domain_file_json.is_null()) {
    if (!domain_file_json.is_object()) throw InputError("domain", "must be a JSON object");
    for (const auto& [key, value] : domain_file_json.items()) {
      if (key == "logits") {
        if (!value.is_object() || !value.contains("lo") || !value.contains("hi") || value.size() != 2)
          throw InputError("domain.logits", "must be {\"lo\": ..., \"hi\": ...}");
        d.logits_lo = decimal_field(value, "lo", "domain.logits.lo");
        d.logits_hi = decimal_field(value, "hi", "domain.logits.hi");
      } else if (key == "temperature") {
        d.temperature = decimal_of(value, "domain.temperature");
      } else if (key == "x" && d.thm1()) {
        if (!value.is_object() || !value.contains("lo") || !value.contains("hi") || value.size() != 2)
          throw InputError("domain.x", "must be {\"lo\": ..., \"hi\": ...}");
        d.x_lo_text = decimal_field(value, "lo", "domain.x.lo");
        d.x_hi_text = decimal_field(value, "hi", "domain.x.hi");
      } else {
        throw InputError("domain", "unknown field '" + key + "' (fields: logits, temperature" + (d.thm1() ? ", x)" : ")"));
      }
    }
  }
  d.lo = exact_double(d.logits_lo, "domain.logits.lo");
  d.hi = exact_double(d.logits_hi, "domain.logits.hi");
  if (!(d.lo >= -700 && d.lo < d.hi && d.hi <= 0))
    throw InputError("domain.logits", "need -700 <= lo < hi <= 0 (after the shift the largest scaled logit is 0)");
  if (d.thm1()) {
    d.x_lo = exact_double(d.x_lo_text, "domain.x.lo");
    d.x_hi = exact_double(d.x_hi_text, "domain.x.hi");
    if (!(d.x_lo < d.x_hi && std::fabs(d.x_lo) <= 1e6 && std::fabs(d.x_hi) <= 1e6))
      throw InputError("domain.x", "need lo < hi, both within [-1e6, 1e6]");
  }
  if (!is_decimal(d.temperature)) throw InputError("domain.temperature", "'" + d.temperature + "' is not a finite decimal");
  {
    PrecisionScope scope(256);
    if (!(from_decimal<Real>(d.temperature) > 0)) throw InputError("domain.temperature", "must be > 0");
  }
  return d;
}

}  // namespace attnbound::prove
