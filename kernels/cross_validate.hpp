// Cross-validation of every float32 kernel against its MPFR reference (mpfr_reference.hpp) over
// property-generated and adversarial inputs: Gaussian logits of many scales, ties and all-equal rows,
// logits spanning 88T and beyond (outputs down to the subnormal range and 0), huge offsets (|l| ~ 1e6..3e38,
// where fl(l - m) is inexact), -inf masks, NaN/+inf/all -inf rows, T log-uniform in [1e-4, 1e4], and (when
// asked) L = 16M rows (distinct-value pools, the normaliser's worst case). Every case is generated from
// (seed, case index) by std::mt19937_64 and named in the report, so the worst input is replayable.
//
// Per kernel: max / mean / median / std of the ULP and relative errors (error_stats.hpp), the number of
// inputs and elements, the worst input, the documented bound and whether every element is within it.
#pragma once

#include "kernels/error_stats.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace attnbound::kernels {

struct CrossValidationOptions {
  std::uint64_t seed = 20250823;
  bool large = true;           // the L = 16M cases
  bool exhaustive_exp = true;  // every float x <= 0 through exp_f32_le0
  unsigned threads = 2;
  unsigned exp_stride = 1;     // > 1 only to shorten sanitizer runs (reported)
  unsigned precision_bits = 128;
};

struct KernelReport {
  std::string kernel;
  std::string bound;             // the documented bound, in words
  std::size_t inputs = 0;        // input vectors (cases)
  std::size_t elements = 0;      // output elements compared
  ErrorSummary ulp, rel;
  std::string worst_input;       // case name (replayable from seed), index, value, reference
  double worst_ulp = 0;
  bool within_bound = true;
  std::size_t violations = 0;    // elements outside the documented bound
  std::string extra_text;        // the first violation, if any
  std::map<std::string, double> extra;  // e.g. normaliser_max_rel, mismatches, near_ties
};

struct CrossValidationReport {
  std::uint64_t seed = 0;
  std::string dispatch_target;
  unsigned precision_bits = 0;
  std::vector<KernelReport> kernels;
  bool all_within_bounds() const;
};

// Individual validators (the tests call them one by one).
KernelReport validate_softmax_3pass(const CrossValidationOptions& o);
KernelReport validate_softmax_online(const CrossValidationOptions& o);
KernelReport validate_normaliser_16m(const CrossValidationOptions& o);  // both softmax kernels at L = 16M
KernelReport validate_log_softmax(const CrossValidationOptions& o);
KernelReport validate_softmax_jvp(const CrossValidationOptions& o);
KernelReport validate_top_n_distance(const CrossValidationOptions& o);
KernelReport validate_count_separable(const CrossValidationOptions& o);
KernelReport validate_fd_sensitivity(const CrossValidationOptions& o);
KernelReport validate_exp_exhaustive(const CrossValidationOptions& o);
// sparsemax_f32_sort_f64acc against theory/sparsemax.hpp in MPFR (Real): Gaussian logits of several scales and
// lengths, support-boundary ties (logits exactly at tau, for sparsemax and for entmax-1.5), all-equal rows, large
// offsets, every index a candidate.
KernelReport validate_sparsemax(const CrossValidationOptions& o);
// entmax15_f32_sort_f64acc against theory/entmax15.hpp in MPFR, on the same inputs.
KernelReport validate_entmax15(const CrossValidationOptions& o);

CrossValidationReport cross_validate_kernels(const CrossValidationOptions& o);
nlohmann::json to_json(const CrossValidationReport& r);
std::string to_text(const CrossValidationReport& r);

// The softmax-family test inputs (exposed for tests and replay): name, logits, temperature.
struct SoftmaxCase {
  std::string name;
  std::vector<float> logits;
  float temperature = 1;
};
std::vector<SoftmaxCase> softmax_cases(std::uint64_t seed);

}  // namespace attnbound::kernels
