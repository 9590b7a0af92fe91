// Reference evaluation under MPFR's widest exponent range: see reference.hpp.
#include "soundness/reference.hpp"

#include "soundness/exact_reference.hpp"

#include <mpfr.h>

#include <algorithm>
#include <exception>
#include <limits>

namespace attnbound::soundness {

ExtendedExponentRange::ExtendedExponentRange() {
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
}

namespace {
// Bits that a finite difference l + eps v loses to absorption: log2(max |l_i| / eps), from the binary exponents
// (Algorithm 5 only; 0 otherwise). The reference adds them so that eps v survives the addition.
unsigned absorbed_bits(const Instance& inst) {
  if (inst.statement() != "alg5.fd_gradient") return 0;
  PrecisionScope scope(64);
  long top = std::numeric_limits<long>::min();
  for (const auto& t : inst.decimal_vector("logits")) {
    const Real x = from_decimal<Real>(t);
    if (x != 0) top = std::max(top, static_cast<long>(mpfr_get_exp(x.backend().data())));
  }
  const Real eps = from_decimal<Real>(inst.decimal("epsilon"));
  if (top == std::numeric_limits<long>::min() || !(eps > 0)) return 0;
  const long extra = top - static_cast<long>(mpfr_get_exp(eps.backend().data())) + 32;
  return static_cast<unsigned>(std::clamp(extra, 0L, 1L << 21));
}
}  // namespace

ReferencePoint reference_at(const Instance& inst, const std::string& variant, unsigned bits, const EvalOptions& options) {
  ReferencePoint out;
  unsigned extra = 0;
  try {
    extra = absorbed_bits(inst);
  } catch (const std::exception&) {
  }
  PrecisionScope scope(bits + extra);
  mpfr_clear_flags();
  try {
    const std::string id = inst.statement();
    if (id == "cor3.softmax_jacobian" || id == "cor3.softmax_jacobian.corrected") {
      const auto v = cor3_reference(id, variant, inst.decimal_vector("logits"), inst.decimal("temperature"));
      out.method = "grouped-exact";
      out.sides.push_back({"claim", Relation::at_most, v->quantity, v->bound, std::nullopt});
    } else {
      const Statement& st = find_statement(id);
      const Evaluation<Real> e = st.evaluate_real(inst, variant, options);
      out.method = "mpfr-point";
      for (const auto& s : e.sides) out.sides.push_back({s.name, s.relation, s.quantity, s.bound, s.index});
    }
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  out.clean = !mpfr_underflow_p() && !mpfr_overflow_p() && !mpfr_nanflag_p() && !mpfr_erangeflag_p();
  mpfr_clear_flags();
  return out;
}

}  // namespace attnbound::soundness
