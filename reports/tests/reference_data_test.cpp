#include "reports/reference_data.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace attnbound::reports;

namespace {
std::string tiny() { return (attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string(); }
}  // namespace

TEST_CASE("decimal_div8 is exact", "[reports]") {
  CHECK(decimal_div8("1") == "125e-3");
  CHECK(decimal_div8("-4.16448450088501") == "-52056056261062625e-17");
  CHECK(decimal_div8("0.0") == "0e-4");
  CHECK(decimal_div8("3e5") == "375e2");
  CHECK(std::strtod(decimal_div8("2.5E-3").c_str(), nullptr) == 2.5e-3 / 8);
  CHECK_THROWS_AS(decimal_div8("nan"), attnbound::InputError);
}

TEST_CASE("decimal_scale multiplies by an integer and a power of ten exactly", "[reports]") {
  CHECK(decimal_scale("1.25", 4, 0) == "500e-2");
  CHECK(decimal_scale("-0.333", 3, 1) == "-999e-2");
  CHECK(decimal_scale("7", 125, -3) == decimal_div8("7"));
  CHECK(decimal_scale("-0", 8, 0) == "0e0");
  CHECK(std::strtod(decimal_scale("1.5e-3", 11, 0).c_str(), nullptr) == 16.5e-3);
  CHECK_THROWS_AS(decimal_scale("inf", 2, 0), attnbound::InputError);
}

TEST_CASE("the tiny fixture reads as 2 x 2 causal heads", "[reports]") {
  const ReferenceExample ex = load_reference(tiny());
  CHECK(ex.name == "tiny_reference");
  CHECK(ex.length == 3);
  CHECK(ex.layers == 2);
  CHECK(ex.heads_per_layer == 2);
  REQUIRE(ex.heads.size() == 4);
  CHECK(ex.causal);
  const ReferenceHead& h = ex.heads[1];  // block 0 head 1
  CHECK(h.layer == 0);
  CHECK(h.head == 1);
  REQUIRE(h.rows.size() == 3);
  CHECK(h.rows[0].size() == 1);
  CHECK(h.rows[2].size() == 3);
  CHECK(h.rows[1][0] == "8.0");  // the decimal text of the file
  CHECK(h.values[2][1] == 16.0);
  CHECK(ex.max_scale_deviation == 0);
  CHECK(ex.max_softmax_deviation < 1e-15);
}

TEST_CASE("bad reference data names the field", "[reports]") {
  const std::string p = "/tmp/attnbound-bad-ref-" + std::to_string(::getpid()) + ".json";
  std::ofstream(p) << R"({"prompt": "x", "tokens": ["a"], "outputs": {"block_0_attn_head_0_attn": {"data": [[1]]}}})";
  CHECK_THROWS_WITH(load_reference(p), Catch::Contains("outputs.block_0_attn_head_0_attn_masked"));
  std::ofstream(p) << R"({"prompt": "x", "outputs": {}})";
  CHECK_THROWS_WITH(load_reference(p), Catch::Contains("tokens"));
  std::remove(p.c_str());
  CHECK_THROWS_WITH(load_reference("/nonexistent.json"), Catch::Contains("reference"));
}

TEST_CASE("the genuine GPT-2 exports: 144 causal heads consistent with raw / 8", "[reports][shared]") {
  const auto p = attnbound::testing::shared_file_or_skip("data/gpt2-reference/ex0.json");
  if (p.empty()) return;
  const ReferenceExample ex = load_reference(p.string());
  CHECK(ex.layers == 12);
  CHECK(ex.heads_per_layer == 12);
  CHECK(ex.heads.size() == 144);
  CHECK(ex.causal);
  CHECK(ex.max_scale_deviation < 1e-6);   // float32 printing of raw/8
  CHECK(ex.max_softmax_deviation < 1e-5);  // float32 softmax against ours in double
}
