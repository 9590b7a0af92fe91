#include "gpt2/capture_selection.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

using namespace attnbound::gpt2;

TEST_CASE("capture selection: glob patterns over TransformerLens names", "[gpt2][capture]") {
  CHECK(glob_match("blocks.*.attn.hook_pattern", "blocks.11.attn.hook_pattern"));
  CHECK_FALSE(glob_match("blocks.*.attn.hook_pattern", "blocks.11.attn.hook_q"));
  CHECK(glob_match("blocks.?.hook_resid_pre", "blocks.3.hook_resid_pre"));
  CHECK_FALSE(glob_match("blocks.?.hook_resid_pre", "blocks.10.hook_resid_pre"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*hook_*", "blocks.0.ln1.hook_normalized"));
  const auto sel = CaptureSelection::parse("blocks.0.attn.hook_q, blocks.*.hook_resid_post", 2);
  CHECK(sel.wants("blocks.0.attn.hook_q"));
  CHECK_FALSE(sel.wants("blocks.1.attn.hook_q"));
  CHECK(sel.wants("blocks.1.hook_resid_post"));
  CHECK(CaptureSelection::parse("all", 1).wants("logits"));
  CHECK_FALSE(CaptureSelection::none().wants("logits"));
}

TEST_CASE("capture selection: the list of names", "[gpt2][capture]") {
  const auto names = all_capture_names(12);
  CHECK(names.size() == 2 + 12 * 15 + 2);
  for (const char* n : {"blocks.0.ln1.hook_normalized", "blocks.11.attn.hook_attn_scores", "blocks.5.hook_resid_pre",
                        "blocks.5.hook_resid_post", "blocks.3.attn.hook_v", "logits"})
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
}

TEST_CASE("capture selection: a typo or empty entry is an error naming --capture", "[gpt2][capture]") {
  CHECK_THROWS_WITH(CaptureSelection::parse("blocks.0.attn.hook_patern", 2), Catch::Contains("--capture") && Catch::Contains("matches no capture point"));
  CHECK_THROWS_WITH(CaptureSelection::parse("blocks.5.attn.hook_pattern", 2), Catch::Contains("matches no capture point"));
  CHECK_THROWS_WITH(CaptureSelection::parse("logits,,", 2), Catch::Contains("empty name"));
}
