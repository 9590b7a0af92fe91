#include "reports/reproduce_model_certified.hpp"

#include "reports/tests/model_row_fixture.hpp"
#include "testing/catch.hpp"

using namespace attnbound::reports;
using attnbound::reports::test::small_settings;

namespace {

PartContext unlimited() {
  PartContext c;
  c.progress = [](const std::string&) {};
  return c;
}

// One layer, one head, 4 tokens, x in R^2: scores (i + 1)(t + 1)/10 on row t (distinct weights), -inf after t.
std::vector<attnbound::gpt2::Capture> tiny_captures() {
  attnbound::gpt2::Capture scores{"blocks.0.attn.hook_attn_scores", {1, 4, 4}, std::vector<float>(16)};
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 4; ++i)
      scores.data[t * 4 + i] = i <= t ? 0.1f * static_cast<float>((i + 1) * (t + 1)) : -std::numeric_limits<float>::infinity();
  attnbound::gpt2::Capture v{"blocks.0.attn.hook_v", {4, 1, 2}, {1.0f, 0.5f, -0.25f, 2.0f, 0.75f, -1.0f, 0.0f, 1.5f}};
  return {scores, v};
}

}  // namespace

TEST_CASE("reproduce_model_certified: rows certified through the registry hold (Theorem 1 fixed)", "[reports][model]") {
  ModelReproduceOptions o;
  o.fixed_n = 1;
  o.certify_rows = 2;
  o.certify_bits = 96;
  o.seed = 5;
  const Settings st = small_settings({1}, {4});
  HeadResult h = empty_head_result(st, 0, 0);
  h.worst_fixed[0] = 0.5;
  h.worst_fixed_row[0] = 3;
  ModelRun run{&o, &st, {&h}};
  const auto caps = tiny_captures();
  const FirstWindow first{&caps, &h, 1, 1, 4, 2};
  const CertifiedParts p = certified_parts(run, first, 0.5, 3, unlimited());
  REQUIRE(p.table.has_value());
  REQUIRE(p.table->rows.size() == 2);
  CHECK(std::get<std::string>(p.table->rows[0][0]) == "window 1 layer 0 head 0 row 3 (n = 4), N = 1");
  for (const auto& row : p.table->rows) {
    CHECK(std::get<std::string>(row[3]) == "holds");
    const auto& [lo, hi] = std::get<std::pair<std::string, std::string>>(row[1]);
    CHECK(std::stod(lo) <= std::stod(hi));
  }
  CHECK(p.verdict.statement == "thm1.fixed");
  CHECK(p.verdict.verdict == "not refuted");
  CHECK_FALSE(p.verdict.certified);
  CHECK(p.verdict.certified_holds == 2);
  CHECK(p.verdict.worst_ratio->kind == Number::Kind::enclosure);  // the worst row's ratio, certified
  CHECK(std::stod(p.verdict.worst_ratio->hi) <= 1);
}

TEST_CASE("reproduce_model_certified: without certified rows the double scan speaks, uncertified", "[reports][model]") {
  ModelReproduceOptions o;
  o.certify_rows = 0;
  const Settings st = small_settings({1}, {4});
  HeadResult h = empty_head_result(st, 0, 0);
  ModelRun run{&o, &st, {&h}};
  const FirstWindow first{nullptr, &h, 1, 1, 4, 2};
  const CertifiedParts p = certified_parts(run, first, 1.5, 10, unlimited());
  CHECK_FALSE(p.table.has_value());
  CHECK(p.verdict.verdict == "violated in double precision (not certified)");
  CHECK_FALSE(p.verdict.certified);
  CHECK(p.verdict.worst_ratio->kind == Number::Kind::point);
  CHECK(p.verdict.evidence.find("10 (head, row) pairs") != std::string::npos);
}
