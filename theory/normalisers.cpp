// The one translation unit that instantiates the normalisers (sparsemax, entmax-1.5, SSMax, SA-Softmax)
// and their Jacobians for float, double, Real and Interval; every other file sees only the extern
// declarations at the end of each header, so the MPFR/MPFI template work is done once.
#include "theory/entmax15.hpp"
#include "theory/sa_softmax.hpp"
#include "theory/sparsemax.hpp"
#include "theory/ssmax.hpp"

namespace attnbound {

#define ATTNBOUND_NORMALISERS_FOR(S)       \
  ATTNBOUND_SPARSEMAX_TEMPLATES(, S)       \
  ATTNBOUND_ENTMAX15_TEMPLATES(, S)        \
  ATTNBOUND_SSMAX_TEMPLATES(, S)           \
  ATTNBOUND_SA_SOFTMAX_TEMPLATES(, S)

ATTNBOUND_NORMALISERS_FOR(float)
ATTNBOUND_NORMALISERS_FOR(double)
ATTNBOUND_NORMALISERS_FOR(Real)
ATTNBOUND_NORMALISERS_FOR(Interval)

}  // namespace attnbound
