// The general F-normaliser of the paper's Eq. 3 (spec 1.2): alpha_i = F(l_i) / sum_j F(l_j), with F
// positive and smooth, given by name with its derivative, and its analytic Jacobian (spec 2, Lemma 2):
//   d alpha_i / d l_j = (F'(l_j) / S)(delta_ij - alpha_i),  i.e.  grad_l alpha = (I - alpha 1^T) diag(F') / S,
// S = sum_k F(l_k).
//
// Families (instance field "F"; parameters in their own fields; a parameter a family does not use is
// rejected so that a typo cannot be silently ignored):
//   exp        F = exp(l/T)                      "temperature" T > 0   increasing; softmax
//   softplus   F = log(1 + exp(l/T))             "temperature" T > 0   increasing
//   sigmoid    F = 1/(1 + exp(-l/T))             "temperature" T > 0   increasing, bounded in (0, 1)
//   quadratic  F = c + l^2                       "offset" c > 0 (default 1)   not monotone: min at 0
//   gaussian   F = exp(-(l/T)^2)                 "temperature" T > 0   not monotone: max at 0
//   ssmax      F = exp(s log(L) l) = L^{s l}     "ssmax_scale" s > 0   Scalable-Softmax: depends on L
// Extremes over [-a, a] (Lemma 1's constants) are exact expressions: F(+-a) for the monotone families,
// c and c + a^2 for quadratic, 1 and F(a) for gaussian; for Interval each is an enclosure.
// Domain: for double F(l) must not overflow/underflow (e.g. exp(l/T) needs l/T < 709); Real and Interval
// have MPFR's exponent range. Branches on the sign of l/T only choose between identical formulas.
#pragma once

#include "theory/arith.hpp"
#include "theory/euclidean_norm.hpp"
#include "theory/inputs.hpp"

#include <fmt/format.h>

namespace attnbound {

// log(1 + x), accurate for small x: MPFR/MPFI's own log1p for Real/Interval (Interval: an enclosure).
template <class S> S log1p_s(const S& x) {
  if constexpr (std::is_floating_point_v<S>) return std::log1p(x);
  else if constexpr (is_interval_v<S>) {
    S r;
    mpfi_log1p(r.backend().data(), x.backend().data());
    return r;
  } else {
    S r;
    mpfr_log1p(r.backend().data(), x.backend().data(), MPFR_RNDN);
    return r;
  }
}

enum class FKind { exp, softplus, sigmoid, quadratic, gaussian, ssmax };

template <class S> class FFunction {
 public:
  FKind kind = FKind::exp;
  std::string name = "exp";
  S param = S(1);   // T, c or s
  S log_length = S(0);  // log L, used by ssmax only

  bool depends_on_length() const { return kind == FKind::ssmax; }

  S value(const S& l) const {
    switch (kind) {
      case FKind::exp: return exp(l / param);
      case FKind::softplus: {
        const S x = l / param;
        return approx(x) > 0 ? x + log1p_s(S(exp(-x))) : log1p_s(S(exp(x)));
      }
      case FKind::sigmoid: return sigmoid(l / param);
      case FKind::quadratic: return param + l * l;
      case FKind::gaussian: return exp(-square(l / param));
      case FKind::ssmax: return exp(param * log_length * l);
    }
    return S(0);
  }
  S derivative(const S& l) const {
    switch (kind) {
      case FKind::exp: return exp(l / param) / param;
      case FKind::softplus: return sigmoid(l / param) / param;
      case FKind::sigmoid: {
        const S s = sigmoid(l / param);
        return s * (S(1) - s) / param;
      }
      case FKind::quadratic: return S(2) * l;
      case FKind::gaussian: return S(-2) * l / square(param) * exp(-square(l / param));
      case FKind::ssmax: return param * log_length * exp(param * log_length * l);
    }
    return S(0);
  }
  // min and max of F over [-a, a], a >= 0.
  S min_on(const S& a) const {
    switch (kind) {
      case FKind::quadratic: return param;
      case FKind::gaussian: return value(a);
      default: return value(S(-a));  // increasing families (ssmax: s log L >= 0)
    }
  }
  S max_on(const S& a) const {
    switch (kind) {
      case FKind::quadratic: return param + a * a;
      case FKind::gaussian: return S(1);
      default: return value(a);
    }
  }

 private:
  // 1/(1 + e^{-x}) for x >= 0, e^x/(1 + e^x) otherwise: the same number, neither form overflows.
  static S sigmoid(const S& x) {
    if (approx(x) >= 0) return S(1) / (S(1) + exp(-x));
    const S ex = exp(x);
    return ex / (S(1) + ex);
  }
};

// Instance fields of F: "F" (default "exp") and its parameter.
inline std::vector<std::string> f_fields() { return {"F", "temperature", "offset", "ssmax_scale"}; }

// Reads F for a logit vector of length L; InputError/HypothesisError name the field at fault.
template <class S> FFunction<S> read_f(const Instance& inst, std::size_t length) {
  FFunction<S> f;
  f.name = inst.has("F") ? inst.text("F") : "exp";
  std::string param_field = "temperature";
  if (f.name == "exp") f.kind = FKind::exp;
  else if (f.name == "softplus") f.kind = FKind::softplus;
  else if (f.name == "sigmoid") f.kind = FKind::sigmoid;
  else if (f.name == "gaussian") f.kind = FKind::gaussian;
  else if (f.name == "quadratic") f.kind = FKind::quadratic, param_field = "offset";
  else if (f.name == "ssmax") f.kind = FKind::ssmax, param_field = "ssmax_scale";
  else
    throw InputError("F", fmt::format("unknown F \"{}\" (known: exp, softplus, sigmoid, quadratic, gaussian, ssmax)", f.name));
  for (const auto& other : {"temperature", "offset", "ssmax_scale"})
    if (other != param_field && inst.has(other))
      throw InputError(other, fmt::format("not a parameter of F = {} (its parameter is \"{}\")", f.name, param_field));
  if (f.kind == FKind::quadratic && !inst.has("offset")) f.param = S(1);
  else f.param = positive_scalar<S>(inst, param_field);
  f.log_length = log(S(static_cast<long long>(length)));
  return f;
}

template <class S> struct FNormalised {
  Vec<S> F, dF, alpha;
  S total;  // S = sum_k F(l_k)
};

template <class S> FNormalised<S> f_normalise(const FFunction<S>& f, const Vec<S>& logits) {
  if (logits.empty()) throw std::invalid_argument("F-normaliser of an empty vector");
  FNormalised<S> r;
  r.total = S(0);
  for (const auto& l : logits) {
    r.F.push_back(f.value(l));
    r.dF.push_back(f.derivative(l));
    r.total += r.F.back();
  }
  for (const auto& v : r.F) r.alpha.push_back(v / r.total);
  return r;
}

// grad_l alpha, row i = grad_l alpha_i: J_ij = (delta_ij - alpha_i) F'_j / S.
template <class S> Mat<S> f_normaliser_jacobian(const FNormalised<S>& n) {
  const std::size_t L = n.alpha.size();
  Mat<S> J(L, Vec<S>(L));
  for (std::size_t i = 0; i < L; ++i)
    for (std::size_t j = 0; j < L; ++j) J[i][j] = ((i == j ? S(1) : S(0)) - n.alpha[i]) * n.dF[j] / n.total;
  return J;
}

}  // namespace attnbound
