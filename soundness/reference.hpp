// The plain high-precision reference a certified enclosure is compared with (issue 13, item 4).
//
// Domain: any instance of the registry. Two sources, both point evaluations (round-to-nearest), neither
// an enclosure:
//   "grouped-exact"  Corollary 3 (both ids): the independent grouped reduction of exact_reference.hpp
//   "mpfr-point"     every other statement: the statement's evaluate_real under a PrecisionScope
// Each runs under ExtendedExponentRange (MPFR's widest exponent range, about 2^+-4.6e18 instead of the
// default 2^+-2^30), so weights the engine underflows still have a reference; the MPFR underflow, overflow,
// NaN and erange flags are read afterwards and a raised flag makes the reference "not clean".
// Algorithm 5 gets log2(max|l_i|/epsilon) extra bits, so that l + epsilon v is not absorbed into l.
// Guarantee: reference_at evaluates at PrecisionScope(bits) (plus those bits); the caller (check.hpp) judges convergence
// between 2x and 4x the engine's final bits and counts a non-clean, non-finite or unconverged reference as
// "reference unavailable", never as a pass.
#pragma once

#include "theory/instance.hpp"
#include "theory/scalar.hpp"
#include "theory/statement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace attnbound::soundness {

// Sets MPFR's exponent range to its widest (MPFR's range is per thread when MPFR is built thread-safe, as
// Debian's is). It is not restored at the end of the scope: the engine itself works in the widest range
// (PrecisionScope sets it), and restoring the default would leave values created inside out of range, which
// MPFR does not allow. Kept as a scope so the reference says where it needs the range.
class ExtendedExponentRange {
 public:
  ExtendedExponentRange();
  ExtendedExponentRange(const ExtendedExponentRange&) = delete;
  ExtendedExponentRange& operator=(const ExtendedExponentRange&) = delete;
};

struct ReferenceSide {
  std::string name;
  Relation relation = Relation::at_most;
  Real quantity, bound;
  std::optional<std::int64_t> index;
};

struct ReferencePoint {
  std::string method;  // "grouped-exact" | "mpfr-point"
  std::vector<ReferenceSide> sides;
  bool clean = true;   // no MPFR underflow / overflow / NaN / erange flag was raised
  std::string error;   // non-empty when the evaluation threw
};

// Evaluates the reference at `bits` (PrecisionScope(bits)); call inside an ExtendedExponentRange.
ReferencePoint reference_at(const Instance& inst, const std::string& variant, unsigned bits,
                            const EvalOptions& options = {});

}  // namespace attnbound::soundness
