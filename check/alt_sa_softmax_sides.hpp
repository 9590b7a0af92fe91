// alt.sa_softmax: the sides of every variant re-derived in Arb (see check/alt_sa_softmax_sides.cpp for each step).
#pragma once

#include "check/instance_reader.hpp"
#include "check/statement_sides.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_sa_softmax_sides(const InstanceReader& in, const std::string& variant, long prec);

}  // namespace attnbound::check
