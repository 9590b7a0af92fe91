// The index that speaks for a claim made for every index: "q_i <= b_i for all i" (or >= for all i).
//
// Contract: quantity[i] and bound[i] enclose (Interval) or approximate (point types) the two sides at index
// i; returns the index whose single-index verdict IS the verdict of the whole claim, so no choice taken from
// midpoints can turn into a wrong word:
//   (1) an index with a certified violation (at_most: lo(q_i) > hi(b_i); at_least: hi(q_i) < lo(b_i)), if
//       one exists: one violated index refutes "for all i";
//   (2) else an index whose verdict is not certified to hold (undecided), if one exists: the claim is then
//       undecided too, whichever such index is reported;
//   (3) else every index holds, hence the claim; any index may be shown.
// Within the chosen class the index with the most extreme ratio by midpoint (`ratio`, steer order) is taken;
// that is presentation only. Point types: the most extreme ratio (exact comparisons).
// Reference: the soundness issue (a midpoint argmin of alpha_i / bound_i named the wrong index when
// alpha_i underflowed, and the side's headline said "holds" while another index was violated).
#pragma once

#include "theory/arith.hpp"
#include "theory/statement.hpp"

#include <optional>

namespace attnbound {

template <class S>
std::size_t forall_claim_index(const Vec<S>& quantity, const Vec<S>& bound, Relation relation, const Vec<S>& ratio,
                               bool largest_ratio) {
  if (quantity.empty() || quantity.size() != bound.size() || ratio.size() != quantity.size())
    throw std::invalid_argument("forall_claim_index: sizes differ or are zero");
  const auto more_extreme = [&](std::size_t a, std::size_t b) {  // is a more extreme than b
    return largest_ratio ? steer_less(ratio[b], ratio[a]) : steer_less(ratio[a], ratio[b]);
  };
  const auto best_of = [&](auto&& in_class) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < quantity.size(); ++i)
      if (in_class(i) && (!best || more_extreme(i, *best))) best = i;
    return best;
  };
  if constexpr (is_interval_v<S>) {
    const auto violated = [&](std::size_t i) {
      return relation == Relation::at_most ? lower_end(quantity[i]) > upper_end(bound[i])
                                           : upper_end(quantity[i]) < lower_end(bound[i]);
    };
    const auto holds = [&](std::size_t i) {
      return relation == Relation::at_most ? upper_end(quantity[i]) <= lower_end(bound[i])
                                           : lower_end(quantity[i]) >= upper_end(bound[i]);
    };
    if (auto i = best_of(violated)) return *i;
    if (auto i = best_of([&](std::size_t k) { return !holds(k); })) return *i;
  }
  return *best_of([](std::size_t) { return true; });
}

}  // namespace attnbound
