// Fuzz target: GPT-2 config.json parsing on arbitrary text. Any input must end in a config that satisfies the
// documented invariants (positive sizes, n_embd divisible by n_head, epsilon in (0, 1], a known activation)
// or an InputError.
#include "gpt2/gpt2_config.hpp"
#include "theory/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto c = attnbound::gpt2::parse_gpt2_config(text);
    const bool sizes_ok = c.n_layer > 0 && c.n_head > 0 && c.n_embd > 0 && c.n_positions > 0 && c.vocab_size > 0 &&
                          c.n_embd % c.n_head == 0 && c.head_dim() * c.n_head == c.n_embd;
    const bool epsilon_ok = c.layer_norm_epsilon > 0 && c.layer_norm_epsilon <= 1;
    const bool activation_ok =
        c.activation_function == "gelu_new" || c.activation_function == "gelu" || c.activation_function == "relu";
    if (!sizes_ok || !epsilon_ok || !activation_ok) std::abort();
  } catch (const attnbound::InputError&) {
  }
  return 0;
}
