#include "reports/smallest_counterexample.hpp"

#include "theory/errors.hpp"
#include "verify/certify.hpp"
#include "verify/proof_replay.hpp"

#include <cctype>
#include <fstream>
#include <iterator>

namespace attnbound::reports {

std::string shortened(const std::string& text, std::size_t digits) {
  const std::size_t e = text.find_first_of("eE");
  std::string mantissa = text.substr(0, e), exponent = e == std::string::npos ? "" : text.substr(e);
  std::size_t seen = 0, cut = mantissa.size();
  for (std::size_t i = 0; i < mantissa.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(mantissa[i])) && (seen > 0 || mantissa[i] != '0') && ++seen > digits) {
      cut = i;
      break;
    }
  mantissa.resize(cut);
  if (!mantissa.empty() && mantissa.back() == '.') mantissa.pop_back();
  return mantissa + exponent;
}

std::optional<CounterexampleFinding> smallest_counterexample(const VerdictRow& v, const BuiltReport& b) {
  std::optional<CounterexampleFinding> best;
  std::size_t best_size = 0;
  for (const auto& rel : v.counterexamples) {
    std::string text;
    for (const auto& [path, content] : b.generated)
      if (path == rel) text = content;
    for (const auto& [src, path] : b.attachments)
      if (path == rel && text.empty()) {
        std::ifstream in(src, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    try {
      const nlohmann::json j = nlohmann::json::parse(text);
      nlohmann::json inst_json = j.contains("instance") && j["instance"].is_object() ? j["instance"] : j;
      inst_json["statement"] = v.statement;
      inst_json["variant"] = v.variant;
      const std::string compact = inst_json.dump();
      if (best && compact.size() >= best_size) continue;
      const Instance inst = Instance::from_json(inst_json);
      const CertifiedResult res = certify(inst);
      if (!(res.certified && res.verdict == Verdict::violated)) continue;
      CounterexampleFinding f;
      f.file = rel;
      f.instance = compact;
      f.precision_bits = res.precision_bits;
      for (const auto& side : res.sides)
        if (side.verdict == Verdict::violated) {
          f.side = side.name;
          f.quantity = "[" + shortened(side.quantity.lo, 6) + ", " + shortened(side.quantity.hi, 6) + "]";
          f.bound = "[" + shortened(side.bound.lo, 6) + ", " + shortened(side.bound.hi, 6) + "]";
          break;
        }
      // The replay's first false step names where the paper's derivation breaks. Every statement has a chain,
      // but a chain may refuse an instance it does not follow (thm1.fixed's other distance readings, a top_n
      // too large to enumerate at every precision): InputError, and the column stays empty.
      try {
        const ProofResult proof = replay_proof(inst);
        if (proof.first_false) f.first_false_step = proof.steps[*proof.first_false].name;
      } catch (const InputError&) {
      }
      best = f;
      best_size = compact.size();
    } catch (const std::exception&) {
      continue;  // an unreadable file or an instance the engine refuses is no finding
    }
  }
  return best;
}

}  // namespace attnbound::reports
