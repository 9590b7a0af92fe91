// log_softmax_f32_f64acc: out_i = log alpha_i = (l_i - m)/T - log S (spec 1.1), float32 in and out.
// Pass 1: m = max l and m2 = the largest logit below m; pass 2 (Highway): k = #{i : l_i = m} and
// S' = 2^((m2 - m) log2(e)/T) sum_{l_i < m} exp((l_i - m2)/T) (the sum >= 1, so its terms are not
// subnormal where it matters), so that log S = log(k + S') = log k + log1p(S'/k) keeps its relative
// accuracy when S' << 1 (a dominant logit), where log(1 + S') from a rounded S would not;
// pass 3 in double: out_i = fl((l_i - m)/T - log S).
//
// Domain: as softmax_f32_3pass_f64acc (L >= 1, T in [1e-30, 1e30]); NaN/inf per softmax_special_cases.hpp
// (+inf positions -> -log k, others -inf; any NaN or all -inf -> NaN; -inf beside a finite max -> -inf).
// Error (a priori): out_i = -(|l_i - m|/T + log S) adds two non-negative terms, so there is no cancellation;
// the double evaluation adds <= 4 * 2^-53 relative, log S carries the relative error eps of S'
// (|log1p(r(1+eps)) - log1p(r)| <= eps log1p(r) since r/(1+r) <= log1p(r)), eps <= 7u + kExpUlpBound 2^-23
// <= 6e-7, and the final rounding adds u: |out_i - log alpha_i| <= kLogSoftmaxUlpBound ulp.
// Measured (attnbound kernels, same 95 inputs): max 0.53 ulp, mean 0.23, max relative 6.0e-8.
#pragma once

#include <cstddef>
#include <vector>

namespace attnbound::kernels {

inline constexpr double kLogSoftmaxUlpBound = 12.0;  // (6e-7 + 4 * 2^-53) / 2^-23 + 0.5, rounded up

void log_softmax_f32_f64acc(const float* logits, std::size_t length, float temperature, float* out);
std::vector<float> log_softmax_f32_f64acc(const std::vector<float>& logits, float temperature);

}  // namespace attnbound::kernels
