#include "gpt2/gpt2_config.hpp"

#include "theory/errors.hpp"

#include <nlohmann/json.hpp>

namespace attnbound::gpt2 {

Gpt2Config parse_gpt2_config(const std::string& json_text, const std::string& label) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(label, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) throw InputError(label, "not a JSON object");
  Gpt2Config c;
  auto get_int = [&](const char* key, int& out, bool required, const char* alt = nullptr) {
    const char* k = j.contains(key) ? key : (alt && j.contains(alt) ? alt : nullptr);
    if (!k) {
      if (required) throw InputError(label + ": " + key, "missing");
      return;
    }
    const auto& v = j[k];
    if (!v.is_number_integer() || v.get<long long>() <= 0 || v.get<long long>() > (1 << 24))
      throw InputError(label + ": " + k, "must be a positive integer (got " + v.dump() + ")");
    out = v.get<int>();
  };
  get_int("n_layer", c.n_layer, true);
  get_int("n_head", c.n_head, true);
  get_int("n_embd", c.n_embd, true);
  get_int("n_positions", c.n_positions, true, "n_ctx");
  get_int("vocab_size", c.vocab_size, true);
  if (c.n_embd % c.n_head != 0)
    throw InputError(label + ": n_embd", std::to_string(c.n_embd) + " is not divisible by n_head = " + std::to_string(c.n_head));
  if (j.contains("layer_norm_epsilon")) {
    const auto& v = j["layer_norm_epsilon"];
    if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > 1)
      throw InputError(label + ": layer_norm_epsilon", "must be a number in (0, 1] (got " + v.dump() + ")");
    c.layer_norm_epsilon = v.get<double>();
  }
  if (j.contains("activation_function")) {
    const auto& v = j["activation_function"];
    if (!v.is_string()) throw InputError(label + ": activation_function", "must be a string");
    c.activation_function = v.get<std::string>();
    if (c.activation_function == "gelu_pytorch_tanh") c.activation_function = "gelu_new";
    if (c.activation_function != "gelu_new" && c.activation_function != "gelu" && c.activation_function != "relu")
      throw InputError(label + ": activation_function",
                       "'" + c.activation_function + "' is not supported (gelu_new, gelu_pytorch_tanh, gelu, relu)");
  }
  auto flag_must_be = [&](const char* key, bool expected) {
    if (j.contains(key) && j[key].is_boolean() && j[key].get<bool>() != expected)
      throw InputError(label + ": " + key, std::string("= ") + (expected ? "false" : "true") + " is not supported");
  };
  flag_must_be("scale_attn_by_inverse_layer_idx", false);
  flag_must_be("reorder_and_upcast_attn", false);
  flag_must_be("scale_attn_weights", true);
  return c;
}

}  // namespace attnbound::gpt2
