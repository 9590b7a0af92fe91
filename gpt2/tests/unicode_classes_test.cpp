#include "gpt2/unicode_classes.hpp"

#include "testing/catch.hpp"

using namespace attnbound::gpt2;

TEST_CASE("unicode classes: ASCII letters, digits, punctuation and whitespace", "[gpt2][unicode]") {
  for (char32_t c = 'a'; c <= 'z'; ++c) CHECK(is_unicode_letter(c));
  for (char32_t c = 'A'; c <= 'Z'; ++c) CHECK(is_unicode_letter(c));
  for (char32_t c = '0'; c <= '9'; ++c) {
    CHECK(is_unicode_number(c));
    CHECK_FALSE(is_unicode_letter(c));
  }
  for (char32_t c : {U'!', U'\'', U'.', U'_', U'-', U'@', U'~', U' '}) {
    CHECK_FALSE(is_unicode_letter(c));
    CHECK_FALSE(is_unicode_number(c));
  }
  for (char32_t c : {U' ', U'\t', U'\n', U'\r', U'\v', U'\f'}) CHECK(is_unicode_whitespace(c));
  CHECK_FALSE(is_unicode_whitespace(U'a'));
  CHECK_FALSE(is_unicode_whitespace(0x1C));  // Python's isspace() says yes; the White_Space property says no
}

TEST_CASE("unicode classes: non-ASCII letters, numbers and spaces", "[gpt2][unicode]") {
  // é, ß, Cyrillic Ж, Greek λ, CJK 中, Hiragana あ, Arabic ب, Devanagari क, Hangul 한, modifier letter ʰ (Lm),
  // and a letter outside the BMP: 𝐀 (U+1D400 MATHEMATICAL BOLD CAPITAL A).
  for (char32_t c : {U'\u00E9', U'\u00DF', U'\u0416', U'\u03BB', U'\u4E2D', U'\u3042', U'\u0628', U'\u0915',
                     U'\uD55C', U'\u02B0', U'\U0001D400'})
    CHECK(is_unicode_letter(c));
  // Arabic-Indic ٣ (Nd), Roman numeral Ⅻ (Nl), superscript ² (No), ½ (No), fullwidth ７ (Nd).
  for (char32_t c : {U'\u0663', U'\u216B', U'\u00B2', U'\u00BD', U'\uFF17'}) {
    CHECK(is_unicode_number(c));
    CHECK_FALSE(is_unicode_letter(c));
  }
  // Marks, symbols and punctuation are neither: combining acute (Mn), € (Sc), — (Pd), emoji 😀 (So).
  for (char32_t c : {U'\u0301', U'\u20AC', U'\u2014', U'\U0001F600'}) {
    CHECK_FALSE(is_unicode_letter(c));
    CHECK_FALSE(is_unicode_number(c));
  }
  for (char32_t c : {U'\u00A0', U'\u2003', U'\u3000', U'\u2028', U'\u0085'}) CHECK(is_unicode_whitespace(c));
  CHECK_FALSE(is_unicode_letter(0x10FFFF));
  CHECK(std::string(unicode_table_version()).size() > 0);
}
