// Top-N set, context vector and representation distance d~ (spec 1.3, paper Eqs. 6-7), and the reading
// of the attention-weight inputs that Theorem 1, Corollary 2 and Theorem 2 share.
//
// Conventions (spec "Conventions of this project"):
//   * I_N holds the N indices with the largest weights; ties are broken by the lower index first.
//   * An instance may give the set explicitly ("top_set", 0-based); it must then be a valid top-N set:
//     every selected weight >= every non-selected weight (checked exactly).
//   * s = sum_{i in I_N} alpha_i x_i;  d~ reading (a) sum_{i notin I_N} ||alpha_i x_i - s||_2 (default),
//     reading (b) ||sum_{i notin I_N} alpha_i x_i - s||_2 (erratum E9).
// Exactness: the top-N choice is made on exact rationals (the weights' decimals, or the logits, whose
// order is the order of softmax(l/T) for T > 0 because exp is strictly increasing), so it never depends
// on rounding and is the same for double, Real and Interval.
#pragma once

#include "theory/arith.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/exact_decimal.hpp"
#include "theory/inputs.hpp"
#include "theory/shift_invariant_logits.hpp"
#include "theory/softmax.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace attnbound {

enum class DistanceReading { sum_of_norms, norm_of_sum };

// "distance": "sum_of_norms" (reading (a), default when absent) | "norm_of_sum" (reading (b)).
inline DistanceReading read_distance_reading(const Instance& inst) {
  if (!inst.has("distance")) return DistanceReading::sum_of_norms;
  const std::string t = inst.text("distance");
  if (t == "sum_of_norms") return DistanceReading::sum_of_norms;
  if (t == "norm_of_sum") return DistanceReading::norm_of_sum;
  throw InputError("distance", fmt::format("unknown reading \"{}\" (known: sum_of_norms, norm_of_sum)", t));
}
inline const char* to_string(DistanceReading r) {
  return r == DistanceReading::sum_of_norms ? "sum_of_norms" : "norm_of_sum";
}

// Indices of the n largest keys, ties by lower index, returned in increasing index order.
template <class Key> std::vector<std::size_t> top_n_indices(const std::vector<Key>& keys, std::size_t n) {
  if (n > keys.size()) throw std::invalid_argument("top_n_indices: n > L");
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // stable_sort keeps equal keys in index order, which is the tie convention.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[b] < keys[a]; });
  order.resize(n);
  std::sort(order.begin(), order.end());
  return order;
}

// True if every selected key is >= every non-selected key (the set is a top-|set| set for some tie break).
template <class Key> bool is_valid_top_set(const std::vector<Key>& keys, const std::vector<std::size_t>& set) {
  std::vector<bool> in(keys.size(), false);
  for (auto i : set) in.at(i) = true;
  for (std::size_t i = 0; i < keys.size(); ++i)
    for (std::size_t j = 0; j < keys.size(); ++j)
      if (in[i] && !in[j] && keys[i] < keys[j]) return false;
  return true;
}

inline std::vector<bool> membership(std::size_t length, const std::vector<std::size_t>& set) {
  std::vector<bool> in(length, false);
  for (auto i : set) in.at(i) = true;
  return in;
}

// s = sum_{i in set} alpha_i x_i.
template <class S> Vec<S> context_vector(const Vec<S>& alpha, const Mat<S>& x, const std::vector<bool>& in) {
  Vec<S> s(x.at(0).size(), S(0));
  for (std::size_t i = 0; i < alpha.size(); ++i)
    if (in[i]) add_scaled(s, alpha[i], x[i]);
  return s;
}

// d~ for the selected set `in` (spec 1.3). The empty sum (every token selected) is 0 in reading (a); in
// reading (b) it is ||0 - s|| = ||s||.
template <class S>
S representation_distance(const Vec<S>& alpha, const Mat<S>& x, const std::vector<bool>& in, DistanceReading reading) {
  const Vec<S> s = context_vector(alpha, x, in);
  if (reading == DistanceReading::sum_of_norms) {
    // No temporaries per token: this runs once per subset in thm1.random's enumeration.
    S total(0), acc(0), t(0);
    for (std::size_t i = 0; i < alpha.size(); ++i) {
      if (in[i]) continue;
      acc = 0;
      for (std::size_t k = 0; k < s.size(); ++k) {
        t = alpha[i] * x[i][k] - s[k];
        acc += square(t);
      }
      total += sqrt(acc);
    }
    return total;
  }
  Vec<S> out(s.size(), S(0));
  for (std::size_t i = 0; i < alpha.size(); ++i)
    if (!in[i]) add_scaled(out, alpha[i], x[i]);
  return euclidean_norm(difference(out, s));
}

