// Campaign driver and tallies: see campaign.hpp.
#include "soundness/campaign.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

namespace attnbound::soundness {

void Tally::add(const InstanceCheck& c) {
  ++instances;
  if (c.status == "rejected") { ++rejected; return; }
  if (c.status == "engine_error") { ++engine_errors; return; }
  ++checked;
  sides += c.sides.size();
  sides_unavailable += static_cast<std::uint64_t>(c.sides_unavailable);
  if (c.sides_unavailable == 0) ++instances_fully_referenced;
  if (c.wrong_enclosures > 0) ++wrong_enclosures;
  if (c.wrong_certified_verdict) ++wrong_certified_verdicts;
  if (c.certified_beside_other) ++certified_beside_other;
  if (c.bad_tight) ++bad_tight;
  if (c.wrong_uncertified_verdict) ++wrong_uncertified_verdicts;
  for (const auto& s : c.sides) if (s.verdict_inconclusive) { ++verdicts_inconclusive; break; }
  for (const auto& s : c.sides) if (s.index_differs) { ++index_differs; break; }
}

void Tally::merge(const Tally& o) {
  instances += o.instances; checked += o.checked; rejected += o.rejected; engine_errors += o.engine_errors;
  instances_fully_referenced += o.instances_fully_referenced; sides += o.sides; sides_unavailable += o.sides_unavailable;
  wrong_enclosures += o.wrong_enclosures; wrong_certified_verdicts += o.wrong_certified_verdicts;
  certified_beside_other += o.certified_beside_other; bad_tight += o.bad_tight;
  wrong_uncertified_verdicts += o.wrong_uncertified_verdicts; verdicts_inconclusive += o.verdicts_inconclusive;
  index_differs += o.index_differs;
  seconds += o.seconds;
}

nlohmann::json Tally::to_json() const {
  return {{"instances", instances},
          {"checked", checked},
          {"rejected", rejected},
          {"engine_errors", engine_errors},
          {"instances_fully_referenced", instances_fully_referenced},
          {"instances_reference_unavailable", checked - instances_fully_referenced},
          {"sides", sides},
          {"sides_reference_unavailable", sides_unavailable},
          {"wrong_enclosures", wrong_enclosures},
          {"wrong_certified_verdicts", wrong_certified_verdicts},
          {"certified_beside_other", certified_beside_other},
          {"bad_tight", bad_tight},
          {"wrong_uncertified_verdicts", wrong_uncertified_verdicts},
          {"verdicts_inconclusive", verdicts_inconclusive},
          {"index_differs", index_differs},
          {"seconds", seconds}};
}

nlohmann::json CampaignSummary::to_json() const {
  nlohmann::json j{{"seed", seed}, {"first", first}, {"count", count}, {"precisions", precisions},
                   {"seconds", seconds}, {"instances_per_second", seconds > 0 ? static_cast<double>(total.instances) / seconds : 0.0},
                   {"total", total.to_json()}};
  for (const auto& [k, t] : by_statement) j["by_statement"][k] = t.to_json();
  for (const auto& [k, t] : by_family) j["by_family"][k] = t.to_json();
  j["slowest"] = slowest;
  j["examples"] = nlohmann::json::object();
  for (const auto& [k, v] : examples) j["examples"][k] = v;
  return j;
}

std::vector<std::string> failure_classes(const InstanceCheck& c) {
  std::vector<std::string> out;
  if (c.wrong_enclosures > 0) out.push_back("wrong_enclosure");
  if (c.wrong_certified_verdict) out.push_back("wrong_certified_verdict");
  if (c.certified_beside_other) out.push_back("certified_beside_other");
  if (c.bad_tight) out.push_back("bad_tight");
  if (c.wrong_uncertified_verdict) out.push_back("wrong_uncertified_verdict");
  return out;
}

CampaignSummary run_campaign(const CampaignOptions& options, std::ostream* progress) {
  const auto start = std::chrono::steady_clock::now();
  CampaignSummary summary;
  summary.seed = options.seed;
  summary.first = options.first;
  summary.count = options.count;
  const Generator generator(engine_precisions(options.check.certify.start_bits, options.check.certify.max_bits));
  summary.precisions = generator.precisions();
  if (!options.failures_dir.empty()) std::filesystem::create_directories(options.failures_dir);
  for (std::uint64_t k = 0; k < options.count; ++k) {
    const std::uint64_t index = options.first + k;
    const GeneratedInstance g = generator.generate(options.seed, index);
    if ((!options.only_family.empty() && g.family != options.only_family) ||
        (!options.only_statement.empty() && g.instance["statement"] != options.only_statement))
      continue;
    InstanceCheck c;
    const auto instance_start = std::chrono::steady_clock::now();
    try {
      c = check_instance(Instance::from_json(g.instance), g.exact_equality, options.check);
    } catch (const std::exception& e) {  // a malformed instance from the generator itself
      c.status = "engine_error";
      c.message = std::string("generator/instance: ") + e.what();
    }
    const std::string key = g.instance["statement"].get<std::string>() + "/" + g.instance["variant"].get<std::string>();
    const double instance_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - instance_start).count();
    for (Tally* t : {&summary.total, &summary.by_statement[key], &summary.by_family[g.family]}) {
      t->add(c);
      t->seconds += instance_seconds;
    }
    summary.slowest.push_back({{"seconds", instance_seconds}, {"index", index}, {"statement", key}, {"family", g.family}});
    std::sort(summary.slowest.begin(), summary.slowest.end(),
              [](const nlohmann::json& a, const nlohmann::json& b) { return a["seconds"].get<double>() > b["seconds"].get<double>(); });
    if (summary.slowest.size() > 10) summary.slowest.pop_back();
    for (const std::string& cls : failure_classes(c)) {
      auto& list = summary.examples[cls];
      nlohmann::json example{{"seed", options.seed}, {"index", index}, {"family", g.family},
                             {"exact_equality", g.exact_equality}, {"instance", g.instance}, {"check", c.to_json()}};
      if (list.size() < options.examples_per_class) list.push_back(example);
      if (!options.failures_dir.empty()) {
        const std::string stem = fmt::format("{}/{}.{}.{}.s{}.i{}", options.failures_dir, cls,
                                             g.instance["statement"].get<std::string>(),
                                             g.instance["variant"].get<std::string>(), options.seed, index);
        std::ofstream(stem + ".json") << g.instance.dump(2) << "\n";
        std::ofstream(stem + ".check.json") << example.dump(2) << "\n";
      }
    }
    if (progress && (k + 1) % 1000 == 0) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      *progress << fmt::format("[soundness] seed {} instances {}/{} ({:.0f}/s) wrong enclosures {} wrong certified {} "
                               "certified-beside-other {} bad tight {}\n",
                               options.seed, k + 1, options.count, (k + 1) / s, summary.total.wrong_enclosures,
                               summary.total.wrong_certified_verdicts, summary.total.certified_beside_other,
                               summary.total.bad_tight)
                << std::flush;
    }
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace attnbound::soundness
