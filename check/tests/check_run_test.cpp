// check_paths over directories: the corpus and the verify instance family (certified by the engine, then
// checked), and the summary's counts.
#include "check/check_run.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"
#include "verify/certify.hpp"
#include "verify/instance_family.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace attnbound;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("attnbound_check_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
}  // namespace

TEST_CASE("check run: every certified verdict of the corpus is confirmed", "[check][check_run]") {
  const auto s = check::check_paths({std::string(ATTNBOUND_SOURCE_DIR) + "/counterexamples/corpus"});
  INFO(s.to_json().dump(1));
  CHECK(s.rejected == 0);
  CHECK(s.confirmed >= 8);
  CHECK(s.from_records >= 8);  // the stored violated verdicts, checked as they were written
  CHECK(s.from_instances + s.from_records == s.checked);
}

TEST_CASE("check run: the verify instance family of every supported statement is confirmed", "[check][check_run]") {
  const std::vector<std::string> ids{"lemma1.vanishing", "cor1.softmax_weights", "thm1.fixed", "thm1.random", "cor2.regimes", "thm2.lower", "thm2.upper", "lemma2.jacobian", "cor3.softmax_jacobian",
                                     "cor3.softmax_jacobian.corrected", "alg5.fd_gradient"};
  const fs::path dir = fresh_dir("family");
  std::size_t n = 0;
  for (const auto& id : ids) {
    const Statement& st = find_statement(id);
    for (const auto& v : st.info.variants) {
      // Theorem 2: 8 per variant (the engine's angle integration at d = 2 dominates the time).
      for (const auto& fi : instance_family(st.info, 20250823, id.rfind("thm2", 0) == 0 ? 8 : 24)) {
        nlohmann::json inst = fi.instance;
        inst["variant"] = v.name;
        std::ofstream(dir / (std::to_string(n++) + ".json")) << inst.dump();
      }
    }
  }
  const auto s = check::check_paths({dir.string()});
  std::cerr << "verify family: " << n << " instances, " << s.checked << " certificates, " << s.confirmed
            << " confirmed, " << s.rejected << " rejected, " << s.unsupported << " unsupported, " << s.seconds << " s\n";
  INFO(s.to_json().dump(1));
  CHECK(s.rejected == 0);
  CHECK(s.confirmed > 0);
  if (s.rejected == 0 && !std::getenv("ATTNBOUND_KEEP_FAMILY")) fs::remove_all(dir);  // kept for inspection otherwise
}

TEST_CASE("check run: the verify instance family of the alternatives (alt.*) is confirmed and none is unsupported",
          "[check][check_run]") {
  const fs::path dir = fresh_dir("alt_family");
  std::size_t n = 0;
  const unsigned long seed = 20250823;
  std::cerr << "alt family: seed " << seed << "\n";
  for (const std::string id : {"alt.sparsemax", "alt.entmax15", "alt.ssmax", "alt.sa_softmax", "alt.low_temperature"}) {
    const Statement& st = find_statement(id);
    for (const auto& v : st.info.variants)
      for (const auto& fi : instance_family(st.info, seed, id == "alt.sa_softmax" || id == "alt.low_temperature" ? 8 : 24)) {
        nlohmann::json inst = fi.instance;
        inst["variant"] = v.name;
        std::ofstream(dir / (std::to_string(n++) + ".json")) << inst.dump();
      }
  }
  const auto s = check::check_paths({dir.string()});
  std::cerr << "alt family: " << n << " instances, " << s.checked << " certificates, " << s.confirmed << " confirmed, "
            << s.rejected << " rejected, " << s.unsupported << " unsupported, " << s.not_certified << " not certified, "
            << s.seconds << " s\n";
  INFO(s.to_json().dump(1));
  CHECK(s.rejected == 0);
  CHECK(s.unsupported == 0);
  CHECK(s.confirmed > static_cast<long>(n / 2));  // most of the family is certified by the engine and re-proved here
  if (s.rejected == 0 && !std::getenv("ATTNBOUND_KEEP_FAMILY")) fs::remove_all(dir);
}

TEST_CASE("check run: a certified result is checked directly and summarised as the report's section", "[check][check_run]") {
  const Instance inst = Instance::parse(R"({"statement":"cor3.softmax_jacobian","logits":["0","0"],"temperature":"1"})");
  CertifyOptions o;
  o.start_bits = kDefaultPrecisionBits;
  check::RunSummary s;
  check::check_certified_result(inst, certify(inst, o), "eval", {}, s);
  const Instance tie = Instance::parse(R"({"statement":"cor3.softmax_jacobian.corrected","logits":["0","0"],"temperature":"0.1"})");
  check::check_certified_result(tie, certify(tie, o), "tie", {}, s);  // undecided: nothing to check
  CHECK(s.checked == 1);
  CHECK(s.confirmed == 1);
  const auto j = check::independent_check_section(s);
  CHECK(j["id"] == "independent_check");
  CHECK(j["summary"] == "1 of 1 certified verdicts re-checked, 0 rejected");
}

TEST_CASE("check run: merging summaries adds counts and lists, never seconds", "[check][check_run]") {
  check::RunSummary a, b;
  a.checked = 2, a.confirmed = 1, a.rejected = 1, a.seconds = 5;
  a.rejections.push_back({{"file", "a"}});
  b.checked = 3, b.confirmed = 2, b.unsupported = 1, b.not_certified = 4, b.from_records = 1, b.seconds = 7;
  b.unsupported_list.push_back({{"file", "b"}});
  a.merge(b);
  CHECK(a.checked == 5);
  CHECK(a.confirmed == 3);
  CHECK(a.rejected == 1);
  CHECK(a.unsupported == 1);
  CHECK(a.not_certified == 4);
  CHECK(a.from_records == 1);
  CHECK(a.rejections.size() == 1);
  CHECK(a.unsupported_list.size() == 1);
  CHECK(a.seconds == 5);
}
