// GPT-2 forward pass in fp32 (Eigen GEMMs dispatched to the CPU's widest instruction set, matmul.hpp; rows,
// heads and the vocabulary split over std::threads), causal, with
// TransformerLens-named activation capture.
//
// Contract. Input: token ids in [0, vocab_size), 1 <= T <= n_positions. Computes exactly Hugging Face's
// GPT2LMHeadModel forward at inference (dropout off): x = wte[ids] + wpe[0..T); per block
// x += attn(ln_1(x)), x += mlp(ln_2(x)); logits = ln_f(x) wte^T. Attention scores are (q k^T) / sqrt(d_head),
// future positions set to -inf, softmax over keys; the MLP uses config.activation_function (gelu_new by
// default). Error: fp32 arithmetic throughout, so each capture differs from an exact evaluation by a few
// units of fp32 rounding times the depth (validated against a float64 NumPy reference to 1e-4 relative in
// tests/forward_test.cpp); nothing here is certified.
#pragma once

#include "gpt2/capture_selection.hpp"
#include "gpt2/gpt2_weights.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

struct Capture {
  std::string name;
  std::vector<std::int64_t> shape;  // row-major; see gpt2/README.md for each name's layout
  std::vector<float> data;          // -inf at masked positions of hook_attn_scores
};

struct ForwardOptions {
  int threads = 0;              // 0: all hardware threads
  std::string matmul_isa = {};  // empty: the CPU's widest variant (matmul.hpp); else one of its names
                                // (InputError if this CPU cannot run it)
};

// InputError naming `ids` for an empty sequence, one longer than n_positions, or an id outside the vocabulary.
std::vector<Capture> gpt2_forward(const Gpt2Weights& w, const std::vector<std::int32_t>& ids,
                                  const CaptureSelection& capture, const ForwardOptions& options = {});

}  // namespace attnbound::gpt2
