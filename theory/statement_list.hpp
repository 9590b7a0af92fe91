// The registry's table of statements: X(namespace) for each, in the spec's order.
#pragma once

#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"

#define ATTNBOUND_STATEMENTS(X) \
  X(cor3_softmax_jacobian)      \
  X(cor3_softmax_jacobian_corrected)
