// Theorem 2 at d = 2: a certified enclosure of E[N_s] by interval integration over the angles.
//
// Domain: weights alpha_0..alpha_{L-1} >= 0 (fixed), a top-N set I (N >= 1), radius r > 0, sphere radius
// M > 0, d = 2, L small (the box count grows like (boundary area / box side^(L-2)); L <= 4 is the target).
// Assumption 1 at d = 2: x_j = M (cos 2 pi t_j, sin 2 pi t_j), t_j iid uniform on [0, 1). With y_j = alpha_j x_j
// and s = sum_{i in I} y_i (spec 1.5 [R]):
//   N_s = [prod_{j notin I} 1{||y_j - s|| > r}] * sum_{i in I} 1{||sum_{k in I, k != i} y_k|| <= r}.
// Rotation invariance: rotating every x_j by the same angle rotates s and every y_j - s alike, so N_s depends
// on t only through t_j - t_0 (mod 1), which are iid uniform on [0, 1) and independent of t_0. Hence
//   E[N_s] = integral over [0, 1]^(L-1) of N_s(t_0 = 0, t_1, ..., t_{L-1}) dt   (dimension F = L - 1).
// Boxes: dyadic boxes of [0, 1]^F (depth D: volume 2^-D exactly). On a box every coordinate of y_j and every
// squared distance is enclosed in double interval arithmetic with outward rounding (double_interval.hpp);
// cos 2 pi t and sin 2 pi t over [t_lo, t_hi] are enclosed by the hull of their values at the two ends plus
// the extreme +-1 where the box holds a critical point (t = 0, 1/4, 1/2, 3/4, 1: exact dyadic tests; between
// them cos and sin are monotone). The end values come from MPFI at 128 bits (mpfi_const_pi, an exact dyadic
// multiple, mpfi_cos / mpfi_sin), rounded outward to doubles: an enclosure of the exact value.
// Each indicator is then yes / no / unknown (Kleene); on the box N_s lies in [lo, hi]:
//   lo = (all outside certain) * #(inside certain),   hi = (no outside certainly false) * #(inside possible),
// so the integral lies in [sum lo vol, sum hi vol] over the leaf boxes (exact: integer counts per depth,
// summed as dyadic numbers in S at the end). Boxes with lo < hi are bisected (along a coordinate their
// undecided indicators depend on, pass by pass) until the enclosure is at most width_target wide, the box
// budget is spent, or the coordinates reach level 30. Undecided boxes never guess: they contribute [lo, hi] x their volume.
// For S = Interval the inputs a_j = alpha_j M and r^2 are the enclosures of S, rounded outward to doubles,
// so the result encloses the exact E[N_s] for the exact inputs. For double and Real the same enclosure is
// computed around the point inputs, and `expected` is its midpoint.
// Results are memoised (by the double inputs and the options) for the precision escalation of certify(),
// which re-evaluates an instance at several precisions whose double enclosures are usually the same.
// Reference: spec 1.5 (Assumption 1, N_s) and section 2 (Theorem 2); erratum E7.
#pragma once

#include "theory/double_interval.hpp"
#include "theory/thm2_sign_enumeration.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <cstdint>
#include <algorithm>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace attnbound {

struct AngleBoxCounts {
  std::vector<std::uint64_t> lo_count, hi_count;  // index D: sum of lo (hi) over leaf boxes at depth D
  std::uint64_t boxes = 0;                          // boxes evaluated
  std::uint64_t open_boxes = 0;                     // leaves left with lo < hi
  std::size_t depth = 0;                            // deepest depth reached
  double width = 0;                                 // approximate width of the enclosure of E[N_s] (for stopping)
  bool target_reached = false;
};

namespace detail_angle {

// cos and sin of 2 pi k / 2^level, enclosed in doubles (MPFI at 128 bits, rounded outward).
struct CosSin {
  DoubleInterval c, s;
};

class TrigTable {
 public:
  TrigTable() {
    mpfi_init2(x_, 128);
    mpfi_init2(y_, 128);
  }
  ~TrigTable() {
    mpfi_clear(x_);
    mpfi_clear(y_);
  }
  TrigTable(const TrigTable&) = delete;
  TrigTable& operator=(const TrigTable&) = delete;

