#include "counterexamples/parameterization.hpp"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace attnbound::search {

double number_of(const nlohmann::json& v) {
  if (v.is_string()) return std::strtod(v.get_ref<const std::string&>().c_str(), nullptr);
  if (v.is_number()) return v.get<double>();
  throw std::invalid_argument("number_of: not a number: " + v.dump());
}

std::vector<double> encode(const InstanceSpace& space, const nlohmann::json& instance) {
  std::vector<double> x;
  for (const auto& f : space.fields) {
    if (!instance.contains(f.name)) continue;
    const auto& v = instance.at(f.name);
    switch (f.kind) {
      case FieldKind::positive: x.push_back(std::log(number_of(v))); break;
      case FieldKind::real: x.push_back(number_of(v)); break;
      case FieldKind::token_vector:
      case FieldKind::dim_vector:
        for (const auto& e : v) x.push_back(number_of(e));
        break;
      case FieldKind::token_matrix:
        for (const auto& row : v)
          for (const auto& e : row) x.push_back(number_of(e));
        break;
      case FieldKind::integer: break;
    }
  }
  return x;
}

std::optional<nlohmann::json> decode(const InstanceSpace& space, const nlohmann::json& tmpl,
                                     const std::vector<double>& x) {
  nlohmann::json out = tmpl;
  std::size_t k = 0;
  auto next = [&](double& value) {
    if (k >= x.size()) throw std::invalid_argument("decode: too few coordinates");
    value = x[k++];
    return std::isfinite(value);
  };
  for (const auto& f : space.fields) {
    if (!out.contains(f.name)) continue;
    auto& v = out[f.name];
    double value = 0;
    switch (f.kind) {
      case FieldKind::positive: {
        if (!next(value)) return std::nullopt;
        const double p = std::exp(value);
        if (!(p > 0) || !std::isfinite(p)) return std::nullopt;
        v = shortest_decimal(p);
        break;
      }
      case FieldKind::real:
        if (!next(value)) return std::nullopt;
        v = shortest_decimal(value);
        break;
      case FieldKind::token_vector:
      case FieldKind::dim_vector:
        for (auto& e : v) {
          if (!next(value)) return std::nullopt;
          e = shortest_decimal(value);
        }
        break;
      case FieldKind::token_matrix:
        for (auto& row : v)
          for (auto& e : row) {
            if (!next(value)) return std::nullopt;
            e = shortest_decimal(value);
          }
        break;
      case FieldKind::integer: break;
    }
  }
  if (k != x.size()) throw std::invalid_argument("decode: too many coordinates");
  return out;
}

}  // namespace attnbound::search
