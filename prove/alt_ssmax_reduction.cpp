#include "prove/alt_ssmax_reduction.hpp"

#include "prove/alt_closed_form.hpp"
#include "prove/prove_domain.hpp"
#include "theory/double_interval.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "theory/scalar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace attnbound::prove {

namespace {

// The exact decimal of a multiple of 2^-20 with |v| < 2^30: v 10^20 is an integer, so 20 fractional digits are exact
// (fmt prints the exact binary value correctly rounded, here without rounding); trailing zeros dropped.
std::string grid_text(double v) {
  std::string t = fmt::format("{:.20f}", v);
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  if (t == "-0") t = "0";
  return t;
}

}  // namespace

SsmaxMapping map_ssmax_domain(const AltDomain& d) {
  SsmaxMapping m;
  PrecisionScope scope(256);
  const Interval k = from_decimal<Interval>(d.ssmax_scale) * log(Interval(static_cast<long long>(d.length))) /
                     from_decimal<Interval>(d.temperature);
  const Interval image_lo = k * from_decimal<Interval>(d.lo_text), image_hi = k * from_decimal<Interval>(d.hi_text);
  const double grid = 0x1p20;
  m.lo = std::floor(round_down(lower_of(image_lo)) * grid) / grid;  // exact: scaling by 2^20 and floor are exact
  m.hi = std::min(0.0, std::ceil(round_up(upper_of(image_hi)) * grid) / grid);
  if (!(m.lo >= -700))
    throw InputError("domain.logits", fmt::format("the mapped lower end s log L lo / T = {} is below -700 (the corrected "
                                                  "Corollary 3 domain's limit); use a smaller |lo|", m.lo));
  m.lo_text = grid_text(m.lo);
  m.hi_text = grid_text(m.hi);
  m.scale_lo = to_decimal_down(lower_of(k));
  m.scale_hi = to_decimal_up(upper_of(k));
  m.scale_estimate = std::stod(d.ssmax_scale) * std::log(static_cast<double>(d.length)) / std::stod(d.temperature);
  return m;
}

AltProveOutput prove_ssmax_by_reduction(const AltDomain& d, const ProveOptions& o) {
  const SsmaxMapping m = map_ssmax_domain(d);
  const ProveDomain mapped = make_domain("cor3.softmax_jacobian.corrected", "spectral", d.length,
                                         {{"logits", {{"lo", m.lo_text}, {"hi", m.hi_text}}}});
  const ProveResult r = prove(mapped, o);
  AltProveOutput out;
  if (r.status == "worker") return out;  // only rank 0 reports
  if (r.status == "refuted") throw std::logic_error("the corrected Corollary 3 was refuted: it is a theorem (E1)");
  // sup_ratio.lo at a point of the original domain (see the header).
  nlohmann::json point = alt_corner_instance(d);
  if (!r.sup_lo_instance.is_null()) {
    nlohmann::json logits = nlohmann::json::array({"0"});
    const auto& u = r.sup_lo_instance.at("logits");
    for (std::size_t i = 1; i < u.size(); ++i) {
      const double l = std::stod(u[i].get<std::string>()) / m.scale_estimate;
      logits.push_back(l <= d.lo ? d.lo_text : l >= d.hi ? d.hi_text : double_text(l));
    }
    point["logits"] = logits;
  }
  const CertifiedResult at = certify(Instance::from_json(point));
  const std::string sup_lo = engine_ratio_lower(at);
  const std::string reduction =
      "SSMax(l) = softmax(u), u = c l / T, c = s log L > 0, J = (c/T) A(u), A = diag p - p p^T: the ratio ||J||_2 / "
      "(c/(2T)) = 2 ||A(u)||_2 is the corrected Corollary 3 spectral ratio at u (T = 1); l_1 = 0 = max l and l_i in [lo, "
      "hi] give u_1 = 0 = max u and u_i = (c/T) l_i in [(c/T) lo, (c/T) hi] (c/T > 0, l_i <= 0), contained in the mapped "
      "domain [lo', hi'] = [" + m.lo_text + ", " + m.hi_text + "]: lo' = floor(2^20 round_down(lo(k lo)))/2^20 <= (c/T) lo "
      "and hi' = min{0, ceil(2^20 round_up(hi(k hi)))/2^20} >= (c/T) hi, k = [" + m.scale_lo + ", " + m.scale_hi +
      "] enclosing c/T (MPFR intervals, 256 bits). So sup of the SSMax ratio <= sup of the corrected Corollary 3 ratio "
      "over the mapped domain.";
  nlohmann::json inner = to_json(r, mapped, o);
  nlohmann::json j = inner;
  j["statement"] = d.statement;
  j["variant"] = d.variant;
  j["domain"] = d.to_json();
  j["mapped_domain"] = inner["domain"];
  j["method"] = "reduction to cor3.softmax_jacobian.corrected spectral, then branch-and-bound";
  std::vector<std::string> reductions{"ssmax scale: u = (s log L / T) l maps the domain into the corrected Corollary 3 "
                                      "domain [" + m.lo_text + ", " + m.hi_text + "] (see note)"};
  for (const auto& x : inner["reductions"]) reductions.push_back(x.get<std::string>());
  j["reductions"] = reductions;
  j["note"] = reduction + (inner.contains("note") ? " Reduced problem: " + inner["note"].get<std::string>() : "");
  j["reduced_sup_ratio"] = inner["sup_ratio"];
  j["sup_ratio"]["lo"] = sup_lo.empty() ? nlohmann::json(nullptr) : nlohmann::json(sup_lo);
  j["sup_ratio"]["lo_instance"] = point;
  j["sup_ratio"]["meaning"] = "hi: the corrected Corollary 3's certified upper end over the mapped domain (an upper end "
                              "for SSMax by the reduction); lo: the engine's certified lower end of the SSMax ratio at "
                              "lo_instance, a point of the original domain (MPFI)";
  out.output = j;
  nlohmann::json c{{"format", "attnbound-prove-certificate"}, {"version", 1}, {"statement", d.statement},
                   {"variant", d.variant}, {"method", "reduction"}, {"length", d.length},
                   {"logits", {{"lo", d.lo_text}, {"hi", d.hi_text}}}, {"temperature", d.temperature},
                   {"ssmax_scale", d.ssmax_scale}, {"target_ratio", o.target_ratio}, {"status", r.status},
                   {"sup_ratio", {{"lo", j["sup_ratio"]["lo"]}, {"hi", j["sup_ratio"]["hi"]}}}, {"point", point},
                   {"reduction", {{"to", "cor3.softmax_jacobian.corrected"}, {"mapped_logits", {{"lo", m.lo_text}, {"hi", m.hi_text}}},
                                  {"argument", reduction}, {"reduced_reductions", mapped.reductions()}}},
                   {"reduced", make_prove_certificate(r, mapped, o)}};
  out.certificate = c;
  return out;
}

}  // namespace attnbound::prove