  const CosSin& at(std::uint64_t k, unsigned level) {
    while (level > 0 && k % 2 == 0) {  // lowest terms: one entry per dyadic point
      k /= 2;
      --level;
    }
    if (level <= kDenseLevel) {  // dense table on the grid 2^-kDenseLevel
      const std::size_t index = static_cast<std::size_t>(k << (kDenseLevel - level));
      if (dense_.empty()) dense_.resize((std::size_t{1} << kDenseLevel) + 1);
      auto& [known, value] = dense_[index];
      if (!known) {
        value = compute(k, level);
        known = true;
      }
      return value;
    }
    const std::uint64_t key = (static_cast<std::uint64_t>(level) << 58) | k;
    const auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    return cache_.emplace(key, compute(k, level)).first->second;
  }

 private:
  static constexpr unsigned kDenseLevel = 16;
  CosSin compute(std::uint64_t k, unsigned level) {
    CosSin v;
    mpfi_const_pi(x_);                                   // encloses pi
    mpfi_mul_ui(x_, x_, static_cast<unsigned long>(2 * k));  // encloses 2 pi k
    mpfi_div_2ui(x_, x_, level);                         // exact scaling: encloses 2 pi k / 2^level
    mpfi_cos(y_, x_);
    v.c = clamp_unit({mpfr_get_d(&y_->left, MPFR_RNDD), mpfr_get_d(&y_->right, MPFR_RNDU)});
    mpfi_sin(y_, x_);
    v.s = clamp_unit({mpfr_get_d(&y_->left, MPFR_RNDD), mpfr_get_d(&y_->right, MPFR_RNDU)});
    return v;
  }
  // cos, sin lie in [-1, 1]: intersecting an enclosure with it keeps an enclosure.
  static DoubleInterval clamp_unit(DoubleInterval v) { return {std::max(v.lo, -1.0), std::min(v.hi, 1.0)}; }
  mpfi_t x_, y_;
  std::unordered_map<std::uint64_t, CosSin> cache_;
  std::vector<std::pair<bool, CosSin>> dense_;
};

struct Problem {
  std::vector<DoubleInterval> a;  // alpha_j M
  std::vector<bool> selected;
  DoubleInterval r2;              // r^2
  std::vector<DoubleInterval> a2, twice_aa;  // a_j^2; 2 a_j a_k at j * L + k (filled by prepare)
  void prepare() {
    const std::size_t L = a.size();
    a2.assign(L, {});
    twice_aa.assign(L * L, {});
    for (std::size_t j = 0; j < L; ++j) {
      a2[j] = sqr(a[j]);
      for (std::size_t k = 0; k < L; ++k) twice_aa[j * L + k] = DoubleInterval::point(2) * (a[j] * a[k]);
    }
  }
};

// Ends of the dyadic interval [k / 2^level, (k + 1) / 2^level] and the critical points it holds.
inline CosSin range_over(TrigTable& table, std::uint64_t k, unsigned level) {
  const CosSin a = table.at(k, level), b = table.at(k + 1, level);
  CosSin out{hull(a.c, b.c), hull(a.s, b.s)};
  const std::uint64_t one = std::uint64_t{1} << level;  // t = 1 in units of 2^-level
  const auto holds = [&](std::uint64_t num, std::uint64_t den) {  // num/den in [k, k + 1] / 2^level, exactly
    return k * den <= num * one && num * one <= (k + 1) * den;
  };
  if (holds(0, 1) || holds(1, 1)) out.c.hi = 1;  // cos 2 pi t = 1 at t = 0, 1
  if (holds(1, 2)) out.c.lo = -1;                // cos = -1 at t = 1/2
  if (holds(1, 4)) out.s.hi = 1;                 // sin = 1 at t = 1/4
  if (holds(3, 4)) out.s.lo = -1;                // sin = -1 at t = 3/4
  return out;
}

// cos 2 pi u over u in [lo, hi] / 2^level (lo <= hi integers, possibly negative): the hull of the end values
// (reduced mod 1, exact integer arithmetic) plus +1 / -1 where [lo, hi] holds an integer / a half-integer
// multiple of 2^level (cos 2 pi u is monotone between consecutive ones); width >= 1 period: [-1, 1].
inline DoubleInterval cos_over(TrigTable& table, std::int64_t lo, std::int64_t hi, unsigned level) {
  const std::int64_t P = std::int64_t{1} << (level + 1);  // one period in units of 2^-(level + 1)
  lo *= 2;
  hi *= 2;
  if (hi - lo >= P) return {-1, 1};
  const auto reduce = [&](std::int64_t v) { return static_cast<std::uint64_t>(((v % P) + P) % P); };
  DoubleInterval out = hull(table.at(reduce(lo), level + 1).c, table.at(reduce(hi), level + 1).c);
  const auto floor_div = [](std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
  if (floor_div(hi, P) * P >= lo) out.hi = 1;                  // an integer n with lo <= n P <= hi
  if (floor_div(hi - P / 2, P) * P >= lo - P / 2) out.lo = -1;  // a half-integer (n + 1/2) P in [lo, hi]
  return out;
}

inline DoubleInterval intersect(DoubleInterval a, DoubleInterval b) {  // both enclose the same value
  return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
}

// [lo, hi] of N_s over the box (coordinates k[f] at levels level[f] for tokens 1..L-1; token 0 at t = 0).
// Each squared distance ||sum_{k in T} c_k y_k||^2 (c_k = +-1) is enclosed two ways and the enclosures
// intersected: componentwise, (sum c_k a_k cos)^2 + (sum c_k a_k sin)^2, and by the pairwise form
//   sum_{k in T} a_k^2 + 2 sum_{k < l in T} c_k c_l a_k a_l cos 2 pi (t_k - t_l)     (cos^2 + sin^2 = 1),
// where the range of cos over the box's difference interval is sharp (exact for two terms).
struct Workspace {
  explicit Workspace(std::size_t L) : yx(L), yy(L), pair_cos(L * L), sign(L) {}
  std::vector<DoubleInterval> yx, yy, pair_cos;
  std::vector<int> sign;
  std::uint32_t unknown_dims = 0;  // after box_bounds: the free coordinates the undecided indicators depend on
};

inline std::pair<unsigned, unsigned> box_bounds(const Problem& p, TrigTable& table, const std::uint32_t* k,
                                                const unsigned* level, Workspace& w) {
  const std::size_t L = p.a.size();
  auto& yx = w.yx;
  auto& yy = w.yy;
  auto& pair_cos = w.pair_cos;
  auto& sign = w.sign;
  yx[0] = p.a[0];  // cos 0 = 1, sin 0 = 0 exactly
  yy[0] = DoubleInterval::point(0);
  for (std::size_t j = 1; j < L; ++j) {
    const CosSin cs = range_over(table, k[j - 1], level[j - 1]);
    yx[j] = p.a[j] * cs.c;
    yy[j] = p.a[j] * cs.s;
  }
  // Pair cosines: token j's angle interval is [k, k + 1] / 2^level (token 0: [0, 0]).
  const unsigned top = L > 1 ? *std::max_element(level, level + (L - 1)) : 0;
  const auto ends = [&](std::size_t j) -> std::pair<std::int64_t, std::int64_t> {
    if (j == 0) return {0, 0};
    const std::int64_t scale = std::int64_t{1} << (top - level[j - 1]);
    return {static_cast<std::int64_t>(k[j - 1]) * scale, (static_cast<std::int64_t>(k[j - 1]) + 1) * scale};
  };
  for (std::size_t a = 0; a < L; ++a)
    for (std::size_t b = a + 1; b < L; ++b) {
      const auto [alo, ahi] = ends(a);
      const auto [blo, bhi] = ends(b);
      pair_cos[a * L + b] = cos_over(table, alo - bhi, ahi - blo, top);  // t_a - t_b in [alo - bhi, ahi - blo]
    }
  // ||sum_{k : sign[k] != 0} sign[k] y_k||^2
  const auto dist2 = [&]() {
    DoubleInterval x = DoubleInterval::point(0), y = DoubleInterval::point(0), pw = DoubleInterval::point(0);
    std::size_t terms = 0, last = 0;
    for (std::size_t a = 0; a < L; ++a) {
      if (sign[a] == 0) continue;
      ++terms;
      last = a;
      x = sign[a] > 0 ? x + yx[a] : x - yx[a];
      y = sign[a] > 0 ? y + yy[a] : y - yy[a];
      pw = pw + p.a2[a];
      for (std::size_t b = a + 1; b < L; ++b) {
        if (sign[b] == 0) continue;
        const DoubleInterval t = p.twice_aa[a * L + b] * pair_cos[a * L + b];
        pw = sign[a] == sign[b] ? pw + t : pw - t;
      }
    }
    if (terms == 0) return DoubleInterval::point(0);
    if (terms == 1) return p.a2[last];  // ||y_j||^2 = a_j^2 exactly, whatever the angle
    return intersect(sqr(x) + sqr(y), {std::max(pw.lo, 0.0), pw.hi});  // a squared norm is >= 0
  };
  // The free coordinates (tokens 1..L-1) an undecided indicator depends on: the tokens of its sum.
  w.unknown_dims = 0;
  const auto note_unknown = [&] {
    for (std::size_t a = 1; a < L; ++a)
      if (sign[a] != 0) w.unknown_dims |= std::uint32_t{1} << (a - 1);
  };
  // Non-selected: ||y_j - s||^2 > r^2 (outside) is the negation of ||y_j - s||^2 <= r^2.
  bool all_out_certain = true;
  for (std::size_t j = 0; j < L; ++j)
    if (!p.selected[j]) {
      for (std::size_t a = 0; a < L; ++a) sign[a] = a == j ? 1 : (p.selected[a] ? -1 : 0);
      const Tri in = certainly_le(dist2(), p.r2);
      if (in == Tri::yes) return {0, 0};  // a non-selected point certainly inside: N_s = 0 on the whole box
      if (in == Tri::unknown) {
        all_out_certain = false;
        note_unknown();
      }
    }
  unsigned c_lo = 0, c_hi = 0;
  for (std::size_t i = 0; i < L; ++i)
    if (p.selected[i]) {
      // the other selected tokens, summed directly (s - y_i would count y_i's width twice)
      for (std::size_t a = 0; a < L; ++a) sign[a] = (p.selected[a] && a != i) ? 1 : 0;
      const Tri in = certainly_le(dist2(), p.r2);
      if (in == Tri::yes) ++c_lo;
      if (in != Tri::no) ++c_hi;
      if (in == Tri::unknown) note_unknown();
    }
  return {all_out_certain ? c_lo : 0u, c_hi};
}

// Reflection: negating every angle (t -> -t mod 1, token 0 stays at 0) reflects every y_j across the first
// axis, an isometry, so N_s is unchanged; it preserves the uniform measure and maps {t_1 in (1/2, 1)} onto
// {t_1 in (0, 1/2)} ({t_1 = 0, 1/2} has measure 0). So the integral is twice that over t_1 in [0, 1/2]: the
// root box is that half (depth 1), and a leaf at depth D counts with volume 2 * 2^-D = 2^-(D - 1).
// Splitting: an open box is bisected along one of the coordinates its undecided indicators depend on (an
// indicator of a selected token depends only on the other selected tokens' angles), the one of largest
// a_j 2^-level_j; every pass bisects each open box once, so all boxes of a pass have the same depth
// D = sum of their levels (volume 2^-D before the reflection's factor 2).
inline AngleBoxCounts integrate(const Problem& p, double width_target, std::uint64_t max_boxes) {
  const std::size_t L = p.a.size(), F = L - 1;
  constexpr unsigned kMaxLevel = 30;  // k < 2^30 fits the uint32 coordinates
  TrigTable table;
  Workspace work(L);
  AngleBoxCounts out;
  const std::size_t offset = F > 0 ? 1 : 0;  // the reflection halves the domain
  const auto add = [&](std::size_t D, unsigned lo, unsigned hi) {  // a leaf at depth D: volume 2^-(D - offset)
    const std::size_t index = D - offset;
    if (out.lo_count.size() <= index) {
      out.lo_count.resize(index + 1, 0);
      out.hi_count.resize(index + 1, 0);
    }
    out.lo_count[index] += lo;
    out.hi_count[index] += hi;
  };
  struct Open {
    std::uint32_t lo, hi, dims;  // N_s bounds on the box, and the coordinates its undecided indicators use
  };
  // Open boxes: F coordinates and F levels each (flat), and their bounds.
  std::vector<std::uint32_t> open_k(F, 0), next_k;
  std::vector<unsigned> open_l(F, 0), next_l;
  if (F > 0) open_l[0] = 1;
  std::vector<Open> open_b, next_b;
  std::size_t D = offset;
  const auto root = box_bounds(p, table, open_k.data(), open_l.data(), work);
  out.boxes = 1;
  if (root.first == root.second || F == 0) {
    add(D, root.first, root.second);
    out.width = root.second - root.first;
    out.target_reached = out.width <= width_target;
    out.open_boxes = root.first == root.second ? 0 : 1;
    out.depth = D;
    return out;
  }
  open_b.push_back({root.first, root.second, work.unknown_dims});
  double width = root.second - root.first;
  std::vector<std::uint32_t> child_k(F);
  std::vector<unsigned> child_l(F);
  while (!open_b.empty() && width > width_target && out.boxes + 2 <= max_boxes) {
    const double vol = std::ldexp(1.0, -static_cast<int>(D - offset)), child_vol = vol / 2;
    next_k.clear();
    next_l.clear();
    next_b.clear();
    for (std::size_t b = 0; b < open_b.size(); ++b) {
      const Open box = open_b[b];
      const std::uint32_t* k = &open_k[b * F];
      const unsigned* lv = &open_l[b * F];
      // The coordinate to split: among those the undecided indicators use (all, if none is recorded), the
      // one of largest a_j 2^-level_j below the level cap (steering only: any choice keeps the enclosure).
      std::size_t f = F;
      double best = -1;
      for (std::size_t g = 0; g < F; ++g) {
        if (box.dims != 0 && !((box.dims >> g) & 1u)) continue;
        if (lv[g] >= kMaxLevel) continue;
        const double weight = p.a[g + 1].hi * std::ldexp(1.0, -static_cast<int>(lv[g]));
        if (weight > best) {
          best = weight;
          f = g;
        }
      }
      if (f == F || width <= width_target || out.boxes + 2 > max_boxes) {  // this box stays a leaf
        add(D, box.lo, box.hi);
        ++out.open_boxes;
        continue;
      }
      width -= (box.hi - box.lo) * vol;
      for (std::uint32_t half = 0; half < 2; ++half) {
        for (std::size_t g = 0; g < F; ++g) {
          child_k[g] = k[g];
          child_l[g] = lv[g];
        }
        child_k[f] = 2 * child_k[f] + half;
        child_l[f] += 1;
        const auto cb = box_bounds(p, table, child_k.data(), child_l.data(), work);
        ++out.boxes;
        if (cb.first == cb.second) {
          add(D + 1, cb.first, cb.second);
        } else {
          next_k.insert(next_k.end(), child_k.begin(), child_k.end());
          next_l.insert(next_l.end(), child_l.begin(), child_l.end());
          next_b.push_back({cb.first, cb.second, work.unknown_dims});
          width += (cb.second - cb.first) * child_vol;
        }
      }
    }
    open_k.swap(next_k);
    open_l.swap(next_l);
    open_b.swap(next_b);
    ++D;
  }
  for (const auto& box : open_b) add(D, box.lo, box.hi);
  out.open_boxes += open_b.size();
  out.depth = D;
  out.width = width;
  out.target_reached = width <= width_target;
  return out;
}

// Memo for certify()'s precision escalation (same double inputs and options -> same counts).
struct MemoKey {
  std::vector<double> values;
  std::vector<bool> selected;
  std::uint64_t max_boxes;
  bool operator==(const MemoKey&) const = default;
};

inline AngleBoxCounts integrate_memoised(const Problem& p, double width_target, std::uint64_t max_boxes) {
  MemoKey key{{p.r2.lo, p.r2.hi, width_target}, p.selected, max_boxes};
  for (const auto& a : p.a) {
    key.values.push_back(a.lo);
    key.values.push_back(a.hi);
  }
  static std::mutex mutex;
  static std::deque<std::pair<MemoKey, AngleBoxCounts>> memo;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [k, v] : memo)
      if (k == key) return v;
  }
  AngleBoxCounts v = integrate(p, width_target, max_boxes);
  const std::lock_guard<std::mutex> lock(mutex);
  memo.emplace_back(std::move(key), v);
  if (memo.size() > 32) memo.pop_front();
  return v;
}

}  // namespace detail_angle

