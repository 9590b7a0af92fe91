// The branch-and-bound: refutes the paper's Corollary 3, proves the corrected forms within a target, stays
// incomplete (never "proved") at the attained bound 1, is reproducible under a box cap, and its tree matches
// its counts.
#include "prove/branch_and_bound.hpp"
#include "testing/catch.hpp"
#include "theory/instance.hpp"

#include <algorithm>

using namespace attnbound;
using namespace attnbound::prove;

namespace {
ProveResult run(const std::string& statement, const std::string& variant, int L, const std::string& target,
                std::uint64_t max_boxes = 0, const nlohmann::json& domain = nullptr) {
  ProveOptions o;
  o.target_ratio = target;
  o.budget_seconds = 120;
  o.max_boxes = max_boxes;
  return attnbound::prove::prove(make_domain(statement, variant, L, domain), o);
}
long count(const std::string& tree, char c) { return std::count(tree.begin(), tree.end(), c); }
}  // namespace

TEST_CASE("prove: the paper's Corollary 3 is refuted in every norm with a certified, shrunk counterexample", "[prove][branch_and_bound]") {
  for (const char* v : {"spectral", "frobenius", "per_weight"}) {
    INFO(v);
    const ProveResult r = run("cor3.softmax_jacobian", v, 2, "1");
    CHECK(r.status == "refuted");
    CHECK(r.stopped_by == "counterexample");
    REQUIRE(r.counterexample.contains("certificate"));
    CHECK(r.counterexample["certificate"]["verdict"] == "violated");
    CHECK(r.counterexample["certificate"]["certified"] == true);
    CHECK(r.counterexample["instance"]["logits"].size() == 2);
    CHECK(std::stod(r.sup_lo) > 1);  // a certified ratio above 1 at the counterexample
  }
}

TEST_CASE("prove: the corrected Corollary 3 is proved within 1 + 1e-6 for L <= 4 in every norm", "[prove][branch_and_bound]") {
  for (int L = 2; L <= 4; ++L) {
    for (const char* v : {"spectral", "frobenius", "per_weight"}) {
      INFO(v << " L = " << L);
      const ProveResult r = run("cor3.softmax_jacobian.corrected", v, L, "1.000001");
      CHECK(r.status == "proved");
      CHECK(r.open == 0);
      CHECK(r.sup_hi <= 1.000001);
      CHECK(r.sup_hi >= 1);  // the bound is attained at the tie, so no enclosure is below 1
      CHECK(std::stod(r.sup_lo) > 0.9999);
      CHECK(std::stod(r.sup_lo) <= r.sup_hi);
      CHECK(count(r.tree, 'c') == static_cast<long>(r.closed));
      CHECK(count(r.tree, 'p') == static_cast<long>(r.pruned));
      CHECK(r.leaf_upper.size() == r.closed + r.open);
      CHECK(*std::max_element(r.leaf_upper.begin(), r.leaf_upper.end()) == r.sup_hi);
      if (L >= 3) CHECK(r.pruned > 0);  // the permutation reduction prunes unsorted boxes
    }
  }
}

TEST_CASE("prove: at the attained bound 1 the run is incomplete, never proved, with an upper end within 1e-14", "[prove][branch_and_bound]") {
  const ProveResult r = run("cor3.softmax_jacobian.corrected", "spectral", 2, "1");
  CHECK(r.status == "incomplete");
  CHECK(r.open > 0);
  CHECK(r.sup_hi > 1);
  CHECK(r.sup_hi < 1 + 1e-14);
  CHECK(r.open_volume < 1e-6);
  CHECK(r.domain_volume == 40);  // z_2 in [-40, 0]
}

TEST_CASE("prove: a box cap gives the same tree and numbers on every run", "[prove][branch_and_bound]") {
  const ProveResult a = run("cor3.softmax_jacobian.corrected", "frobenius", 5, "1.000001", 3000);
  const ProveResult b = run("cor3.softmax_jacobian.corrected", "frobenius", 5, "1.000001", 3000);
  CHECK(a.status == "incomplete");
  CHECK(a.stopped_by == "boxes");
  CHECK(a.boxes == 3000);
  CHECK(a.tree == b.tree);
  CHECK(a.leaf_upper == b.leaf_upper);
  CHECK(a.sup_hi == b.sup_hi);
  CHECK(a.sup_lo == b.sup_lo);
}

