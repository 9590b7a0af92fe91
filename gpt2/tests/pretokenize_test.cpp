#include "gpt2/pretokenize.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

using attnbound::InputError;
using attnbound::gpt2::pretokenize;

namespace {
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  for (auto v : pretokenize(s)) out.emplace_back(v);
  return out;
}
using V = std::vector<std::string>;
}  // namespace

// Expected splits are what Perl's Unicode regex engine gives for GPT-2's pattern (checked against
// $text =~ /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/g).
TEST_CASE("pretokenize: words, contractions, numbers, punctuation", "[gpt2][pretokenize]") {
  CHECK(split("The dog") == V{"The", " dog"});
  CHECK(split("I'm sure they'll've done it's") == V{"I", "'m", " sure", " they", "'ll", "'ve", " done", " it", "'s"});
  CHECK(split("Hello, world!!") == V{"Hello", ",", " world", "!!"});
  CHECK(split("abc123 456") == V{"abc", "123", " 456"});
  CHECK(split("'S 'x ''s") == V{"'", "S", " '", "x", " ''", "s"});  // contractions are case sensitive
  CHECK(split("a?'s") == V{"a", "?'", "s"});                        // the punctuation run swallows the quote
  CHECK(split("").empty());
}

TEST_CASE("pretokenize: whitespace runs keep their last character for the next word", "[gpt2][pretokenize]") {
  CHECK(split("a  b") == V{"a", " ", " b"});
  CHECK(split("a\n\nb") == V{"a", "\n", "\n", "b"});
  CHECK(split("a \n b") == V{"a", " \n", " b"});
  CHECK(split("a   ") == V{"a", "   "});  // at the end the whole run is one piece
  CHECK(split("\tx") == V{"\t", "x"});
  CHECK(split("x \t") == V{"x", " \t"});
  CHECK(split("  !") == V{" ", " !"});
}

TEST_CASE("pretokenize: non-ASCII letters, numbers and symbols", "[gpt2][pretokenize]") {
  CHECK(split("Ça va très bien") == V{"Ça", " va", " très", " bien"});
  CHECK(split("Привет, мир") == V{"Привет", ",", " мир"});
  CHECK(split("東京は2020年") == V{"東京は", "2020", "年"});
  CHECK(split("x² ½ Ⅻ") == V{"x", "²", " ½", " Ⅻ"});
  CHECK(split("naïve café😀!") == V{"naïve", " café", "😀!"});
  CHECK(split("a\u00A0b") == V{"a", "\u00A0", "b"});  // NBSP is \s but not the literal space of ' ?'
  CHECK(split("e\u0301") == V{"e", "\u0301"});        // a combining mark is neither letter nor number
}

TEST_CASE("pretokenize: invalid UTF-8 is a clear InputError", "[gpt2][pretokenize]") {
  CHECK_THROWS_WITH(pretokenize("ab\xff"), Catch::Contains("invalid UTF-8") && Catch::Contains("byte 2"));
  CHECK_THROWS_AS(pretokenize("\xc3"), InputError);            // truncated
  CHECK_THROWS_AS(pretokenize("\xc0\xaf"), InputError);        // overlong '/'
  CHECK_THROWS_AS(pretokenize("\xed\xa0\x80"), InputError);    // surrogate
  CHECK_THROWS_AS(pretokenize("\xe2\x28\xa1"), InputError);    // bad continuation
}
