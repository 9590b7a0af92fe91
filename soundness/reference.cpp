// Reference evaluation under MPFR's widest exponent range: see reference.hpp.
#include "soundness/reference.hpp"

#include "soundness/exact_reference.hpp"

#include <mpfr.h>

#include <exception>

namespace attnbound::soundness {

ExtendedExponentRange::ExtendedExponentRange() : saved_emin_(mpfr_get_emin()), saved_emax_(mpfr_get_emax()) {
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
}
ExtendedExponentRange::~ExtendedExponentRange() {
  mpfr_set_emin(saved_emin_);
  mpfr_set_emax(saved_emax_);
}

ReferencePoint reference_at(const Instance& inst, const std::string& variant, unsigned bits, const EvalOptions& options) {
  ReferencePoint out;
  PrecisionScope scope(bits);
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
