// GPT-2's parameters in fp32, read from a Hugging Face checkpoint (model.safetensors + config.json).
// Linear layers keep GPT-2's Conv1D layout [in, out] (y = x W + b), row-major, so activations [T, in] multiply
// them directly. Tensor names are Hugging Face's (wte.weight, h.{l}.attn.c_attn.weight, ...), with or without
// the "transformer." prefix that GPT2LMHeadModel checkpoints carry; other tensors (the causal-mask buffers
// h.{l}.attn.bias / masked_bias, a tied lm_head.weight) are ignored.
#pragma once

#include "gpt2/gpt2_config.hpp"
#include "gpt2/safetensors.hpp"

#include <Eigen/Core>

#include <filesystem>
#include <string>
#include <vector>

namespace attnbound::gpt2 {

using MatrixRM = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVec = Eigen::Matrix<float, 1, Eigen::Dynamic>;

struct Gpt2Layer {
  RowVec ln_1_g, ln_1_b;
  MatrixRM c_attn_w;  // [d, 3d]: q | k | v
  RowVec c_attn_b;    // [3d]
  MatrixRM attn_c_proj_w;  // [d, d]
  RowVec attn_c_proj_b;
  RowVec ln_2_g, ln_2_b;
  MatrixRM c_fc_w;  // [d, 4d]
  RowVec c_fc_b;
  MatrixRM mlp_c_proj_w;  // [4d, d]
  RowVec mlp_c_proj_b;
};

struct Gpt2Weights {
  Gpt2Config config;
  MatrixRM wte;  // [vocab, d]; also the (tied) unembedding
  MatrixRM wpe;  // [n_positions, d]
  std::vector<Gpt2Layer> layers;
  RowVec ln_f_g, ln_f_b;
  std::string source;  // where the weights came from, for reports
  std::string dtype;   // the checkpoint's dtype(s) before widening to fp32
};

// Reads every parameter, checking each exists with the shape the config implies and holds only finite values;
// InputError naming the file and tensor otherwise.
Gpt2Weights load_gpt2_weights(const SafetensorsFile& file, const Gpt2Config& config);

// Reads <dir>/config.json and <dir>/model.safetensors.
Gpt2Weights load_gpt2_checkpoint(const std::filesystem::path& dir);

}  // namespace attnbound::gpt2
