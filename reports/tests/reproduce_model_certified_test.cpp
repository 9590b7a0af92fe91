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

// N = 1, two certified rows at 96 bits, seed 5; the head's worst thm1.fixed row is row 3 (ratio 0.5).
struct TinyRun {
  ModelReproduceOptions o;
  Settings st = small_settings({1}, {4});
  HeadResult h = empty_head_result(st, 0, 0);
  std::vector<attnbound::gpt2::Capture> caps = tiny_captures();
  TinyRun() {
    o.fixed_n = 1;
    o.certify_rows = 2;
    o.certify_bits = 96;
    o.seed = 5;
    h.worst_fixed[0] = 0.5;
    h.worst_fixed_row[0] = 3;
  }
  CertifiedParts certify(const PartContext& ctx) const {
    const ModelRun run{&o, &st, {&h}};
    const FirstWindow first{&caps, &h, 1, 1, 4, 2};
    return certified_parts(run, first, 0.5, 3, ctx);
  }
};

}  // namespace

TEST_CASE("reproduce_model_certified: rows certified through the registry hold (Theorem 1 fixed)", "[reports][model]") {
  const CertifiedParts p = TinyRun().certify(unlimited());
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

TEST_CASE("reproduce_model_certified: a row the re-check rejects is undecided and listed, a confirmed one holds", "[reports][model]") {
  PartContext ctx = unlimited();
  std::size_t calls = 0;
  ctx.recheck_verdict = [&](const attnbound::Instance& inst, const attnbound::CertifiedResult& r, const std::string&) {
    CHECK(inst.statement() == "thm1.fixed");
    CHECK(r.verdict == attnbound::Verdict::holds);
    // A stub checker: rejects the first certificate, confirms the others.
    return ++calls == 1 ? RecheckOutcome{RecheckOutcome::Kind::rejected, "stub rejection"}
                        : RecheckOutcome{RecheckOutcome::Kind::confirmed, ""};
  };
  const CertifiedParts p = TinyRun().certify(ctx);
  CHECK(calls == 2);
  REQUIRE(p.table.has_value());
  CHECK(std::get<std::string>(p.table->rows[0][3]) == "undecided");
  CHECK(std::get<std::string>(p.table->rows[1][3]) == "holds");
  CHECK(p.verdict.certified_holds == 1);
  CHECK(p.recheck.checked == 2);
  CHECK(p.recheck.rejected == 1);
  REQUIRE(p.recheck.listed.size() == 1);
  CHECK(p.recheck.listed[0].why == "stub rejection");
  CHECK(p.recheck.listed[0].where == "window 1 layer 0 head 0 row 3 (n = 4), N = 1");
  CHECK(p.verdict.evidence.find("1 of 2 confirmed, 1 rejected") != std::string::npos);
  // The rejected row was the worst one: its engine enclosure is not shown as certified, the double stands.
  CHECK(p.verdict.worst_ratio->kind == Number::Kind::point);
}
