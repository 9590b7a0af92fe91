// Fuzz target: the checker's certificate parser and the Arb check of whatever it accepts (check/).
// Any input must end in an outcome (confirmed / rejected / unsupported / skipped) or an InputError: never a
// crash, a hang or another exception type. The precision is capped (start 64, cap 512 bits, the certificate's
// precision_bits clamped to 128) so that one input stays fast.
#include "check/check_certificate.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;  // keeps every check small; the parser itself has no size limit
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  attnbound::check::CheckOptions options;
  options.start_bits = 64;
  options.max_bits = 512;
  try {
    attnbound::check::Certificate c = attnbound::check::read_certificate(attnbound::parse_json_exact(text));
    c.precision_bits = std::min<long long>(c.precision_bits, 128);
    (void)attnbound::check::check_certificate(c, options);
  } catch (const attnbound::InputError&) {
  }
  return 0;
}
