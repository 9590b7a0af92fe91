// The per-head row loop of `attnbound reproduce --model` (reports/reproduce_model.hpp): for one head of one
// window, every causal row t (n = t + 1 visible keys) through the float softmax kernel, then the top-N sums grown
// one selected key at a time, with each algorithm's per-row statistic added at the N of the grid where it is
// measured. The statistics themselves live in their algorithm's file:
//   Algorithms 1-2  reports/reproduce_model_alg12.hpp      d~, Theorem 1's fixed bound and main sum E
//   Algorithm 4     reports/reproduce_model_alg4.hpp       N_s/N and Theorem 2's bounds (xi_a)
//   Algorithm 5     reports/reproduce_model_alg5_cor3.hpp  g(T, eps) and Corollary 3 on the sampled rows
// Everything here is double or float: measured, not certified.
#pragma once

#include "reports/reproduce_model.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace attnbound::reports {

using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Sums over rows of one head, per (grid N, length L): rows t < L with n = t + 1 > N.
struct Sums {
  double d = 0, e = 0, b = 0, ns = 0, lo = 0, up = 0;
  long long rows = 0;
};

struct HeadResult {
  int layer = 0, head = 0;
  std::vector<std::vector<Sums>> at;  // [grid][length]: cumulative snapshots
  std::vector<double> worst_fixed;    // per grid N: max d~/bound over rows (any L)
  std::vector<std::size_t> worst_fixed_row;
  std::vector<double> worst_fixed_per_length;  // fixed_n: max d~/bound over rows t < L
  double cross_check_max_rel = 0;
  std::size_t cross_checks = 0;
  // Algorithm 5 / Corollary 3 on the sampled rows: [T][eps] sums of g, [T] sums / max of ||J||_2 ratios.
  std::vector<std::vector<double>> g_sum;
  std::vector<double> j_sum, j_max, cor3_paper_worst, cor3_corrected_worst;
  std::size_t cor3_paper_violations = 0, cor3_corrected_violations = 0, cor3_evals = 0;
  std::size_t sampled_rows = 0;
};

struct Inputs {
  const std::vector<float>* scores = nullptr;  // [H, T, T] scaled scores, -inf after the diagonal
  const std::vector<float>* x = nullptr;       // values [T, H, dh] or hidden [T, d]
  int H = 0, T = 0, dim = 0;
  bool per_head_x = true;
};

struct Settings {
  std::vector<int> grid;        // sorted union of the critical grid, top_n, fixed_n
  std::vector<bool> in_top_n;   // grid[k] is one of top_n (Algorithm 4 is computed there)
  std::vector<int> lengths;     // sorted
  std::vector<double> temps, eps;
  double scale = 8;             // raw = scaled * 8
  std::size_t alg5_rows = 32, cross_check_stride = 16;
  std::uint64_t seed = 0;
  int fixed_index = 0;          // index of fixed_n in grid
};

// The state of one row after the top N keys (by weight) are selected; G = X X^T, s = sum of the selected
// alpha_j x_j. Pointers into the row loop's buffers, valid for i < n.
struct RowState {
  int n = 0, N = 0;              // visible keys, selected keys
  const MatD* G = nullptr;
  const double* a = nullptr;     // alpha_i (the float kernel's weights, widened)
  const double* c = nullptr;     // <x_i, s>
  const double* ch = nullptr;    // <x^_i, s^>, x^ = x / ||x|| (Algorithm 4's unit sphere)
  const double* D2 = nullptr;    // max over selected j of ||x_i - x_j||^2
  const double* dotS = nullptr;  // <x_i, S>, S = sum over all n keys of alpha_j x_j
  const double* inv = nullptr;   // 1 / ||x_i|| (0 for a zero row)
  const char* sel = nullptr;     // i is selected
  const std::uint32_t* order = nullptr;  // the top keys, order[0..N-1] selected
  double ss = 0, ssh = 0, SS = 0;        // ||s||^2, ||s^||^2, ||S||^2
  double abar = 0, A2 = 0, maxnorm = 0;  // sum of selected alpha, of their squares, max selected ||x_j||
};

// Rank order of the top m weights: larger first, ties to the lower index (the project's convention).
std::vector<std::uint32_t> top_order(const std::vector<double>& a, std::size_t m);

// X (T x dim) in double from the capture: the head's slice of hook_v, or the layer's hidden states.
MatD x_matrix(const Inputs& in, int head);

// A zero HeadResult shaped for st's grid, lengths, temperatures and epsilons.
HeadResult empty_head_result(const Settings& st, int layer, int head);

// Every row of one head of one window (X its x rows, G = X X^T).
HeadResult analyse_head(const Inputs& in, const MatD& X, const MatD& G, int layer, int head, const Settings& st,
                        std::size_t window);

// Adds h (the same head, another window) into a: sums added, maxima kept.
void merge_windows(HeadResult& a, const HeadResult& h, const Settings& st);

// What the algorithm files read after the forward loop: the heads summed over windows, in (layer, head) order.
struct ModelRun {
  const ModelReproduceOptions* options = nullptr;
  const Settings* settings = nullptr;
  std::vector<const HeadResult*> heads;
  std::size_t grid_index(int N) const;      // index of N in settings->grid
  std::size_t last_length() const;          // index of the longest L
  // Per-head token means of `field` at (grid index g, length index li); heads with no row n > N are left out.
  std::vector<double> head_means(std::size_t g, std::size_t li, double Sums::*field) const;
};

double mean_of(const std::vector<double>& v);           // NaN when empty
double median_of(std::vector<double> v);                // NaN when empty
double quantile_of(std::vector<double> v, double q);    // linear interpolation; NaN when empty
Cell num_or_blank(double x);                            // "" for a non-finite value
// Least-squares slope of log ys against log xs (1 = linear growth); needs two distinct xs, all values > 0.
double log_log_slope(const std::vector<double>& xs, const std::vector<double>& ys);

}  // namespace attnbound::reports
