// `attnbound reproduce --model`: Algorithms 1-5 of the spec (section 3) on a GPT-2 checkpoint over War and
// Peace, every layer and head, every causal row.
//
// What runs (and the choices the paper leaves open, each explicit in ModelReproduceOptions and the report):
//   * The text is tokenized (gpt2/bpe_tokenizer.hpp) from `text_from` on; `windows` consecutive windows of
//     max(lengths) tokens each go through one forward pass (gpt2/forward.hpp). GPT-2 is causal with absolute
//     positions from 0, so the attention rows t < L of a window are the rows of its first L tokens alone:
//     every L of Algorithms 1 and 3 is read from the same pass ("rows t < L"), row t with its n = t + 1
//     visible keys (causal rows, spec E13).
//   * alpha of row t = the float softmax kernel (kernels/softmax_f32_3pass_f64acc) of GPT-2's scaled scores
//     q.k/8 at T = 1, i.e. the raw scores at the native T = 8.
//   * x_i = the head's value vectors (default) or the layer's hidden states entering the block (--x hidden).
//   * Algorithm 1 (N = fixed_n, every L), Algorithm 2 (L = max(lengths), every N in top_n): per (head, row)
//     the true d~ (reading (a)), the Theorem 1 fixed-set bound (thm1.fixed, tight) and the random-set main
//     sum E (thm1.random), averaged over rows with n > N, then over heads. Computed in double through the
//     Gram matrix G = X X^T (d~ = sum_{i not in I_N} sqrt(alpha_i^2 G_ii - 2 alpha_i <x_i, s> + ||s||^2));
//     checked against the float kernel top_n_distance_f32_f64acc on every `cross_check_stride`-th row.
//   * Algorithm 3: for each L and each N of the critical grid (N < L), the two-sample KS test on the 144
//     per-head token means of d~ and of E; the critical N is the first N with p > ks_level (not rejected).
//   * Algorithm 4 (every L, every N in top_n): x normalised to the unit sphere (M = 1), r = min over
//     non-selected i of ||s - alpha_i x_i||, N_s = #{selected i: ||s - alpha_i x_i|| < r}, and Theorem 2's
//     bounds with xi_a (xi_i^2 = sum_{j in I_N, j != i} alpha_j^2).
//   * Algorithm 5 and Corollary 3: g(T, eps) by the float kernel fd_sensitivity_f32_f64 and the exact ||J||_2
//     on `alg5_rows` evenly spaced rows per head (seeded unit directions); token average per head, max over
//     heads.
//   * Certified sample: `certify_rows` rows (the worst thm1.fixed row first) through the statement registry
//     in MPFI intervals at certify_bits, from the exact decimals of the float scores and values.
// Everything else is double or float: measured, not certified, and labelled so.
#pragma once

#include "reports/build_report.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace attnbound::reports {

struct ModelReproduceOptions {
  std::filesystem::path model_dir;      // config.json + model.safetensors
  std::filesystem::path tokenizer_dir;  // vocab.json + merges.txt or encoder.json + vocab.bpe
  std::filesystem::path text;           // War and Peace
  std::string text_from = "Well, Prince, so Genoa";  // the text starts here (the first chapter's prose)
  std::size_t windows = 1;              // consecutive windows of max(lengths) tokens
  std::vector<int> lengths = {32, 64, 128, 256, 512, 1024};
  std::vector<int> top_n = {1, 5, 10, 20, 100};
  int fixed_n = 5;                      // Algorithm 1's N
  std::vector<int> critical_grid;       // Algorithm 3's N values; empty: default_critical_grid()
  std::string x = "values";             // "values" | "hidden"
  double ks_level = 0.01;               // 0.01 in the text and Fig. 2c; 0.05 in Algorithm 3
  std::string logit_scale = "raw";      // Algorithm 5 / Corollary 3: "raw" (q.k, native T = 8) | "scaled"
  std::vector<std::string> temperatures;  // empty: default_temperatures(logit_scale)
  std::vector<std::string> epsilons = {"0.001", "0.1", "10"};
  std::size_t alg5_rows = 32;           // rows per head for Algorithm 5 / Corollary 3
  std::size_t cross_check_stride = 16;  // every k-th row: Gram-path d~ against the float kernel
  std::size_t certify_rows = 3;
  unsigned certify_bits = 128;
  std::uint64_t seed = 20250823;
  int threads = 2;
};

std::vector<int> default_critical_grid();

// The "reproduce_model" part. InputError (naming the field) for bad options or unreadable files.
PartOutcome reproduce_model(const ModelReproduceOptions& options, const PartContext& context);

}  // namespace attnbound::reports
