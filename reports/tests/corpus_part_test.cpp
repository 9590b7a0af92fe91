#include "reports/corpus_part.hpp"

#include "testing/catch.hpp"

#include <fstream>
#include <unistd.h>

using namespace attnbound::reports;
namespace fs = std::filesystem;

TEST_CASE("corpus part: counterexamples become certified violated rows, other files are listed or counted", "[reports]") {
  const fs::path dir = fs::temp_directory_path() / ("attnbound-corpus-part-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "a.json")
      << R"({"kind": "counterexample", "statement": "cor3.softmax_jacobian", "variant": "frobenius", "ratio": "2"})";
  std::ofstream(dir / "b.json")
      << R"({"kind": "counterexample", "instance": {"statement": "cor3.softmax_jacobian", "variant": "frobenius"}})";
  std::ofstream(dir / "c.json") << R"({"statement": "cor1.softmax_weights", "variant": "max_key"})";
  std::ofstream(dir / "broken.json") << "{";
  std::ofstream(dir / "array.json") << "[1, 2]";
  std::ofstream(dir / "notes.txt") << "not a corpus file";
  const PartOutcome o = corpus_part(dir);
  CHECK(o.section.status == "ran");
  CHECK(o.section.detail == "5 file(s), 1 counterexample(s), 2 unreadable");
  REQUIRE(o.verdicts.size() == 1);  // a.json and b.json are the same reading
  CHECK(o.verdicts[0].statement == "cor3.softmax_jacobian");
  CHECK(o.verdicts[0].verdict == "violated");
  CHECK(o.verdicts[0].certified);
  CHECK(o.verdicts[0].counterexamples ==
        std::vector<std::string>{"counterexamples/a.json", "counterexamples/b.json"});
  REQUIRE(o.tables.size() == 1);
  REQUIRE(o.tables[0].rows.size() == 3);
  CHECK(std::get<std::string>(o.tables[0].rows[0][4]) == "2");         // a.json's ratio
  CHECK(std::get<std::string>(o.tables[0].rows[2][1]) == "instance");  // c.json has no kind
  CHECK(o.attachments.size() == 3);
  fs::remove_all(dir);
  CHECK(corpus_part(dir).section.status == "unavailable");
  CHECK(corpus_part({}).section.status == "unavailable");
}
