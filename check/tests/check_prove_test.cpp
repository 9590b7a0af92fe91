// The Arb checker of prove certificates: confirms the engine's certificates (proved, refuted, incomplete),
// and rejects tampered ones: a closed leaf above the target, a wrong pruning, a truncated tree, an open box in
// a proved certificate, a refutation of another statement.
#include "check/check_prove.hpp"
#include "prove/branch_and_bound.hpp"
#include "testing/catch.hpp"
#include "theory/errors.hpp"
#include "theory/instance.hpp"

using namespace attnbound;
using namespace attnbound::check;

namespace {
nlohmann::json certificate(const std::string& statement, const std::string& variant, int L, const std::string& target,
                           std::uint64_t max_boxes = 0) {
  const prove::ProveDomain d = prove::make_domain(statement, variant, L, nullptr);
  prove::ProveOptions o;
  o.target_ratio = target;
  o.max_boxes = max_boxes;
  // Through text, as `attnbound check` reads a file (numbers become decimal strings).
  return parse_json_exact(prove::make_prove_certificate(prove::prove(d, o), d, o).dump());
}
bool confirmed(const nlohmann::json& c) { return check_prove_certificate(c).outcome.kind == CheckOutcome::Kind::confirmed; }
}  // namespace

TEST_CASE("check prove: the engine's certificates are confirmed in every norm", "[check][check_prove]") {
  for (const char* v : {"spectral", "frobenius", "per_weight"}) {
    for (int L : {2, 4}) {
      INFO(v << " L = " << L);
      const nlohmann::json c = certificate("cor3.softmax_jacobian.corrected", v, L, "1.000001");
      const ProveCheckOutcome out = check_prove_certificate(c);
      CHECK(out.outcome.why == "");
      CHECK(out.outcome.kind == CheckOutcome::Kind::confirmed);
      CHECK(out.closed_confirmed > 0);
      CHECK(out.largest_checker_upper <= 1.000001);
    }
    CHECK(confirmed(certificate("cor3.softmax_jacobian", v, 2, "1")));  // refuted: the counterexample re-checked
  }
  CHECK(confirmed(certificate("cor3.softmax_jacobian.corrected", "spectral", 4, "1.000001", 500)));  // incomplete
  CHECK(confirmed(certificate("lemma2.jacobian", "spectral", 4, "0.95")));
  CHECK(confirmed(certificate("lemma2.jacobian", "frobenius", 3, "1")));
}

TEST_CASE("check prove: tampered certificates are rejected", "[check][check_prove]") {
  const nlohmann::json good = certificate("cor3.softmax_jacobian.corrected", "frobenius", 3, "1.000001");
  REQUIRE(confirmed(good));
  nlohmann::json lower_target = good;
  lower_target["target_ratio"] = "0.99";  // the tie's leaves cannot be below 0.99
  CHECK_FALSE(confirmed(lower_target));
  nlohmann::json truncated = good;
  truncated["tree"] = good["tree"].get<std::string>().substr(0, good["tree"].get<std::string>().size() - 1);
  CHECK_FALSE(confirmed(truncated));
  nlohmann::json extra = good;
  extra["tree"] = good["tree"].get<std::string>() + "c";
  CHECK_FALSE(confirmed(extra));
  nlohmann::json wrong_prune = good;
  std::string tree = good["tree"];
  tree[tree.find('c')] = 'p';  // a closed leaf near the first corner holds sorted points
  wrong_prune["tree"] = tree;
  CHECK_FALSE(confirmed(wrong_prune));
  nlohmann::json open_in_proved = good;
  tree = good["tree"];
  tree[tree.find('c')] = 'o';
  open_in_proved["tree"] = tree;
  CHECK_FALSE(confirmed(open_in_proved));
  nlohmann::json wider = good;
  wider["logits"]["hi"] = "0.5";
  CHECK_THROWS_AS(check_prove_certificate(wider), InputError);
  nlohmann::json not_double = good;
  not_double["logits"]["lo"] = "-0.1";
  CHECK_THROWS_AS(check_prove_certificate(not_double), InputError);
  nlohmann::json refuted = certificate("cor3.softmax_jacobian", "spectral", 2, "1");
  refuted["variant"] = "frobenius";  // the counterexample is for spectral
  CHECK_FALSE(confirmed(refuted));
}

namespace {
nlohmann::json thm1_certificate(int L, int dim, int top_n, const std::string& target, const char* domain,
                                std::uint64_t max_boxes = 0) {
  const prove::ProveDomain d = prove::make_domain("thm1.fixed", "tight", L, domain ? parse_json_exact(domain) : nlohmann::json(),
                                                  dim, top_n);
  prove::ProveOptions o;
  o.target_ratio = target;
  o.max_boxes = max_boxes;
  return parse_json_exact(prove::make_prove_certificate(prove::prove(d, o), d, o).dump());
}
}  // namespace

TEST_CASE("check prove: thm1.fixed certificates are re-proved in Arb, tampered ones rejected", "[check][check_prove]") {
  const nlohmann::json good = thm1_certificate(2, 1, 1, "1.25", R"({"logits": {"lo": "-4", "hi": "-1"}})");
  REQUIRE(good["status"] == "proved");
  const ProveCheckOutcome out = check_prove_certificate(good);
  CHECK(out.outcome.why == "");
  CHECK(out.outcome.kind == CheckOutcome::Kind::confirmed);
  CHECK(out.closed_confirmed > 0);
  CHECK(out.pruned_confirmed > 0);  // the x scaling reduction's interior boxes
  CHECK(confirmed(thm1_certificate(3, 1, 2, "1.5", nullptr)));
  CHECK(confirmed(thm1_certificate(2, 2, 1, "2", R"({"logits": {"lo": "-4", "hi": "-1"}})", 3000)));  // incomplete at a cap
  // Holds a leaf the engine closed by hi(Q)/lo(B) = 2.987 <= 3 (z_1, z_2 in [-4, -2], x_3 in [0, 2] x [-2, 2]), which
  // the checker re-proves only with products of ranges taken from their ends (Arb's products of wide balls were too wide).
  CHECK(confirmed(thm1_certificate(4, 2, 3, "3", nullptr, 12000)));

  nlohmann::json lower_target = good;
  lower_target["target_ratio"] = "0.99";  // the bound is attained (ratio 1), so no box near x_0 > 0 > x_1 is below 0.99
  CHECK_FALSE(confirmed(lower_target));
  nlohmann::json wrong_prune = good;
  std::string tree = good["tree"];
  tree[tree.find('c')] = 'p';  // a closed box holds sorted surface points
  wrong_prune["tree"] = tree;
  CHECK_FALSE(confirmed(wrong_prune));
  nlohmann::json wider_x = good;
  wider_x["x"]["hi"] = "3";  // the boxes no longer reach the surface where the engine's did: coverage breaks
  CHECK_FALSE(confirmed(wider_x));
  nlohmann::json other_n = good;
  other_n["top_n"] = 2;  // N must be <= L - 1
  CHECK_THROWS_AS(check_prove_certificate(other_n), InputError);
  nlohmann::json loose = good;
  loose["variant"] = "loose";
  CHECK_THROWS_AS(check_prove_certificate(loose), InputError);
}
