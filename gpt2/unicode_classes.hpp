// Unicode character classes for GPT-2's pre-tokenizer regex (\p{L}, \p{N}, \s) without ICU: compact range
// tables generated from Python's unicodedata by gen_unicode_classes.py (version: unicode_table_version()).
#pragma once

namespace attnbound::gpt2 {

bool is_unicode_letter(char32_t cp);      // general category L* (Lu Ll Lt Lm Lo)
bool is_unicode_number(char32_t cp);      // general category N* (Nd Nl No)
bool is_unicode_whitespace(char32_t cp);  // the White_Space property
const char* unicode_table_version();

}  // namespace attnbound::gpt2