template <class S> struct AngleIntegration {
  S expected;          // E[N_s]: Interval -> a certified enclosure; point types -> the enclosure's midpoint
  S lower, upper;      // the enclosure's ends (point types: for the point inputs)
  AngleBoxCounts counts;
};

// E[N_s] at d = 2 for `set` (increasing, 1 <= N <= L, L <= 12). width_target: the enclosure of E[N_s] is
// refined until it is at most this wide or max_boxes boxes have been evaluated.
template <class S>
AngleIntegration<S> expected_selected_count_d2(const Vec<S>& alpha, const std::vector<std::size_t>& set, const S& radius,
                                               const S& sphere_radius, double width_target, std::uint64_t max_boxes) {
  const std::size_t L = alpha.size();
  if (set.empty() || L > 12) throw std::invalid_argument("expected_selected_count_d2: need N >= 1 and L <= 12");
  // N_s is the same for any labelling of the tokens: the one with the largest weight goes first and is the
  // one held at angle 0 (its pairs then carry one box width instead of two).
  std::vector<bool> selected(L, false);
  for (const std::size_t i : set) selected.at(i) = true;
  std::vector<std::size_t> order(L);
  for (std::size_t j = 0; j < L; ++j) order[j] = j;
  const auto largest = std::max_element(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return approx(alpha[x]) < approx(alpha[y]);  // steering only
  });
  std::iter_swap(order.begin(), largest);
  detail_angle::Problem p;
  for (const std::size_t j : order) {
    DoubleInterval a = to_double_interval(S(alpha[j] * sphere_radius));
    a.lo = std::max(a.lo, 0.0);  // alpha_j M >= 0: intersecting keeps an enclosure
    p.a.push_back(a);
    p.selected.push_back(selected[j]);
  }
  p.r2 = to_double_interval(S(radius * radius));
  p.prepare();
  AngleIntegration<S> out;
  out.counts = detail_angle::integrate_memoised(p, width_target, max_boxes);
  const long shift = 0;
  std::vector<std::uint64_t> lo, hi;
  // sum_D count[D] 2^-D: reverse the index so that dyadic_sum's exponent m - shift is -D.
  const long depth = static_cast<long>(out.counts.lo_count.size()) - 1;
  for (long D = depth; D >= 0; --D) {
    lo.push_back(out.counts.lo_count[static_cast<std::size_t>(D)]);
    hi.push_back(out.counts.hi_count[static_cast<std::size_t>(D)]);
  }
  out.lower = dyadic_sum<S>(lo, depth + shift);
  out.upper = dyadic_sum<S>(hi, depth + shift);
  if constexpr (is_interval_v<S>) {
    out.expected = hull(lower_end(out.lower), upper_end(out.upper));
  } else {
    out.expected = (out.lower + out.upper) / 2;
  }
  return out;
}

}  // namespace attnbound
