#include "gpt2/gpt2_config.hpp"

#include "testing/catch.hpp"
#include "theory/errors.hpp"

using attnbound::gpt2::parse_gpt2_config;
using Catch::Contains;

TEST_CASE("config: GPT-2 124M's config.json", "[gpt2][config]") {
  const auto c = parse_gpt2_config(R"({"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"],
    "attn_pdrop": 0.1, "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
    "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12, "n_layer": 12,
    "n_positions": 1024, "resid_pdrop": 0.1, "vocab_size": 50257})");
  CHECK(c.n_layer == 12);
  CHECK(c.n_head == 12);
  CHECK(c.n_embd == 768);
  CHECK(c.head_dim() == 64);
  CHECK(c.n_positions == 1024);
  CHECK(c.vocab_size == 50257);
  CHECK(c.layer_norm_epsilon == 1e-5);
  CHECK(c.activation_function == "gelu_new");
}

TEST_CASE("config: defaults and n_ctx fallback", "[gpt2][config]") {
  const auto c = parse_gpt2_config(R"({"n_layer": 2, "n_head": 4, "n_embd": 32, "n_ctx": 64, "vocab_size": 100,
                                       "activation_function": "gelu_pytorch_tanh"})");
  CHECK(c.n_positions == 64);
  CHECK(c.layer_norm_epsilon == 1e-5);
  CHECK(c.activation_function == "gelu_new");
}

TEST_CASE("config: bad config.json gives an error naming the field", "[gpt2][config]") {
  const std::string base = R"("n_layer": 2, "n_head": 4, "n_embd": 32, "n_positions": 64)";
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + "}"), Contains("vocab_size") && Contains("missing"));
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + R"(, "vocab_size": 0})"), Contains("vocab_size") && Contains("positive"));
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + R"(, "vocab_size": "10"})"), Contains("vocab_size"));
  CHECK_THROWS_WITH(parse_gpt2_config(R"({"n_layer": 2, "n_head": 5, "n_embd": 32, "n_positions": 64, "vocab_size": 10})"),
                    Contains("n_embd") && Contains("not divisible by n_head = 5"));
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + R"(, "vocab_size": 10, "layer_norm_epsilon": -1})"),
                    Contains("layer_norm_epsilon"));
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + R"(, "vocab_size": 10, "activation_function": "swish"})"),
                    Contains("activation_function") && Contains("'swish' is not supported"));
  CHECK_THROWS_WITH(parse_gpt2_config("{" + base + R"(, "vocab_size": 10, "scale_attn_by_inverse_layer_idx": true})"),
                    Contains("scale_attn_by_inverse_layer_idx"));
  CHECK_THROWS_WITH(parse_gpt2_config("{oops", "my/config.json"), Contains("my/config.json") && Contains("not valid JSON"));
  CHECK_THROWS_WITH(parse_gpt2_config("[]"), Contains("not a JSON object"));
}
