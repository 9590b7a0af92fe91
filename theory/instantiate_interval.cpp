// Explicit instantiation of every statement's evaluator for Interval (one translation unit per scalar keeps
// the MPFR/MPFI template work out of every other file).
#include "theory/statement_list.hpp"

#define ATTNBOUND_INSTANTIATE(ns)                                                   \
  template attnbound::Evaluation<attnbound::Interval> attnbound::ns::evaluate<attnbound::Interval>( \
      const attnbound::Instance&, const std::string&, const attnbound::EvalOptions&);
ATTNBOUND_STATEMENTS(ATTNBOUND_INSTANTIATE)
