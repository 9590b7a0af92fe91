// Explicit instantiation of every statement's evaluator for double (one translation unit per scalar keeps
// the MPFR/MPFI template work out of every other file).
#include "theory/statement_list.hpp"

#define ATTNBOUND_INSTANTIATE(ns)                                                   \
  template attnbound::Evaluation<double> attnbound::ns::evaluate<double>( \
      const attnbound::Instance&, const std::string&, const attnbound::EvalOptions&);
ATTNBOUND_STATEMENTS(ATTNBOUND_INSTANTIATE)
