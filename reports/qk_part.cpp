#include "reports/qk_part.hpp"

#include "theory/errors.hpp"
#include "theory/scalar.hpp"
#include "verify/certify.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace attnbound::reports {
namespace {

using Tensor4 = std::vector<std::vector<std::vector<std::vector<double>>>>;

Tensor4 read_tensor(const nlohmann::json& j, const char* field) {
  if (!j.contains(field) || !j[field].is_array()) throw InputError(field, "missing or not an array [layer][head][...]");
  try {
    return j[field].get<Tensor4>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(field, std::string("not a 4-dimensional array of numbers: ") + e.what());
  }
}

struct Tally {
  std::size_t holds = 0, violated = 0, other = 0;
  std::optional<nlohmann::json> shortest;  // the shortest certified counterexample: {"instance", "result"}
};

}  // namespace

std::filesystem::path find_qk_file(const std::filesystem::path& shared_dir) {
  const auto p = shared_dir / "data" / "gpt2-qk" / "john-smith.json";
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) ? p : std::filesystem::path();
}

PartOutcome qk_part(const std::filesystem::path& file, const PartContext& ctx) {
  PartOutcome out;
  out.section = {"qk", "Corollary 1 on genuine GPT-2 queries and keys (gpt2-qk)", "", ""};
  std::error_code ec;
  if (file.empty() || !std::filesystem::is_regular_file(file, ec)) {
    out.section.status = "unavailable";
    out.section.detail = "no per-head query/key export (../shared/data/gpt2-qk/john-smith.json)";
    return out;
  }
  std::ifstream in(file, std::ios::binary);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError("qk", file.string() + ": malformed JSON: " + e.what());
  }
  const Tensor4 q = read_tensor(j, "queries"), k = read_tensor(j, "keys"), pattern = read_tensor(j, "pattern");
  if (q.empty() || q.size() != k.size() || q.size() != pattern.size()) throw InputError("queries", "layer counts differ");

  const std::vector<std::string> variants{"max_key", "literal"};
  std::vector<Tally> tallies(variants.size());
  std::vector<std::vector<std::size_t>> per_layer(q.size(), std::vector<std::size_t>(2 * variants.size(), 0));
  double max_pattern_error = 0;
  std::size_t rows = 0;
  const Statement& st = find_statement("cor1.softmax_weights");
  const auto decimal_row = [](const std::vector<double>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (double x : v) a.push_back(to_decimal(x));
    return a;
  };
  for (std::size_t l = 0; l < q.size(); ++l) {
    if (ctx.expired()) break;
    if (q[l].size() != k[l].size() || q[l].size() != pattern[l].size())
      throw InputError("queries", fmt::format("layer {}: head counts differ", l));
    ctx.progress(fmt::format("layer {}/{}", l + 1, q.size()));
    for (std::size_t h = 0; h < q[l].size(); ++h) {
      const auto& qs = q[l][h];
      const auto& ks = k[l][h];
      if (qs.size() != ks.size() || qs.size() != pattern[l][h].size())
        throw InputError("keys", fmt::format("layer {} head {}: token counts differ", l, h));
      for (std::size_t t = 0; t < qs.size(); ++t) {
        // The file's own attention: softmax over keys 0..t of q_t . k_j / 8, in double.
        std::vector<double> s(t + 1);
        for (std::size_t jx = 0; jx <= t; ++jx) {
          if (ks[jx].size() != qs[t].size()) throw InputError("keys", fmt::format("layer {} head {}: dimensions differ", l, h));
          double dotp = 0;
          for (std::size_t c = 0; c < qs[t].size(); ++c) dotp += qs[t][c] * ks[jx][c];
          s[jx] = dotp / 8;
        }
        const double m = *std::max_element(s.begin(), s.end());
        double total = 0;
        for (double& x : s) total += (x = std::exp(x - m));
        for (std::size_t jx = 0; jx <= t; ++jx)
          max_pattern_error = std::max(max_pattern_error, std::fabs(s[jx] / total - pattern[l][h][t].at(jx)));
        ++rows;
        nlohmann::json keys = nlohmann::json::array();
        for (std::size_t jx = 0; jx <= t; ++jx) keys.push_back(decimal_row(ks[jx]));
        for (std::size_t vi = 0; vi < variants.size(); ++vi) {
          nlohmann::json inst_json{{"statement", st.info.id}, {"variant", variants[vi]}, {"query", decimal_row(qs[t])},
                                   {"keys", keys}, {"temperature", "8"}};
          const Instance inst = Instance::from_json(inst_json);
          const CertifiedResult r = certify(st, inst, variants[vi]);
          Tally& tally = tallies[vi];
          if (r.certified && r.verdict == Verdict::holds) ++tally.holds, ++per_layer[l][2 * vi];
          else if (r.certified && r.verdict == Verdict::violated) {
            ++tally.violated, ++per_layer[l][2 * vi + 1];
            if (!tally.shortest || inst_json.dump().size() < (*tally.shortest)["instance"].dump().size())
              tally.shortest = nlohmann::json{{"kind", "counterexample"}, {"source", fmt::format("gpt2-qk layer {} head {} row {}", l, h, t)},
                                              {"instance", inst_json}, {"result", to_json(r)}};
          } else {
            ++tally.other;
          }
          if (r.certified && ctx.recheck) ctx.recheck(inst, r, fmt::format("qk {} layer {} head {} row {}", variants[vi], l, h, t));
        }
      }
    }
  }
  Table t{"qk_cor1", "Corollary 1 on genuine GPT-2 queries and keys, per layer",
          "Certified verdicts (MPFI, precision escalation) of cor1.softmax_weights on every head and causal row of "
          "the 9-token bertviz export, T = 8 (scores = q . k / 8).",
          {}, {}};
  t.columns = {{"layer", "", Column::Kind::exact}};
  for (const auto& v : variants) {
    t.columns.push_back({v + " holds", "certified", Column::Kind::exact});
    t.columns.push_back({v + " violated", "certified", Column::Kind::exact});
  }
  for (std::size_t l = 0; l < per_layer.size(); ++l) {
    std::vector<Cell> row{static_cast<long long>(l)};
    for (auto c : per_layer[l]) row.push_back(static_cast<long long>(c));
    t.rows.push_back(std::move(row));
  }
  out.tables.push_back(std::move(t));
  for (std::size_t vi = 0; vi < variants.size(); ++vi) {
    const Tally& tally = tallies[vi];
    VerdictRow v;
    v.statement = st.info.id;
    v.variant = variants[vi];
    v.certified_holds = tally.holds;
    v.verdict = tally.violated ? "violated" : tally.other ? "undecided" : "holds";
    v.certified = tally.violated > 0 || (tally.holds > 0 && tally.other == 0);
    v.evidence = fmt::format("{} (layer, head, row) cases of the genuine GPT-2 queries and keys: {} certified holds, {} "
                             "certified violations, {} undecided",
                             rows, tally.holds, tally.violated, tally.other);
    if (tally.shortest) {
      const std::string rel = "counterexamples/qk/" + st.info.id + "." + variants[vi] + ".json";
      out.generated.push_back({rel, tally.shortest->dump(2) + "\n"});
      v.counterexamples.push_back(rel);
    }
    out.verdicts.push_back(std::move(v));
  }
  out.config = {{"file", file.filename().string()}, {"temperature", "8"}, {"variants", variants}};
  out.notes.push_back(fmt::format("gpt2-qk: softmax(q k^T / 8) of the file's vectors matches its stored attention "
                                  "pattern to {:.3g} (max abs difference in double over {} rows).",
                                  max_pattern_error, rows));
  out.section.status = ctx.expired() && rows == 0 ? "skipped" : "ran";
  out.section.detail = fmt::format("{} (layer, head, row) cases x 2 readings: max_key {} hold / {} violated, literal {} "
                                   "hold / {} violated (certified)",
                                   rows, tallies[0].holds, tallies[0].violated, tallies[1].holds, tallies[1].violated);
  return out;
}

}  // namespace attnbound::reports
