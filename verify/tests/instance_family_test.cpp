// Tests of verify/instance_family: determinism for a seed, validity of the instances (only declared fields,
// parseable), coverage of the size and temperature ranges, and the corpus reader.
#include "testing/catch.hpp"
#include "verify/instance_family.hpp"

#include <filesystem>
#include <fstream>
#include <set>

using namespace attnbound;

TEST_CASE("instance_family: the same seed gives the same instances, another seed others", "[instance_family]") {
  for (const auto& st : all_statements()) {
    INFO(st.info.id);
    const auto a = instance_family(st.info, 42, 20), b = instance_family(st.info, 42, 20);
    const auto c = instance_family(st.info, 43, 20);
    REQUIRE(a.size() == 20);
    bool differs = false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      CHECK(a[k].instance == b[k].instance);
      CHECK(a[k].label == b[k].label);
      differs = differs || a[k].instance != c[k].instance;
    }
    CHECK(differs);
  }
}

TEST_CASE("instance_family: instances use only declared fields and parse as exact instances", "[instance_family]") {
  for (const auto& st : all_statements()) {
    for (const auto& fi : instance_family(st.info, 7, 30)) {
      INFO(st.info.id << " " << fi.label);
      const Instance inst = Instance::from_json(fi.instance);
      CHECK_NOTHROW(inst.check_fields(st.info.inputs));
      CHECK(inst.statement() == st.info.id);
    }
  }
}

TEST_CASE("instance_family: sizes span 2..4096 and temperatures 1e-6..1e6 for Corollary 3", "[instance_family]") {
  const auto& st = find_statement("cor3.softmax_jacobian");
  std::set<std::size_t> sizes;
  std::set<std::string> temperatures, kinds;
  for (const auto& fi : instance_family(st.info, 1, 84)) {
    sizes.insert(fi.instance["logits"].size());
    temperatures.insert(fi.instance["temperature"].get<std::string>());
    kinds.insert(fi.label.substr(0, fi.label.find(' ')));
  }
  CHECK(*sizes.begin() == 2);
  CHECK(*sizes.rbegin() == 4096);
  CHECK(temperatures.count("1e-6") == 1);
  CHECK(temperatures.count("1e6") == 1);
  CHECK(kinds == std::set<std::string>{"random", "all-tied", "two-way-tie", "near-tie", "one-hot", "large-logits"});
}

TEST_CASE("instance_family: corpus files naming the statement are read, bad files reported", "[instance_family]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "attnbound-corpus-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.json") << R"({"statement":"cor3.softmax_jacobian","logits":[0,0],"temperature":0.1,"certificate":{"x":1}})";
  std::ofstream(dir / "b.json") << R"({"statement":"cor3.softmax_jacobian","logits":["1","2"],"temperature":"1"})";
  std::ofstream(dir / "c.json") << R"({"statement":"cor3.softmax_jacobian.corrected","logits":[0],"temperature":1})";
  std::ofstream(dir / "d.json") << R"({"statement": )";
  // The counterexample corpus's own format: the instance nested beside its certificate.
  std::ofstream(dir / "e.json") << R"({"statement":"cor3.softmax_jacobian","certificate":{"verdict":"violated"},)"
                                   R"("instance":{"statement":"cor3.softmax_jacobian","logits":["3","3"],"temperature":"0.5"}})";
  std::vector<std::string> errors;
  const auto got = corpus_instances(dir.string(), "cor3.softmax_jacobian", &errors);
  fs::remove_all(dir);
  REQUIRE(got.size() == 3);
  CHECK(got[0].label == "corpus a.json");
  CHECK(got[0].instance["temperature"] == "0.1");  // the literal text is kept
  CHECK_FALSE(got[0].instance.contains("certificate"));  // annotations are dropped
  CHECK(got[1].instance["logits"][1] == "2");
  CHECK(got[2].label == "corpus e.json");
  CHECK(got[2].instance["logits"][0] == "3");
  CHECK(got[2].instance["temperature"] == "0.5");
  CHECK_FALSE(got[2].instance.contains("certificate"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("d.json") == 0);
  CHECK(corpus_instances("/nonexistent/folder", "x", &errors).empty());
}

TEST_CASE("instance_family: every per-statement length cap names a registry statement and applies", "[instance_family]") {
  std::set<std::string> seen;
  for (const auto& cap : family_length_caps()) {
    INFO(cap.statement);
    const Statement& st = find_statement(cap.statement);  // InputError for an id the registry does not know
    CHECK(seen.insert(cap.statement).second);
    CHECK(family_max_length(st.info) == cap.max_length);
    CHECK_FALSE(cap.why.empty());
  }
  // The field-based caps and the default, for statements without their own.
  CHECK(family_max_length(find_statement("thm1.fixed").info) == 256);            // x
  CHECK(family_max_length(find_statement("cor1.softmax_weights").info) == 1024);  // keys
  CHECK(family_max_length(find_statement("cor3.softmax_jacobian").info) == 4096);
}
