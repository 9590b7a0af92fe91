// Theorem 1, part 1 (fixed top-N set), the spec's [R] reconstruction (spec section 2, Theorem 1):
//   d~ <= (1 - abar_N) d_1 + max_{j in I_N} ||x_j||_2 [ (L - N) abar_N - (1 - abar_N) ]      (tight)
//   d~ <= (1 - abar_N) d_1 + max_{j in I_N} ||x_j||_2 [ (L - N) abar_N + (1 - abar_N) ]      (loose)
// with abar_N = sum_{j in I_N} alpha_j, d_1 = max_{i notin I_N, j in I_N} ||x_i - x_j||.
// Why it holds (reading (a)): alpha_i x_i - s = sum_{j in I_N} (alpha_i/N)(x_i - x_j) + sum_{j in I_N}
// (alpha_i/N - alpha_j) x_j, so ||alpha_i x_i - s|| <= alpha_i d_1 + max||x_j|| sum_j |alpha_i/N - alpha_j|;
// for a valid top-N set alpha_j >= alpha_i >= alpha_i/N, and summing over i notin I_N gives
// sum_i sum_j (alpha_j - alpha_i/N) = (L - N) abar_N - (1 - abar_N). The loose bracket is larger.
// Reading (b) (erratum E9) is evaluated against the same right-hand side; at N = L it measures ||s||
// while the bound is 0, so it is not expected to hold in general.
// 1 - abar_N is computed as the sum of the non-selected weights (no cancellation; equal in exact terms
// because the weights sum to 1).
#pragma once

#include "theory/statement.hpp"
#include "theory/top_n.hpp"

namespace attnbound::thm1_fixed {

// The bound (1 - abar_N) d_1 + max_{j in I_N} ||x_j|| [(L - N) abar_N -+ (1 - abar_N)] (tight: minus, loose: plus),
// from rest_mass = 1 - abar_N (the non-selected mass), d_1, the largest selected norm, L - N and abar_N.
// Domain: masses in [0, 1], d_1 >= 0, norms >= 0. One rounding per operation; Interval encloses.
// Called by evaluate<S> below and by the double loop of reports/reproduce_model_alg12.cpp.
template <class S>
S bound(const S& rest_mass, const S& d1, const S& max_selected_norm, std::size_t unselected, const S& selected_mass,
        bool loose = false) {
  const S lead = S(static_cast<long long>(unselected)) * selected_mass;
  const S bracket = loose ? lead + rest_mass : lead - rest_mass;
  return rest_mass * d1 + max_selected_norm * bracket;
}

inline StatementInfo info() {
  return {"thm1.fixed",
          "Representation distance for a fixed top-N set",
          "Theorem 1 part 1 (Sec. 2.1, Eq. 7); spec section 1.3 and 2 [R], errata E9",
          "weights >= 0 summing to 1 (or logits + temperature T > 0); x has L rows; I_N a valid top-N set "
          "(every selected weight >= every non-selected one), 1 <= N <= L",
          {"logits", "temperature", "weights", "x", "top_n", "top_set", "distance"},
          {{"tight", "d~ <= (1-abar_N) d_1 + max_{j in I_N}||x_j|| [(L-N) abar_N - (1-abar_N)]", "[R]"},
           {"loose", "d~ <= (1-abar_N) d_1 + max_{j in I_N}||x_j|| [(L-N) abar_N + (1-abar_N)]", "[R]"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string& variant, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const WeightsInput<S> w = read_weights<S>(inst);
  const std::size_t L = w.alpha.size();
  const Mat<S> x = read_embeddings<S>(inst, L);
  const DistanceReading reading = read_distance_reading(inst);
  const std::vector<std::size_t> set = read_top_set(inst, w.order_keys);
  const std::size_t N = set.size();
  const std::vector<bool> in = membership(L, set);

  S selected_mass(0), rest_mass(0), max_selected_norm(0);
  for (std::size_t i = 0; i < L; ++i) {
    if (in[i]) {
      selected_mass += w.alpha[i];
      max_selected_norm = smax(max_selected_norm, euclidean_norm(x[i]));
    } else {
      rest_mass += w.alpha[i];
    }
  }
  const S d1 = largest_out_of_set_distance(x, in);

  Side<S> side{"claim", Relation::at_most, S(0), S(0), std::nullopt};
  side.quantity = representation_distance(w.alpha, x, in, reading);
  side.bound = bound(rest_mass, d1, max_selected_norm, L - N, selected_mass, variant == "loose");

  Evaluation<S> e;
  e.sides.push_back(side);
  e.details.push_back({"selected_mass", selected_mass});
  e.details.push_back({"d1", d1});
  e.details.push_back({"max_selected_norm", max_selected_norm});
  e.details.push_back({"top_n", S(static_cast<long long>(N))});
  e.details.push_back({"distance_reading_b", S(reading == DistanceReading::norm_of_sum ? 1 : 0)});
  return e;
}

}  // namespace attnbound::thm1_fixed
