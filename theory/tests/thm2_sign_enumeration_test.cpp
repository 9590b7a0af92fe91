// E[N_s] at d = 1 by sign enumeration (theory/thm2_sign_enumeration.hpp): hand-computed cases, an
// independent brute force over all 2^L sign patterns in Real at 256 bits, the boundary case |.| = r exactly
// (decided when the enclosures are exact, covered by both outcomes when they are not), and the timing at L = 20.
#include "testing/catch.hpp"
#include "theory/thm2_sign_enumeration.hpp"

#include <chrono>
#include <random>

using namespace attnbound;

namespace {

// Brute force straight from the definition (spec 1.5 [R]): all 2^L patterns x_i = sigma_i M, each of
// probability 2^-L, N_s = [all j notin I: |alpha_j x_j - s| > r] * #{i in I: |alpha_i x_i - s| <= r}.
Real brute_force(const std::vector<Real>& alpha, const std::vector<std::size_t>& set, const Real& r, const Real& M) {
  const std::size_t L = alpha.size();
  std::vector<bool> sel(L, false);
  for (auto i : set) sel[i] = true;
  Real total = 0;
  for (std::uint64_t p = 0; p < (std::uint64_t{1} << L); ++p) {
    std::vector<Real> y(L);
    Real s = 0;
    for (std::size_t i = 0; i < L; ++i) {
      y[i] = alpha[i] * M * (((p >> i) & 1u) ? 1 : -1);
      if (sel[i]) s += y[i];
    }
    bool clear = true;
    for (std::size_t j = 0; j < L; ++j)
      if (!sel[j] && abs(y[j] - s) <= r) clear = false;
    if (!clear) continue;
    for (std::size_t i = 0; i < L; ++i)
      if (sel[i] && abs(y[i] - s) <= r) total += 1;
  }
  return ldexp(total, -static_cast<int>(L));
}

template <class S> Vec<S> convert(const std::vector<Real>& v) {
  Vec<S> out;
  for (const auto& x : v) out.push_back(S(x));
  return out;
}

}  // namespace

TEST_CASE("thm2 sign enumeration: hand-computed cases", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/2, 1/2), I = {0}, M = 1: selected distance 0; the other is |x_1 - x_0|/2 in {0, 1}.
  // r = 1: never > 1, so E[N_s] = 0 (the statistical counterexample of thm2.lower, now exact).
  const Vec<Interval> half{Interval("0.5"), Interval("0.5")};
  const auto zero = expected_selected_count_d1<Interval>(half, {0}, Interval(1), Interval(1));
  CHECK(lower_end(zero.expected) == 0);
  CHECK(upper_end(zero.expected) == 0);
  CHECK(zero.undecided == 0);
  CHECK(zero.patterns == 2);
  // r = 0.9: outside exactly when x_1 = -x_0 (distance 1 > 0.9): E[N_s] = 1/2.
  const auto half_r = expected_selected_count_d1<Interval>(half, {0}, Interval("0.9"), Interval(1));
  CHECK(lower_end(half_r.expected) == Real("0.5"));
  CHECK(upper_end(half_r.expected) == Real("0.5"));
  CHECK(expected_selected_count_d1<double>({0.5, 0.5}, {0}, 0.9, 1.0).expected == 0.5);
  CHECK(expected_selected_count_d1<Real>({Real("0.5"), Real("0.5")}, {0}, Real("0.9"), Real(1)).expected == Real("0.5"));
  // L = N = 1: s = y_0, distance 0 <= r: E[N_s] = 1.
  CHECK(expected_selected_count_d1<double>({1.0}, {0}, 0.1, 3.0).expected == 1.0);
}

