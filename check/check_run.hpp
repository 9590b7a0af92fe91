// `attnbound check FILE|DIR...`: re-verifies every certificate found (check/check_certificate.hpp).
//
// Contract: a DIR means every *.json file below it (recursively, in sorted order). Each JSON file is
//   a certificate ("format": "attnbound-certificate"): checked as it is;
//   a corpus record (an object with an "instance" object, counterexamples/corpus): the verdict it stores
//   ("certificate" with "certified": true and holds/violated) is checked as a certificate without witnesses
//   (from_records), and then, like a bare instance (an object with "statement"), it is certified with the engine (verify/certify.hpp, default options) and, when the
//   result is a certified holds or violated, turned into a certificate (verify/certificate.hpp) and checked;
//   otherwise counted in "not_certified" (the engine proves nothing there, so there is nothing to check).
// Summary JSON: checked (certificates checked, including those made from instances and records), confirmed, rejected,
// unsupported, skipped ("certified": false), not_certified, from_instances, from_records, rejections [{file, statement,
// variant, why}], unsupported_list [{file, statement, variant}], seconds. ok() is true iff rejected == 0
// (unsupported is not a failure: it is listed). Unreadable files, malformed JSON or a malformed
// certificate, an unknown statement or variant: InputError naming the file (the CLI's exit code 2).
#pragma once

#include "check/check_certificate.hpp"
#include "verify/certify.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace attnbound::check {

struct RunSummary {
  long checked = 0, confirmed = 0, rejected = 0, unsupported = 0, skipped = 0, not_certified = 0, from_instances = 0,
       from_records = 0;
  nlohmann::json rejections = nlohmann::json::array();
  nlohmann::json unsupported_list = nlohmann::json::array();
  double seconds = 0;
  bool ok() const { return rejected == 0; }
  nlohmann::json to_json() const;
  // Adds another run's counts and lists (seconds excluded, so a merged summary stays deterministic).
  void merge(const RunSummary& more);
};

// The report's section (issue 13 item 5): {"id": "independent_check", "summary": "N of M certified verdicts
// re-checked, R rejected", ...the counts and rejections}; M = checked, N = confirmed (+ unsupported listed).
nlohmann::json independent_check_section(const RunSummary& s);

// For commands that hold a certified result (verify, search, report): writes its certificate and checks it
// (nothing when the result is not a certified holds/violated). `label` names it in rejections.
void check_certified_result(const Instance& inst, const CertifiedResult& r, const std::string& label,
                            const CheckOptions& options, RunSummary& summary);

// Checks one certificate JSON (already parsed) and records it under `file`.
void check_certificate_json(const nlohmann::json& j, const std::string& file, const CheckOptions& options,
                            RunSummary& summary);
RunSummary check_paths(const std::vector<std::string>& paths, const CheckOptions& options = {});

}  // namespace attnbound::check
