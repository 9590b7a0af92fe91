// The attention pipeline from raw scores to pattern, as GPT-2 runs it: scale by 1/sqrt(d_head), mask future
// keys with -inf, softmax over keys. The forward pass uses exactly this function, and
// tests/attention_pipeline_test.cpp checks it against genuine GPT-2 124M's recorded scores for all 144 heads.
//
// Contract. s: T x T row-major float; row i's entries 0..i hold raw scores q_i . k_j (entries past i are
// ignored). On return s holds the pattern (row i: softmax of the scaled scores over keys 0..i, zeros after).
// When `scores_out` is not null it receives the scaled, masked scores (-inf after the diagonal): TransformerLens'
// hook_attn_scores. Error: each pattern entry is within a few fp32 ulps (relative) of the exact softmax of
// the fp32 scaled scores: the max shift makes every exponent <= 0 (no overflow, sum >= 1), exp has ~1 ulp
// error, and the row sum of at most T terms adds <= T ulps relative.
#pragma once

#include <cstddef>

namespace attnbound::gpt2 {

void causal_softmax_rows(float* s, std::ptrdiff_t T, float scale, float* scores_out);

}  // namespace attnbound::gpt2