TEST_CASE("thm2 sign enumeration: the boundary |.| = r exactly", "[thm2]") {
  PrecisionScope scope(128);
  // alpha = (1/2, 1/4, 1/4), I = {0, 1}, M = 1, r = 1/4. i = 0: |sigma_1/4| = 1/4 = r, inside (<=) always;
  // i = 1: |sigma_0/2| = 1/2 > r, never. j = 2: s in {+-3/4, +-1/4}; |tau/4 - s| > 1/4 for both tau when
  // |s| = 3/4 (K = 2) and for one tau when |s| = 1/4 (K = 1). E[N_s] = 2^-3 (2 + 1 + 1 + 2) = 3/4.
  const Vec<Interval> exact{Interval("0.5"), Interval("0.25"), Interval("0.25")};
  const auto e = expected_selected_count_d1<Interval>(exact, {0, 1}, Interval("0.25"), Interval(1));
  CHECK(lower_end(e.expected) == Real("0.75"));  // exact enclosures: the equality is decided, no guess needed
  CHECK(upper_end(e.expected) == Real("0.75"));
  CHECK(e.undecided == 0);
  // The same with alpha_1 known only to within 1e-30: |alpha_1| vs r cannot be decided; the pattern adds
  // [0, 1] times its probability, so the enclosure holds both 0 (alpha_1 > 1/4) and 3/4 (alpha_1 <= 1/4).
  const Vec<Interval> fuzzy{Interval("0.5"), hull(Real("0.25") - Real("1e-30"), Real("0.25") + Real("1e-30")), Interval("0.25")};
  const auto f = expected_selected_count_d1<Interval>(fuzzy, {0, 1}, Interval("0.25"), Interval(1));
  CHECK(f.undecided > 0);
  CHECK(lower_end(f.expected) <= 0);
  CHECK(upper_end(f.expected) >= Real("0.75"));
  CHECK(upper_end(f.expected) <= 1);
}

TEST_CASE("thm2 sign enumeration: agrees with a brute force over all 2^L patterns", "[thm2]") {
  PrecisionScope scope(256);
  std::mt19937_64 rng(20250823);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t L = 1 + trial % 10;
    std::vector<Real> alpha(L);
    Real sum = 0;
    for (auto& a : alpha) sum += a = Real(u(rng));
    for (auto& a : alpha) a /= sum;
    std::vector<std::size_t> set;
    for (std::size_t i = 0; i < L; ++i)
      if (i == 0 || rng() % 2) set.push_back(i);
    const Real M(0.5 + u(rng)), r(u(rng) * 0.6);
    const Real ref = brute_force(alpha, set, r, M);
    const auto iv = expected_selected_count_d1<Interval>(convert<Interval>(alpha), set, Interval(r), Interval(M));
    INFO("trial " << trial << " L = " << L << " N = " << set.size());
    CHECK(lower_end(iv.expected) <= ref);
    CHECK(ref <= upper_end(iv.expected));
    CHECK(iv.undecided == 0);  // random inputs: no indicator at its boundary
    CHECK(upper_end(iv.expected) - lower_end(iv.expected) <= Real("1e-70"));
    CHECK(expected_selected_count_d1<Real>(alpha, set, r, M).expected == ref);
    std::vector<double> ad;
    for (const auto& a : alpha) ad.push_back(static_cast<double>(a));
    CHECK(std::abs(expected_selected_count_d1<double>(ad, set, static_cast<double>(r), static_cast<double>(M)).expected -
                   static_cast<double>(ref)) <= 1e-15);
  }
}

TEST_CASE("thm2 sign enumeration: L = N = 20 in Interval within seconds", "[thm2]") {
  PrecisionScope scope(64);
  Vec<Interval> alpha;
  for (int i = 0; i < 20; ++i) alpha.push_back(Interval(1) / Interval(20 + i));
  std::vector<std::size_t> set(20);
  for (std::size_t i = 0; i < 20; ++i) set[i] = i;
  const auto t0 = std::chrono::steady_clock::now();
  const auto e = expected_selected_count_d1<Interval>(alpha, set, Interval("0.3"), Interval(1));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(e.patterns == (std::uint64_t{1} << 20));
  CHECK(lower_end(e.expected) >= 0);
  CHECK(upper_end(e.expected) <= 20);
  CHECK(seconds < 60);
  WARN("L = N = 20, Interval at 64 bits: " << seconds << " s, E[N_s] in [" << lower_end(e.expected) << ", "
                                           << upper_end(e.expected) << "], undecided " << e.undecided);
}
