// The fields of a Hugging Face GPT-2 config.json the forward pass depends on, validated.
#pragma once

#include <string>

namespace attnbound::gpt2 {

struct Gpt2Config {
  int n_layer = 12, n_head = 12, n_embd = 768, n_positions = 1024, vocab_size = 50257;
  double layer_norm_epsilon = 1e-5;
  std::string activation_function = "gelu_new";  // gelu_new (= gelu_pytorch_tanh), gelu, relu
  int head_dim() const { return n_embd / n_head; }
};

// Parses config.json text; absent optional fields take GPT-2's defaults (layer_norm_epsilon 1e-5,
// activation_function gelu_new; n_positions falls back to n_ctx). InputError naming `label` and the field for
// a missing required field, a non-positive size, n_embd not divisible by n_head, an unknown activation, or an
// attention variant this forward pass does not implement (scale_attn_by_inverse_layer_idx,
// reorder_and_upcast_attn, scale_attn_weights=false).
Gpt2Config parse_gpt2_config(const std::string& json_text, const std::string& label = "config.json");

}  // namespace attnbound::gpt2
