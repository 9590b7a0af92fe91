#include "reports/statement_table.hpp"

#include "reports/tests/approval.hpp"
#include "testing/catch.hpp"
#include "theory/statement.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace attnbound::reports;

namespace {
std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("the statement table has one row per registered (id, variant), its words the registry's", "[reports]") {
  const std::string t = statement_table_markdown();
  std::size_t variants = 0;
  for (const auto& st : attnbound::all_statements()) {
    INFO(st.info.id);
    CHECK(count(t, "| `" + st.info.id + "` |") == 1);
    for (const auto& v : st.info.variants) {
      ++variants;
      CHECK(t.find("`" + v.name + "` | ") != std::string::npos);
    }
  }
  CHECK(count(t, "\n") == variants + 2);  // header, rule, rows
  CHECK(t.find("| `cor3.softmax_jacobian` | `spectral` | ||J||_2 <= min{1/(4T), sqrt 2} | [S] |") == std::string::npos);
  CHECK(t.find("| `cor3.softmax_jacobian` | `spectral` | \\|\\|J\\|\\|_2 <= min{1/(4T), sqrt 2} | [S] |\n") !=
        std::string::npos);  // '|' escaped
}

TEST_CASE("replace_statement_table swaps the block between the markers only", "[reports]") {
  const std::string text = std::string("before\n") + kStatementTableBegin + "\nold\n" + kStatementTableEnd + "\nafter\n";
  CHECK(replace_statement_table(text, "new\n") ==
        std::string("before\n") + kStatementTableBegin + "\nnew\n" + kStatementTableEnd + "\nafter\n");
  CHECK_THROWS_AS(replace_statement_table("no markers", "x"), std::invalid_argument);
}

TEST_CASE("theory/README.md holds the generated statement table, and no other README types it again", "[reports]") {
  const auto root = attnbound::testing::source_dir();
  const std::filesystem::path theory = root / "theory" / "README.md";
  const std::string text = read(theory);
  const std::string expected = replace_statement_table(text, statement_table_markdown());
  const char* update = std::getenv("ATTNBOUND_UPDATE_BASELINES");
  if (update && std::string(update) == "1" && expected != text) {
    std::ofstream(theory, std::ios::binary) << expected;
    WARN("statement table regenerated in " << theory.string());
  } else {
    INFO("theory/README.md's statement table differs from the registry: rerun with ATTNBOUND_UPDATE_BASELINES=1");
    CHECK(text == expected);
  }
  // The top README points to that table instead of typing it.
  const std::string top = read(root / "README.md");
  CHECK(top.find("| id | variant |") == std::string::npos);
  CHECK(top.find("theory/README.md#statements") != std::string::npos);
  CHECK(count(text, "| id | variant |") == 1);
}
