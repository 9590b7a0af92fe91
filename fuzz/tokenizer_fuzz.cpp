// Fuzz target: the GPT-2 BPE tokenizer. The first byte chooses the mode:
//  even: encode the remaining bytes with GPT-2's real vocabulary (<shared>/data/gpt2-tokenizer, or
//        $ATTNBOUND_GPT2_TOKENIZER; when absent, a byte-level vocabulary of the 256 bytes with a few merges).
//        Invalid UTF-8 must be an InputError; valid UTF-8 must encode to known ids that decode to the same bytes.
//  odd:  the rest split at the first NUL into vocab.json and merges.txt text, loaded with from_strings; a
//        loaded tokenizer then encodes and decodes a fixed text and the ids 0..15 (InputError allowed for both).
#include "gpt2/bpe_tokenizer.hpp"
#include "theory/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#ifndef ATTNBOUND_FUZZ_SHARED_DIR
#define ATTNBOUND_FUZZ_SHARED_DIR "../shared"
#endif

namespace {

using attnbound::gpt2::BpeTokenizer;

// The 256 byte symbols (OpenAI's bytes_to_unicode order) and merges of a few ASCII pairs.
BpeTokenizer byte_level_tokenizer() {
  std::string vocab = "{";
  int extra = 0;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + extra++);
    vocab += (b ? ",\"" : "\"") + std::string("\\u") + "0123456789abcdef"[(cp >> 12) & 15] +
             "0123456789abcdef"[(cp >> 8) & 15] + "0123456789abcdef"[(cp >> 4) & 15] + "0123456789abcdef"[cp & 15] +
             "\":" + std::to_string(b);
  }
  vocab += ",\"th\":256,\"he\":257,\"the\":258,\"Ġt\":259}";
  return BpeTokenizer::from_strings(vocab, "#version: 0.2\nt h\nh e\nth e\nĠ t\n");
}

const BpeTokenizer& encoding_tokenizer() {
  static const std::unique_ptr<BpeTokenizer> tok = [] {
    namespace fs = std::filesystem;
    const char* env = std::getenv("ATTNBOUND_GPT2_TOKENIZER");
    const fs::path dir = env && *env ? fs::path(env) : fs::path(ATTNBOUND_FUZZ_SHARED_DIR) / "data" / "gpt2-tokenizer";
    try {
      return std::make_unique<BpeTokenizer>(BpeTokenizer::load(dir));
    } catch (const attnbound::InputError&) {
      return std::make_unique<BpeTokenizer>(byte_level_tokenizer());
    }
  }();
  return *tok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 4096) return 0;  // BPE is quadratic in the word length: keep each run fast
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    const auto& tok = encoding_tokenizer();
    std::vector<std::int32_t> ids;
    try {
      ids = tok.encode(rest);
    } catch (const attnbound::InputError&) {
      return 0;  // invalid UTF-8
    }
    if (tok.decode(ids) != rest) std::abort();  // byte-exact round trip (decode throws on an unknown id)
    return 0;
  }
  const auto nul = rest.find('\0');
  const std::string vocab(rest.substr(0, nul));
  const std::string merges(nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1));
  try {
    const auto tok = BpeTokenizer::from_strings(vocab, merges);
    try {
      (void)tok.decode(tok.encode("The quick brown fox, 1234 don't\n\t  ünïcödé 日本語 🙂"));
    } catch (const attnbound::InputError&) {
    }
    for (std::int32_t id = 0; id < 16; ++id) {
      try {
        (void)tok.decode({id});
      } catch (const attnbound::InputError&) {
      }
    }
  } catch (const attnbound::InputError&) {
  }
  return 0;
}
