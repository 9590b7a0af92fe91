#include "counterexamples/corpus.hpp"

#include "counterexamples/certify.hpp"
#include "counterexamples/parameterization.hpp"
#include "theory/statement.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace attnbound::search {
namespace fs = std::filesystem;

std::vector<std::pair<fs::path, nlohmann::json>> load_corpus(const fs::path& dir) {
  std::vector<std::pair<fs::path, nlohmann::json>> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") {
      std::ifstream in(e.path());
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(in);
      } catch (const std::exception& ex) {
        throw std::runtime_error(fmt::format("corpus entry {} is not valid JSON: {}", e.path().string(), ex.what()));
      }
      out.emplace_back(e.path(), std::move(j));
    }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

nlohmann::json make_corpus_entry(const SearchConfig& config, const SearchResult& result, const Found& found,
                                 const InstanceSpace& space, const std::optional<ShrinkResult>& shrunk,
                                 double shrink_seconds, const std::optional<Certificate>& confirmation) {
  const nlohmann::json& instance = shrunk ? shrunk->instance : found.instance;
  const Certificate& cert = shrunk ? shrunk->certificate : found.certificate;
  const bool statistical = !cert.violated() && cert.statistically_violated() && confirmation &&
                           confirmation->statistically_violated();
  const std::string kind = cert.violated() ? "counterexample" : statistical ? "statistical_counterexample" : "witness";
  const Size size = instance_size(space, instance);
  const CandidateSide* head = cert.headline(config.side);
  // The ratio the entry reports: the double ratio of the instance it stores.
  const PointRatio pr = point_ratio(find_statement(config.statement), instance, config.variant, config.side);
  nlohmann::json e{
      {"kind", kind},
      {"statement", config.statement},
      {"variant", config.variant},
      {"side", head ? head->name : ""},
      {"instance", instance},
      {"ratio", head && std::isfinite(head->ratio_mid) ? shortest_decimal(head->ratio_mid)
                                                        : (head ? head->ratio_hi : std::string("0"))},
      {"double_ratio", pr.valid && std::isfinite(pr.ratio) ? shortest_decimal(pr.ratio) : std::string("nan")},
      {"certificate", to_json(cert)},
      {"search",
       {{"seed", config.seed},
        {"strategy", config.strategy},
        {"found_by", found.strategy},
        {"found_at_evaluation", found.evaluation},
        {"evaluations", result.evaluations},
        {"max_evaluations", config.max_evaluations},
        {"budget_seconds", config.budget_seconds},
        {"max_length", config.limits.max_length},
        {"max_dim", config.limits.max_dim},
        {"stopped_by", result.stopped_by},
        {"gradient", result.analytic_gradient ? "analytic" : "central differences"}}},
      {"size", {{"length", size.length}, {"dim", size.dim}}},
      {"timing", {{"search_seconds", result.seconds}, {"shrink_seconds", shrink_seconds}}}};
  if (statistical) e["confirmation"] = to_json(*confirmation);
  if (shrunk) {
    const Size from = instance_size(space, found.instance);
    e["shrink"] = {{"steps", shrunk->steps}, {"attempts", shrunk->attempts},
                   {"from", {{"length", from.length}, {"dim", from.dim}}}, {"original", found.instance}};
  }
  return e;
}

fs::path write_corpus_entry(const fs::path& dir, const nlohmann::json& entry) {
  fs::create_directories(dir);
  for (const auto& [path, j] : load_corpus(dir))
    if (j.value("kind", "") == entry.at("kind") && j.contains("instance") && j.at("instance") == entry.at("instance"))
      return path;
  const std::string stem = entry.at("statement").get<std::string>() + "." + entry.at("variant").get<std::string>();
  for (int n = 1;; ++n) {
    const fs::path p = dir / fmt::format("{}.{}.json", stem, n);
    if (fs::exists(p)) continue;
    std::ofstream out(p);
    out << entry.dump(2) << "\n";
    if (!out) throw std::runtime_error("cannot write " + p.string());
    return p;
  }
}

