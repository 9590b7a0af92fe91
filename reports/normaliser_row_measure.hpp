// One normaliser on one row of logits, in double: the measures behind `attnbound normalisers` (reports/
// normalisers_part.hpp holds the contract of every measure: max weight, top mass, support, ||J||_2, d~, N_s/N).
// Contract: double precision with the theory/ normalisers, never certified (53 bits); SA-Softmax's ||J||_2 is a
// power-iteration lower estimate (200 steps). Reference: spec sections 1-5; theory/*.hpp per normaliser.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace attnbound::reports {

struct NormaliserSpec {
  std::string family;  // softmax | sparsemax | entmax15 | ssmax | sa_softmax | sa_softmax_normalised
  double parameter = 0;  // T (softmax), s (ssmax); 0 otherwise
  std::string label() const;  // e.g. "softmax T=0.1", "ssmax s=1", "sparsemax"
};

struct RowMeasure {
  double max_weight = 0;        // max_i w_i (not yet times L)
  double top_mass = 0;
  double support_fraction = 0;
  double jacobian_norm = 0;     // NaN when not computed
  double distance = 0;          // Theorem 1's d~ (reading (a)); NaN without embeddings
  double separated_fraction = 0;  // Algorithm 4's N_s/N; NaN without embeddings
};

// Embeddings of one row: L unit vectors of R^dimension, token i from random_unit_direction(seed, {source,
// group, row, i}) (source 0: synthetic, group = L; source 1: GPT-2, group = file index).
std::vector<std::vector<double>> sphere_embeddings(std::uint64_t seed, std::uint64_t source, std::uint64_t group,
                                                   std::uint64_t row, std::size_t length, std::size_t dimension);

// One normaliser on one row of logits (L >= 1; std::invalid_argument when empty), double, uncertified. With
// embeddings x (L rows; std::invalid_argument otherwise), also d~ and N_s/N; without, those are NaN.
RowMeasure measure_row(const NormaliserSpec& spec, const std::vector<double>& logits, std::size_t top_n,
                       const std::vector<std::vector<double>>* x = nullptr);
// Least-squares slope of log y against log x (x, y > 0; NaN with fewer than two points).
double log_log_slope(const std::vector<std::pair<double, double>>& points);

}  // namespace attnbound::reports
