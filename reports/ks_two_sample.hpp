// Two-sample Kolmogorov-Smirnov test (Algorithm 3's criterion, spec E3): D = sup_x |F_a(x) - F_b(x)| over
// the two empirical distribution functions, and the asymptotic p-value Q_KS((sqrt(ne) + 0.12 + 0.11/sqrt(ne)) D),
// ne = n m / (n + m), Q_KS(z) = 2 sum_{k>=1} (-1)^{k-1} e^{-2 k^2 z^2} (Stephens' small-sample correction, as in
// Numerical Recipes' kstwo). Double precision, not certified; for the 144 + 144 per-head means of
// Algorithm 3 the asymptotic form is accurate to about 1e-3 in p.
#pragma once

#include <vector>

namespace attnbound::reports {

struct KsResult {
  double statistic = 0;  // D in [0, 1]
  double p_value = 1;    // in [0, 1]
};

// InputError naming "ks" when either sample is empty or holds a NaN.
KsResult ks_two_sample(std::vector<double> a, std::vector<double> b);

// Q_KS(z), the Kolmogorov distribution's survival function; 1 for z <= 0.
double kolmogorov_survival(double z);

}  // namespace attnbound::reports