TEST_CASE("prove: a narrow domain away from the tie closes below 1", "[prove][branch_and_bound]") {
  const ProveResult r = run("cor3.softmax_jacobian.corrected", "spectral", 3, "0.9",  0,
                            parse_json_exact(R"({"logits": {"lo": "-40", "hi": "-4"}})"));
  CHECK(r.status == "proved");
  CHECK(r.sup_hi <= 0.9);
}

TEST_CASE("prove: the certificate carries the tree, the leaf upper ends and the domain", "[prove][branch_and_bound]") {
  const ProveDomain d = make_domain("cor3.softmax_jacobian.corrected", "per_weight", 3, nullptr);
  ProveOptions o;
  o.target_ratio = "1.000001";
  const ProveResult r = attnbound::prove::prove(d, o);
  const nlohmann::json c = make_prove_certificate(r, d, o);
  CHECK(c["format"] == "attnbound-prove-certificate");
  CHECK(c["version"] == 1);
  CHECK(c["tree"] == r.tree);
  CHECK(c["leaf_upper"].size() == r.leaf_upper.size());
  CHECK(c["logits"]["lo"] == "-40");
  CHECK(c["status"] == "proved");
  const nlohmann::json j = to_json(r, d, o);
  CHECK(j["boxes_per_second"].get<double>() > 0);
  CHECK(j["reductions"].size() == 3);
  CHECK(j["sup_ratio"]["certified"] == true);
  CHECK(double_text(0.1) == "0.1");
}

TEST_CASE("prove: Lemma 2 with F = exp is bounded over the domain, its upper end above the certified lower one", "[prove][branch_and_bound]") {
  const ProveResult r = run("lemma2.jacobian", "spectral", 3, "0.95");
  CHECK(r.status == "proved");
  CHECK(r.sup_hi <= 0.95);
  CHECK(std::stod(r.sup_lo) > 0.3);
  CHECK(std::stod(r.sup_lo) <= r.sup_hi);
}

namespace {
ProveResult run_thm1(int L, int dim, int top_n, const std::string& target, const nlohmann::json& domain, std::uint64_t max_boxes = 0) {
  ProveOptions o;
  o.target_ratio = target;
  o.budget_seconds = 60;
  o.max_boxes = max_boxes;
  return attnbound::prove::prove(make_domain("thm1.fixed", "tight", L, domain, dim, top_n), o);
}
}  // namespace

TEST_CASE("prove: thm1.fixed at L = 2, d = 1 away from uniform weights is proved within a target above the attained 1", "[prove][branch_and_bound]") {
  const nlohmann::json dom = parse_json_exact(R"({"logits": {"lo": "-4", "hi": "-1"}})");
  const ProveResult r = run_thm1(2, 1, 1, "1.25", dom);
  CHECK(r.status == "proved");
  CHECK(r.open == 0);
  CHECK(r.sup_hi == 1.25);  // the target (proved in the form Q - 1.25 B <= 0)
  CHECK(std::stod(r.sup_lo) > 0.99);  // the bound is attained (ratio 1 at x_0 > 0 > x_1)
  CHECK(std::stod(r.sup_lo) <= 1);
  CHECK(r.pruned > 0);  // boxes inside the x box (no surface point) are pruned
  CHECK(count(r.tree, 'c') == static_cast<long>(r.closed));
  CHECK(r.leaf_upper.size() == r.closed);
  const nlohmann::json j = to_json(r, make_domain("thm1.fixed", "tight", 2, dom, 1, 1), ProveOptions{});
  CHECK(j["note"].get<std::string>().find("Q - R bound <= 0") == std::string::npos);
  CHECK(j["note"].get<std::string>().find("d~ - R bound <= 0") != std::string::npos);
  CHECK(j["domain"]["x"]["lo"] == "-2");
}

TEST_CASE("prove: thm1.fixed at target 1 stays incomplete (the bound is attained), never proved", "[prove][branch_and_bound]") {
  const ProveResult r = run_thm1(2, 1, 1, "1", parse_json_exact(R"({"logits": {"lo": "-4", "hi": "-1"}})"), 4000);
  CHECK(r.status == "incomplete");
  CHECK(r.open > 0);
  CHECK(r.sup_hi > 1);
}
