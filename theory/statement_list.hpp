// The registry's table of statements: X(namespace) for each, in the spec's order.
#pragma once

#include "theory/alg5_fd_gradient.hpp"
#include "theory/alt_entmax15.hpp"
#include "theory/alt_low_temperature.hpp"
#include "theory/alt_sa_softmax.hpp"
#include "theory/alt_sparsemax.hpp"
#include "theory/alt_ssmax.hpp"
#include "theory/cor1_softmax_weights.hpp"
#include "theory/cor2_regimes.hpp"
#include "theory/cor3_softmax_jacobian.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/lemma1_vanishing.hpp"
#include "theory/lemma2_jacobian.hpp"
#include "theory/thm1_fixed.hpp"
#include "theory/thm1_random.hpp"
#include "theory/thm2_lower.hpp"
#include "theory/thm2_upper.hpp"

#define ATTNBOUND_STATEMENTS(X)      \
  X(lemma1_vanishing)                \
  X(cor1_softmax_weights)            \
  X(thm1_fixed)                      \
  X(thm1_random)                     \
  X(cor2_regimes)                    \
  X(thm2_lower)                      \
  X(thm2_upper)                      \
  X(lemma2_jacobian)                 \
  X(cor3_softmax_jacobian)           \
  X(cor3_softmax_jacobian_corrected) \
  X(alg5_fd_gradient)                \
  X(alt_sparsemax)                   \
  X(alt_entmax15)                    \
  X(alt_ssmax)                       \
  X(alt_sa_softmax)                  \
  X(alt_low_temperature)
