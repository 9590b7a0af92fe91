// GPT-2's pre-tokenizer: splits UTF-8 text into the pieces the regex
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// matches, left to right, as a hand-written matcher over code points (same leftmost-alternative semantics,
// including the one-character backtrack of \s+(?!\S)). Invalid UTF-8 is an InputError naming `field`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attnbound::gpt2 {

std::vector<std::string_view> pretokenize(std::string_view utf8, const std::string& field = "text");

}  // namespace attnbound::gpt2
