// check/softmax_spectral_side.hpp.
#include "check/softmax_spectral_side.hpp"

#include "check/certificate_reader.hpp"
#include "check/softmax_jacobian_bounds.hpp"
#include "check/softmax_jacobian_eigen_estimate.hpp"
#include "theory/errors.hpp"

namespace attnbound::check {

SideEval softmax_spectral_side(const Weights& w, const Ball& T, const Ball& b, const nlohmann::json& witness, long prec,
                               bool own_estimate) {
  // lambda_max >= every point of a lower-bound ball and <= every point of an upper-bound ball, so the
  // enclosure is [max of the lower ends, min of the upper ends] (exact ends, no rounding).
  Ball lower = lower_end(softmax_jacobian_spectral_lower(w, T, prec));
  Ball upper = min_of(upper_end(softmax_jacobian_spectral_upper(w, T, prec)), softmax_jacobian_max_weight_upper(w, T, prec), prec);
  if (auto rq = softmax_jacobian_rayleigh(w, top_pair_vector(w), T, prec)) lower = max_of(lower, lower_end(*rq), prec);
  SideEval s;
  s.name = "claim";
  s.relation = "at_most";
  if (witness.is_object() && witness.contains("shift")) {
    const Ball shift = parse_decimal(decimal_text(witness["shift"], "witness.shift"), prec, "witness.shift");
    const bool pd = softmax_jacobian_shift_is_upper(w, shift, T, prec);
    if (pd) upper = min_of(upper, upper_end(shift), prec);
    s.holds_by_witness = pd && certainly_le(shift, b);
    if (!*s.holds_by_witness)
      s.witness_note = pd ? "shift: s not certified <= bound" : "shift: s I - J not certified positive definite";
  }
  if (witness.is_object() && witness.contains("vector")) {
    const auto& v = witness["vector"];
    if (!v.is_array() || v.size() != w.alpha.size())
      throw InputError("witness.vector", "expected an array of L = " + std::to_string(w.alpha.size()) + " decimals");
    std::vector<Ball> vb;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const std::string f = "witness.vector[" + std::to_string(i) + "]";
      vb.push_back(parse_decimal(decimal_text(v[i], f), prec, f));
    }
    const auto rq = softmax_jacobian_rayleigh(w, vb, T, prec);
    if (rq) lower = max_of(lower, lower_end(*rq), prec);
    s.violated_by_witness = rq && certainly_lt(b, *rq);
    if (!*s.violated_by_witness)
      s.witness_note += std::string(s.witness_note.empty() ? "" : "; ") + "vector: Rayleigh quotient not certified > bound";
  }
  if (own_estimate) {  // always: it also narrows the enclosure compared with the engine's
    if (const auto e = softmax_jacobian_eigen_estimate(w, T, prec)) {
      // v^T J v / v^T v <= lambda_max for v != 0; s I - J positive definite => lambda_max < s.
      if (const auto rq = softmax_jacobian_rayleigh(w, e->vector, T, prec)) lower = max_of(lower, lower_end(*rq), prec);
      if (softmax_jacobian_shift_is_upper(w, e->shift, T, prec)) upper = min_of(upper, e->shift, prec);
    }
  }
  // Without a witness: b I - J positive definite proves ||J||_2 < b directly.
  // (The hull below rounds its radius up; compare the exact upper end itself with b first.)
  if (!s.holds_by_witness) s.holds_by_other = certainly_le(upper, b) || softmax_jacobian_shift_is_upper(w, b, T, prec);
  const Ball q = hull(lower, upper, prec);
  s.pairs.push_back({q, b});
  s.report_quantity = q;
  s.report_bound = b;
  return s;
}

}  // namespace attnbound::check
