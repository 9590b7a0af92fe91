#include "counterexamples/shrink.hpp"

#include "counterexamples/parameterization.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace attnbound::search {
namespace {

bool is_token_field(FieldKind k) { return k == FieldKind::token_vector || k == FieldKind::token_matrix; }

std::int64_t token_count(const InstanceSpace& space, const nlohmann::json& inst) {
  for (const auto& f : space.fields)
    if (is_token_field(f.kind) && inst.contains(f.name)) return static_cast<std::int64_t>(inst.at(f.name).size());
  return 0;
}

std::int64_t dim_count(const InstanceSpace& space, const nlohmann::json& inst) {
  for (const auto& f : space.fields) {
    if (!inst.contains(f.name)) continue;
    const auto& v = inst.at(f.name);
    if (f.kind == FieldKind::dim_vector) return static_cast<std::int64_t>(v.size());
    if (f.kind == FieldKind::token_matrix && !v.empty()) return static_cast<std::int64_t>(v.at(0).size());
  }
  return 0;
}

// Every number slot of the continuous fields: (field, row, column), row/column -1 when not used.
struct Slot {
  std::string field;
  int row, col;
};
std::vector<Slot> number_slots(const InstanceSpace& space, const nlohmann::json& inst) {
  std::vector<Slot> out;
  for (const auto& f : space.fields) {
    if (!inst.contains(f.name)) continue;
    const auto& v = inst.at(f.name);
    switch (f.kind) {
      case FieldKind::positive:
      case FieldKind::real: out.push_back({f.name, -1, -1}); break;
      case FieldKind::token_vector:
      case FieldKind::dim_vector:
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back({f.name, static_cast<int>(i), -1});
        break;
      case FieldKind::token_matrix:
        for (std::size_t i = 0; i < v.size(); ++i)
          for (std::size_t k = 0; k < v[i].size(); ++k)
            out.push_back({f.name, static_cast<int>(i), static_cast<int>(k)});
        break;
      case FieldKind::integer: break;
    }
  }
  return out;
}

nlohmann::json& slot_ref(nlohmann::json& inst, const Slot& s) {
  nlohmann::json& v = inst[s.field];
  if (s.row < 0) return v;
  if (s.col < 0) return v[static_cast<std::size_t>(s.row)];
  return v[static_cast<std::size_t>(s.row)][static_cast<std::size_t>(s.col)];
}

std::string text_of(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// Simpler decimals for one value, simplest first.
std::vector<std::string> simpler_values(const std::string& text, bool positive) {
  std::vector<std::string> out;
  const double v = std::strtod(text.c_str(), nullptr);
  if (!positive) out.push_back("0");
  out.push_back("1");
  if (!positive) out.push_back("-1");
  const double r = std::round(v);
  if (std::abs(r) < 1e15 && (!positive || r > 0)) out.push_back(fmt::format("{}", static_cast<long long>(r)));
  for (int digits = 1; digits <= 6; ++digits) {
    const std::string t = fmt::format("{:.{}g}", v, digits);
    if (std::strtod(t.c_str(), nullptr) != 0 || !positive) out.push_back(t);
  }
  return out;
}

}  // namespace

Size instance_size(const InstanceSpace& space, const nlohmann::json& inst) {
  Size s;
  s.length = token_count(space, inst);
  s.dim = dim_count(space, inst);
  std::set<std::string> distinct;
  for (const auto& slot : number_slots(space, inst)) {
    nlohmann::json copy = inst;
    const std::string t = text_of(slot_ref(copy, slot));
    distinct.insert(t);
    s.characters += static_cast<std::int64_t>(t.size());
  }
  s.distinct = static_cast<std::int64_t>(distinct.size());
  return s;
}

namespace {

// Shrinks while `broken(certificate)` stays true.
template <class Broken>
ShrinkResult shrink_while(const Statement& st, const InstanceSpace& space, const std::string& variant,
                          const nlohmann::json& instance, unsigned precision_bits, int max_attempts, Broken broken) {
  ShrinkResult res;
  res.instance = instance;
  res.certificate = certify_candidate(st, instance, variant, precision_bits);
  ++res.attempts;
  if (!broken(res.certificate)) return res;
  Size size = instance_size(space, res.instance);

  auto try_candidate = [&](const nlohmann::json& cand) {
    if (res.attempts >= max_attempts) return false;
    const Size s = instance_size(space, cand);
    if (!(s < size)) return false;
    ++res.attempts;
    Certificate c = certify_candidate(st, cand, variant, precision_bits);
    if (!broken(c)) return false;
    res.instance = cand, res.certificate = std::move(c), size = s, ++res.steps;
    return true;
  };

  bool changed = true;
  while (changed && res.attempts < max_attempts) {
    changed = false;
    // Drop a token.
    const std::int64_t L = token_count(space, res.instance);
    for (std::int64_t i = L - 1; i >= 0 && L > 1; --i) {
      nlohmann::json cand = res.instance;
      for (const auto& f : space.fields)
        if (is_token_field(f.kind) && cand.contains(f.name)) cand[f.name].erase(static_cast<std::size_t>(i));
      for (const auto& f : space.fields)
        if (f.kind == FieldKind::integer && cand.contains(f.name) && cand[f.name].get<std::int64_t>() > L - 1)
          cand[f.name] = L - 1;
      if (try_candidate(cand)) {
        changed = true;
        break;
      }
    }
    if (changed) continue;
    // Drop a dimension.
    const std::int64_t d = dim_count(space, res.instance);
    for (std::int64_t k = d - 1; k >= 0 && d > 1; --k) {
      nlohmann::json cand = res.instance;
      for (const auto& f : space.fields) {
        if (!cand.contains(f.name)) continue;
        if (f.kind == FieldKind::dim_vector) cand[f.name].erase(static_cast<std::size_t>(k));
        if (f.kind == FieldKind::token_matrix)
          for (auto& row : cand[f.name]) row.erase(static_cast<std::size_t>(k));
      }
      if (try_candidate(cand)) {
        changed = true;
        break;
      }
    }
    if (changed) continue;
    // Lower an integer field (counts as simpler through the characters of nothing: accepted on equal
    // size only if it changes the value, so it is tried without the size test).
    for (const auto& f : space.fields) {
      if (f.kind != FieldKind::integer || !res.instance.contains(f.name)) continue;
      const auto v = res.instance[f.name].get<std::int64_t>();
      if (v <= 1 || res.attempts >= max_attempts) continue;
      nlohmann::json cand = res.instance;
      cand[f.name] = v - 1;
      ++res.attempts;
      Certificate c = certify_candidate(st, cand, variant, precision_bits);
      if (broken(c)) {
        res.instance = cand, res.certificate = std::move(c), ++res.steps, changed = true;
        break;
      }
    }
    if (changed) continue;
    // Simplify every occurrence of one value of a field at once (keeps ties).
    for (const auto& f : space.fields) {
      if (changed) break;
      if (!res.instance.contains(f.name)) continue;
      std::vector<Slot> slots;
      for (const auto& slot : number_slots(space, res.instance))
        if (slot.field == f.name) slots.push_back(slot);
      if (slots.size() < 2) continue;
      nlohmann::json probe = res.instance;
      std::set<std::string> values;
      for (const auto& slot : slots) values.insert(text_of(slot_ref(probe, slot)));
      for (const auto& value : values) {
        if (changed) break;
        for (const auto& o : simpler_values(value, f.kind == FieldKind::positive)) {
          if (o == value) continue;
          nlohmann::json cand = res.instance;
          for (const auto& slot : slots)
            if (text_of(slot_ref(cand, slot)) == value) slot_ref(cand, slot) = o;
          if (try_candidate(cand)) {
            changed = true;
            break;
          }
        }
      }
    }
    if (changed) continue;
    // Simplify one number.
    for (const auto& slot : number_slots(space, res.instance)) {
      bool positive = false;
      for (const auto& f : space.fields)
        if (f.name == slot.field) positive = f.kind == FieldKind::positive;
      nlohmann::json probe = res.instance;
      const std::string current = text_of(slot_ref(probe, slot));
      std::vector<std::string> options = simpler_values(current, positive);
      // Values of the other entries of the same field (fewer distinct values).
      for (const auto& other : number_slots(space, res.instance))
        if (other.field == slot.field) options.push_back(text_of(slot_ref(probe, other)));
      for (const auto& o : options) {
        if (o == current) continue;
        nlohmann::json cand = res.instance;
        slot_ref(cand, slot) = o;
        if (try_candidate(cand)) {
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return res;
}

}  // namespace

ShrinkResult shrink_violation(const Statement& st, const InstanceSpace& space, const std::string& variant,
                              const nlohmann::json& instance, unsigned precision_bits, int max_attempts) {
  return shrink_while(st, space, variant, instance, precision_bits, max_attempts,
                      [](const Certificate& c) { return c.violated(); });
}

ShrinkResult shrink_statistical_violation(const Statement& st, const InstanceSpace& space, const std::string& variant,
                                          const nlohmann::json& instance, unsigned precision_bits, int max_attempts) {
  return shrink_while(st, space, variant, instance, precision_bits, max_attempts,
                      [](const Certificate& c) { return c.statistically_violated(); });
}

}  // namespace attnbound::search
