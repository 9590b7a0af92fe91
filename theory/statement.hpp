// The statement registry: every result of the paper as a named, evaluable object.
//
// A statement has a stable id (spec table), variants (readings of a formula the spec could not recover,
// and corrected forms), checked hypotheses, and evaluate<S>(instance, variant, options) giving, for each
// side of its claim, the quantity and the bound as scalars of type S.
//
// Adding a statement: write theory/<id with '.' -> '_'>.hpp defining namespace attnbound::<same> with
// `StatementInfo info()` and `template <class S> Evaluation<S> evaluate(const Instance&, const std::string&
// variant, const EvalOptions&)`, then add it to ATTNBOUND_STATEMENTS in theory/statement_list.hpp.
#pragma once

#include "theory/instance.hpp"
#include "theory/scalar.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attnbound {

// quantity <= bound (an upper bound), or quantity >= bound (a lower bound).
enum class Relation { at_most, at_least };

template <class S> struct Side {
  std::string name;  // "upper", "lower", or "claim" for one-sided statements
  Relation relation = Relation::at_most;
  S quantity;
  S bound;
  std::optional<std::int64_t> index;  // the token index at which the worst case is attained, if any
};

template <class S> struct Evaluation {
  std::vector<Side<S>> sides;
  std::vector<std::pair<std::string, S>> details;  // named intermediate values (e.g. "delta", "selected_mass")
  // "closed-form" | "enumeration" | "exact-enumeration" | "interval-integration" | "monte-carlo"
  std::string method = "closed-form";
  std::optional<double> confidence;                 // Monte Carlo: confidence level of the quantity's interval
  // Interval evaluation: false when a discrete choice (an order, a support, a top-N set) was taken from
  // midpoints and could not be certified at this precision; the enclosures then hold only for that choice.
  bool choices_certified = true;
};

struct EvalOptions {
  std::uint64_t seed = 20250823;
  std::uint64_t max_enumeration = 1000000;    // subsets enumerated exactly up to this many
  std::uint64_t monte_carlo_samples = 20000;  // draws when enumeration is too large
  double confidence = 0.99;                   // two-sided confidence of Monte Carlo intervals
  // Theorem 2 (thm2.*), E[N_s] by an exact or certified method instead of Monte Carlo:
  // d = 1: exact sum over the 2^N sign patterns of the selected tokens when 2^N * L <= this (N <= 20 at L = 32).
  std::uint64_t max_sign_enumeration = std::uint64_t{1} << 25;
  // d = 2: interval integration over the L - 1 relative angles when L <= this (at most 12).
  std::size_t max_integration_length = 4;
  double integration_width = 1e-3;                // ... refined until the enclosure of E[N_s]/N is this wide
  std::uint64_t max_integration_boxes = 4000000;  // ... or this many boxes were evaluated
};

struct VariantInfo {
  std::string name;
  std::string claim;   // the inequality, in words and symbols
  std::string status;  // spec tag: "[S]", "[R]", "corrected", ...
};

struct StatementInfo {
  std::string id;
  std::string title;
  std::string paper_ref;
  std::string hypotheses;
  std::vector<std::string> inputs;    // accepted instance fields besides statement/variant
  std::vector<VariantInfo> variants;  // variants[0] is the default
};

template <class S>
using EvaluateFn = Evaluation<S> (*)(const Instance&, const std::string& variant, const EvalOptions&);

struct Statement {
  StatementInfo info;
  EvaluateFn<double> evaluate_double;
  EvaluateFn<Real> evaluate_real;
  EvaluateFn<Interval> evaluate_interval;

  // The variant to use: the default when `requested` is empty; InputError("variant") when unknown.
  std::string resolve_variant(const std::string& requested) const;
};

const std::vector<Statement>& all_statements();
// InputError("statement") naming the known ids when `id` is unknown.
const Statement& find_statement(const std::string& id);

}  // namespace attnbound
