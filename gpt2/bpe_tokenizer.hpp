// GPT-2's byte-level BPE tokenizer, exact: pre-tokenizer regex (pretokenize.hpp), bytes mapped to printable
// code points (OpenAI's bytes_to_unicode), then merges applied lowest rank first. Reads Hugging Face's
// vocab.json + merges.txt or OpenAI's identical encoder.json + vocab.bpe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attnbound::gpt2 {

class BpeTokenizer {
 public:
  // Loads from a folder holding vocab.json + merges.txt or encoder.json + vocab.bpe; InputError naming the
  // file and line when either is missing or malformed.
  static BpeTokenizer load(const std::filesystem::path& dir);
  // From the two files' contents (the folder loader's core; tests use it directly).
  static BpeTokenizer from_strings(const std::string& vocab_json, const std::string& merges_txt,
                                   const std::string& vocab_name = "vocab.json",
                                   const std::string& merges_name = "merges.txt");

  // InputError on invalid UTF-8; a byte sequence without a vocabulary entry is an InputError (cannot happen
  // with GPT-2's vocabulary, which holds all 256 bytes).
  std::vector<std::int32_t> encode(std::string_view text) const;
  // The exact bytes back (may be partial UTF-8 when the ids cut a character); InputError for an unknown id.
  std::string decode(const std::vector<std::int32_t>& ids) const;
  std::size_t vocab_size() const { return id_to_token_.size(); }

 private:
  void bpe(const std::string& mapped_word, std::vector<std::int32_t>& out) const;

  std::unordered_map<std::string, std::int32_t> token_to_id_;
  std::vector<std::string> id_to_token_;                 // mapped (printable) form; empty for holes
  std::unordered_map<std::string, std::int32_t> ranks_;  // "left right" -> merge rank
  std::string byte_to_mapped_[256];                      // UTF-8 of the printable code point for each byte
  std::unordered_map<char32_t, unsigned char> mapped_to_byte_;
  mutable std::unordered_map<std::string, std::vector<std::int32_t>> cache_;
};

// Where the tokenizer files are: `explicit_dir` when given, else $ATTNBOUND_GPT2_TOKENIZER, else `model_dir`
// when it holds vocab.json (Hugging Face snapshots do), else <shared>/data/gpt2-tokenizer ($ATTNBOUND_SHARED_DIR
// or the build's default). InputError listing what was tried when none exists.
std::filesystem::path find_tokenizer_dir(const std::string& explicit_dir, const std::filesystem::path& model_dir = {});

}  // namespace attnbound::gpt2
