// Independent references for Corollary 3 (cor3.softmax_jacobian and .corrected), written apart from
// theory/ so that a wrong algorithm there cannot hide behind the same algorithm here.
//
// Domain: logits as exact decimals, T > 0. The Jacobian J = (diag p - p p^T)/T of the softmax weights p is
// reduced by groups of equal logits: with k distinct values d_1 > ... > d_k (weights, multiplicities m_g),
// the eigenvalues of diag p - p p^T are d_g (multiplicity m_g - 1 each) and the k roots of the secular
// equation f(lambda) = 1 - sum_g m_g d_g^2 / (d_g - lambda) (rank-one downdate; Golub 1973), one in each
// (d_{g+1}, d_g). So ||J||_2 T = d_1 when m_1 >= 2, else the root in (d_2, d_1), found by Newton steps
// safeguarded by a sign bracket; the top term is written (d_1 o_1 - lambda)/(d_1 - lambda) with
// o_1 = sum of the other weights (no cancellation in the one-hot limit). Row norms and ||J||_F are the
// group closed forms of p_i^2 ((1 - p_i)^2 + sum_{j != i} p_j^2), every sum of nonnegative terms.
// Guarantee: a point value at the current MPFR precision (round-to-nearest), not an enclosure; the caller
// compares two precisions to judge convergence and runs under an extended exponent range.
// Also: instance tuning for the generator (logits whose norm sits within ~2^-bits of the bound).
#pragma once

#include "theory/scalar.hpp"

#include <optional>
#include <string>
#include <vector>

namespace attnbound::soundness {

struct Cor3Value {
  Real quantity;  // the norm the variant names (spectral for max_weight)
  Real bound;     // the variant's bound
  Real max_weight;
};

// statement: "cor3.softmax_jacobian" or "cor3.softmax_jacobian.corrected"; variant as in theory/.
// nullopt when the statement is not a Corollary 3 id. At the current precision (PrecisionScope).
std::optional<Cor3Value> cor3_reference(const std::string& statement, const std::string& variant,
                                        const std::vector<std::string>& logits, const std::string& temperature);

// Two distinct logits (L = 2): the natural logs of the quantity and the bound in closed form,
// T ||J|| = c p_1 p_2 with c = 2 (spectral, frobenius, max_weight) or sqrt 2 (per_weight) and
// log(p_1 p_2) = -x - 2 log1p(e^-x), x = |l_1 - l_2|/T: finite however far e^-x is below every exponent
// range (the log1p term is dropped once x > 1e15, an error below e^-1e15). nullopt otherwise.
struct Cor3Logs {
  Real log_quantity, log_bound;
};
std::optional<Cor3Logs> cor3_two_logit_logs(const std::string& statement, const std::string& variant,
                                            const std::vector<std::string>& logits, const std::string& temperature);

// Corollary 1 at a given index i: alpha_i and the side's bound_i ("upper" or "lower"), at the current precision.
struct Cor1Values {
  Real quantity, bound;
};
std::optional<Cor1Values> cor1_at_index(const std::vector<std::string>& query, const std::vector<std::vector<std::string>>& keys,
                                        const std::string& temperature, const std::string& variant,
                                        const std::string& side, std::size_t index);

// Largest eigenvalue of diag p - p p^T for grouped weights (values descending, with multiplicities), the
// reduction above. Exposed for tests.
Real grouped_lambda_max(const std::vector<Real>& weights, const std::vector<std::size_t>& multiplicity);

// Logits [0, -T 2^-hair_bits, c x low_count] with c tuned so that T ||J|| (norm "spectral", "frobenius",
// "per_weight") equals T * bound of cor3.softmax_jacobian within ~2^-bits relative; nullopt when no c fits.
std::optional<std::vector<std::string>> tune_grouped_cor3(const std::string& statement, const std::string& norm,
                                                          const std::string& temperature, std::size_t low_count,
                                                          int hair_bits, int bits);
// Two logits [0, -d] with d the closed-form solution of ||J|| = bound, rounded to `bits` bits.
std::optional<std::vector<std::string>> tune_two_logit_cor3(const std::string& statement, const std::string& norm,
                                                            const std::string& temperature, int bits);

}  // namespace attnbound::soundness
