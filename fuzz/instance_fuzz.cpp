// Fuzz target: the instance JSON parser and point evaluation of whatever statement the input names.
// Any input must end in a result or an InputError: never a crash, a hang or another exception type.
#include "theory/evaluate_point.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // keeps every evaluation small; the parser itself has no size limit
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  attnbound::EvalOptions options;
  options.max_enumeration = 2000;
  options.monte_carlo_samples = 200;
  try {
    const auto inst = attnbound::Instance::parse(text);
    (void)attnbound::evaluate_point(inst, 64, options);
  } catch (const attnbound::InputError&) {
  }
  return 0;
}
