// check/check_run.hpp.
#include "check/check_run.hpp"

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

nlohmann::json RunSummary::to_json() const {
  return {{"checked", checked},         {"confirmed", confirmed},       {"rejected", rejected},
          {"unsupported", unsupported}, {"skipped", skipped},           {"not_certified", not_certified},
          {"from_instances", from_instances}, {"rejections", rejections}, {"unsupported_list", unsupported_list},
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
  const nlohmann::json inst_json = j.contains("instance") && j["instance"].is_object() ? j["instance"] : j;
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
