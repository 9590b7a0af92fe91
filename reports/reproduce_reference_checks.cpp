#include "reports/reproduce_reference_checks.hpp"

#include "theory/alg5_fd_gradient.hpp"
#include "theory/arith.hpp"
#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/fd_sensitivity.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/top_gap.hpp"

#include <array>
#include <stdexcept>

namespace attnbound::reports::reference {
namespace {

struct CheckSpec {
  Check check;
  const char* statement;
  const char* variant;
  bool registered;
  const char* claim;  // registered: appended to the registry's claim; else the whole claim
  const char* tag;    // registered: unused (the registry's status)
  bool log_space, at_least, uses_eps;
};

constexpr std::array<CheckSpec, kChecks> kSpecs = {{
    {kCor1Upper, "cor1.softmax_weights", "logits-only, upper", false,
     "alpha_i <= (1/n) e^{2a/T}, a = max_i |l_i| <= ||q|| max_j ||k_j||", "[S] (E10: Delta = ||q|| max ||k_j||)", true,
     false, false},
    {kCor1Lower, "cor1.softmax_weights", "logits-only, lower", false, "alpha_i >= (1/n) e^{-2a/T}, a = max_i |l_i|",
     "[S] (E10: Delta = ||q|| max ||k_j||)", true, true, false},
    {kCor3Paper, "cor3.softmax_jacobian", "spectral", true, "", "", false, false, false},
    {kCor3Corrected, "cor3.softmax_jacobian.corrected", "spectral", true, "", "", false, false, false},
    {kCor3MaxWeight, "cor3.softmax_jacobian.corrected", "max_weight", true, "", "", false, false, false},
    {kAlg5Paper, "alg5.fd_gradient", "cor3_bound", true, " (Figure 4's dashed curve)", "", false, false, true},
    {kAlg5Corrected, "alg5.fd_gradient", "vs corrected bound", false, "g(T, eps) <= min{1/(2T), sqrt(2)/eps}",
     "corrected", false, false, true},
}};

CheckInfo from_registry(const CheckSpec& s) {
  const Statement* st = nullptr;
  for (const auto& x : all_statements())
    if (x.info.id == s.statement) st = &x;
  if (!st) throw std::logic_error(std::string("reproduce_reference: statement ") + s.statement + " is not in the registry");
  CheckInfo info{s.statement, s.variant, s.claim, s.tag, s.registered, s.log_space, s.at_least, s.uses_eps};
  if (!s.registered) return info;
  for (const auto& v : st->info.variants)
    if (v.name == s.variant) {
      info.claim = v.claim + s.claim;
      info.tag = v.status;
      return info;
    }
  throw std::logic_error(std::string("reproduce_reference: ") + s.statement + " has no variant " + s.variant);
}

}  // namespace

const CheckInfo& check_info(Check c) {
  static const std::array<CheckInfo, kChecks> table = [] {
    std::array<CheckInfo, kChecks> t;
    for (const auto& s : kSpecs) t[s.check] = from_registry(s);
    return t;
  }();
  if (c < 0 || c >= kChecks) throw std::logic_error("reproduce_reference: unknown check");
  return table[c];
}

template <class S>
std::pair<S, S> evaluate_check(Check c, const Vec<S>& l, const S& T, const S& eps, const std::vector<double>& v) {
  switch (c) {
    case kCor1Upper: return {log(S(static_cast<long long>(l.size()))) + max_element_value(log_softmax(l, T)),
                             S(2) * max_abs(l) / T};
    case kCor1Lower: return {log(S(static_cast<long long>(l.size()))) + min_element_value(log_softmax(l, T)),
                             -S(2) * max_abs(l) / T};
    case kCor3Paper: return {softmax_jacobian_norm(l, T, "spectral"), cor3_softmax_jacobian::bound(T)};
    case kCor3Corrected:
      return {softmax_jacobian_norm(l, T, "spectral"), cor3_softmax_jacobian_corrected::bound(T, "spectral")};
    case kCor3MaxWeight: {
      const Vec<S> p = softmax(l, T);
      return {softmax_jacobian_spectral_norm(p, T), cor3_softmax_jacobian_corrected::max_weight_bound(max_element_value(p), T)};
    }
    case kAlg5Paper:
    case kAlg5Corrected: {
      const S g = fd_gradient(l, T, eps, Vec<S>(v.begin(), v.end()));
      if (c == kAlg5Paper) return {g, cor3_softmax_jacobian::bound(T)};
      return {g, smin(cor3_softmax_jacobian_corrected::bound(T, "spectral"), alg5_fd_gradient::simplex_diameter_bound(eps))};
    }
    default: break;
  }
  throw std::logic_error("reproduce_reference: unknown check");
}

template <class S> S ratio_of(Check c, const S& q, const S& b) {
  const CheckInfo& i = check_info(c);
  if (i.log_space) return exp(i.at_least ? S(b - q) : S(q - b));
  return i.at_least ? S(b / q) : S(q / b);
}

template std::pair<double, double> evaluate_check(Check, const Vec<double>&, const double&, const double&,
                                                  const std::vector<double>&);
template double ratio_of(Check, const double&, const double&);

}  // namespace attnbound::reports::reference
