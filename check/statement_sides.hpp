// The checker's own table of statements: for each id, its variants (the first is the default), the fields
// it accepts, and the evaluation of every side in Arb at a given precision, from the instance's decimals.
//
// Contract: evaluate(...) returns, per side, pairs (q_i, b_i) of balls containing the exact quantity and
// bound of each case the side quantifies over ("holds" means every pair satisfies the relation; "violated"
// is shown by the pair at the certificate's index, or any pair when the side has no index), the balls the
// engine's printed enclosures must meet (report_quantity, report_bound), and for spectral sides the verdicts
// proved by the certificate's witness (a shift s with s I - J positive definite and s <= b; a vector whose
// Rayleigh quotient is > b). A hypothesis that fails on the exact decimals throws HypothesisError.
// Independent of theory/: formulas re-derived from the spec (../shared/spec/paper.md), Arb arithmetic only.
// Supported (every variant): lemma1.vanishing, cor1.softmax_weights, thm1.fixed, thm1.random and cor2.regimes
// (E[d~] by exact enumeration of the subsets, up to 3e7 ball operations, else CheckUnsupported),
// lemma2.jacobian, cor3.softmax_jacobian, cor3.softmax_jacobian.corrected, alg5.fd_gradient. Known but
// unsupported: thm2.lower, thm2.upper (Monte Carlo: never certified, never given a certificate).
// lemma2.jacobian spectral: ||J||_2 <= b is proved by b^2 I - J^T J positive definite (Arb's Cholesky,
// arb_mat_cho, O(L^3)), or by ||J||_F <= b, or by sqrt(||J||_1 ||J||_inf) <= b.
// The alternatives (spec section 5), every variant: alt.sparsemax (check/alt_sparsemax_sides.hpp),
// alt.entmax15 (check/alt_entmax15_sides.hpp), alt.ssmax (check/alt_ssmax_sides.hpp), alt.sa_softmax
// (check/alt_sa_softmax_sides.hpp); a support that Arb cannot decide throws CheckUndecided.
#pragma once

#include "check/ball.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace attnbound::check {

struct SideEval {
  std::string name;
  std::string relation;  // "at_most" | "at_least"
  std::vector<std::pair<Ball, Ball>> pairs;
  bool pairs_indexed = false;  // pairs[i] is token i (the certificate's index names one)
  Ball report_quantity, report_bound;
  bool report_available = true;  // false when the engine's reported case is unknown (no index)
  // Proved by the certificate's witness (nullopt: no witness of that kind for this side).
  std::optional<bool> holds_by_witness, violated_by_witness;
  bool holds_by_other = false;  // proved without a witness (spectral: b I - J positive definite)
  std::string witness_note;
};

// Thrown when an instance is valid but too costly for the checker to decide (counted as unsupported).
struct CheckUnsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown when a discrete choice the sides depend on (a sparsemax / entmax-1.5 support) cannot be decided by
// Arb at this precision: the caller retries at a higher precision and, at its cap, does not confirm. The
// checker never guesses such a choice.
struct CheckUndecided : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class InstanceReader;
// A strictly positive decimal field as a ball (HypothesisError naming instance.FIELD when it is <= 0).
Ball positive_field(const InstanceReader& in, const std::string& field, long prec);
// One side "name", q <= b, with (q, b) also as the enclosures the engine's printed ones must meet.
SideEval single(const std::string& name, const Ball& q, const Ball& b);
// ||v||_2 (a sum of squares, its square root taken on the nonnegative part).
Ball norm2(const std::vector<Ball>& v, long prec);
// The selected set I_N of Theorems 1 and 2 (and alt.low_temperature): "top_set" validated exactly, or the top
// "top_n" keys (descending on the exact decimals, ties by the lower index).
std::vector<bool> read_top_set(const InstanceReader& in, const std::vector<std::string>& keys);
// The rows "x" (L rows of one dimension) as balls.
std::vector<std::vector<Ball>> read_rows(const InstanceReader& in, std::size_t L, long prec);
// s = sum_{i in I} alpha_i x_i, and ||alpha_i x_i - s||_2 (Theorem 1, spec 1.3; Algorithm 4).
std::vector<Ball> context_vector(const std::vector<Ball>& alpha, const std::vector<std::vector<Ball>>& x,
                                 const std::vector<bool>& in_set, long prec);
Ball distance_to_context(const std::vector<Ball>& s, const Ball& alpha_i, const std::vector<Ball>& x_i, long prec);

struct StatementTable {
  std::string id;
  std::vector<std::string> variants;  // [0] is the default
  bool supported = true;
  std::vector<std::string> unsupported_variants;
};

// nullptr when the id is unknown.
const StatementTable* find_statement_table(const std::string& id);
std::vector<std::string> known_statement_ids();

// Sides of (statement, variant) for `instance` at `prec` bits; `witnesses[k]` and `indices[k]` are the
// certificate's witness (JSON, null when absent) and index for side k in the checker's side order.
std::vector<SideEval> evaluate_sides(const std::string& statement, const std::string& variant,
                                     const nlohmann::json& instance, const std::vector<nlohmann::json>& witnesses,
                                     const std::vector<std::optional<long long>>& indices, long prec);
// The side names and relations of (statement, variant), in order.
std::vector<std::pair<std::string, std::string>> expected_sides(const std::string& statement, const std::string& variant);

}  // namespace attnbound::check
