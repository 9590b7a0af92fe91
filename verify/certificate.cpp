// verify/certificate.hpp.
#include "verify/certificate.hpp"

#include <mpfr.h>

#include <cmath>
#include <memory>
#include <stdexcept>

namespace attnbound {
namespace {

// RAII mpfr_t at a fixed precision.
struct Mp {
  mpfr_t x;
  explicit Mp(mpfr_prec_t bits) { mpfr_init2(x, bits); mpfr_set_zero(x, 1); }
  Mp(const Mp& o) { mpfr_init2(x, mpfr_get_prec(o.x)); mpfr_set(x, o.x, MPFR_RNDN); }
  Mp& operator=(const Mp& o) { mpfr_set(x, o.x, MPFR_RNDN); return *this; }
  ~Mp() { mpfr_clear(x); }
};

// Decimal text of x with `digits` significant digits, rounded in direction rnd.
std::string decimal(const mpfr_t x, std::size_t digits, mpfr_rnd_t rnd) {
  if (mpfr_zero_p(x)) return "0";
  mpfr_exp_t e = 0;
  char* s = mpfr_get_str(nullptr, &e, 10, digits, x, rnd);
  std::string m(s);
  mpfr_free_str(s);
  std::string sign;
  if (!m.empty() && m[0] == '-') sign = "-", m.erase(0, 1);
  while (m.size() > 1 && m.back() == '0') m.pop_back();  // trailing zeros: the same number
  // x = 0.m * 10^e = m[0].m[1..] * 10^(e-1)
  return sign + m.substr(0, 1) + (m.size() > 1 ? "." + m.substr(1) : "") + "e" + std::to_string(static_cast<long long>(e) - 1);
}

const char* relation_name(Relation r) { return r == Relation::at_most ? "at_most" : "at_least"; }

bool spectral_side(const std::string& statement, const std::string& variant) {
  if (statement == "cor3.softmax_jacobian") return variant == "spectral";
  if (statement == "cor3.softmax_jacobian.corrected") return variant == "spectral" || variant == "max_weight";
  return false;
}

// s > b_lo for the decimal texts (MPFR at 4096 bits, b_lo rounded down, s rounded up: a true "no" is exact).
bool shift_exceeds(const std::string& shift, const std::string& bound_lo) {
  if (bound_lo == "inf") return false;
  if (bound_lo == "-inf") return true;
  Mp a(4096), b(4096);
  mpfr_set_str(a.x, shift.c_str(), 10, MPFR_RNDU);
  mpfr_set_str(b.x, bound_lo.c_str(), 10, MPFR_RNDD);
  return mpfr_greater_p(a.x, b.x) != 0;
}

}  // namespace

bool certificate_applies(const CertifiedResult& r) {
  return r.certified && (r.verdict == Verdict::holds || r.verdict == Verdict::violated);
}

nlohmann::json softmax_spectral_witness(const std::vector<std::string>& logits, const std::string& temperature,
                                        unsigned precision_bits) {
  const mpfr_prec_t W = static_cast<mpfr_prec_t>(precision_bits) + 96;
  const std::size_t L = logits.size();
  if (L < 2) return nullptr;
  mpfr_clear_flags();
  Mp T(W);
  if (mpfr_set_str(T.x, temperature.c_str(), 10, MPFR_RNDN) != 0) return nullptr;
  std::vector<Mp> z(L, Mp(W));
  std::size_t top = 0;
  for (std::size_t i = 0; i < L; ++i) {
    if (mpfr_set_str(z[i].x, logits[i].c_str(), 10, MPFR_RNDN) != 0) return nullptr;
    mpfr_div(z[i].x, z[i].x, T.x, MPFR_RNDN);
    if (mpfr_greater_p(z[i].x, z[top].x)) top = i;
  }
  std::vector<Mp> p(L, Mp(W));
  Mp S(W);
  for (std::size_t i = 0; i < L; ++i) {
    mpfr_sub(p[i].x, z[i].x, z[top].x, MPFR_RNDN);
    mpfr_exp(p[i].x, p[i].x, MPFR_RNDN);
    mpfr_add(S.x, S.x, p[i].x, MPFR_RNDN);
  }
  for (auto& x : p) mpfr_div(x.x, x.x, S.x, MPFR_RNDN);
  std::size_t second = top == 0 ? 1 : 0;
  for (std::size_t i = 0; i < L; ++i)
    if (i != top && mpfr_greater_p(p[i].x, p[second].x)) second = i;
  if (mpfr_underflow_p() || mpfr_overflow_p() || mpfr_nanflag_p() || mpfr_zero_p(p[second].x)) return nullptr;

  const std::size_t digits = static_cast<std::size_t>(std::ceil((precision_bits + 64) * 0.30103)) + 3;
  nlohmann::json vec = nlohmann::json::array();
  Mp lambda(W), lo(W), hi(W), mid(W), g(W), t(W);
  if (mpfr_equal_p(p[top].x, p[second].x)) {
    // A tie: lambda_max = p_(1) (eigenvector e_top - e_second), the largest possible value.
    mpfr_set(lambda.x, p[top].x, MPFR_RNDN);
    for (std::size_t i = 0; i < L; ++i) vec.push_back(i == top ? "1" : i == second ? "-1" : "0");
  } else {
    // Bisection: g(l) = 1 - sum p_i^2/(p_i - l) decreases from +inf to -inf on (p_(2), p_(1)); g > 0 <=> l < lambda.
    // Bracket [max(p_(2), m), min(p_(1), 2 m)], m = max_i p_i o_i (o_i = sum_{j != i} p_j): lambda >= the
    // diagonal entries p_i o_i, lambda <= ||diag p - p p^T||_inf = 2 m; so hi <= 2 lo and W absolute halvings
    // give W relative bits even when lambda is tiny (a near one-hot p).
    Mp rest(W), m(W);
    for (std::size_t i = 0; i < L; ++i)
      if (i != top) mpfr_add(rest.x, rest.x, p[i].x, MPFR_RNDN);
    for (std::size_t i = 0; i < L; ++i) {
      if (i == top) mpfr_mul(t.x, p[i].x, rest.x, MPFR_RNDN);
      else {
        mpfr_ui_sub(t.x, 1, p[i].x, MPFR_RNDN);
        mpfr_mul(t.x, t.x, p[i].x, MPFR_RNDN);
      }
      if (mpfr_greater_p(t.x, m.x)) mpfr_set(m.x, t.x, MPFR_RNDN);
    }
    mpfr_max(lo.x, p[second].x, m.x, MPFR_RNDN);
    mpfr_mul_2ui(hi.x, m.x, 1, MPFR_RNDN);
    mpfr_min(hi.x, hi.x, p[top].x, MPFR_RNDN);
    if (!mpfr_less_p(lo.x, hi.x)) mpfr_set(lo.x, p[second].x, MPFR_RNDN), mpfr_set(hi.x, p[top].x, MPFR_RNDN);
    for (mpfr_prec_t it = 0; it < W + 8; ++it) {
      mpfr_add(mid.x, lo.x, hi.x, MPFR_RNDN);
      mpfr_div_2ui(mid.x, mid.x, 1, MPFR_RNDN);
      if (mpfr_equal_p(mid.x, lo.x) || mpfr_equal_p(mid.x, hi.x)) break;
      // 1 - sum_i p_i^2/(p_i - l) = l sum_i p_i/(l - p_i) (sum p_i = 1), so for l > 0 its sign is that of
      // h(l) = sum_{i != top} p_i/(l - p_i) - 1 - l/(p_top - l), where no O(1) terms cancel down to O(l):
      // the form 1 - sum p_i^2/(p_i - l) loses log2(1/l) bits when l is tiny (a near one-hot p).
      mpfr_set_si(g.x, -1, MPFR_RNDN);
      for (std::size_t i = 0; i < L; ++i) {
        if (i == top) {
          mpfr_sub(t.x, p[i].x, mid.x, MPFR_RNDN);
          mpfr_div(t.x, mid.x, t.x, MPFR_RNDN);
          mpfr_sub(g.x, g.x, t.x, MPFR_RNDN);
        } else {
          mpfr_sub(t.x, mid.x, p[i].x, MPFR_RNDN);
          mpfr_div(t.x, p[i].x, t.x, MPFR_RNDN);
          mpfr_add(g.x, g.x, t.x, MPFR_RNDN);
        }
      }
      // g = h: h > 0 <=> l < lambda_max (h falls from +inf at p_(2) to -inf at p_(1))
      if (mpfr_sgn(g.x) > 0) mpfr_set(lo.x, mid.x, MPFR_RNDN);
      else mpfr_set(hi.x, mid.x, MPFR_RNDN);
    }
    mpfr_set(lambda.x, hi.x, MPFR_RNDN);
    // v_i = p_i / (p_i - m), m = (lo + hi)/2, scaled by (p_top - m)/p_top so that v_top = 1; omitted when
    // m meets a weight (no finite vector from the formula).
    mpfr_add(mid.x, lo.x, hi.x, MPFR_RNDN);
    mpfr_div_2ui(mid.x, mid.x, 1, MPFR_RNDN);
    Mp scale(W);
    mpfr_sub(scale.x, p[top].x, mid.x, MPFR_RNDN);
    mpfr_div(scale.x, scale.x, p[top].x, MPFR_RNDN);
    bool finite = !mpfr_zero_p(scale.x);
    for (std::size_t i = 0; i < L && finite; ++i) {
      mpfr_sub(t.x, p[i].x, mid.x, MPFR_RNDN);
      mpfr_div(t.x, p[i].x, t.x, MPFR_RNDN);
      mpfr_mul(t.x, t.x, scale.x, MPFR_RNDN);
      finite = mpfr_number_p(t.x) != 0;
      vec.push_back(decimal(t.x, digits, MPFR_RNDN));
    }
    if (!finite) vec = nullptr;
  }
  // s = lambda/T (1 + 2^-(P+32)), rounded up: s > lambda_max(J) when lambda is accurate to 2^-(P+40).
  Mp s(W);
  mpfr_div(s.x, lambda.x, T.x, MPFR_RNDU);
  mpfr_set_ui_2exp(t.x, 1, -static_cast<mpfr_exp_t>(precision_bits + 32), MPFR_RNDN);
  mpfr_add_ui(t.x, t.x, 1, MPFR_RNDU);
  mpfr_mul(s.x, s.x, t.x, MPFR_RNDU);
  if (mpfr_underflow_p() || mpfr_overflow_p() || mpfr_nanflag_p()) return nullptr;
  nlohmann::json w{{"shift", decimal(s.x, digits, MPFR_RNDU)}};
  if (!vec.is_null()) w["vector"] = std::move(vec);
  return w;
}

nlohmann::json make_certificate(const Instance& inst, const CertifiedResult& r) {
  if (!certificate_applies(r))
    throw std::invalid_argument("make_certificate: only a certified holds or violated verdict has a certificate");
  nlohmann::json sides = nlohmann::json::array();
  for (const auto& s : r.sides) {
    nlohmann::json j{{"name", s.name},
                     {"relation", relation_name(s.relation)},
                     {"verdict", to_string(s.verdict)},
                     {"quantity", {{"lo", s.quantity.lo}, {"hi", s.quantity.hi}}},
                     {"bound", {{"lo", s.bound.lo}, {"hi", s.bound.hi}}}};
    if (s.index) j["index"] = *s.index;
    if (spectral_side(r.statement, r.variant)) {
      nlohmann::json w = softmax_spectral_witness(inst.decimal_vector("logits"), inst.decimal("temperature"),
                                                  r.precision_bits);
      // A holds side whose shift exceeds the engine's lower end of b (an exact equality such as a tie at the
      // max_weight bound, or a margin below 2^-(P+32)) gets no shift: the checker then proves holds from its
      // own enclosure, which a shift that is not <= b would only block.
      if (w.is_object() && s.verdict == Verdict::holds && shift_exceeds(w["shift"], s.bound.lo)) w.erase("shift");
      if (w.is_object() && !w.empty()) j["witness"] = std::move(w);
    }
    sides.push_back(std::move(j));
  }
  return {{"format", "attnbound-certificate"},
          {"version", 1},
          {"instance", inst.raw()},
          {"statement", r.statement},
          {"variant", r.variant},
          {"verdict", to_string(r.verdict)},
          {"certified", true},
          {"precision_bits", r.precision_bits},
          {"sides", sides}};
}

}  // namespace attnbound
