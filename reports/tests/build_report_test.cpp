#include "reports/build_report.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <algorithm>
#include <fstream>
#include <unistd.h>

using namespace attnbound::reports;
namespace fs = std::filesystem;

namespace {
ReportOptions tiny_options() {
  ReportOptions o;
  o.seed = 5;
  o.version = "test";
  o.reference_files = {(attnbound::testing::source_dir() / "reports/tests/data/tiny_reference.json").string()};
  o.reproduce.temperatures = {"0.1", "8"};
  o.reproduce.certify_rows = 2;
  o.reproduce.certify_bits = 96;
  o.prove_max_length = 3;  // the prove part's targets up to L = 3 (the main job runs L <= 6)
  return o;
}
const Section& section(const Report& r, const std::string& id) {
  for (const auto& s : r.sections)
    if (s.id == id) return s;
  throw std::runtime_error("no section " + id);
}
}  // namespace

TEST_CASE("the verdict table lists every registered statement and variant", "[reports]") {
  const BuiltReport b = build_report(tiny_options());
  for (const auto& st : attnbound::all_statements())
    for (const auto& var : st.info.variants) {
      bool found = false;
      for (const auto& v : b.report.verdicts) found = found || (v.statement == st.info.id && v.variant == var.name);
      INFO(st.info.id << " " << var.name);
      CHECK(found);
    }
  // The spec's E1 tie violates the paper's Corollary 3, certified.
  bool e1 = false;
  for (const auto& v : b.report.verdicts)
    e1 = e1 || (v.statement == "cor3.softmax_jacobian" && v.variant == "spectral" && v.verdict == "violated" && v.certified);
  CHECK(e1);
  CHECK(section(b.report, "reproduce_reference").status == "ran");
  CHECK(section(b.report, "errata").status == "ran");
  CHECK(b.report.claims.size() >= 20);
}

TEST_CASE("missing optional data and failing parts do not fail the report", "[reports]") {
  ReportOptions o = tiny_options();
  o.reference_files.clear();
  o.corpus_dir = "/nonexistent/corpus";
  const Part boom{"boom", "A failing part", [](const PartContext&) -> PartOutcome { throw std::runtime_error("kaput"); }, 0};
  const BuiltReport b = build_report(o, {boom});
  CHECK(section(b.report, "boom").status == "failed");
  CHECK(section(b.report, "boom").detail == "kaput");
  CHECK(section(b.report, "reproduce_reference").status == "unavailable");
  CHECK(section(b.report, "corpus").status == "unavailable");
}

