#include "gpt2/capture_selection.hpp"

#include "theory/errors.hpp"

namespace attnbound::gpt2 {

std::vector<std::string> all_capture_names(int n_layer) {
  std::vector<std::string> names{"hook_embed", "hook_pos_embed"};
  for (int l = 0; l < n_layer; ++l) {
    const std::string b = "blocks." + std::to_string(l) + ".";
    for (const char* s : {"hook_resid_pre", "ln1.hook_normalized", "attn.hook_q", "attn.hook_k", "attn.hook_v",
                          "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z", "hook_attn_out",
                          "hook_resid_mid", "ln2.hook_normalized", "mlp.hook_pre", "mlp.hook_post", "hook_mlp_out",
                          "hook_resid_post"})
      names.push_back(b + s);
  }
  names.push_back("ln_final.hook_normalized");
  names.push_back("logits");
  return names;
}

bool glob_match(const std::string& p, const std::string& s) {
  // Iterative wildcard matching with single-star backtracking: O(|p| |s|) worst case.
  std::size_t i = 0, j = 0, star = std::string::npos, mark = 0;
  while (j < s.size()) {
    if (i < p.size() && (p[i] == '?' || p[i] == s[j])) {
      ++i;
      ++j;
    } else if (i < p.size() && p[i] == '*') {
      star = i++;
      mark = j;
    } else if (star != std::string::npos) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.size() && p[i] == '*') ++i;
  return i == p.size();
}

CaptureSelection CaptureSelection::parse(const std::string& list, int n_layer) {
  CaptureSelection sel;
  const auto names = all_capture_names(n_layer);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string pat = list.substr(start, comma - start);
    while (!pat.empty() && pat.front() == ' ') pat.erase(pat.begin());
    while (!pat.empty() && pat.back() == ' ') pat.pop_back();
    if (pat.empty()) throw InputError("--capture", "empty name in '" + list + "'");
    if (pat == "all") pat = "*";
    bool hit = false;
    for (const auto& n : names) hit = hit || glob_match(pat, n);
    if (!hit)
      throw InputError("--capture", "'" + pat + "' matches no capture point (e.g. blocks.0.attn.hook_pattern, "
                                    "blocks.*.hook_resid_pre; the list is in gpt2/README.md)");
    sel.patterns_.push_back(pat);
    start = comma + 1;
  }
  return sel;
}

bool CaptureSelection::wants(const std::string& name) const {
  for (const auto& p : patterns_)
    if (glob_match(p, name)) return true;
  return false;
}

}  // namespace attnbound::gpt2
