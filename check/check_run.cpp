// check/check_run.hpp.
#include "check/check_run.hpp"

#include "check/check_prove.hpp"

#include "check/statement_sides.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"
#include "verify/certificate.hpp"
#include "verify/certify.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attnbound::check {
namespace fs = std::filesystem;

void RunSummary::merge(const RunSummary& more) {
  checked += more.checked;
  confirmed += more.confirmed;
  rejected += more.rejected;
  unsupported += more.unsupported;
  skipped += more.skipped;
  not_certified += more.not_certified;
  from_instances += more.from_instances;
  from_records += more.from_records;
  for (const auto& x : more.rejections) rejections.push_back(x);
  for (const auto& x : more.unsupported_list) unsupported_list.push_back(x);
}

nlohmann::json RunSummary::to_json() const {
  return {{"checked", checked},         {"confirmed", confirmed},       {"rejected", rejected},
          {"unsupported", unsupported}, {"skipped", skipped},           {"not_certified", not_certified},
          {"from_instances", from_instances}, {"from_records", from_records}, {"rejections", rejections}, {"unsupported_list", unsupported_list},
          {"seconds", seconds},         {"ok", ok()}};
}

nlohmann::json independent_check_section(const RunSummary& s) {
  nlohmann::json j = s.to_json();
  j["id"] = "independent_check";
  j["summary"] = std::to_string(s.confirmed) + " of " + std::to_string(s.checked) + " certified verdicts re-checked, " +
                 std::to_string(s.rejected) + " rejected" +
                 (s.unsupported ? ", " + std::to_string(s.unsupported) + " unsupported" : "");
  return j;
}

void check_certified_result(const Instance& inst, const CertifiedResult& r, const std::string& label,
                            const CheckOptions& options, RunSummary& summary) {
  if (!certificate_applies(r)) return;
  check_certificate_json(make_certificate(inst, r), label, options, summary);
}

void check_certificate_json(const nlohmann::json& j, const std::string& file, const CheckOptions& options,
                            RunSummary& summary) {
  if (is_prove_certificate(j)) {  // a domain proof (`attnbound prove`): check/check_prove.hpp
    ProveCheckOutcome out;
    try {
      out = check_prove_certificate(j, options);
    } catch (const InputError& e) {
      throw InputError(file, e.what());
    }
    ++summary.checked;
    if (out.outcome.kind == CheckOutcome::Kind::confirmed) ++summary.confirmed;
    if (out.outcome.kind == CheckOutcome::Kind::rejected) {
      ++summary.rejected;
      summary.rejections.push_back({{"file", file}, {"statement", j.value("statement", "")}, {"variant", j.value("variant", "")},
                                    {"why", out.outcome.why}});
    }
    return;
  }
  Certificate c;
  try {
    c = read_certificate(j);
  } catch (const InputError& e) {
    throw InputError(file, e.what());
  }
  CheckOutcome out;
  try {
    out = check_certificate(c, options);
  } catch (const InputError& e) {
    throw InputError(file, e.what());
  }
  using Kind = CheckOutcome::Kind;
  if (out.kind == Kind::skipped) {
    ++summary.skipped;
    return;
  }
  ++summary.checked;
  if (out.kind == Kind::confirmed) ++summary.confirmed;
  if (out.kind == Kind::unsupported) {
    ++summary.unsupported;
    summary.unsupported_list.push_back({{"file", file}, {"statement", c.statement}, {"variant", c.variant}});
  }
  if (out.kind == Kind::rejected) {
    ++summary.rejected;
    summary.rejections.push_back({{"file", file}, {"statement", c.statement}, {"variant", c.variant}, {"why", out.why}});
  }
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The certificate of the verdict a corpus record stores ("certificate": {"certified": true, "verdict":
// "holds" | "violated", "sides": [{"side", "relation": "quantity <= bound", "verdict", "quantity", "bound"}],
// "precision_bits"}), in format version 1 without witnesses; null when the record stores no such verdict.
nlohmann::json record_certificate(const nlohmann::json& record) {
  if (!record.contains("certificate") || !record["certificate"].is_object()) return nullptr;
  const auto& rc = record["certificate"];
  if (rc.value("certified", false) != true) return nullptr;
  const std::string verdict = rc.value("verdict", "");
  if (verdict != "holds" && verdict != "violated") return nullptr;
  const auto& inst = record["instance"];
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& s : rc.value("sides", nlohmann::json::array())) {
    const std::string rel = s.value("relation", "");
    sides.push_back({{"name", s.value("side", "")},
                     {"relation", rel == "quantity >= bound" ? "at_least" : rel == "quantity <= bound" ? "at_most" : rel},
                     {"verdict", s.value("verdict", "")},
                     {"quantity", s.value("quantity", nlohmann::json::object())},
                     {"bound", s.value("bound", nlohmann::json::object())}});
  }
  const std::string statement = inst.value("statement", "");
  std::string variant = inst.value("variant", record.value("variant", ""));
  if (variant.empty())
    if (const auto* t = find_statement_table(statement)) variant = t->variants[0];
  return {{"format", kCertificateFormat}, {"version", kCertificateVersion}, {"instance", inst},
          {"statement", statement}, {"variant", variant}, {"verdict", verdict}, {"certified", true},
          {"precision_bits", rc.value("precision_bits", 0)}, {"sides", sides}};
}

void check_file(const std::string& path, const CheckOptions& options, RunSummary& summary) {
  const std::string text = read_file(path);
  nlohmann::json j;
  try {
    j = parse_json_exact(text);  // keeps number literals as their text (a certificate's are strings anyway)
  } catch (const InputError& e) {
    throw InputError(path, e.what());
  }
  if (!j.is_object()) throw InputError(path, "expected a JSON object (a certificate, a corpus record or an instance)");
  if (is_certificate(j) || j.contains("format")) return check_certificate_json(j, path, options, summary);
  const bool record = j.contains("instance") && j["instance"].is_object();
  const nlohmann::json inst_json = record ? j["instance"] : j;
  if (record) {
    const nlohmann::json stored = record_certificate(j);
    if (!stored.is_null()) {
      ++summary.from_records;
      check_certificate_json(stored, path + " (stored verdict)", options, summary);
    }
  }
  if (!inst_json.contains("statement"))
    throw InputError(path, "neither a certificate (\"format\") nor a corpus record (\"instance\") nor an instance (\"statement\")");
  Instance inst = [&] {
    try {
      return Instance::from_json(inst_json);
    } catch (const InputError& e) {
      throw InputError(path, e.what());
    }
  }();
  CertifiedResult r;
  try {
    CertifyOptions co;
    co.start_bits = kDefaultPrecisionBits;  // as `attnbound eval`
    r = certify(inst, co);
  } catch (const HypothesisError&) {
    ++summary.not_certified;  // the engine refuses the instance: nothing certified, nothing to check
    return;
  } catch (const InputError& e) {
    throw InputError(path, e.what());
  }
  if (!certificate_applies(r)) {
    ++summary.not_certified;
    return;
  }
  ++summary.from_instances;
  check_certificate_json(make_certificate(inst, r), path, options, summary);
}

}  // namespace

RunSummary check_paths(const std::vector<std::string>& paths, const CheckOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RunSummary summary;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path().string());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) check_file(f, options, summary);
    } else if (fs::exists(p, ec)) {
      check_file(p, options, summary);
    } else {
      throw InputError(p, "no such file or directory");
    }
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace attnbound::check
