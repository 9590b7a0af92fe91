#include "gpt2/forward.hpp"

#include "gpt2/attention_pipeline.hpp"
#include "gpt2/parallel_for.hpp"
#include "theory/errors.hpp"

#include <Eigen/Core>

#include <cmath>
#include <limits>

namespace attnbound::gpt2 {
namespace {

using Rows = Eigen::Ref<const MatrixRM>;

void keep(std::vector<Capture>& out, const CaptureSelection& sel, const std::string& name, const MatrixRM& m,
          std::vector<std::int64_t> shape) {
  if (!sel.wants(name)) return;
  out.push_back({name, std::move(shape), std::vector<float>(m.data(), m.data() + m.size())});
}

// y = x W + b, rows of x split across threads; each thread runs one Eigen GEMM on its row block.
void linear(const MatrixRM& x, const MatrixRM& W, const RowVec& b, MatrixRM& y, int threads) {
  y.resize(x.rows(), W.cols());
  parallel_for(static_cast<std::size_t>(x.rows()), threads, [&](std::size_t r0, std::size_t r1) {
    const auto n = static_cast<Eigen::Index>(r1 - r0);
    y.middleRows(r0, n).noalias() = x.middleRows(r0, n) * W;
    y.middleRows(r0, n).rowwise() += b;
  });
}

// LayerNorm over each row: (x - mean) / sqrt(var + eps) * g + b, variance biased (divide by d) as in PyTorch;
// mean and variance accumulated in double so they carry no cancellation error beyond the final rounding.
void layer_norm(const MatrixRM& x, const RowVec& g, const RowVec& b, double eps, MatrixRM& y, int threads) {
  y.resize(x.rows(), x.cols());
  parallel_for(static_cast<std::size_t>(x.rows()), threads, [&](std::size_t r0, std::size_t r1) {
    for (std::size_t r = r0; r < r1; ++r) {
      const auto row = x.row(r).cast<double>();
      const double mean = row.mean();
      const double var = (row.array() - mean).square().mean();
      const float inv = static_cast<float>(1.0 / std::sqrt(var + eps));
      y.row(r) = ((x.row(r).array() - static_cast<float>(mean)) * inv * g.array() + b.array()).matrix();
    }
  });
}

void activation(MatrixRM& h, const std::string& kind, int threads) {
  parallel_for(static_cast<std::size_t>(h.rows()), threads, [&](std::size_t r0, std::size_t r1) {
    auto a = h.middleRows(r0, r1 - r0).array();
    if (kind == "gelu_new") {
      // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): Hendrycks & Gimpel's tanh form, as in HF's NewGELU.
      const float c = 0.7978845608028654f;
      a = 0.5f * a * (1.0f + (c * (a + 0.044715f * a.cube())).tanh());
    } else if (kind == "gelu") {
      a = a.unaryExpr([](float t) { return 0.5f * t * (1.0f + std::erf(t * 0.7071067811865476f)); });
    } else {
      a = a.max(0.0f);
    }
  });
}

}  // namespace

std::vector<Capture> gpt2_forward(const Gpt2Weights& w, const std::vector<std::int32_t>& ids,
                                  const CaptureSelection& sel, const ForwardOptions& options) {
  const Gpt2Config& c = w.config;
  const int threads = resolve_threads(options.threads);
  const auto T = static_cast<Eigen::Index>(ids.size());
  if (T == 0) throw InputError("ids", "empty token sequence");
  if (T > c.n_positions)
    throw InputError("ids", std::to_string(T) + " tokens exceed the model's n_positions = " + std::to_string(c.n_positions));
  for (Eigen::Index t = 0; t < T; ++t)
    if (ids[t] < 0 || ids[t] >= c.vocab_size)
      throw InputError("ids[" + std::to_string(t) + "]",
                       "token id " + std::to_string(ids[t]) + " outside the vocabulary [0, " + std::to_string(c.vocab_size) + ")");
  const Eigen::Index d = c.n_embd, H = c.n_head, dh = c.head_dim();
  const std::string blocks = "blocks.";
  std::vector<Capture> out;

  MatrixRM x(T, d), tmp(T, d);
  for (Eigen::Index t = 0; t < T; ++t) {
    x.row(t) = w.wte.row(ids[t]);
    tmp.row(t) = w.wpe.row(t);
  }
  keep(out, sel, "hook_embed", x, {T, d});
  keep(out, sel, "hook_pos_embed", tmp, {T, d});
  x += tmp;

  MatrixRM ln, qkv, q, k, v, z(T, d), attn_out, hidden, mlp_out;
  const float scale = 1.0f / std::sqrt(static_cast<float>(dh));
  for (int l = 0; l < c.n_layer; ++l) {
    const Gpt2Layer& L = w.layers[l];
    const std::string p = blocks + std::to_string(l) + ".";
    keep(out, sel, p + "hook_resid_pre", x, {T, d});
    layer_norm(x, L.ln_1_g, L.ln_1_b, c.layer_norm_epsilon, ln, threads);
    keep(out, sel, p + "ln1.hook_normalized", ln, {T, d});
    linear(ln, L.c_attn_w, L.c_attn_b, qkv, threads);
    q = qkv.leftCols(d);
    k = qkv.middleCols(d, d);
    v = qkv.rightCols(d);
    keep(out, sel, p + "attn.hook_q", q, {T, H, dh});
    keep(out, sel, p + "attn.hook_k", k, {T, H, dh});
    keep(out, sel, p + "attn.hook_v", v, {T, H, dh});

    const bool want_scores = sel.wants(p + "attn.hook_attn_scores"), want_pattern = sel.wants(p + "attn.hook_pattern");
    std::vector<float> scores_cap(want_scores ? H * T * T : 0), pattern_cap(want_pattern ? H * T * T : 0);
    parallel_for(static_cast<std::size_t>(H), threads, [&](std::size_t h0, std::size_t h1) {
      MatrixRM s(T, T);
      for (auto h = static_cast<Eigen::Index>(h0); h < static_cast<Eigen::Index>(h1); ++h) {
        // Only the causal (lower) triangle is computed: row i needs keys 0..i.
        s.triangularView<Eigen::Lower>() = q.middleCols(h * dh, dh) * k.middleCols(h * dh, dh).transpose();
        causal_softmax_rows(s.data(), T, scale, want_scores ? scores_cap.data() + h * T * T : nullptr);
        if (want_pattern) std::copy(s.data(), s.data() + T * T, pattern_cap.data() + h * T * T);
        z.middleCols(h * dh, dh).noalias() = s.triangularView<Eigen::Lower>() * v.middleCols(h * dh, dh);
      }
    });
    if (want_scores) out.push_back({p + "attn.hook_attn_scores", {H, T, T}, std::move(scores_cap)});
    if (want_pattern) out.push_back({p + "attn.hook_pattern", {H, T, T}, std::move(pattern_cap)});
    keep(out, sel, p + "attn.hook_z", z, {T, H, dh});
    linear(z, L.attn_c_proj_w, L.attn_c_proj_b, attn_out, threads);
    keep(out, sel, p + "hook_attn_out", attn_out, {T, d});
    x += attn_out;
    keep(out, sel, p + "hook_resid_mid", x, {T, d});

    layer_norm(x, L.ln_2_g, L.ln_2_b, c.layer_norm_epsilon, ln, threads);
    keep(out, sel, p + "ln2.hook_normalized", ln, {T, d});
    linear(ln, L.c_fc_w, L.c_fc_b, hidden, threads);
    keep(out, sel, p + "mlp.hook_pre", hidden, {T, 4 * d});
    activation(hidden, c.activation_function, threads);
    keep(out, sel, p + "mlp.hook_post", hidden, {T, 4 * d});
    linear(hidden, L.mlp_c_proj_w, L.mlp_c_proj_b, mlp_out, threads);
    keep(out, sel, p + "hook_mlp_out", mlp_out, {T, d});
    x += mlp_out;
    keep(out, sel, p + "hook_resid_post", x, {T, d});
  }
  const bool want_logits = sel.wants("logits");
  if (sel.wants("ln_final.hook_normalized") || want_logits) {
    layer_norm(x, w.ln_f_g, w.ln_f_b, c.layer_norm_epsilon, ln, threads);
    keep(out, sel, "ln_final.hook_normalized", ln, {T, d});
  }
  if (want_logits) {
    MatrixRM logits(T, c.vocab_size);
    parallel_for(static_cast<std::size_t>(T), threads, [&](std::size_t r0, std::size_t r1) {
      const auto n = static_cast<Eigen::Index>(r1 - r0);
      logits.middleRows(r0, n).noalias() = ln.middleRows(r0, n) * w.wte.transpose();
    });
    out.push_back({"logits", {T, c.vocab_size}, std::vector<float>(logits.data(), logits.data() + logits.size())});
  }
  return out;
}

}  // namespace attnbound::gpt2
