#include "prove/alt_prove.hpp"

#include "prove/alt_closed_form.hpp"
#include "prove/alt_ssmax_reduction.hpp"
#include "prove/prove_domain.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>

namespace attnbound::prove {

bool is_alt_prove_statement(const std::string& statement) { return statement.rfind("alt.", 0) == 0; }

nlohmann::json AltDomain::to_json() const {
  nlohmann::json j{{"length", length},
                   {"logits", {{"lo", lo_text}, {"hi", hi_text},
                               {"meaning", "after the shift l_1 = 0 = max l and l_2..l_L in [lo, hi]"}}}};
  if (statement == "alt.ssmax") {
    j["temperature"] = temperature;
    j["ssmax_scale"] = ssmax_scale;
  }
  return j;
}

AltDomain make_alt_domain(const std::string& statement, const std::string& variant, int length,
                          const nlohmann::json& domain_file_json) {
  AltDomain d;
  d.statement = statement;
  const bool ssmax = statement == "alt.ssmax", sparsemax = statement == "alt.sparsemax", entmax = statement == "alt.entmax15";
  if (!ssmax && !sparsemax && !entmax)
    throw InputError("statement", "prove covers alt.ssmax (spectral, max_weight), alt.sparsemax (spectral, frobenius, "
                                  "softmax_bound) and alt.entmax15 (spectral, max_weight) among the alternatives, not '" +
                                  statement + "' (sa_softmax, low_temperature: prove/README.md says why)");
  d.variant = find_statement(statement).resolve_variant(variant);
  if (ssmax && d.variant != "spectral" && d.variant != "max_weight")
    throw InputError("variant", "prove covers alt.ssmax spectral and max_weight, not '" + d.variant + "'");
  if (sparsemax && d.variant != "spectral" && d.variant != "frobenius" && d.variant != "softmax_bound")
    throw InputError("variant", "prove covers alt.sparsemax spectral, frobenius and softmax_bound, not '" + d.variant + "'");
  if (entmax && d.variant != "spectral" && d.variant != "max_weight")
    throw InputError("variant", "prove covers alt.entmax15 spectral and max_weight, not '" + d.variant + "'");
  if (length < 2 || length > 12) throw InputError("length", fmt::format("must be in [2, 12], got {}", length));
  d.length = length;
  nlohmann::json logits;  // validated by the corrected Corollary 3's domain reader (exact doubles, -700 <= lo < hi <= 0)
  if (!domain_file_json.is_null()) {
    if (!domain_file_json.is_object()) throw InputError("domain", "must be a JSON object");
    for (const auto& [key, value] : domain_file_json.items()) {
      if (key == "logits") logits = value;
      else if (ssmax && key == "temperature") d.temperature = decimal_of(value, "domain.temperature");
      else if (ssmax && key == "ssmax_scale") d.ssmax_scale = decimal_of(value, "domain.ssmax_scale");
      else throw InputError("domain", "unknown field '" + key + "' (fields: logits" +
                                          (ssmax ? ", temperature, ssmax_scale)" : "; this normaliser has no temperature)"));
    }
  }
  nlohmann::json logits_only = nlohmann::json::object();
  if (!logits.is_null()) logits_only["logits"] = logits;
  const ProveDomain checked = make_domain("cor3.softmax_jacobian.corrected", "spectral", 2, logits_only);
  d.lo_text = checked.logits_lo;
  d.hi_text = checked.logits_hi;
  d.lo = checked.lo;
  d.hi = checked.hi;
  if (ssmax) {
    PrecisionScope scope(256);
    if (!is_decimal(d.temperature) || !(from_decimal<Real>(d.temperature) > 0))
      throw InputError("domain.temperature", "must be a decimal > 0");
    if (!is_decimal(d.ssmax_scale) || !(from_decimal<Real>(d.ssmax_scale) > 0))
      throw InputError("domain.ssmax_scale", "must be a decimal > 0 (s <= 0 reverses or flattens SSMax; not covered)");
  }
  return d;
}

AltProveOutput prove_alt(const AltDomain& d, const ProveOptions& o) {
  if (d.statement == "alt.ssmax" && d.variant == "spectral") return prove_ssmax_by_reduction(d, o);
  return prove_closed_form(d, o);
}

}  // namespace attnbound::prove
