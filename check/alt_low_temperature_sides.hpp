// alt.low_temperature: the sides of every variant re-derived in Arb (see check/alt_low_temperature_sides.cpp).
#pragma once

#include "check/instance_reader.hpp"
#include "check/statement_sides.hpp"

namespace attnbound::check {

std::vector<SideEval> alt_low_temperature_sides(const InstanceReader& in, const std::string& variant, long prec);

}  // namespace attnbound::check
