// Certificates of certified verdicts, for the independent checker `attnbound check` (check/, issue 13).
//
// Contract: make_certificate(inst, r) requires r.certified and r.verdict holds or violated
// (certificate_applies; std::invalid_argument otherwise) and returns the JSON of format version 1
// (check/certificate_reader.hpp documents every field): the instance exactly as given (its decimals as
// text), statement, resolved variant, headline and per-side verdicts, the engine's printed enclosures,
// precision_bits, and for spectral-norm sides of the softmax Jacobian (cor3.softmax_jacobian spectral,
// cor3.softmax_jacobian.corrected spectral / max_weight) a witness {"shift": s, "vector": [v_i]}:
//   s: lambda_max(J) (1 + 2^-(P+32)) rounded up to decimal, so that s I - J is positive definite and, for a
//      holds verdict, s <= b whenever the margin exceeds 2^-(P+32) relative (P = precision_bits);
//   v: the eigenvector v_i = p_i / (p_i - lambda) of diag p - p p^T for the computed lambda (e_a - e_b at
//      a tie), whose Rayleigh quotient is within O(error^2) of lambda_max.
// lambda is found by bisection of the secular function 1 - sum p_i^2 / (p_i - lambda) on (p_(2), p_(1)) in
// MPFR at P + 96 bits. The witness is a hint the checker verifies, never trusted: when the weights
// under- or overflow MPFR's exponent range the witness is omitted (the checker then uses b itself as the
// shift). Reference: Golub (1973), the secular equation of a rank-one modification.
#pragma once

#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

namespace attnbound {

bool certificate_applies(const CertifiedResult& r);
nlohmann::json make_certificate(const Instance& inst, const CertifiedResult& r);

// The spectral witness alone (null JSON when it cannot be computed), exposed for tests.
nlohmann::json softmax_spectral_witness(const std::vector<std::string>& logits, const std::string& temperature,
                                        unsigned precision_bits);

}  // namespace attnbound
