// Which activations a forward pass keeps. Names follow TransformerLens (hook_embed, blocks.{l}.hook_resid_pre,
// blocks.{l}.ln1.hook_normalized, blocks.{l}.attn.hook_q, ...; see gpt2/README.md). A selection is a
// comma-separated list of glob patterns ('*' any run of characters, '?' one character) matched against the
// whole name; "all" keeps everything.
#pragma once

#include <string>
#include <vector>

namespace attnbound::gpt2 {

class CaptureSelection {
 public:
  CaptureSelection() = default;
  // InputError naming --capture for an empty pattern or one that matches no capture point of a model with
  // `n_layer` layers (a typo must not silently capture nothing).
  static CaptureSelection parse(const std::string& comma_list, int n_layer);
  static CaptureSelection none() { return {}; }
  bool wants(const std::string& name) const;
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<std::string> patterns_;
};

// Every capture point of a model with n_layer layers, in forward order.
std::vector<std::string> all_capture_names(int n_layer);

bool glob_match(const std::string& pattern, const std::string& name);

}  // namespace attnbound::gpt2