ReplayOutcome replay_corpus_entry(const nlohmann::json& entry) {
  ReplayOutcome r;
  const Statement& st = find_statement(entry.at("statement").get<std::string>());
  const std::string variant = entry.at("variant").get<std::string>();
  const auto& rec = entry.at("certificate");
  const unsigned bits = rec.at("precision_bits").get<unsigned>();
  const Certificate c = certify_candidate(st, entry.at("instance"), variant, bits, options_of(rec));
  if (!c.valid) {
    r.message = "evaluation failed: " + c.error;
    return r;
  }
  const std::string kind = entry.at("kind").get<std::string>();
  if (kind == "counterexample") {
    r.ok = c.violated();
    r.message = r.ok ? "still a certified violation" : "no longer a certified violation";
    return r;
  }
  if (kind == "statistical_counterexample") {
    const auto& conf = entry.at("confirmation");
    const Certificate fresh = certify_candidate(st, entry.at("instance"), variant, bits, options_of(conf));
    r.ok = !c.certified() && c.statistically_violated() && fresh.valid && fresh.statistically_violated();
    r.message = r.ok ? "still a statistical violation under both recorded seeds"
                     : "no longer a statistical violation under both recorded seeds";
    return r;
  }
  // Witness: the recorded side's ratio, recomputed, must be the same enclosure.
  const std::string side = entry.at("side").get<std::string>();
  const CandidateSide* s = nullptr;
  for (const auto& cs : c.sides)
    if (cs.name == side) s = &cs;
  const nlohmann::json* recorded = nullptr;
  for (const auto& rs : rec.at("sides"))
    if (rs.at("side") == side) recorded = &rs;
  if (!s || !recorded) {
    r.message = "side " + side + " missing";
    return r;
  }
  const double lo = number_of(s->ratio_lo), hi = number_of(s->ratio_hi);
  const double rlo = number_of(recorded->at("ratio").at("lo")), rhi = number_of(recorded->at("ratio").at("hi"));
  const double recorded_mid = 0.5 * (rlo + rhi);
  // Both enclosures are certified at the same precision, so they must overlap; the recorded midpoint
  // must lie in the recomputed enclosure widened by one double ulp (the decimal/double round trip).
  const bool overlap = lo <= rhi && rlo <= hi;
  const bool mid_inside = std::nextafter(lo, -INFINITY) <= recorded_mid && recorded_mid <= std::nextafter(hi, INFINITY);
  r.ok = overlap && mid_inside;
  r.message = fmt::format("ratio enclosure [{}, {}] vs recorded [{}, {}]", s->ratio_lo, s->ratio_hi,
                          recorded->at("ratio").at("lo").get<std::string>(),
                          recorded->at("ratio").at("hi").get<std::string>());
  return r;
}

nlohmann::json tightness_summary(const fs::path& dir) {
  std::map<std::string, nlohmann::json> best;  // key: statement/variant
  for (const auto& [path, e] : load_corpus(dir)) {
    const std::string key = e.at("statement").get<std::string>() + "\t" + e.at("variant").get<std::string>();
    const double ratio = number_of(e.at("ratio"));
    auto it = best.find(key);
    if (it != best.end() && number_of(it->second.at("ratio")) >= ratio) continue;
    nlohmann::json row{{"statement", e.at("statement")},
                       {"variant", e.at("variant")},
                       {"side", e.value("side", "")},
                       {"kind", e.at("kind")},
                       {"certified", e.at("certificate").value("certified", true)},
                       {"ratio", e.at("ratio")},
                       {"file", path.filename().string()},
                       {"length", e.at("size").at("length")},
                       {"dim", e.at("size").at("dim")},
                       {"strategy", e.at("search").at("found_by")},
                       {"seed", e.at("search").at("seed")},
                       {"seconds", e.at("timing").at("search_seconds")}};
    for (const auto& s : e.at("certificate").at("sides"))
      if (s.at("side") == row["side"]) row["certified_ratio"] = s.at("ratio");
    best[key] = row;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (auto& [k, v] : best) rows.push_back(v);
  return {{"entries", rows}};
}

std::string tightness_summary_text(const nlohmann::json& summary) {
  std::ostringstream out;
  out << fmt::format("{:<34} {:<16} {:<26} {:<9} {:>22} {:>5} {:>3} {:<12} {:>8}\n", "statement", "variant", "kind",
                     "certified", "best ratio", "L", "d", "strategy", "seconds");
  for (const auto& r : summary.at("entries"))
    out << fmt::format("{:<34} {:<16} {:<26} {:<9} {:>22} {:>5} {:>3} {:<12} {:>8.2f}\n",
                       r.at("statement").get<std::string>(), r.at("variant").get<std::string>(),
                       r.at("kind").get<std::string>(), r.value("certified", true) ? "yes" : "no (MC)",
                       r.at("ratio").get<std::string>(), r.at("length").get<std::int64_t>(),
                       r.at("dim").get<std::int64_t>(), r.at("strategy").get<std::string>(),
                       r.at("seconds").get<double>());
  return out.str();
}

SearchRecord record_search(const SearchConfig& config, const SearchResult& result) {
  const Statement& st = find_statement(config.statement);
  const InstanceSpace& space = *find_instance_space(config.statement);
  std::optional<ShrinkResult> shrunk;
  std::optional<Certificate> confirmation;
  const auto t0 = std::chrono::steady_clock::now();
  const bool statistical = !result.violation && result.best->certificate.statistically_violated();
  const Found& found = result.violation ? *result.violation : *result.best;
  SearchRecord rec;
  if (result.violation) {
    shrunk = shrink_violation(st, space, config.variant, found.instance, config.precision_bits);
    rec.result = "certified violation";
  } else if (statistical) {
    shrunk = shrink_statistical_violation(st, space, config.variant, found.instance, config.precision_bits);
    confirmation = confirm_statistical(st, shrunk->instance, config.variant, config.precision_bits);
    if (confirmation->statistically_violated()) {
      rec.result = "statistical violation (Monte Carlo, not certified; confirmed on fresh samples)";
    } else {  // not reproduced on fresh samples: keep the search's best, unshrunk, as a witness
      rec.result = "statistical violation not confirmed on fresh samples: recorded as a witness";
      shrunk.reset();
      confirmation.reset();
    }
  } else {
    rec.result = "no violation: tightness witness";
  }
  const double shrink_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rec.entry = make_corpus_entry(config, result, found, space, shrunk, shrink_seconds, confirmation);
  return rec;
}

}  // namespace attnbound::search
