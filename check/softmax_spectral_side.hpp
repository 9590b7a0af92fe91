// The spectral side ||J||_2 <= b of a softmax-type Jacobian J = (diag p - p p^T)/T, decided in Arb (used by
// cor3.softmax_jacobian, its corrected form, and the alternatives entmax-1.5 and SSMax, whose Jacobians are
// positive multiples of diag q - q q^T).
//
// Contract: w from check/normaliser_weights.hpp, T > 0, b a ball. The enclosure of ||J||_2 = lambda_max(J)
// (J is positive semidefinite) is [max of the lower bounds, min of the upper bounds] (exact ends): lower
// bounds are the diagonal max_i p_i o_i / T, the top pair's Rayleigh quotient, the certificate witness's
// vector and (own_estimate) the checker's own eigenvector estimate; upper bounds are ||J||_inf, ||J||_F,
// max_i p_i / T, a certificate shift proved an upper bound (s I - J positive definite) and (own_estimate)
// the checker's own shift proved the same way. A certificate witness is never trusted: its shift sets
// holds_by_witness only when s I - J is certified positive definite and s <= b; its vector sets
// violated_by_witness only when its Rayleigh quotient is certified > b. Without a witness shift, holds is
// proved by upper <= b or by b I - J certified positive definite (holds_by_other). The own estimate (O(L) per
// bisection step, at most `prec` steps) matters for violated claims (a certified lower bound above b) and for
// the width of the enclosure compared with the engine's.
// Reference: check/softmax_jacobian_bounds.hpp, check/softmax_jacobian_eigen_estimate.hpp.
#pragma once

#include "check/normaliser_weights.hpp"
#include "check/statement_sides.hpp"

#include <nlohmann/json.hpp>

namespace attnbound::check {

SideEval softmax_spectral_side(const Weights& w, const Ball& T, const Ball& b, const nlohmann::json& witness, long prec,
                               bool own_estimate = false);

}  // namespace attnbound::check
