// Logits for quantities that depend on them only through softmax(l/T), shifted exactly by a largest one.
//
// Contract: returns l_i - max_j l_j for the instance's decimal logits (field `field`). For Interval the
// differences are computed on the decimals' exact rational values (GMP) and then enclosed (mpfi_set_q rounds
// outward), so a largest logit gives exactly 0 and equal decimals give identical, exact differences: the
// plain enclosures [a, b] - [a, b] = [a - b, b - a] would instead become [0, inf] after e^(./T) at tiny T.
// softmax(l/T) = softmax((l - c)/T) for every constant c, so any statement whose quantity and bound depend on
// the logits only through softmax (and through softmax(l + v) for a direction v) may use these in place of l.
// Point types (double, Real), and decimals whose exponent is beyond exact arithmetic (kMaxExactExponent), get
// the plain decimals, unshifted: their values are the same up to the shift invariance.
// Reference: the soundness issue (ties and huge/tiny T, where the enclosures said nothing).
#pragma once

#include "theory/errors.hpp"
#include "theory/exact_decimal.hpp"
#include "theory/instance.hpp"

#include <mpfi.h>

namespace attnbound {

template <class S> Vec<S> shift_invariant_logits(const Instance& inst, const std::string& field) {
  if constexpr (!is_interval_v<S>) {
    return inst.vector<S>(field);
  } else {
    const auto texts = inst.decimal_vector(field);
    std::vector<Rational> exact;
    try {
      exact = exact_vector(texts, field);
    } catch (const InputError&) {
      return inst.vector<S>(field);  // an exponent beyond exact arithmetic: the plain enclosures
    }
    if (exact.empty()) return {};
    std::size_t top = 0;
    for (std::size_t i = 1; i < exact.size(); ++i)
      if (exact[top] < exact[i]) top = i;
    const Rational largest = exact[top];
    Vec<S> out(exact.size());
    for (std::size_t i = 0; i < exact.size(); ++i) {
      exact[i] -= largest;  // exact: l_i - max_j l_j <= 0
      mpfi_set_q(out[i].backend().data(), exact[i].get());
    }
    return out;
  }
}

}  // namespace attnbound
