// Tests of verify/verify_run: Corollary 3's spectral reading is found violated with a certified
// counterexample, the corrected form never is, the JSON is deterministic for a seed, and hypothesis
// violations from the corpus are counted, not fatal.
#include "testing/catch.hpp"
#include "verify/verify_run.hpp"

#include <filesystem>
#include <fstream>

using namespace attnbound;

namespace {
VerifyOptions small(const std::string& id) {
  VerifyOptions o;
  o.statements = {id};
  o.instances = 10;  // L = 2 .. 512 (the family cycles sizes; 4096 would make this test slow)
  o.certify.max_bits = 256;
  o.budget_seconds = 1e6;
  return o;
}
const VerifyRow& row(const VerifyReport& r, const std::string& variant) {
  for (const auto& x : r.rows)
    if (x.variant == variant) return x;
  FAIL("no row " << variant);
  return r.rows.front();
}
}  // namespace

TEST_CASE("verify_run: Corollary 3 spectral reading is violated with a certified counterexample", "[verify_run]") {
  const auto report = run_verify(small("cor3.softmax_jacobian"));
  REQUIRE(report.rows.size() == 3);
  CHECK(report.complete);
  const auto& s = row(report, "spectral");
  CHECK(s.instances == 10);
  CHECK(s.holds + s.violated + s.undecided + s.tight == s.instances);
  CHECK(s.violated > 0);
  REQUIRE(s.counterexample);
  CHECK((*s.counterexample)["result"]["verdict"] == "violated");
  CHECK((*s.counterexample)["result"]["certified"] == true);
  CHECK(s.worst_ratio.value() > 1.0);
  // The counterexample replays: the instance alone gives the certified violation again.
  const auto again = certify(Instance::from_json((*s.counterexample)["instance"]));
  CHECK(again.verdict == Verdict::violated);
  CHECK(format_table(report).find("certified counterexample cor3.softmax_jacobian/spectral") != std::string::npos);
}

TEST_CASE("verify_run: the corrected Corollary 3 is never violated on the family", "[verify_run]") {
  const auto report = run_verify(small("cor3.softmax_jacobian.corrected"));
  for (const auto& r : report.rows) {
    INFO(r.variant);
    CHECK(r.violated == 0);
    CHECK(r.instances == 10);
    CHECK(r.internal_errors == 0);
    CHECK(r.worst_ratio.value() <= 1.0 + 1e-12);
  }
}

TEST_CASE("verify_run: the deterministic part of the JSON depends only on the seed", "[verify_run]") {
  auto a = to_json(run_verify(small("cor3.softmax_jacobian")));
  auto b = to_json(run_verify(small("cor3.softmax_jacobian")));
  a.erase("timings");
  b.erase("timings");
  CHECK(a == b);
  CHECK(a["configuration"]["seed"] == 20250823);
  auto o = small("cor3.softmax_jacobian");
  o.seed = 1;
  auto c = to_json(run_verify(o));
  c.erase("timings");
  CHECK(a != c);
}

TEST_CASE("verify_run: corpus instances outside the hypotheses are counted, not fatal", "[verify_run]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "attnbound-verify-run-corpus";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "t0.json") << R"({"statement":"cor3.softmax_jacobian","variant":"spectral","logits":[0,0],"temperature":0})";
  std::ofstream(dir / "tie.json") << R"({"statement":"cor3.softmax_jacobian","variant":"frobenius","logits":[1,1],"temperature":2})";
  auto o = small("cor3.softmax_jacobian");
  o.instances = 1;
  o.corpus_dir = dir.string();
  const auto report = run_verify(o);
  fs::remove_all(dir);
  CHECK(row(report, "spectral").hypothesis_skipped == 1);
  CHECK(row(report, "frobenius").instances == 2);
  CHECK(row(report, "frobenius").violated >= 1);
  CHECK(row(report, "per_weight").instances == 1);  // corpus instances run only under their own variant
}

TEST_CASE("verify_run: a zero budget skips and says so", "[verify_run]") {
  auto o = small("cor3.softmax_jacobian");
  o.budget_seconds = 0;
  const auto report = run_verify(o);
  CHECK_FALSE(report.complete);
  CHECK(row(report, "spectral").budget_skipped == 10);
  CHECK(format_table(report).find("INCOMPLETE") != std::string::npos);
}
