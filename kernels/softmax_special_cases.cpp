#include "kernels/softmax_special_cases.hpp"

#include "theory/errors.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace attnbound::kernels {

void check_softmax_args(std::size_t length, float temperature) {
  if (length == 0) throw InputError("logits", "must hold at least one value");
  if (!(temperature >= 1e-30f && temperature <= 1e30f))
    throw InputError("temperature", fmt::format("must be finite and in [1e-30, 1e30], got {}", temperature));
}

bool softmax_special_cases_f32(const float* logits, std::size_t length, float* out, bool log_domain) {
  const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
  std::size_t pos_inf = 0, neg_inf = 0;
  bool any_nan = false;
  for (std::size_t i = 0; i < length; ++i) {
    const float x = logits[i];
    if (std::isnan(x)) any_nan = true;
    else if (x == inf) ++pos_inf;
    else if (x == -inf) ++neg_inf;
  }
  if (!any_nan && pos_inf == 0 && neg_inf < length) return false;
  if (any_nan || pos_inf == 0) {  // NaN present, or every logit is -inf
    for (std::size_t i = 0; i < length; ++i) out[i] = nan;
    return true;
  }
  const float on = log_domain ? static_cast<float>(-std::log(static_cast<double>(pos_inf)))
                              : static_cast<float>(1.0 / static_cast<double>(pos_inf));
  const float off = log_domain ? -inf : 0.0f;
  for (std::size_t i = 0; i < length; ++i) out[i] = logits[i] == inf ? on : off;
  return true;
}

ExpScale exp_scale_for_temperature(float temperature) {
  // log2(e) rounded to double (relative error <= 2^-53) divided by T (another 2^-53): c within 2^-52 of log2(e)/T.
  const double c = 1.4426950408889634 / static_cast<double>(temperature);
  const float hi = static_cast<float>(c);
  // c - hi is exact in double (Sterbenz); lo carries it to 2^-24 relative, so hi + lo is within 2^-48 c of c.
  const float lo = static_cast<float>(c - static_cast<double>(hi));
  return {hi, lo, c};
}

}  // namespace attnbound::kernels
