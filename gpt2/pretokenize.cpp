#include "gpt2/pretokenize.hpp"

#include "gpt2/unicode_classes.hpp"
#include "theory/errors.hpp"

namespace attnbound::gpt2 {
namespace {

// Decodes the whole text first so the matcher can look ahead by code points; offsets map back to bytes.
void decode_utf8(std::string_view s, const std::string& field, std::vector<char32_t>& cps,
                 std::vector<std::size_t>& offsets) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = p[i];
    std::size_t len;
    char32_t cp;
    if (c < 0x80) { len = 1; cp = c; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else throw InputError(field, "invalid UTF-8 (bad lead byte) at byte " + std::to_string(i));
    if (i + len > n) throw InputError(field, "invalid UTF-8 (truncated sequence) at byte " + std::to_string(i));
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80)
        throw InputError(field, "invalid UTF-8 (bad continuation byte) at byte " + std::to_string(i + k));
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 (RFC 3629).
    static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      throw InputError(field, "invalid UTF-8 (overlong, surrogate or out of range) at byte " + std::to_string(i));
    cps.push_back(cp);
    offsets.push_back(i);
    i += len;
  }
  offsets.push_back(n);
}

bool is_other(char32_t c) { return !is_unicode_whitespace(c) && !is_unicode_letter(c) && !is_unicode_number(c); }

}  // namespace

std::vector<std::string_view> pretokenize(std::string_view utf8, const std::string& field) {
  std::vector<char32_t> cp;
  std::vector<std::size_t> off;
  decode_utf8(utf8, field, cp, off);
  const std::size_t n = cp.size();
  std::vector<std::string_view> out;
  auto run = [&](std::size_t j, bool (*pred)(char32_t)) {
    while (j < n && pred(cp[j])) ++j;
    return j;
  };
  std::size_t i = 0;
  while (i < n) {
    std::size_t end = i;
    const char32_t c = cp[i];
    const char32_t next = i + 1 < n ? cp[i + 1] : 0;
    const bool has_next = i + 1 < n;
    if (c == U'\'' && has_next && (next == U's' || next == U't' || next == U'm' || next == U'd')) {
      end = i + 2;  // 's 't 'm 'd
    } else if (c == U'\'' && i + 2 < n &&
               ((next == U'r' && cp[i + 2] == U'e') || (next == U'v' && cp[i + 2] == U'e') ||
                (next == U'l' && cp[i + 2] == U'l'))) {
      end = i + 3;  // 're 've 'll
    } else if (is_unicode_letter(c) || (c == U' ' && has_next && is_unicode_letter(next))) {
      end = run(c == U' ' ? i + 1 : i, is_unicode_letter);  // ' ?\p{L}+'
    } else if (is_unicode_number(c) || (c == U' ' && has_next && is_unicode_number(next))) {
      end = run(c == U' ' ? i + 1 : i, is_unicode_number);  // ' ?\p{N}+'
    } else if (is_other(c) || (c == U' ' && has_next && is_other(next))) {
      end = run(c == U' ' ? i + 1 : i, is_other);  // ' ?[^\s\p{L}\p{N}]+'
    } else {
      // c is whitespace. '\s+(?!\S)': the longest run that is followed by whitespace or the end, i.e. the whole
      // run at the end of the text, else the run less its last character; '\s+' when that leaves nothing.
      const std::size_t j = run(i, is_unicode_whitespace);
      end = (j == n || j - i == 1) ? j : j - 1;
    }
    out.emplace_back(utf8.substr(off[i], off[end] - off[i]));
    i = end;
  }
  return out;
}

}  // namespace attnbound::gpt2
