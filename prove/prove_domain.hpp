// The input domain of `attnbound prove` and the invariances that reduce it (prove/, issue 14).
//
// A domain for the Corollary 3 family (cor3.softmax_jacobian, cor3.softmax_jacobian.corrected) and for Lemma 2
// with F = exp(l/T) (lemma2.jacobian; the instance's default F) at length L:
//   every logit vector l in R^L whose scaled logits z = l / T satisfy max z - z_i in [-hi, -lo] for every i
//   other than one largest, i.e. after the shift below, z_1 = 0 and z_2, ..., z_L in [lo, hi] (lo < hi <= 0).
// Reductions (each an exact invariance of the ratio, stated in the output):
//   shift        softmax(z) = softmax(z - max z): the largest scaled logit is 0;
//   scaling      (corrected form, Lemma 2 with F = exp) ||J|| and the bound both scale as 1/T, so the ratio depends
//                on z = l / T only
//                and T = 1; the paper's form has the bound min{1/(4T), sqrt 2}, not a power of T, so its
//                domain fixes T (default 1) and the ratio is ||A(z)|| / min{1/4, sqrt 2 T};
//   permutation  every norm of A = diag p - p p^T is invariant under P A P^T, and the domain is symmetric, so
//                z_2 >= ... >= z_L; a box with no such point is pruned (lo_j > hi_i for some i < j).
// Domain file (JSON): {"logits": {"lo": "-40", "hi": "0"}, "temperature": "1"}; lo and hi must be doubles
// exactly (a decimal such as -40 or -0.5; InputError otherwise, so no box end is rounded), -700 <= lo < hi <= 0
// (e^z stays a normal double); temperature is a positive decimal (only the paper's form reads it).
//
// Theorem 1 part 1 (thm1.fixed, variant tight, d~ reading (a)) at length L, dimension d and top-N size N:
//   every (l, x) with z = l / T as above (z_0 = 0, z_1..z_{L-1} in [lo, hi]) and x in [x_lo, x_hi]^{L x d}
//   (domain file field "x": {"lo": "-2", "hi": "2"}, the same interval for every coordinate; default [-2, 2];
//   logits default [-4, 0] for this statement). Reductions (each an exact invariance of Q and B):
//   shift, scaling T = 1 (alpha = softmax(z) is all the statement reads of l and T);
//   permutation  Q and B are invariant under a joint permutation of the logits and the rows of x that maps I_N
//                onto itself as a set, and the domain is symmetric under every permutation of the rows (one
//                interval for all), so z_0 >= ... >= z_{L-1} with I_N = {0, ..., N-1}: after sorting, every valid
//                top-N set of every point (ties included) is the first N indices of some sorted point;
//   x scaling    Q and B are homogeneous of degree 1 in x, so the ratio at x != 0 equals the ratio at t* x with
//                t* = max{t >= 1 : t x in the box}, a point of the box's surface (some x_{i,k} = x_lo or x_hi); at
//                x = 0 both are 0 (Q <= R B holds). Boxes with no surface point are pruned;
//   x rotation   when x_lo = -x_hi, every orthogonal map of R^d applied to every row keeps every norm, and
//                X = L Q (LQ decomposition, L lower trapezoidal with a nonnegative diagonal), so after rotating and
//                rescaling onto the surface x_{i,k} = 0 for k > i and x_{i,i} >= 0 (at d = 1: x_{0,0} >= 0).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace attnbound::prove {

struct ProveDomain {
  std::string statement, variant;  // variant resolved
  int length = 2;
  std::string logits_lo = "-40", logits_hi = "0";  // decimal text, exactly a double
  std::string temperature = "1";                    // decimal text
  double lo = -40, hi = 0;                          // the same values
  int dim = 1, top_n = 1;                           // thm1.fixed: d and N
  std::string x_lo_text = "-2", x_hi_text = "2";    // thm1.fixed: the x interval, exactly doubles
  double x_lo = -2, x_hi = 2;

  bool thm1() const { return statement == "thm1.fixed"; }
  bool x_rotation() const { return thm1() && x_lo == -x_hi; }

  bool corrected() const { return statement == "cor3.softmax_jacobian.corrected"; }
  bool lemma2() const { return statement == "lemma2.jacobian"; }
  // The ratio depends on z = l/T only (T = 1): the corrected Corollary 3 and Lemma 2 with F = exp; not the paper's
  // Corollary 3, whose bound min{1/(4T), sqrt 2} is not a power of T.
  bool scale_free() const { return corrected() || lemma2() || thm1(); }
  std::vector<std::string> reductions() const;
  nlohmann::json to_json() const;
};

// The statements and variants prove supports (the others: InputError saying what is supported).
std::vector<std::string> provable_statements();

// Validates everything (statement, variant, 2 <= length <= 12, the bounds and the temperature; for thm1.fixed
// 2 <= length <= 6, 1 <= dim <= 3, 1 <= top_n <= length - 1 with top_n 0 meaning the default length - 1, and the x
// interval, finite doubles x_lo < x_hi): InputError naming the field. `domain_file_json` may be null (defaults) or
// the parsed domain file. dim and top_n are read for thm1.fixed only.
ProveDomain make_domain(const std::string& statement, const std::string& variant, int length,
                        const nlohmann::json& domain_file_json, int dim = 1, int top_n = 0);

}  // namespace attnbound::prove
