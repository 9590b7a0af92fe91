#include "reports/corpus_part.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>

namespace attnbound::reports {

PartOutcome corpus_part(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  PartOutcome out;
  out.section = {"corpus", "Counterexample corpus", "", ""};
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    out.section.status = "unavailable";
    out.section.detail = "no counterexample corpus folder (counterexamples/corpus)";
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Table t{"corpus", "Counterexample corpus", "Files of counterexamples/corpus, copied beside this report.", {}, {}};
  t.columns = {{"file", "", Column::Kind::text}, {"kind", "", Column::Kind::text},
               {"statement", "", Column::Kind::text}, {"variant", "", Column::Kind::text},
               {"ratio", "quantity/bound", Column::Kind::text}};
  // (statement, variant) -> files; rows of the verdict table are matched to these by the builder.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> by_statement;
  std::size_t bad = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {  // not JSON (parse gives "discarded") or not an object
      ++bad;
      continue;
    }
    auto str = [&](const nlohmann::json& o, const char* k) {
      return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    std::string statement = str(j, "statement"), variant = str(j, "variant");
    if (statement.empty() && j.contains("instance") && j["instance"].is_object()) {
      statement = str(j["instance"], "statement");
      variant = str(j["instance"], "variant");
    }
    const std::string kind = j.contains("kind") ? str(j, "kind") : "instance";
    const std::string rel = "counterexamples/" + f.filename().string();
    out.attachments.push_back({f, rel});
    t.rows.push_back({rel, kind, statement, variant, str(j, "ratio")});
    if (kind == "counterexample") by_statement[{statement, variant}].push_back(rel);
  }
  for (const auto& [key, paths] : by_statement) {
    VerdictRow v;
    v.statement = key.first;
    v.variant = key.second;
    v.verdict = "violated";
    v.certified = true;  // corpus counterexamples are certified violations (counterexamples/corpus.hpp contract)
    v.evidence = fmt::format("{} certified counterexample(s) in the corpus", paths.size());
    v.counterexamples = paths;
    out.verdicts.push_back(std::move(v));
  }
  out.section.status = "ran";
  out.section.detail = fmt::format("{} file(s), {} counterexample(s){}", files.size(),
                                   out.verdicts.size(), bad ? fmt::format(", {} unreadable", bad) : "");
  if (!t.rows.empty()) out.tables.push_back(std::move(t));
  return out;
}

}  // namespace attnbound::reports
