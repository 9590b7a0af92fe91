#include "theory/inputs.hpp"

#include <fmt/format.h>

namespace attnbound {

int decimal_sign(const std::string& text) {
  bool negative = !text.empty() && text[0] == '-';
  for (char c : text) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') return negative ? -1 : 1;
  }
  return 0;
}

std::size_t vector_length(const Instance& inst, const std::string& field) {
  return inst.decimal_vector(field).size();
}

std::size_t checked_top_n(const Instance& inst, std::size_t length, std::size_t min_n) {
  const std::int64_t n = inst.integer("top_n");
  if (n < static_cast<std::int64_t>(min_n) || n > static_cast<std::int64_t>(length))
    throw HypothesisError("top_n", fmt::format("must satisfy {} <= top_n <= L = {}, got {}", min_n, length, n));
  return static_cast<std::size_t>(n);
}

}  // namespace attnbound
