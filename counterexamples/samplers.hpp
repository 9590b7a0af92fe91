// Samplers of the pieces instances are made of, over a Draw (draw.hpp), each yielding exact decimal text.
//
// They aim at the hard cases of softmax theory, not at "typical" inputs: logits with exact ties and
// near-ties (gaps down to 1e-15 relative), magnitudes up to 1e6, +-0 and subnormals; temperatures
// log-uniform in [1e-6, 1e6]; lengths skewed small (most mass on L <= 8, tail up to the caller's cap);
// embeddings on spheres and in general position; unit Jacobian directions. The first choice of each draw
// is the simplest value (0, 1, L = 1, ...) so RapidCheck shrinks towards readable instances.
#pragma once

#include "counterexamples/draw.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace attnbound::search {

using Decimals = std::vector<std::string>;
using DecimalRows = std::vector<Decimals>;

// L in [1, max_length], skewed small: half the mass on 1..8, a quarter on 9..64, the rest log-uniform.
std::int64_t sample_length(Draw& d, std::int64_t max_length, std::int64_t min_length = 1);
// d in [1, max_dim], skewed small.
std::int64_t sample_dimension(Draw& d, std::int64_t max_dim);

// One decimal: integers, short decimals, values up to +-1e6, +-0, subnormals, the extremes of double.
std::string sample_scalar(Draw& d);
// T > 0, log-uniform in [1e-6, 1e6], with the simple values 1, 0.5, 2, 1e-6, 1e6 drawn often.
std::string sample_temperature(Draw& d);
// A positive decimal log-uniform in [lo, hi] (radius, epsilon, ...).
std::string sample_positive(Draw& d, double lo, double hi);

// L logits: independent values, exact ties (a value repeated), near-ties (a value plus tiny offsets),
// a tie at the top with the rest far below, huge spreads, +-0 and subnormals.
Decimals sample_logits(Draw& d, std::int64_t length);

// L points of R^dim: on the sphere of `radius` (rounded to 17 digits, so within 1e-16 relative of it),
// in general position (Gaussian), or with repeated / collinear rows.
DecimalRows sample_points(Draw& d, std::int64_t length, std::int64_t dim, double radius);
DecimalRows sample_sphere_points(Draw& d, std::int64_t length, std::int64_t dim, double radius);
// A vector of R^dim with its norm in [1e-3, 1e3] (a query).
Decimals sample_vector(Draw& d, std::int64_t dim);
// A unit direction in R^length (a random Gaussian direction, a coordinate axis, or e_i - e_j).
Decimals sample_direction(Draw& d, std::int64_t length);
// N in [1, length]: N = 1, N = L - 1, N = L and uniform choices.
std::int64_t sample_top_n(Draw& d, std::int64_t length);
// A valid top-N set of `logits` (0-based indices, increasing): the N largest, ties at the cut broken at
// random (so at ties it is often not the lower-index set that top_n picks). Logits are compared as
// doubles, which is exact for the samplers' decimals (at most 17 significant digits, distinct decimals
// are distinct doubles; "0" and "-0" tie, as they do exactly).
std::vector<std::int64_t> sample_top_set(Draw& d, const Decimals& logits, std::int64_t n);

}  // namespace attnbound::search
