// Fuzz target: the safetensors loader on arbitrary bytes, then every float tensor widened to fp32, then the
// GPT-2 weight reader with a tiny config (1 layer, 1 head, d 2, 2 positions, vocabulary 2). Any input must end
// in a validated file or an InputError; a validated file's ranges must lie inside the data and be readable.
#include "gpt2/gpt2_weights.hpp"
#include "gpt2/safetensors.hpp"
#include "theory/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace attnbound::gpt2;
  try {
    const auto file = SafetensorsFile::from_memory(data, size, "fuzz.safetensors");
    std::uint64_t covered = 0;
    for (const auto& [name, t] : file.tensors()) {
      // The loader's promise: every range is inside the data section (which follows the 8-byte length + header).
      if (t.begin > t.end || t.end > size || t.end - t.begin != t.numel() * t.dtype_size) std::abort();
      covered += t.end - t.begin;
      if (t.dtype == "F32" || t.dtype == "F16" || t.dtype == "BF16") {
        std::vector<float> out(t.numel());
        file.read_f32(t, out.data());
      }
    }
    if (covered > size) std::abort();
    Gpt2Config tiny;
    tiny.n_layer = 1;
    tiny.n_head = 1;
    tiny.n_embd = 2;
    tiny.n_positions = 2;
    tiny.vocab_size = 2;
    (void)load_gpt2_weights(file, tiny);
  } catch (const attnbound::InputError&) {
  }
  return 0;
}
