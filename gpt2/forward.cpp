#include "gpt2/forward.hpp"

#include "gpt2/attention_pipeline.hpp"
#include "gpt2/matmul.hpp"
#include "gpt2/parallel_for.hpp"
#include "theory/errors.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace attnbound::gpt2 {
namespace {

using Rows = Eigen::Ref<const MatrixRM>;

void keep(std::vector<Capture>& out, const CaptureSelection& sel, const std::string& name, const MatrixRM& m,
          std::vector<std::int64_t> shape) {
  if (!sel.wants(name)) return;
  out.push_back({name, std::move(shape), std::vector<float>(m.data(), m.data() + m.size())});
}

// Work is split at multiples of kSplitAlign rows (or columns, or elements): a multiple of every variant's GEMM
// register block (AVX-512: 48 rows) and vector width, so that a row takes the same micro-kernel path, hence
// gets the same rounding, whatever the thread count (only the global remainder takes the remainder paths).
// The captures are then bit-identical for every --threads value.
constexpr std::size_t kSplitAlign = 48;

// parallel_for over [0, n) with chunk boundaries at multiples of kSplitAlign.
void parallel_for_aligned(std::size_t n, int threads, const std::function<void(std::size_t, std::size_t)>& body) {
  parallel_for((n + kSplitAlign - 1) / kSplitAlign, threads, [&](std::size_t g0, std::size_t g1) {
    body(g0 * kSplitAlign, std::min(n, g1 * kSplitAlign));
  });
}

// y = x W + b, rows of x split across threads; each thread runs one GEMM (matmul.hpp) on its row block.
void linear(const MatmulKernels& mm, const MatrixRM& x, const MatrixRM& W, const RowVec& b, MatrixRM& y, int threads) {
  y.resize(x.rows(), W.cols());
  parallel_for_aligned(static_cast<std::size_t>(x.rows()), threads, [&](std::size_t r0, std::size_t r1) {
    const auto n = static_cast<Index>(r1 - r0);
    const auto first = static_cast<Index>(r0);
    mm.gemm_bias(x.data() + first * x.cols(), x.cols(), W.data(), W.cols(), b.data(), y.data() + first * y.cols(),
                y.cols(), n, x.cols(), W.cols());
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

void activation(const MatmulKernels& mm, MatrixRM& h, const std::string& kind, int threads) {
  if (kind == "gelu_new") {
    parallel_for_aligned(static_cast<std::size_t>(h.size()), threads, [&](std::size_t e0, std::size_t e1) {
      mm.gelu_new_inplace(h.data() + static_cast<Index>(e0), static_cast<Index>(e1 - e0));
    });
    return;
  }
  parallel_for(static_cast<std::size_t>(h.rows()), threads, [&](std::size_t r0, std::size_t r1) {
    auto a = h.middleRows(r0, r1 - r0).array();
    if (kind == "gelu") {
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
  const MatmulKernels& mm =
      options.matmul_isa.empty() ? matmul_kernels() : matmul_kernels_named(options.matmul_isa, "matmul_isa");
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

  MatrixRM ln, qkv, z(T, d), attn_out, hidden, mlp_out;
  const float scale = 1.0f / std::sqrt(static_cast<float>(dh));
  for (int l = 0; l < c.n_layer; ++l) {
    const Gpt2Layer& L = w.layers[l];
    const std::string p = blocks + std::to_string(l) + ".";
    keep(out, sel, p + "hook_resid_pre", x, {T, d});
    layer_norm(x, L.ln_1_g, L.ln_1_b, c.layer_norm_epsilon, ln, threads);
    keep(out, sel, p + "ln1.hook_normalized", ln, {T, d});
    linear(mm, ln, L.c_attn_w, L.c_attn_b, qkv, threads);
    if (sel.wants(p + "attn.hook_q")) keep(out, sel, p + "attn.hook_q", qkv.leftCols(d), {T, H, dh});
    if (sel.wants(p + "attn.hook_k")) keep(out, sel, p + "attn.hook_k", qkv.middleCols(d, d), {T, H, dh});
    if (sel.wants(p + "attn.hook_v")) keep(out, sel, p + "attn.hook_v", qkv.rightCols(d), {T, H, dh});

    const bool want_scores = sel.wants(p + "attn.hook_attn_scores"), want_pattern = sel.wants(p + "attn.hook_pattern");
    std::vector<float> scores_cap(want_scores ? H * T * T : 0), pattern_cap(want_pattern ? H * T * T : 0);
    parallel_for(static_cast<std::size_t>(H), threads, [&](std::size_t h0, std::size_t h1) {
      MatrixRM s(T, T);
      for (auto h = static_cast<Eigen::Index>(h0); h < static_cast<Eigen::Index>(h1); ++h) {
        // Only the causal (lower) triangle is computed: row i needs keys 0..i.
        mm.gemm_bt_lower(qkv.data() + h * dh, 3 * d, qkv.data() + d + h * dh, 3 * d, s.data(), T, T, dh);
        causal_softmax_rows(s.data(), T, scale, want_scores ? scores_cap.data() + h * T * T : nullptr);
        if (want_pattern) std::copy(s.data(), s.data() + T * T, pattern_cap.data() + h * T * T);
        mm.lower_gemm(s.data(), T, qkv.data() + 2 * d + h * dh, 3 * d, z.data() + h * dh, d, T, dh);
      }
    });
    if (want_scores) out.push_back({p + "attn.hook_attn_scores", {H, T, T}, std::move(scores_cap)});
    if (want_pattern) out.push_back({p + "attn.hook_pattern", {H, T, T}, std::move(pattern_cap)});
    keep(out, sel, p + "attn.hook_z", z, {T, H, dh});
    linear(mm, z, L.attn_c_proj_w, L.attn_c_proj_b, attn_out, threads);
    keep(out, sel, p + "hook_attn_out", attn_out, {T, d});
    x += attn_out;
    keep(out, sel, p + "hook_resid_mid", x, {T, d});

    layer_norm(x, L.ln_2_g, L.ln_2_b, c.layer_norm_epsilon, ln, threads);
    keep(out, sel, p + "ln2.hook_normalized", ln, {T, d});
    linear(mm, ln, L.c_fc_w, L.c_fc_b, hidden, threads);
    keep(out, sel, p + "mlp.hook_pre", hidden, {T, 4 * d});
    activation(mm, hidden, c.activation_function, threads);
    keep(out, sel, p + "mlp.hook_post", hidden, {T, 4 * d});
    linear(mm, hidden, L.mlp_c_proj_w, L.mlp_c_proj_b, mlp_out, threads);
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
    // Split over the vocabulary, not the rows: each thread then streams only its share of wte (154 MB at 124M).
    parallel_for_aligned(static_cast<std::size_t>(c.vocab_size), threads, [&](std::size_t v0, std::size_t v1) {
      const auto first = static_cast<Index>(v0);
      mm.gemm_bt(ln.data(), d, w.wte.data() + first * d, d, logits.data() + first, c.vocab_size, T, d,
                static_cast<Index>(v1 - v0));
    });
    out.push_back({"logits", {T, c.vocab_size}, std::vector<float>(logits.data(), logits.data() + logits.size())});
  }
  return out;
}

}  // namespace attnbound::gpt2