// d_1 = max_{i notin I_N, j in I_N} ||x_i - x_j|| (0 when either side is empty).
template <class S> S largest_out_of_set_distance(const Mat<S>& x, const std::vector<bool>& in) {
  S d(0);
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x.size(); ++j)
      if (!in[i] && in[j]) d = smax(d, euclidean_distance(x[i], x[j]));
  return d;
}

// Attention weights of an instance: either "weights" (exact decimals, each >= 0, summing to exactly 1)
// or "logits" + "temperature" (alpha = softmax(l/T)). order_keys are exact rationals whose order is the
// order of the weights (the weights themselves, or the logits).
template <class S> struct WeightsInput {
  Vec<S> alpha;
  std::vector<Rational> order_keys;
  bool from_logits = false;
};

template <class S> WeightsInput<S> read_weights(const Instance& inst) {
  WeightsInput<S> w;
  const bool has_w = inst.has("weights"), has_l = inst.has("logits");
  if (has_w == has_l)
    throw InputError(has_w ? "weights" : "logits", "give exactly one of \"weights\" and \"logits\" (+ \"temperature\")");
  if (has_l) {
    const auto texts = inst.decimal_vector("logits");
    w.order_keys = exact_vector(texts, "logits");
    const S T = positive_scalar<S>(inst, "temperature");
    w.alpha = softmax(shift_invariant_logits<S>(inst, "logits"), T);
    w.from_logits = true;
    return w;
  }
  if (inst.has("temperature")) throw InputError("temperature", "not used when \"weights\" are given");
  const auto texts = inst.decimal_vector("weights");
  w.order_keys = exact_vector(texts, "weights");
  Rational total(0);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (w.order_keys[i].sign() < 0) throw HypothesisError(fmt::format("weights[{}]", i), "must be >= 0, got " + texts[i]);
    total += w.order_keys[i];
  }
  if (!(total == Rational(1)))
    throw HypothesisError("weights", "must sum to exactly 1 (exact rational sum is " + total.str() + ")");
  w.alpha = inst.vector<S>("weights");
  return w;
}

// The selected set: "top_set" (validated: distinct, in range, a valid top-N set, size == top_n if given)
// or the top-"top_n" set by the convention above. Returned in increasing order.
inline std::vector<std::size_t> read_top_set(const Instance& inst, const std::vector<Rational>& keys,
                                             std::size_t min_n = 1) {
  const std::size_t L = keys.size();
  if (!inst.has("top_set")) {
    if (!inst.has("top_n")) throw InputError("top_n", "required field is missing (or give \"top_set\")");
    return top_n_indices(keys, checked_top_n(inst, L, min_n));
  }
  const auto raw = inst.integer_vector("top_set");
  std::vector<std::size_t> set;
  std::vector<bool> seen(L, false);
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const std::string name = fmt::format("top_set[{}]", k);
    if (raw[k] < 0 || raw[k] >= static_cast<std::int64_t>(L))
      throw InputError(name, fmt::format("index {} out of range [0, {})", raw[k], L));
    if (seen[raw[k]]) throw InputError(name, fmt::format("index {} repeated", raw[k]));
    seen[raw[k]] = true;
    set.push_back(static_cast<std::size_t>(raw[k]));
  }
  if (set.size() < min_n || set.size() > L)
    throw HypothesisError("top_set", fmt::format("must hold between {} and L = {} indices, got {}", min_n, L, set.size()));
  if (inst.has("top_n") && inst.integer("top_n") != static_cast<std::int64_t>(set.size()))
    throw InputError("top_n", fmt::format("is {} but top_set holds {} indices", inst.integer("top_n"), set.size()));
  if (!is_valid_top_set(keys, set))
    throw HypothesisError("top_set", "not a top-N set: some non-selected weight exceeds a selected one");
  std::sort(set.begin(), set.end());
  return set;
}

// "x": L rows of d numbers, L = the number of weights.
template <class S> Mat<S> read_embeddings(const Instance& inst, std::size_t length) {
  const Mat<S> x = inst.matrix<S>("x");
  if (x.size() != length)
    throw InputError("x", fmt::format("has {} rows, expected L = {} (one per weight)", x.size(), length));
  return x;
}

}  // namespace attnbound
