// Reader of captured attention from any transformer (`attnbound reproduce --attention FILE`), the second
// data source of reports/reproduce_reference.hpp beside the GPT-2 exports.
//
// Domain. FILE is a safetensors file, a folder holding captures.safetensors (what `attnbound gpt2 --format
// safetensors` writes), or a folder of <name>.npy files (`attnbound gpt2`'s default). Tensors by
// TransformerLens name, layers l = 0, 1, ... without gaps:
//   blocks.{l}.attn.hook_attn_scores  [head, query, key] or [1, head, query, key]: the scores
//                                      q.k / sqrt(d_head) (TransformerLens's convention and what `attnbound
//                                      gpt2` writes), masked entries -inf; query = key = L (square)
//   blocks.{l}.attn.hook_v            optional, every layer or none: [pos, head, d_head] or [1, pos, head,
//                                      d_head], pos = L; the value vectors x_j of Theorem 1
// dtype F32, F16 or BF16 (safetensors), '<f4' or '<f8' (npy). d_head comes from hook_v, else from the
// safetensors metadata key "d_head", else from an `attnbound gpt2` index.json beside the npy files
// (config.n_embd / config.n_head); unknown d_head leaves sqrt_d_head empty (only --logit-scale scaled runs).
//
// Guarantee. Every tensor is validated before the analysis sees it: rank, the square shape, the same
// [head, L] in every layer, hook_v's [L, head, d_head] with one d_head, no NaN or +inf anywhere, no -inf in
// hook_v, at least one visible key per row, plus everything gpt2/safetensors.hpp checks (header, dtype,
// byte ranges: a truncated file). Any defect is an InputError whose field is the tensor's name (exit 2, one
// line). The scores become the rows of a ReferenceExample (source "attention", logit_scale "scaled") as
// the shortest decimal text that reads back to the same double (fmt), so the certified rows start from the
// very numbers the double analysis uses; sqrt_d_head is set when sqrt(d_head) is an integer.
#pragma once

#include "reports/reference_data.hpp"

#include <string>

namespace attnbound::reports {

ReferenceExample load_attention(const std::string& path);

}  // namespace attnbound::reports
