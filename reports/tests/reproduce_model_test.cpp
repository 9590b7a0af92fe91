#include "reports/reproduce_model.hpp"

#include "reports/report.hpp"
#include "reports/tests/approval.hpp"
#include "kernels/isa_pin.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

using namespace attnbound::reports;
namespace fs = std::filesystem;

namespace {

// A seeded random GPT-2-shaped checkpoint (gpt2/tests/gpt2_reference.py) with GPT-2's vocabulary, small
// everything else; generated once per test run.
// Removes a temporary path when the test program exits.
struct RemovedAtExit {
  fs::path path;
  ~RemovedAtExit() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

fs::path tiny_checkpoint() {
  static const RemovedAtExit dir{[] {
    const fs::path d = fs::temp_directory_path() / fmt::format("attnbound-reports-ck-{}", ::getpid());
    fs::remove_all(d);
    const std::string cmd = fmt::format(
        "{} '{}' make-checkpoint --out '{}' --seed 7 --n-layer 2 --n-head 2 --n-embd 32 --n-positions 128 "
        "--vocab 50257 >/dev/null",
        ATTNBOUND_PYTHON, (attnbound::testing::source_dir() / "gpt2/tests/gpt2_reference.py").string(), d.string());
    return std::system(cmd.c_str()) == 0 ? d : fs::path();
  }()};
  return dir.path;
}

fs::path prose() {
  static const RemovedAtExit text{fs::temp_directory_path() / fmt::format("attnbound-reports-text-{}.txt", ::getpid())};
  const fs::path& p = text.path;
  std::ofstream f(p);
  f << "Front matter that the marker skips.\n";
  for (int i = 0; i < 30; ++i)
    f << "Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes, said Anna Pavlovna " << i
      << " times, greeting the important and high-ranking Prince Vasili.\n";
  return p;
}

ModelReproduceOptions tiny_options(const fs::path& ck, const fs::path& tok) {
  ModelReproduceOptions o;
  o.model_dir = ck;
  o.tokenizer_dir = tok;
  o.text = prose();
  o.windows = 2;
  o.lengths = {16, 32, 64};
  o.top_n = {1, 5, 10};
  o.critical_grid = {1, 2, 4, 8};
  o.temperatures = {"0.1", "1", "8"};
  o.alg5_rows = 4;
  o.cross_check_stride = 3;
  o.certify_rows = 2;
  o.certify_bits = 96;
  o.seed = 5;
  return o;
}

PartContext unlimited() {
  PartContext c;
  c.progress = [](const std::string&) {};
  return c;
}

const Table& table(const PartOutcome& o, const std::string& id) {
  for (const auto& t : o.tables)
    if (t.id == id) return t;
  FAIL("no table " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("model reproduction on a tiny random checkpoint: every algorithm, every figure, certified rows", "[reports][model]") {
  const fs::path tok = attnbound::testing::shared_file_or_skip("data/gpt2-tokenizer/encoder.json");
  if (tok.empty()) return;
  const fs::path ck = tiny_checkpoint();
  if (ck.empty()) {
    WARN("SKIPPED: python3 with NumPy could not write the test checkpoint");
    return;
  }
  // The baseline must be the same bits on every x86-64 machine: the float forward pass and kernels run their
  // portable variants (the widest ones differ from machine to machine in the last bits of their sums).
  ::setenv("ATTNBOUND_MATMUL_ISA", "generic", 1);
  attnbound::kernels::pin_kernels_isa("sse4");
  const ModelReproduceOptions o = tiny_options(ck, tok.parent_path());
  const PartOutcome r = reproduce_model(o, unlimited());
  INFO(r.section.detail);
  CHECK(r.section.status == "ran");
  for (const char* id : {"fig2a_distance_vs_L", "fig2b_distance_vs_N", "fig2c_critical_n", "fig3_separability",
                         "fig4_gradient_model", "tightness_model_vs_L", "tightness_model_vs_T"}) {
    bool found = false;
    for (const auto& f : r.figures)
      if (f.id == id) {
        found = true;
        CHECK_FALSE(f.series.empty());
        CHECK_FALSE(f.series[0].points.empty());
      }
    INFO(id);
    CHECK(found);
  }
  // Algorithm 1: one row per L; the Theorem 1 fixed bound is never below the true distance.
  const Table& a1 = table(r, "alg1_distance_vs_L");
  REQUIRE(a1.rows.size() == 3);
  for (const auto& row : a1.rows) CHECK(std::get<double>(row[5]) <= 1.0);
  // The Gram-matrix distances agree with the float kernel.
  const Table& x = table(r, "model_cross_check");
  CHECK(std::get<long long>(x.rows[0][0]) > 0);
  CHECK(std::get<double>(x.rows[0][1]) < 1e-5);
  // The certified rows hold (the reconstruction of Theorem 1 is a theorem).
  const Table& c = table(r, "model_certified");
  REQUIRE(c.rows.size() == 2);
  for (const auto& row : c.rows) CHECK(std::get<std::string>(row[3]) == "holds");
  bool thm1 = false;
  for (const auto& v : r.verdicts)
    if (v.statement == "thm1.fixed") thm1 = v.verdict == "not refuted" && v.certified_holds == 2;
  CHECK(thm1);
  // Algorithm 4: N_s/N is a fraction.
  for (const auto& row : table(r, "alg4_separability").rows) {
    CHECK(std::get<double>(row[1]) >= 0);
    CHECK(std::get<double>(row[5]) <= 1);
  }
  // Deterministic: the same report again, and the same as the checked-in baseline (temporary paths masked).
  auto as_text = [&](const PartOutcome& p) {
    Report rep;
    rep.sections = {p.section};
    rep.config = p.config;
    rep.verdicts = p.verdicts, rep.claims = p.claims, rep.tables = p.tables, rep.figures = p.figures, rep.notes = p.notes;
    std::string text = report_json_text(rep);
    for (const std::string& path : {ck.string(), o.text.string(), o.text.filename().string()})
      for (std::size_t at; (at = text.find(path)) != std::string::npos;) text.replace(at, path.size(), "<tmp>");
    return text;
  };
  const std::string a = as_text(r);
  CHECK(a == as_text(reproduce_model(o, unlimited())));
  testing::approve("tiny_model/report.json", a);
}

TEST_CASE("model reproduction with hidden states as x, and bad options", "[reports][model]") {
  const fs::path tok = attnbound::testing::shared_file_or_skip("data/gpt2-tokenizer/encoder.json");
  if (tok.empty()) return;
  const fs::path ck = tiny_checkpoint();
  if (ck.empty()) return;
  ModelReproduceOptions o = tiny_options(ck, tok.parent_path());
  o.x = "hidden";
  o.windows = 1;
  o.certify_rows = 1;
  const PartOutcome r = reproduce_model(o, unlimited());
  CHECK(r.section.status == "ran");
  CHECK(r.section.detail.find("x = hidden") != std::string::npos);
  ModelReproduceOptions bad = o;
  bad.x = "keys";
  CHECK_THROWS_AS(reproduce_model(bad, unlimited()), attnbound::InputError);
  bad = o;
  bad.lengths = {256};  // beyond the checkpoint's n_positions = 128
  CHECK_THROWS_AS(reproduce_model(bad, unlimited()), attnbound::InputError);
}
