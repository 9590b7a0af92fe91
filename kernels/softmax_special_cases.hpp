// Argument checks and the non-finite input path shared by the softmax kernels (softmax, log-softmax).
//
// Contract (the documented NaN/inf behaviour of every softmax kernel; paper Eq. 2, spec 1.1):
//   * any NaN logit                      -> every output NaN (softmax and log-softmax), normaliser NaN;
//   * else any +inf logit                -> the limit as those logits grow together: 1/k on the k positions
//                                           holding +inf, 0 elsewhere (log-softmax: -log k and -inf);
//   * else every logit -inf              -> every output NaN (0/0: no distribution), normaliser NaN;
//   * -inf logits beside a finite max    -> weight exactly 0 (log-softmax -inf): the masked positions of a
//                                           causal mask; handled by the fast path, not here.
// Temperature domain: finite, 1e-30 <= T <= 1e30 (so log2(e)/T is a normal float pair); L >= 1.
#pragma once

#include <cstddef>

namespace attnbound::kernels {

// Throws InputError naming "logits" (L == 0) or "temperature" (outside the domain above).
void check_softmax_args(std::size_t length, float temperature);

// Writes the outputs of the non-finite cases above; returns false (writing nothing) if every logit is
// finite or the only non-finite logits are -inf beside a finite one (the fast path's domain).
// log_domain selects log-softmax outputs.
bool softmax_special_cases_f32(const float* logits, std::size_t length, float* out, bool log_domain);

// log2(e)/T as a float pair hi + lo with |hi + lo - log2(e)/T| <= 2^-47 log2(e)/T.
struct ExpScale {
  float hi, lo;
  double value;
};
ExpScale exp_scale_for_temperature(float temperature);

}  // namespace attnbound::kernels