TEST_CASE("corpus counterexamples are linked from the verdict table", "[reports]") {
  const fs::path dir = fs::temp_directory_path() / ("attnbound-corpus-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "cor3.softmax_jacobian.frobenius.1.json")
      << R"({"kind": "counterexample", "statement": "cor3.softmax_jacobian", "variant": "frobenius", "ratio": "2"})";
  std::ofstream(dir / "broken.json") << "{";
  ReportOptions o = tiny_options();
  o.corpus_dir = dir;
  const BuiltReport b = build_report(o);
  bool linked = false;
  for (const auto& v : b.report.verdicts)
    for (const auto& c : v.counterexamples)
      linked = linked || (v.variant == "frobenius" && c == "counterexamples/cor3.softmax_jacobian.frobenius.1.json");
  CHECK(linked);
  CHECK(section(b.report, "corpus").detail.find("1 unreadable") != std::string::npos);
  REQUIRE(b.attachments.size() == 1);
  CHECK(b.attachments[0].second == "counterexamples/cor3.softmax_jacobian.frobenius.1.json");
  fs::remove_all(dir);
}

TEST_CASE("budget deadlines are cumulative shares of the budget", "[reports]") {
  const auto t0 = Clock::now();
  const auto d = part_deadlines({0.5, 0, 0.25, 0.25}, 100, t0);
  REQUIRE(d.size() == 4);
  auto secs = [&](Clock::time_point t) { return std::chrono::duration<double>(t - t0).count(); };
  CHECK(secs(d[0]) == Approx(50));
  CHECK(secs(d[1]) == Approx(50));  // a share-0 part ends where the part before it does
  CHECK(secs(d[2]) == Approx(75));
  CHECK(secs(d[3]) == Approx(100));
}

TEST_CASE("parts get their deadline, progress and can be skipped", "[reports]") {
  ReportOptions o = tiny_options();
  o.budget_seconds = 1000;
  o.reference_share = 1;
  o.skip = {"corpus"};
  std::vector<std::string> lines;
  o.progress = [&](const std::string& s) { lines.push_back(s); };
  double seen = -1;
  const Part probe{"probe", "A probe", [&](const PartContext& ctx) {
                     seen = ctx.remaining_seconds();
                     ctx.progress("working");
                     PartOutcome out;
                     out.section = {"probe", "A probe", "ran", ""};
                     out.verdicts.push_back({"cor3.softmax_jacobian", "spectral", "", "", "holds", false, "probe rows", std::nullopt, {}, 0, {}, std::nullopt});
                     out.generated.push_back({"x/y.json", "{}"});
                     return out;
                   },
                   1};
  const BuiltReport b = build_report(o, {probe});
  CHECK(seen > 400);  // half of the budget (shares 1 : 1), minus the time already spent
  CHECK(seen <= 500);
  CHECK(std::find(lines.begin(), lines.end(), "[probe] working") != lines.end());
  CHECK(section(b.report, "corpus").status == "skipped");
  // The probe's file, plus the certificates of the errata part's certified verdicts (re-checked, see below).
  std::size_t others = 0, certificates = 0;
  for (const auto& [rel, content] : b.generated) {
    if (rel.rfind("certificates/", 0) == 0) {
      ++certificates;
    } else {
      ++others;
      CHECK(rel == "x/y.json");
    }
  }
  CHECK(others == 1);
  CHECK(certificates == static_cast<std::size_t>(b.report.config["independent_check"]["checked"].get<long>()));
  bool prefixed = false;
  for (const auto& v : b.report.verdicts)
    for (const auto& e : v.evidence_list) prefixed = prefixed || (e.part == "probe" && e.detail == "probe rows");
  CHECK(prefixed);
  CHECK(b.report.config["budget_split"]["probe"] == 0.5);
}

TEST_CASE("the report JSON is byte-identical between runs for a seed", "[reports]") {
  CHECK(report_json_text(build_report(tiny_options()).report) == report_json_text(build_report(tiny_options()).report));
}

TEST_CASE("find_reference_files finds the exports in the shared folder", "[reports][shared]") {
  CHECK(find_reference_files("/nonexistent").empty());
  const auto p = attnbound::testing::shared_file_or_skip("data/gpt2-reference/ex0.json");
  if (p.empty()) return;
  const auto files = find_reference_files(attnbound::testing::shared_dir());
  const bool more = !attnbound::testing::shared_file_or_skip("data/gpt2-reference-more/ex4.json").empty();
  REQUIRE(files.size() == (more ? 8u : 4u));  // gpt2-reference, then gpt2-reference-more when present
  CHECK(files[0].find("ex0.json") != std::string::npos);
  if (more) CHECK(files[7].find("gpt2-reference-more/ex7.json") != std::string::npos);
}

namespace {
// A part that prints one certified verdict and hands it to the re-check; `tamper` flips its word first.
Part certified_part(bool tamper) {
  return {"probe", "probe", [tamper](const PartContext& ctx) {
            PartOutcome out;
            out.section = {"probe", "probe", "ran", ""};
            // The spec's E1 tie: ||J||_2 = 1/2 > 1/4, a certified violation of Corollary 3.
            const auto inst = attnbound::Instance::from_json({{"statement", "cor3.softmax_jacobian"},
                                                              {"variant", "spectral"},
                                                              {"logits", {"0", "0"}},
                                                              {"temperature", "1"}});
            auto r = attnbound::certify(inst);
            REQUIRE(r.verdict == attnbound::Verdict::violated);
            REQUIRE(r.certified);
            if (tamper) {
              r.verdict = attnbound::Verdict::holds;
              r.sides[0].verdict = attnbound::Verdict::holds;
            }
            REQUIRE(ctx.recheck);
            ctx.recheck(inst, r, "probe");
            return out;
          },
          0};
}
}  // namespace

TEST_CASE("every certified verdict a part prints is re-checked by the independent checker", "[reports]") {
  ReportOptions o = tiny_options();
  o.skip = {"errata", "reproduce_reference", "prove", "alternatives"};  // only the probe's verdict is counted
  {
    const BuiltReport b = build_report(o, {certified_part(false)});
    const Section& s = section(b.report, "independent_check");
    INFO(s.detail);
    CHECK(s.status == "ran");
    CHECK(s.detail.rfind("1 of 1 certified verdicts re-checked, 0 rejected", 0) == 0);
    CHECK(b.report.config["independent_check"]["rejected"] == 0);
  }
  {
    const BuiltReport b = build_report(o, {certified_part(true)});  // "holds" on a violated instance
    const Section& s = section(b.report, "independent_check");
    INFO(s.detail);
    CHECK(s.status == "failed");
    CHECK(b.report.config["independent_check"]["rejected"] == 1);
    bool listed = false;
    for (const auto& t : b.report.tables) listed = listed || t.id == "independent_check_rejections";
    CHECK(listed);
  }
}

TEST_CASE("the alternatives part runs at its fixed size and states a verdict per guideline", "[reports]") {
  ReportOptions o = tiny_options();
  o.skip = {"errata", "prove", "corpus", "reproduce_reference"};
  const BuiltReport b = build_report(o);
  const Section& s = section(b.report, "alternatives");
  INFO(s.detail);
  CHECK(s.status == "ran");
  CHECK(s.detail.find("5 synthetic lengths x 2 rows") != std::string::npos);
  std::size_t guidelines = 0;
  for (const auto& c : b.report.claims)
    if (c.id.rfind("guideline.", 0) == 0) {
      ++guidelines;
      CHECK(c.agreement != "not measured");
    }
  CHECK(guidelines == 3);
  bool table = false;
  for (const auto& t : b.report.tables) table = table || t.id == "normalisers_synthetic";
  CHECK(table);
  o.alternatives = false;
  const BuiltReport without = build_report(o);
  for (const auto& sec : without.report.sections) CHECK(sec.id != "alternatives");
}

TEST_CASE("the reproduction's certified rows are all re-checked by the independent checker and confirmed", "[reports]") {
  ReportOptions o = tiny_options();
  o.skip = {"errata", "prove", "corpus", "alternatives"};
  const BuiltReport b = build_report(o);
  REQUIRE(section(b.report, "reproduce_reference").status == "ran");
  const auto& part = b.report.config["reproduce_reference"]["independent_check"];
  INFO(part.dump());
  CHECK(part["checked"].get<long>() >= 1);
  CHECK(part["confirmed"] == part["checked"]);
  CHECK(part["rejected"] == 0);
  CHECK(part["unsupported"] == 0);
  // The report-wide count is the reproduction's (the other parts are skipped), and nothing was rejected.
  CHECK(b.report.config["independent_check"]["checked"] == part["checked"]);
  CHECK(b.report.config["independent_check"]["rejected"] == 0);
  // Each re-checked row's certificate is written beside the report.
  std::size_t certificates = 0;
  for (const auto& [path, text] : b.generated) certificates += path.rfind("certificates/reproduce_reference/", 0) == 0;
  CHECK(certificates == part["checked"].get<std::size_t>());
}
