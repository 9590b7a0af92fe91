// Reader of the genuine GPT-2 124M reference exports (../shared/data/gpt2-reference/ex*.json, Transformer
// Explainer): for each of the 12 x 12 heads the raw attention scores l = q.k (`..._attn`, L x L) and the
// causal visibility (`..._attn_masked`, null = masked). Scores are kept as the decimal text of the file, so
// interval certification starts from the exact published inputs.
//
// Consistency checks done while reading (their worst deviations are reported, never silently ignored):
//   _attn_masked = _attn / 8 on visible entries (GPT-2's 1/sqrt(d_head), d_head = 64);
//   _attn_softmax = softmax(_attn / 8) row-wise on visible entries;  visible set of row t = {0..t} (causal).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace attnbound::reports {

struct ReferenceHead {
  int layer = 0, head = 0;
  // rows[t] = the visible raw scores of query t (t + 1 of them in a causal model), as decimal text.
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<double>> values;  // the same as doubles (correctly rounded)
  // The head's value vectors x_j (hook_v, [pos][d_head]) for Theorem 1; empty when the data has none
  // (the reference exports never have them; captures may, reports/attention_data.hpp).
  std::vector<std::vector<double>> x;
  // keys[t][i] = the key position of rows[t][i]; empty when every row t sees exactly {0..t} (causal).
  std::vector<std::vector<std::size_t>> keys;
};

struct ReferenceExample {
  std::string name;  // file stem, e.g. "ex0"
  std::string prompt;
  std::size_t length = 0;  // L (tokens)
  int layers = 0, heads_per_layer = 0;
  std::vector<ReferenceHead> heads;  // layer-major
  double max_scale_deviation = 0;    // max |masked - raw/8| / max(1, |raw|/8) over visible entries
  double max_softmax_deviation = 0;  // max |softmax(raw/8) - _attn_softmax| over visible entries
  bool causal = true;                // every row t sees exactly {0..t}
  // Where the rows come from and in which scale (reports/reproduce_reference.cpp converts them to the
  // analysis scale): "reference" = a GPT-2 export read here (raw scores q.k, sqrt(d_head) = 8);
  // "attention" = a capture read by reports/attention_data.hpp (TransformerLens scores q.k / sqrt(d_head)).
  std::string source = "reference";
  std::string logit_scale = "raw";  // the rows hold "raw" scores q.k or "scaled" ones q.k / sqrt(d_head)
  std::string sqrt_d_head = "8";    // sqrt(d_head) as decimal text (an integer); "" when d_head is unknown
};

// Reads one export; InputError naming the field (e.g. "outputs.block_3_attn_head_2_attn") on bad data.
ReferenceExample load_reference(const std::string& path);

// Exact decimal text of x / 8 for a validated decimal x (x/8 = 125 x / 1000).
std::string decimal_div8(const std::string& x);
// Exact decimal text of x * m * 10^e10 for a validated decimal x and an integer m >= 0 (decimal_div8(x) is
// decimal_scale(x, 125, -3)); InputError naming "logit" for text that is not a decimal.
std::string decimal_scale(const std::string& x, unsigned long long m, long long e10);

}  // namespace attnbound::reports
