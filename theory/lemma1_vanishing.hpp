// Lemma 1 (general vanishing attention), spec section 2 [V prose + S formula; constants R, certain]:
//   logits l_i in [-a, a], alpha = F(l)/sum_j F(l_j) with F positive, continuous and independent of L:
//     C1/L <= alpha_i <= C2/L,   C2 = max_{[-a,a]} F / min_{[-a,a]} F,   C1 = min_{[-a,a]} F / max_{[-a,a]} F.
// Why: min F <= F(l_j) <= max F for every j, so L min F <= sum_j F(l_j) <= L max F.
// Two-sided: side "upper" is max_i alpha_i vs C2/L (index: an argmax), side "lower" is min_i alpha_i vs
// C1/L (index: an argmin). The extremes of F over [-a, a] are exact expressions (see f_normaliser.hpp).
// Hypotheses, checked exactly on the decimals: |l_i| <= a ("a" defaults to max_i |l_i|, and must be >= 0);
// F positive (every family is, with its parameter > 0); F must not depend on L (ssmax is refused: its
// alpha_i can stay Theta(1) as L grows, which is what Scalable-Softmax is for).
#pragma once

#include "theory/exact_decimal.hpp"
#include "theory/f_normaliser.hpp"
#include "theory/statement.hpp"

namespace attnbound::lemma1_vanishing {

inline StatementInfo info() {
  std::vector<std::string> inputs{"logits", "a"};
  for (const auto& f : f_fields()) inputs.push_back(f);
  return {"lemma1.vanishing",
          "Vanishing attention for a general F-normaliser",
          "Lemma 1 (Sec. 2.1, Eq. 3); spec section 2 (constants [R])",
          "|l_i| <= a; F positive and continuous on [-a, a] and independent of L",
          inputs,
          {{"two_sided", "C1/L <= alpha_i <= C2/L, C2 = max F/min F, C1 = min F/max F over [-a, a]", "[V]+[S], constants [R]"}}};
}

template <class S> Evaluation<S> evaluate(const Instance& inst, const std::string&, const EvalOptions&) {
  inst.check_fields(info().inputs);
  const auto texts = inst.decimal_vector("logits");
  const std::vector<Rational> exact = exact_vector(texts, "logits");
  const std::size_t L = texts.size();
  const FFunction<S> f = read_f<S>(inst, L);
  if (f.depends_on_length())
    throw HypothesisError("F", "F = " + f.name + " depends on L (theta contains L); Lemma 1 needs F independent of L");

  std::string a_text;
  if (inst.has("a")) {
    a_text = inst.decimal("a");
    const Rational a = Rational::from_decimal(a_text, "a");
    if (a.sign() < 0) throw HypothesisError("a", "must be >= 0, got " + a_text);
    for (std::size_t i = 0; i < L; ++i)
      if (a < exact[i].abs())
        throw HypothesisError(fmt::format("logits[{}]", i), fmt::format("|{}| exceeds a = {}", texts[i], a_text));
  } else {
    std::size_t k = 0;
    for (std::size_t i = 1; i < L; ++i)
      if (exact[k].abs() < exact[i].abs()) k = i;
    a_text = texts[k];
    if (!a_text.empty() && (a_text[0] == '-' || a_text[0] == '+')) a_text.erase(0, 1);
  }
  const S a = from_decimal<S>(a_text);

  const FNormalised<S> n = f_normalise(f, inst.vector<S>("logits"));
  const S fmin = f.min_on(a), fmax = f.max_on(a);
  const S c2 = fmax / fmin, c1 = fmin / fmax;
  const S len = S(static_cast<long long>(L));

  std::size_t imin = 0;
  for (std::size_t i = 1; i < L; ++i)
    if (steer_less(n.alpha[i], n.alpha[imin])) imin = i;
  Evaluation<S> e;
  e.sides.push_back({"upper", Relation::at_most, max_element_value(n.alpha), c2 / len,
                     static_cast<std::int64_t>(steer_argmax(n.alpha))});
  e.sides.push_back({"lower", Relation::at_least, min_element_value(n.alpha), c1 / len, static_cast<std::int64_t>(imin)});
  e.details.push_back({"a", a});
  e.details.push_back({"min_F", fmin});
  e.details.push_back({"max_F", fmax});
  e.details.push_back({"C1", c1});
  e.details.push_back({"C2", c2});
  return e;
}

}  // namespace attnbound::lemma1_vanishing
