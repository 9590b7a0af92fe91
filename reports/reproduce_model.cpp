#include "reports/reproduce_model.hpp"

#include "gpt2/bpe_tokenizer.hpp"
#include "gpt2/forward.hpp"
#include "gpt2/gpt2_weights.hpp"
#include "kernels/fd_sensitivity_f32_f64.hpp"
#include "kernels/softmax_f32_3pass_f64acc.hpp"
#include "kernels/top_n_distance_f32_f64acc.hpp"
#include "reports/ks_two_sample.hpp"
#include "reports/random_direction.hpp"
#include "reports/reproduce_reference.hpp"
#include "theory/arith.hpp"
#include "theory/cor3_softmax_jacobian_corrected.hpp"
#include "theory/jacobian_norms.hpp"
#include "theory/softmax.hpp"
#include "theory/statement.hpp"
#include "theory/thm2_upper.hpp"
#include "verify/certify.hpp"

#include <Eigen/Core>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <thread>

namespace attnbound::reports {

std::vector<int> default_critical_grid() {
  return {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 100};
}

namespace {

using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Sums over rows of one head, per (grid N, length L): rows t < L with n = t + 1 > N.
struct Sums {
  double d = 0, e = 0, b = 0, ns = 0, lo = 0, up = 0;
  long long rows = 0;
};

struct HeadResult {
  int layer = 0, head = 0;
  std::vector<std::vector<Sums>> at;  // [grid][length]: cumulative snapshots
  std::vector<double> worst_fixed;    // per grid N: max d~/bound over rows (any L)
  std::vector<std::size_t> worst_fixed_row;
  std::vector<double> worst_fixed_per_length;  // fixed_n: max d~/bound over rows t < L
  double cross_check_max_rel = 0;
  std::size_t cross_checks = 0;
  // Algorithm 5 / Corollary 3 on the sampled rows: [T][eps] sums of g, [T] sums / max of ||J||_2 ratios.
  std::vector<std::vector<double>> g_sum;
  std::vector<double> j_sum, j_max, cor3_paper_worst, cor3_corrected_worst;
  std::size_t cor3_paper_violations = 0, cor3_corrected_violations = 0, alg5_paper_violations = 0, alg5_evals = 0,
              cor3_evals = 0;
  std::size_t sampled_rows = 0;
};

struct Inputs {
  const std::vector<float>* scores = nullptr;  // [H, T, T] scaled scores, -inf after the diagonal
  const std::vector<float>* x = nullptr;       // values [T, H, dh] or hidden [T, d]
  int H = 0, T = 0, dim = 0;
  bool per_head_x = true;
};

struct Settings {
  std::vector<int> grid;        // sorted union of the critical grid, top_n, fixed_n
  std::vector<bool> in_top_n;   // grid[k] is one of top_n (Algorithm 4 is computed there)
  std::vector<int> lengths;     // sorted
  std::vector<double> temps, eps;
  double scale = 8;             // raw = scaled * 8
  std::size_t alg5_rows = 32, cross_check_stride = 16;
  std::uint64_t seed = 0;
  int fixed_index = 0;          // index of fixed_n in grid
};

// Rank order of the top m weights: larger first, ties to the lower index (the project's convention).
std::vector<std::uint32_t> top_order(const std::vector<double>& a, std::size_t m) {
  std::vector<std::uint32_t> idx(a.size());
  std::iota(idx.begin(), idx.end(), 0u);
  m = std::min(m, idx.size());
  std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(m), idx.end(),
                    [&](std::uint32_t i, std::uint32_t j) { return a[i] > a[j] || (a[i] == a[j] && i < j); });
  idx.resize(m);
  return idx;
}

// X (T x dim) in double from the capture: the head's slice of hook_v, or the layer's hidden states.
MatD x_matrix(const Inputs& in, int head) {
  MatD X(in.T, in.dim);
  for (int t = 0; t < in.T; ++t)
    for (int c = 0; c < in.dim; ++c)
      X(t, c) = in.per_head_x ? (*in.x)[(static_cast<std::size_t>(t) * in.H + head) * in.dim + c]
                              : (*in.x)[static_cast<std::size_t>(t) * in.dim + c];
  return X;
}

HeadResult analyse_head(const Inputs& in, const MatD& X, const MatD& G, int layer, int head, const Settings& st,
                        std::size_t window) {
  const int T = in.T, dim = in.dim;
  HeadResult res;
  res.layer = layer;
  res.head = head;
  const std::size_t G_n = st.grid.size(), L_n = st.lengths.size();
  res.at.assign(G_n, std::vector<Sums>(L_n));
  res.worst_fixed.assign(G_n, 0);
  res.worst_fixed_row.assign(G_n, 0);
  res.worst_fixed_per_length.assign(L_n, 0);
  res.g_sum.assign(st.temps.size(), std::vector<double>(st.eps.size(), 0));
  res.j_sum.assign(st.temps.size(), 0);
  res.j_max.assign(st.temps.size(), 0);
  res.cor3_paper_worst.assign(st.temps.size(), 0);
  res.cor3_corrected_worst.assign(st.temps.size(), 0);

  std::vector<float> Xf(static_cast<std::size_t>(T) * dim);
  for (int t = 0; t < T; ++t)
    for (int c = 0; c < dim; ++c) Xf[static_cast<std::size_t>(t) * dim + c] = static_cast<float>(X(t, c));
  std::vector<double> inv(T);
  for (int i = 0; i < T; ++i) inv[i] = G(i, i) > 0 ? 1 / std::sqrt(G(i, i)) : 0;
  const int Nmax = st.grid.back();

  // Rows sampled for Algorithm 5 / Corollary 3: evenly spaced over t = 1 .. T-1.
  std::vector<char> sampled(T, 0);
  if (T > 1)
    for (std::size_t k = 0; k < st.alg5_rows; ++k)
      sampled[1 + (k * static_cast<std::size_t>(T - 1)) / std::max<std::size_t>(st.alg5_rows, 1)] = 1;

  const float* S0 = in.scores->data() + static_cast<std::size_t>(head) * T * T;
  std::vector<float> alpha_f(T);
  std::vector<double> a(T), c(T), ch(T), D2(T), dotS(T), dist(T);
  std::vector<char> sel(T);
  std::vector<Sums> run(G_n);
  std::size_t li = 0;
  for (int t = 0; t < T; ++t) {
    const int n = t + 1;
    const float* row = S0 + static_cast<std::size_t>(t) * T;
    kernels::softmax_f32_3pass_f64acc(row, static_cast<std::size_t>(n), 1.0f, alpha_f.data());
    for (int i = 0; i < n; ++i) a[i] = alpha_f[i];
    std::vector<double> aw(a.begin(), a.begin() + n);
    const auto order = top_order(aw, static_cast<std::size_t>(std::min(Nmax, n)));
    // S = sum_j alpha_j x_j over all n keys; <x_i, S>; ||S||^2.
    Eigen::VectorXd S = Eigen::VectorXd::Zero(dim);
    for (int j = 0; j < n; ++j) S += a[j] * X.row(j).transpose();
    const double SS = S.squaredNorm();
    for (int i = 0; i < n; ++i) dotS[i] = X.row(i).dot(S);
    std::fill(c.begin(), c.begin() + n, 0.0);
    std::fill(ch.begin(), ch.begin() + n, 0.0);
    std::fill(D2.begin(), D2.begin() + n, 0.0);
    std::fill(sel.begin(), sel.begin() + n, 0);
    double ss = 0, ssh = 0, abar = 0, A2 = 0, maxnorm = 0;
    std::size_t gi = 0;
    for (std::size_t k = 0; k < order.size() && gi < G_n; ++k) {
      const std::uint32_t j = order[k];
      const double aj = a[j], Gjj = G(j, j);
      ss += 2 * aj * c[j] + aj * aj * Gjj;
      // ch[i] = <x^_i, s^> with x^ = x/||x|| (the unit-sphere embeddings of Algorithm 4).
      ssh += 2 * aj * ch[j] + (inv[j] > 0 ? aj * aj : 0.0);
      const double* Gj = G.data() + static_cast<std::size_t>(j) * T;
      const double w = aj * inv[j];
      for (int i = 0; i < n; ++i) {
        c[i] += aj * Gj[i];
        ch[i] += w * Gj[i] * inv[i];
        D2[i] = std::max(D2[i], G(i, i) + Gjj - 2 * Gj[i]);
      }
      sel[j] = 1;
      abar += aj;
      A2 += aj * aj;
      maxnorm = std::max(maxnorm, std::sqrt(Gjj));
      const int N = static_cast<int>(k) + 1;
      if (N != st.grid[gi]) continue;
      if (n > N) {
        double d = 0, d1sq = 0;
        for (int i = 0; i < n; ++i)
          if (!sel[i]) {
            d += std::sqrt(std::max(0.0, a[i] * a[i] * G(i, i) - 2 * a[i] * c[i] + ss));
            d1sq = std::max(d1sq, D2[i]);
          }
        const double B = (1 - abar) * std::sqrt(d1sq) + maxnorm * ((n - N) * abar - (1 - abar));
        const double cc = static_cast<double>(N) / (n - 1), p = 1 + cc;
        double e = 0;
        for (int i = 0; i < n; ++i)
          e += std::sqrt(std::max(0.0, p * p * a[i] * a[i] * G(i, i) - 2 * p * cc * a[i] * dotS[i] + cc * cc * SS));
        e *= static_cast<double>(n - N) / n;
        Sums& r = run[gi];
        r.d += d;
        r.e += e;
        r.b += B;
        r.rows++;
        if (B > 0 && d / B > res.worst_fixed[gi]) res.worst_fixed[gi] = d / B, res.worst_fixed_row[gi] = static_cast<std::size_t>(t);
        if (static_cast<int>(gi) == st.fixed_index && B > 0)
          for (std::size_t l = li; l < L_n; ++l) res.worst_fixed_per_length[l] = std::max(res.worst_fixed_per_length[l], d / B);
        if (st.in_top_n[gi]) {
          // Algorithm 4 on the unit sphere.
          double rr = std::numeric_limits<double>::infinity();
          for (int i = 0; i < n; ++i) {
            const double gii = inv[i] > 0 ? 1.0 : 0.0;
            dist[i] = std::sqrt(std::max(0.0, a[i] * a[i] * gii - 2 * a[i] * ch[i] + ssh));
            if (!sel[i]) rr = std::min(rr, dist[i]);
          }
          double ns = 0, xi_sum = 0, up = 0;
          for (std::size_t m = 0; m <= k; ++m) {
            const std::uint32_t i = order[m];
            if (dist[i] < rr) ns += 1;
            // xi_a on the unit sphere (M = 1): A_i = A2 - alpha_i^2, clipped at 0 (rounding only).
            const double xi = std::sqrt(thm2_lower::xi_a_square(1.0, std::max(0.0, A2 - a[i] * a[i])));
            xi_sum += xi;
            up += thm2_upper::term(xi, rr, 1.0);
          }
          r.ns += ns / N;
          r.lo += rr > 0 ? thm2_lower::bound(xi_sum, rr, static_cast<std::size_t>(N)) : -std::numeric_limits<double>::infinity();
          r.up += up / N;
        }
        // Cross-check against the float kernel on a sample of rows.
        if (st.cross_check_stride > 0 && t % static_cast<int>(st.cross_check_stride) == 0 && d > 0) {
          const auto kd = kernels::top_n_distance_f32_f64acc(alpha_f.data(), Xf.data(), static_cast<std::size_t>(n),
                                                             static_cast<std::size_t>(dim), static_cast<std::size_t>(N));
          res.cross_check_max_rel = std::max(res.cross_check_max_rel, std::fabs(kd.distance - d) / d);
          res.cross_checks++;
        }
      }
      ++gi;
    }
    // Snapshot the running sums at the end of each length.
    while (li < L_n && n == st.lengths[li]) {
      for (std::size_t g = 0; g < G_n; ++g) res.at[g][li] = run[g];
      ++li;
    }
    if (sampled[t]) {
      // Algorithm 5 (float kernel) and Corollary 3 (exact ||J||_2 in double) on the row's logits.
      res.sampled_rows++;
      std::vector<float> l(n);
      for (int i = 0; i < n; ++i) l[i] = static_cast<float>(row[i] * st.scale);  // exact: a power of two
      Vec<double> ld(l.begin(), l.end());
      for (std::size_t ti = 0; ti < st.temps.size(); ++ti) {
        const double Tt = st.temps[ti];
        const Vec<double> alpha = softmax(ld, Tt);
        const double J = softmax_jacobian_spectral_norm(alpha, Tt);
        const double paper = cor3_softmax_jacobian::bound(Tt), corrected = cor3_softmax_jacobian_corrected::bound(Tt);
        res.j_sum[ti] += J;
        res.j_max[ti] = std::max(res.j_max[ti], J);
        res.cor3_paper_worst[ti] = std::max(res.cor3_paper_worst[ti], J / paper);
        res.cor3_corrected_worst[ti] = std::max(res.cor3_corrected_worst[ti], J / corrected);
        res.cor3_evals++;
        if (J > paper) res.cor3_paper_violations++;
        if (J > corrected) res.cor3_corrected_violations++;
        for (std::size_t ei = 0; ei < st.eps.size(); ++ei) {
          const auto v = random_unit_direction(st.seed, {window, static_cast<std::uint64_t>(layer), static_cast<std::uint64_t>(head),
                                                         static_cast<std::uint64_t>(t), ti, ei},
                                               static_cast<std::size_t>(n));
          std::vector<float> vf(v.begin(), v.end());
          const double g = kernels::fd_sensitivity_f32_f64(l.data(), vf.data(), static_cast<std::size_t>(n),
                                                           static_cast<float>(Tt), static_cast<float>(st.eps[ei]));
          res.g_sum[ti][ei] += g;
          res.alg5_evals++;
          if (g > paper) res.alg5_paper_violations++;
        }
      }
    }
  }
  return res;
}

std::string read_text_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError("text", "cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

double median_of(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}
double quantile_of(std::vector<double> v, double q) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

long long parameter_count(const gpt2::Gpt2Weights& w) {
  long long n = static_cast<long long>(w.wte.size() + w.wpe.size() + w.ln_f_g.size() + w.ln_f_b.size());
  for (const auto& l : w.layers)
    n += static_cast<long long>(l.ln_1_g.size() + l.ln_1_b.size() + l.c_attn_w.size() + l.c_attn_b.size() +
                                l.attn_c_proj_w.size() + l.attn_c_proj_b.size() + l.ln_2_g.size() + l.ln_2_b.size() +
                                l.c_fc_w.size() + l.c_fc_b.size() + l.mlp_c_proj_w.size() + l.mlp_c_proj_b.size());
  return n;
}

Cell num_or_blank(double x) { return std::isfinite(x) ? Cell(x) : Cell(std::string("")); }

}  // namespace

PartOutcome reproduce_model(const ModelReproduceOptions& o, const PartContext& ctx) {
  PartOutcome out;
  out.section = {"reproduce_model", "Algorithms 1-5 on GPT-2 over War and Peace (reproduce --model)", "", ""};
  if (o.x != "values" && o.x != "hidden") throw InputError("x", "must be values or hidden, got " + o.x);
  if (!(o.ks_level > 0 && o.ks_level < 1)) throw InputError("ks-level", "must be in (0, 1)");
  if (o.lengths.empty()) throw InputError("lengths", "at least one length is needed");
  if (o.top_n.empty()) throw InputError("top-n", "at least one N is needed");
  if (o.windows < 1) throw InputError("windows", "must be >= 1");
  if (o.logit_scale != "raw" && o.logit_scale != "scaled")
    throw InputError("logit-scale", "must be raw or scaled, got " + o.logit_scale);
  Settings st;
  st.lengths = o.lengths;
  std::sort(st.lengths.begin(), st.lengths.end());
  st.lengths.erase(std::unique(st.lengths.begin(), st.lengths.end()), st.lengths.end());
  for (int L : st.lengths)
    if (L < 2) throw InputError("lengths", fmt::format("every L must be >= 2, got {}", L));
  std::vector<int> crit = o.critical_grid.empty() ? default_critical_grid() : o.critical_grid;
  std::vector<int> grid = crit;
  grid.insert(grid.end(), o.top_n.begin(), o.top_n.end());
  grid.push_back(o.fixed_n);
  for (int N : grid)
    if (N < 1) throw InputError("top-n", fmt::format("every N must be >= 1, got {}", N));
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  st.grid = grid;
  for (int N : grid) st.in_top_n.push_back(std::find(o.top_n.begin(), o.top_n.end(), N) != o.top_n.end());
  st.fixed_index = static_cast<int>(std::find(grid.begin(), grid.end(), o.fixed_n) - grid.begin());
  const std::vector<std::string> temp_text = o.temperatures.empty() ? default_temperatures(o.logit_scale) : o.temperatures;
  for (const auto& t : temp_text) {
    if (!is_decimal(t) || !(std::strtod(t.c_str(), nullptr) > 0)) throw InputError("temperatures", "must be > 0, got " + t);
    st.temps.push_back(std::strtod(t.c_str(), nullptr));
  }
  for (const auto& e : o.epsilons) {
    if (!is_decimal(e) || !(std::strtod(e.c_str(), nullptr) > 0)) throw InputError("epsilons", "must be > 0, got " + e);
    st.eps.push_back(std::strtod(e.c_str(), nullptr));
  }
  st.scale = o.logit_scale == "raw" ? 8.0 : 1.0;  // GPT-2 scores are q.k / sqrt(64); raw = 8 x scaled
  st.alg5_rows = o.alg5_rows;
  st.cross_check_stride = o.cross_check_stride;
  st.seed = o.seed;

  // ---- model, tokenizer, text ----
  ctx.progress("loading " + o.model_dir.string());
  const gpt2::Gpt2Weights w = gpt2::load_gpt2_checkpoint(o.model_dir);
  const gpt2::Gpt2Config& cfg = w.config;
  if (cfg.head_dim() != 64) st.scale = o.logit_scale == "raw" ? std::sqrt(static_cast<double>(cfg.head_dim())) : 1.0;
  const int Lmax = std::min(st.lengths.back(), cfg.n_positions);
  if (Lmax < st.lengths.back())
    throw InputError("lengths", fmt::format("L = {} exceeds the model's n_positions = {}", st.lengths.back(), cfg.n_positions));
  const gpt2::BpeTokenizer tok = gpt2::BpeTokenizer::load(o.tokenizer_dir);
  const std::string text = read_text_file(o.text);
  std::size_t from = o.text_from.empty() ? std::string::npos : text.find(o.text_from);
  std::string start_note;
  if (from == std::string::npos) {
    from = 0;
    start_note = o.text_from.empty() ? "the start of the file" : "the start of the file ('" + o.text_from + "' not found)";
  } else {
    // Back to the opening quotation mark or line start before the marker.
    while (from > 0 && text[from - 1] != '\n') --from;
    start_note = fmt::format("byte {} (the line holding '{}')", from, o.text_from);
  }
  const std::size_t need = o.windows * static_cast<std::size_t>(Lmax);
  // Tokenize a generous slice (GPT-2 averages ~4 bytes per token on English prose).
  std::vector<std::int32_t> ids = tok.encode(text.substr(from, need * 12 + 4096));
  if (ids.size() < need)
    throw InputError("text", fmt::format("{} tokens needed ({} windows of {}), the text gives {}", need, o.windows, Lmax, ids.size()));
  for (auto id : ids)
    if (id >= cfg.vocab_size)
      throw InputError("model", fmt::format("token id {} is outside the model's vocabulary ({})", id, cfg.vocab_size));

  const int H = cfg.n_head, Lay = cfg.n_layer;
  const std::size_t nheads = static_cast<std::size_t>(H * Lay);
  std::vector<HeadResult> heads;  // window-major
  std::size_t windows_done = 0, layers_cut = 0;
  std::vector<gpt2::Capture> first_window;  // kept for the certified sample
  for (std::size_t wi = 0; wi < o.windows; ++wi) {
    if (ctx.expired()) break;
    std::vector<std::int32_t> win(ids.begin() + static_cast<std::ptrdiff_t>(wi * Lmax),
                                  ids.begin() + static_cast<std::ptrdiff_t>((wi + 1) * Lmax));
    ctx.progress(fmt::format("window {}/{}: forward pass over {} tokens ({} layers x {} heads)", wi + 1, o.windows, Lmax, Lay, H));
    const std::string xcap = o.x == "values" ? "blocks.*.attn.hook_v" : "blocks.*.hook_resid_pre";
    gpt2::ForwardOptions fo;
    fo.threads = o.threads;
    auto caps = gpt2::gpt2_forward(w, win, gpt2::CaptureSelection::parse("blocks.*.attn.hook_attn_scores," + xcap, Lay), fo);
    std::map<std::string, const gpt2::Capture*> by_name;
    for (const auto& c : caps) by_name[c.name] = &c;
    for (int l = 0; l < Lay; ++l) {
      if (ctx.expired()) {
        layers_cut += static_cast<std::size_t>(Lay - l);
        break;
      }
      const std::string p = fmt::format("blocks.{}.", l);
      Inputs in;
      in.scores = &by_name.at(p + "attn.hook_attn_scores")->data;
      in.per_head_x = o.x == "values";
      in.x = &by_name.at(in.per_head_x ? p + "attn.hook_v" : p + "hook_resid_pre")->data;
      in.H = H;
      in.T = Lmax;
      in.dim = in.per_head_x ? cfg.head_dim() : cfg.n_embd;
      ctx.progress(fmt::format("window {}/{}: layer {}/{}: Algorithms 1-5 over {} heads x {} rows", wi + 1, o.windows, l + 1, Lay, H, Lmax));
      std::vector<HeadResult> lr(static_cast<std::size_t>(H));
      // Hidden states are shared by the layer's heads: one Gram matrix per layer.
      MatD Xl, Gl;
      if (!in.per_head_x) {
        Xl = x_matrix(in, 0);
        Gl = Xl * Xl.transpose();
      }
      std::atomic<int> next{0};
      auto worker = [&] {
        for (int h; (h = next++) < H;) {
          if (in.per_head_x) {
            const MatD X = x_matrix(in, h);
            const MatD G = X * X.transpose();
            lr[static_cast<std::size_t>(h)] = analyse_head(in, X, G, l, h, st, wi);
          } else {
            lr[static_cast<std::size_t>(h)] = analyse_head(in, Xl, Gl, l, h, st, wi);
          }
        }
      };
      std::vector<std::thread> pool;
      for (int k = 1; k < std::max(1, o.threads); ++k) pool.emplace_back(worker);
      worker();
      for (auto& th : pool) th.join();
      heads.insert(heads.end(), lr.begin(), lr.end());
    }
    ++windows_done;
    if (wi == 0) first_window = std::move(caps);
  }
  if (heads.empty()) {
    out.section.status = "skipped";
    out.section.detail = "the time budget was spent before the first layer was analysed (raise --budget)";
    return out;
  }

  // ---- aggregate per (layer, head) over windows: sums of sums ----
  std::map<std::pair<int, int>, HeadResult> agg;
  for (auto& h : heads) {
    auto key = std::make_pair(h.layer, h.head);
    auto it = agg.find(key);
    if (it == agg.end()) {
      agg.emplace(key, h);
      continue;
    }
    HeadResult& a = it->second;
    for (std::size_t g = 0; g < st.grid.size(); ++g) {
      for (std::size_t li = 0; li < st.lengths.size(); ++li) {
        Sums& s = a.at[g][li];
        const Sums& t = h.at[g][li];
        s.d += t.d, s.e += t.e, s.b += t.b, s.ns += t.ns, s.lo += t.lo, s.up += t.up, s.rows += t.rows;
      }
      if (h.worst_fixed[g] > a.worst_fixed[g]) a.worst_fixed[g] = h.worst_fixed[g], a.worst_fixed_row[g] = h.worst_fixed_row[g];
    }
    for (std::size_t li = 0; li < st.lengths.size(); ++li)
      a.worst_fixed_per_length[li] = std::max(a.worst_fixed_per_length[li], h.worst_fixed_per_length[li]);
    a.cross_check_max_rel = std::max(a.cross_check_max_rel, h.cross_check_max_rel);
    a.cross_checks += h.cross_checks;
    for (std::size_t ti = 0; ti < st.temps.size(); ++ti) {
      for (std::size_t ei = 0; ei < st.eps.size(); ++ei) a.g_sum[ti][ei] += h.g_sum[ti][ei];
      a.j_sum[ti] += h.j_sum[ti];
      a.j_max[ti] = std::max(a.j_max[ti], h.j_max[ti]);
      a.cor3_paper_worst[ti] = std::max(a.cor3_paper_worst[ti], h.cor3_paper_worst[ti]);
      a.cor3_corrected_worst[ti] = std::max(a.cor3_corrected_worst[ti], h.cor3_corrected_worst[ti]);
    }
    a.cor3_paper_violations += h.cor3_paper_violations;
    a.cor3_corrected_violations += h.cor3_corrected_violations;
    a.alg5_paper_violations += h.alg5_paper_violations;
    a.alg5_evals += h.alg5_evals;
    a.cor3_evals += h.cor3_evals;
    a.sampled_rows += h.sampled_rows;
  }
  std::vector<const HeadResult*> hs;
  for (const auto& [k, v] : agg) hs.push_back(&v);
  const std::size_t nh = hs.size();
  auto grid_index = [&](int N) {
    return static_cast<std::size_t>(std::find(st.grid.begin(), st.grid.end(), N) - st.grid.begin());
  };
  const std::size_t Llast = st.lengths.size() - 1;
  // Per-head token means at (N, L); NaN where no row has n > N.
  auto head_means = [&](std::size_t g, std::size_t li, double Sums::*field) {
    std::vector<double> v;
    for (const auto* h : hs) {
      const Sums& s = h->at[g][li];
      if (s.rows > 0) v.push_back(s.*field / static_cast<double>(s.rows));
    }
    return v;
  };
  auto mean_of = [](const std::vector<double>& v) {
    if (v.empty()) return std::nan("");
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
  };

  // ---- model information ----
  {
    Table t{"model_info", "Model and text", "What the model reproduction ran on.", {}, {}};
    t.columns = {{"field", "", Column::Kind::text}, {"value", "", Column::Kind::text}};
    const long long params = parameter_count(w);
    t.rows = {{std::string("checkpoint"), w.source},
              {std::string("dtype"), w.dtype},
              {std::string("shape"), fmt::format("{} layers x {} heads, d_model {}, d_head {}, n_positions {}, vocab {}", Lay, H,
                                                 cfg.n_embd, cfg.head_dim(), cfg.n_positions, cfg.vocab_size)},
              {std::string("parameters"), fmt::format("{}", params)},
              {std::string("text"), o.text.filename().string() + " from " + start_note},
              {std::string("tokens"), fmt::format("{} window(s) of {} consecutive tokens ({} analysed)", o.windows, Lmax, windows_done)},
              {std::string("x_i"), o.x == "values" ? std::string("per-head value vectors (hook_v), d = ") + std::to_string(cfg.head_dim())
                                                   : std::string("hidden states entering the block (hook_resid_pre), d = ") + std::to_string(cfg.n_embd)},
              {std::string("alpha"), std::string("float softmax kernel of the scaled scores q.k/sqrt(d_head) at T = 1 (native)")},
              {std::string("rows"), std::string("causal: row t sees n = t + 1 keys; statistics at L use rows t < L with n > N")}};
    out.tables.push_back(std::move(t));
  }

  // ---- Algorithms 1 and 2 ----
  const std::size_t gfix = static_cast<std::size_t>(st.fixed_index);
  std::vector<double> a1_d, a1_e, a1_b;
  {
    Table t{"alg1_distance_vs_L", fmt::format("Algorithm 1: distance against L at N = {}", o.fixed_n),
            "Token mean per head (rows t < L with n > N), then the mean over heads; double precision, not certified. "
            "bound = Theorem 1 fixed top-N (thm1.fixed, tight); E = Theorem 1 random top-N main sum (thm1.random).",
            {}, {}};
    t.columns = {{"L", "tokens", Column::Kind::exact}, {"true d~", "", Column::Kind::point},
                 {"E (main sum)", "", Column::Kind::point}, {"bound", "", Column::Kind::point},
                 {"true / bound", "", Column::Kind::point}, {"max over rows d~/bound", "", Column::Kind::point}};
    for (std::size_t li = 0; li < st.lengths.size(); ++li) {
      const double d = mean_of(head_means(gfix, li, &Sums::d)), e = mean_of(head_means(gfix, li, &Sums::e)),
                   b = mean_of(head_means(gfix, li, &Sums::b));
      double worst = 0;
      for (const auto* h : hs) worst = std::max(worst, h->worst_fixed_per_length[li]);
      a1_d.push_back(d), a1_e.push_back(e), a1_b.push_back(b);
      t.rows.push_back({static_cast<long long>(st.lengths[li]), num_or_blank(d), num_or_blank(e), num_or_blank(b),
                        num_or_blank(d / b), worst});
    }
    out.tables.push_back(std::move(t));
  }
  std::vector<double> a2_d, a2_e, a2_b;
  {
    Table t{"alg2_distance_vs_N", fmt::format("Algorithm 2: distance against N at L = {}", st.lengths.back()),
            "As Algorithm 1, at the longest L, for each N.", {}, {}};
    t.columns = {{"N", "", Column::Kind::exact}, {"true d~", "", Column::Kind::point},
                 {"E (main sum)", "", Column::Kind::point}, {"bound", "", Column::Kind::point},
                 {"true / bound", "", Column::Kind::point}, {"max over rows d~/bound", "", Column::Kind::point}};
    for (int N : o.top_n) {
      const std::size_t g = grid_index(N);
      const double d = mean_of(head_means(g, Llast, &Sums::d)), e = mean_of(head_means(g, Llast, &Sums::e)),
                   b = mean_of(head_means(g, Llast, &Sums::b));
      double worst = 0;
      for (const auto* h : hs) worst = std::max(worst, h->worst_fixed[g]);
      a2_d.push_back(d), a2_e.push_back(e), a2_b.push_back(b);
      t.rows.push_back({static_cast<long long>(N), num_or_blank(d), num_or_blank(e), num_or_blank(b), num_or_blank(d / b), worst});
    }
    out.tables.push_back(std::move(t));
  }

  // ---- Algorithm 3: critical N by KS ----
  std::vector<double> crit_L, crit_N;
  {
    std::string grid_text;
    for (int N : crit) grid_text += (grid_text.empty() ? "" : " ") + std::to_string(N);
    Table ks{"alg3_ks", "Algorithm 3: KS test of per-head mean d~ against per-head mean E",
             fmt::format("Two-sample Kolmogorov-Smirnov on the {} per-head token means (asymptotic p, double); the "
                         "critical N is the first N of the grid with p > {} (not rejected).", nh, o.ks_level),
             {}, {}};
    ks.columns = {{"L", "", Column::Kind::exact}, {"N", "", Column::Kind::exact}, {"D", "", Column::Kind::point},
                  {"p", "", Column::Kind::point}, {"not rejected", "", Column::Kind::text}};
    Table t{"alg3_critical_n", "Algorithm 3: critical N against L",
            fmt::format("KS level {} (0.01 in the text and Fig. 2c; 0.05 in Algorithm 3: --ks-level); N grid {}.",
                        o.ks_level, grid_text),
            {}, {}};
    t.columns = {{"L", "tokens", Column::Kind::exact}, {"critical N", "", Column::Kind::text},
                 {"critical N / L", "", Column::Kind::point}, {"p at critical N", "", Column::Kind::point}};
    std::vector<int> sorted_crit = crit;
    std::sort(sorted_crit.begin(), sorted_crit.end());
    for (std::size_t li = 0; li < st.lengths.size(); ++li) {
      const int L = st.lengths[li];
      int found = -1;
      double pf = std::nan("");
      for (int N : sorted_crit) {
        if (N >= L) break;
        const std::size_t g = grid_index(N);
        const auto dv = head_means(g, li, &Sums::d), ev = head_means(g, li, &Sums::e);
        if (dv.empty() || ev.empty()) continue;
        const KsResult r = ks_two_sample(dv, ev);
        const bool ok = r.p_value > o.ks_level;
        ks.rows.push_back({static_cast<long long>(L), static_cast<long long>(N), r.statistic, r.p_value, std::string(ok ? "yes" : "no")});
        if (ok) {
          found = N;
          pf = r.p_value;
          break;
        }
      }
      t.rows.push_back({static_cast<long long>(L), found > 0 ? std::to_string(found) : std::string("-1 (none)"),
                        found > 0 ? Cell(static_cast<double>(found) / L) : Cell(std::string("")), num_or_blank(pf)});
      if (found > 0) crit_L.push_back(L), crit_N.push_back(found);
    }
    out.tables.push_back(std::move(t));
    out.tables.push_back(std::move(ks));
  }

  // ---- Algorithm 4: separability ----
  std::vector<double> sep_med, sep_q1, sep_q3, sep_min, sep_max, sep_lo, sep_up;
  {
    Table t{"alg4_separability", fmt::format("Algorithm 4: geometric separability N_s/N at L = {}", st.lengths.back()),
            "x_i normalised to the unit sphere (M = 1); r = min over non-selected i of ||s - alpha_i x_i||; N_s counts "
            "selected i strictly inside B_r(s). Per-head token means; quartiles over heads. Bounds: Theorem 2 with "
            "xi_a (thm2.lower / thm2.upper). Double precision, not certified.",
            {}, {}};
    t.columns = {{"N", "", Column::Kind::exact},         {"min", "", Column::Kind::point},
                 {"25%", "", Column::Kind::point},       {"median N_s/N", "", Column::Kind::point},
                 {"75%", "", Column::Kind::point},       {"max", "", Column::Kind::point},
                 {"lower bound (median)", "", Column::Kind::point}, {"upper bound (median)", "", Column::Kind::point}};
    for (int N : o.top_n) {
      const std::size_t g = grid_index(N);
      const auto v = head_means(g, Llast, &Sums::ns), lo = head_means(g, Llast, &Sums::lo), up = head_means(g, Llast, &Sums::up);
      sep_med.push_back(median_of(v)), sep_q1.push_back(quantile_of(v, 0.25)), sep_q3.push_back(quantile_of(v, 0.75));
      sep_min.push_back(quantile_of(v, 0)), sep_max.push_back(quantile_of(v, 1));
      sep_lo.push_back(median_of(lo)), sep_up.push_back(median_of(up));
      t.rows.push_back({static_cast<long long>(N), num_or_blank(sep_min.back()), num_or_blank(sep_q1.back()),
                        num_or_blank(sep_med.back()), num_or_blank(sep_q3.back()), num_or_blank(sep_max.back()),
                        num_or_blank(sep_lo.back()), num_or_blank(sep_up.back())});
    }
    out.tables.push_back(std::move(t));
  }

  // ---- Algorithm 5 and Corollary 3 on the sampled rows ----
  const std::size_t nT = st.temps.size(), nE = st.eps.size();
  std::vector<std::vector<double>> G(nT, std::vector<double>(nE, 0));
  std::vector<double> Jbar(nT, 0), Jmax(nT, 0);
  std::size_t sampled = 0, alg5_viol = 0, cor3_evals = 0, cor3_pv = 0, cor3_cv = 0;
  double cor3_pw = 0, cor3_cw = 0;
  for (const auto* h : hs) {
    sampled += h->sampled_rows;
    alg5_viol += h->alg5_paper_violations;
    cor3_evals += h->cor3_evals, cor3_pv += h->cor3_paper_violations, cor3_cv += h->cor3_corrected_violations;
    for (std::size_t ti = 0; ti < nT; ++ti) {
      if (h->sampled_rows == 0) continue;
      const double rows = static_cast<double>(h->sampled_rows);
      for (std::size_t ei = 0; ei < nE; ++ei) G[ti][ei] = std::max(G[ti][ei], h->g_sum[ti][ei] / rows);
      Jbar[ti] = std::max(Jbar[ti], h->j_sum[ti] / rows);
      Jmax[ti] = std::max(Jmax[ti], h->j_max[ti]);
      cor3_pw = std::max(cor3_pw, h->cor3_paper_worst[ti]);
      cor3_cw = std::max(cor3_cw, h->cor3_corrected_worst[ti]);
    }
  }
  {
    Table t{"alg5_model", "Algorithm 5 on the model: g(T, eps), token average per head, max over heads",
            fmt::format("{} sampled rows ({} per head per window, evenly spaced); logit scale {}; g by the float kernel "
                        "fd_sensitivity_f32_f64, ||J||_2 exact in double. Not certified.",
                        sampled, o.alg5_rows, o.logit_scale),
            {}, {}};
    t.columns = {{"T", "", Column::Kind::point}, {"eps", "", Column::Kind::point}, {"max over heads of mean g", "", Column::Kind::point},
                 {"max over heads of mean ||J||_2", "", Column::Kind::point}, {"max ||J||_2", "", Column::Kind::point},
                 {"min{1/(4T), sqrt 2}", "paper", Column::Kind::point}, {"1/(2T)", "corrected", Column::Kind::point}};
    for (std::size_t ti = 0; ti < nT; ++ti)
      for (std::size_t ei = 0; ei < nE; ++ei)
        t.rows.push_back({st.temps[ti], st.eps[ei], G[ti][ei], Jbar[ti], Jmax[ti],
                          cor3_softmax_jacobian::bound(st.temps[ti]), cor3_softmax_jacobian_corrected::bound(st.temps[ti])});
    out.tables.push_back(std::move(t));
  }

  // ---- cross-check and certified sample ----
  double xmax = 0;
  std::size_t xn = 0;
  for (const auto* h : hs) xmax = std::max(xmax, h->cross_check_max_rel), xn += h->cross_checks;
  double worst_ratio = 0;  // over every window
  for (const auto* h : hs) worst_ratio = std::max(worst_ratio, h->worst_fixed[gfix]);
  // The certified sample reads window 1's captures: its worst row first.
  const HeadResult* worst_head = nullptr;
  double worst_first = -1;
  for (std::size_t k = 0; k < std::min(heads.size(), nheads); ++k)
    if (heads[k].worst_fixed[gfix] > worst_first) worst_first = heads[k].worst_fixed[gfix], worst_head = &heads[k];
  std::size_t fixed_evals = 0;
  for (const auto* h : hs) fixed_evals += static_cast<std::size_t>(h->at[gfix][Llast].rows);
  struct CertRow {
    std::string where, q_lo, q_hi, b_lo, b_hi, verdict;
  };
  std::vector<CertRow> cert;
  std::size_t cert_hold = 0, cert_viol = 0;
  std::string worst_lo, worst_hi;
  if (o.certify_rows > 0 && worst_head && !first_window.empty() && !ctx.expired()) {
    // Rows to certify: the worst thm1.fixed row of the first window, then seeded random (head, row) pairs.
    std::vector<std::pair<const HeadResult*, std::size_t>> rows = {{worst_head, worst_head->worst_fixed_row[gfix]}};
    std::mt19937_64 gen(splitmix64(o.seed ^ 0xce47ULL));
    while (rows.size() < o.certify_rows) rows.push_back({hs[gen() % nh], static_cast<std::size_t>(o.fixed_n + gen() % static_cast<std::uint64_t>(Lmax - o.fixed_n))});
    ctx.progress(fmt::format("certifying {} row(s) of thm1.fixed in MPFI at {} bits", rows.size(), o.certify_bits));
    std::map<std::string, const gpt2::Capture*> by_name;
    for (const auto& c : first_window) by_name[c.name] = &c;
    const Statement& stmt = find_statement("thm1.fixed");
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto [h, t] = rows[k];
      const std::string p = fmt::format("blocks.{}.", h->layer);
      const auto& sc = by_name.at(p + "attn.hook_attn_scores")->data;
      const auto& xs = by_name.at(o.x == "values" ? p + "attn.hook_v" : p + "hook_resid_pre")->data;
      const int dim = o.x == "values" ? cfg.head_dim() : cfg.n_embd;
      nlohmann::json logits = nlohmann::json::array(), x = nlohmann::json::array();
      for (std::size_t i = 0; i <= t; ++i) {
        logits.push_back(fmt::format("{}", sc[(static_cast<std::size_t>(h->head) * Lmax + t) * Lmax + i]));
        nlohmann::json xr = nlohmann::json::array();
        for (int cidx = 0; cidx < dim; ++cidx)
          xr.push_back(fmt::format("{}", o.x == "values" ? xs[(i * H + static_cast<std::size_t>(h->head)) * dim + cidx] : xs[i * dim + cidx]));
        x.push_back(std::move(xr));
      }
      nlohmann::json j = {{"statement", "thm1.fixed"}, {"variant", "tight"}, {"logits", logits}, {"temperature", "1"},
                          {"x", x}, {"top_n", o.fixed_n}};
      PrecisionScope scope(o.certify_bits);
      const Evaluation<Interval> e = stmt.evaluate_interval(Instance::from_json(j), "tight", EvalOptions{});
      const auto& s = e.sides.at(0);
      // verify/certify's single-side rule; a word resting on an uncertified discrete choice is not said.
      const std::string verdict = e.choices_certified ? to_string(interval_verdict(s)) : "undecided";
      if (verdict == "holds") ++cert_hold;
      if (verdict == "violated") ++cert_viol;
      if (k == 0) {
        const Interval ratio = s.quantity / s.bound;
        worst_lo = to_decimal_down(lower_end(ratio));
        worst_hi = to_decimal_up(upper_end(ratio));
      }
      cert.push_back({fmt::format("window 1 layer {} head {} row {} (n = {}), N = {}", h->layer, h->head, t, t + 1, o.fixed_n),
                      to_decimal_down(lower_end(s.quantity)), to_decimal_up(upper_end(s.quantity)),
                      to_decimal_down(lower_end(s.bound)), to_decimal_up(upper_end(s.bound)), verdict});
    }
    Table t{"model_certified", "Certified model rows (thm1.fixed, tight)",
            fmt::format("MPFI at {} bits through the statement registry, from the shortest decimals of the float "
                        "scores (T = 1 on the scaled scale) and of x; the first row is window 1's worst d~/bound row.",
                        o.certify_bits),
            {}, {}};
    t.columns = {{"where", "", Column::Kind::text}, {"d~", "", Column::Kind::enclosure, o.certify_bits, true},
                 {"bound", "", Column::Kind::enclosure, o.certify_bits, true}, {"verdict", "", Column::Kind::text}};
    for (const auto& c : cert)
      t.rows.push_back({c.where, std::make_pair(c.q_lo, c.q_hi), std::make_pair(c.b_lo, c.b_hi), c.verdict});
    out.tables.push_back(std::move(t));
  }
  {
    Table t{"model_cross_check", "Gram-path distance against the float kernel",
            "d~ of the analysis (double, through G = X X^T) against kernels::top_n_distance_f32_f64acc on every "
            "k-th row and every N of the grid.",
            {}, {}};
    t.columns = {{"rows x N compared", "", Column::Kind::exact}, {"max relative difference", "", Column::Kind::point}};
    t.rows.push_back({static_cast<long long>(xn), xmax});
    out.tables.push_back(std::move(t));
  }

  // ---- figures ----
  {
    Figure f{"fig2a_distance_vs_L", fmt::format("Figure 2a: distance against L at N = {} (model)", o.fixed_n),
             "Mean over heads of the token-mean true d~, the Theorem 1 random-set main sum E and the fixed-set bound. "
             "The paper gives no numbers for Figure 2a, only the trend: the dashed line is linear growth through "
             "the first measured point (the paper's 'roughly linearly in L').",
             "sequence length L", "distance", true, true, {}};
    Series sd{"true d~", "linespoints", {}}, se{"E (Theorem 1 random, main sum)", "linespoints", {}},
        sb{"bound (Theorem 1 fixed)", "linespoints", {}}, sp{"paper: linear in L", "dashed", {}};
    for (std::size_t li = 0; li < st.lengths.size(); ++li) {
      const double L = st.lengths[li];
      sd.points.push_back({L, a1_d[li]});
      se.points.push_back({L, a1_e[li]});
      sb.points.push_back({L, a1_b[li]});
      if (std::isfinite(a1_d[0])) sp.points.push_back({L, a1_d[0] * L / st.lengths[0]});
    }
    f.series = {sd, se, sb, sp};
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"fig2b_distance_vs_N", fmt::format("Figure 2b: distance against N at L = {} (model)", st.lengths.back()),
             "As Figure 2a against N. The paper: a plateau beyond N ~ 20 while the bound tightens, and true and "
             "expected distances converge as N -> 100; the dashed line holds the N = 20 value (the plateau).",
             "top-N", "distance", true, true, {}};
    Series sd{"true d~", "linespoints", {}}, se{"E (Theorem 1 random, main sum)", "linespoints", {}},
        sb{"bound (Theorem 1 fixed)", "linespoints", {}}, sp{"paper: plateau beyond N = 20", "dashed", {}};
    double at20 = std::nan("");
    for (std::size_t k = 0; k < o.top_n.size(); ++k)
      if (o.top_n[k] == 20) at20 = a2_d[k];
    for (std::size_t k = 0; k < o.top_n.size(); ++k) {
      const double N = o.top_n[k];
      sd.points.push_back({N, a2_d[k]});
      se.points.push_back({N, a2_e[k]});
      sb.points.push_back({N, a2_b[k]});
      if (N >= 20 && std::isfinite(at20)) sp.points.push_back({N, at20});
    }
    f.series = {sd, se, sb, sp};
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"fig2c_critical_n", "Figure 2c: critical N against L (model)",
             fmt::format("First N of the grid at which the KS test (level {}) does not reject equal distributions of the "
                         "per-head mean d~ and E; the dashed line is the paper's ~0.06 L.", o.ks_level),
             "sequence length L", "critical N", true, true, {}};
    Series sc{"critical N (measured)", "linespoints", {}}, sp{"paper: 0.06 L", "dashed", {}};
    for (std::size_t k = 0; k < crit_L.size(); ++k) sc.points.push_back({crit_L[k], crit_N[k]});
    if (crit_L.empty())
      f.caption += fmt::format(" No measured point: at no L did an N of the grid (up to {}) pass the test.", *std::max_element(crit.begin(), crit.end()));
    for (int L : st.lengths) sp.points.push_back({static_cast<double>(L), 0.06 * L});
    f.series = {sc, sp};
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"fig3_separability", fmt::format("Figure 3: geometric separability N_s/N at L = {} (model)", st.lengths.back()),
             "Quartiles over heads of the token-mean N_s/N (the paper's green boxes), the medians of Theorem 2's "
             "bounds (xi_a), and the paper's saturation band 0.70-0.85 (dashed).",
             "top-N", "N_s / N", true, false, {}};
    Series smed{"N_s/N median over heads", "linespoints", {}}, sq1{"N_s/N 25%", "lines", {}}, sq3{"N_s/N 75%", "lines", {}},
        sup{"upper bound (median)", "linespoints", {}}, slo{"lower bound (median)", "linespoints", {}},
        p70{"paper: 0.70", "dashed", {}}, p85{"paper: 0.85", "dashed", {}};
    for (std::size_t k = 0; k < o.top_n.size(); ++k) {
      const double N = o.top_n[k];
      smed.points.push_back({N, sep_med[k]});
      sq1.points.push_back({N, sep_q1[k]});
      sq3.points.push_back({N, sep_q3[k]});
      sup.points.push_back({N, sep_up[k]});
      if (std::isfinite(sep_lo[k])) slo.points.push_back({N, std::max(sep_lo[k], -1.0)});
      p70.points.push_back({N, 0.70});
      p85.points.push_back({N, 0.85});
    }
    f.series = {smed, sq1, sq3, sup, slo, p70, p85};
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"fig4_gradient_model", "Figure 4: gradient sensitivity on the model",
             fmt::format("Max over heads of the token-averaged g(T, eps) on the sampled rows, the exact ||J||_2 likewise, "
                         "the paper's min{{1/(4T), sqrt 2}} (dashed) and the corrected 1/(2T) (dotted). Logit scale {}.",
                         o.logit_scale),
             "temperature T", "Jacobian norm", true, true, {}};
    for (std::size_t ei = 0; ei < nE; ++ei) {
      Series s{"g(T, eps = " + o.epsilons[ei] + ")", "linespoints", {}};
      for (std::size_t ti = 0; ti < nT; ++ti) s.points.push_back({st.temps[ti], G[ti][ei]});
      f.series.push_back(std::move(s));
    }
    Series sj{"||J||_2 (exact)", "linespoints", {}}, sp{"min{1/(4T), sqrt 2} (paper)", "dashed", {}},
        sc{"1/(2T) (corrected)", "dotted", {}};
    for (std::size_t ti = 0; ti < nT; ++ti) {
      sj.points.push_back({st.temps[ti], Jbar[ti]});
      sp.points.push_back({st.temps[ti], cor3_softmax_jacobian::bound(st.temps[ti])});
      sc.points.push_back({st.temps[ti], cor3_softmax_jacobian_corrected::bound(st.temps[ti])});
    }
    f.series.push_back(std::move(sj));
    f.series.push_back(std::move(sp));
    f.series.push_back(std::move(sc));
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"tightness_model_vs_L", fmt::format("Tightness of Theorem 1 (fixed) against L at N = {} (model)", o.fixed_n),
             "Mean over heads of (token-mean d~)/(token-mean bound), and the max over rows of d~/bound; 1 = attained.",
             "sequence length L", "d~ / bound", true, true, {}};
    Series sm{"mean d~ / mean bound", "linespoints", {}}, sw{"max over rows d~/bound", "linespoints", {}};
    for (std::size_t li = 0; li < st.lengths.size(); ++li) {
      double worst = 0;
      for (const auto* h : hs) worst = std::max(worst, h->worst_fixed_per_length[li]);
      sm.points.push_back({static_cast<double>(st.lengths[li]), a1_d[li] / a1_b[li]});
      sw.points.push_back({static_cast<double>(st.lengths[li]), worst});
    }
    f.series = {sm, sw};
    out.figures.push_back(std::move(f));
  }
  {
    Figure f{"tightness_model_vs_T", "Tightness of Corollary 3 against T (model rows)",
             "Max over the sampled rows of ||J||_2 / bound at each T, paper's and corrected bound.", "temperature T",
             "||J||_2 / bound", true, true, {}};
    Series sp{"||J||_2 / min{1/(4T), sqrt 2}", "linespoints", {}}, sc{"||J||_2 / (1/(2T))", "linespoints", {}};
    for (std::size_t ti = 0; ti < nT; ++ti) {
      double wp = 0, wc = 0;
      for (const auto* h : hs) wp = std::max(wp, h->cor3_paper_worst[ti]), wc = std::max(wc, h->cor3_corrected_worst[ti]);
      sp.points.push_back({st.temps[ti], wp});
      sc.points.push_back({st.temps[ti], wc});
    }
    f.series = {sp, sc};
    out.figures.push_back(std::move(f));
  }

  // ---- verdicts ----
  {
    VerdictRow v;
    v.statement = "thm1.fixed";
    v.variant = "tight";
    // A proof's word only beside a proof: the double-precision scan says "not refuted"; the certified rows
    // that hold are counted (certified_holds), a certified violated row makes it "violated".
    v.verdict = worst_ratio > 1 ? (cert_viol > 0 ? "violated" : "violated in double precision (not certified)") : "not refuted";
    v.certified = worst_ratio > 1 && cert_viol > 0;
    v.certified_holds = static_cast<std::size_t>(cert_hold);
    v.evidence = fmt::format("{} (head, row) pairs of the model at N = {} in double (max d~/bound {}); {} certified "
                             "row(s): {} hold, {} violated", fixed_evals, o.fixed_n, format_g(worst_ratio, 6), cert.size(),
                             cert_hold, cert_viol);
    v.worst_ratio = worst_lo.empty() ? Number::point(worst_ratio) : Number::enclosure(worst_lo, worst_hi, o.certify_bits);
    out.verdicts.push_back(std::move(v));
  }
  const auto double_word = [](std::size_t violations) {
    return violations ? "violated in double precision (not certified)" : "not refuted";
  };
  out.verdicts.push_back({"cor3.softmax_jacobian", "spectral", "", "", double_word(cor3_pv), false,
                          fmt::format("{} (row, T) pairs of the model, {} violated (double, not certified)", cor3_evals, cor3_pv),
                          Number::point(cor3_pw), {}, 0, {}, std::nullopt});
  out.verdicts.push_back({"cor3.softmax_jacobian.corrected", "spectral", "", "", double_word(cor3_cv), false,
                          fmt::format("{} (row, T) pairs of the model, {} violated (double, not certified)", cor3_evals, cor3_cv),
                          Number::point(cor3_cw), {}, 0, {}, std::nullopt});

  // ---- claims ----
  {
    ClaimRow c{"headline.distance_linear_in_L", "", "", {}, "", "not measured", ""};
    std::vector<double> xs, ys;
    for (std::size_t li = 0; li < st.lengths.size(); ++li)
      if (std::isfinite(a1_d[li])) xs.push_back(st.lengths[li]), ys.push_back(a1_d[li]);
    if (xs.size() >= 3) {
      // log-log slope: 1 = linear growth.
      double sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (std::size_t k = 0; k < xs.size(); ++k) {
        const double X = std::log(xs[k]), Y = std::log(ys[k]);
        sx += X, sy += Y, sxx += X * X, sxy += X * Y;
      }
      const double m = static_cast<double>(xs.size());
      const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
      c.measured = Number::point(slope);
      c.measured_text = fmt::format("log-log slope of the mean true d~ against L at N = {} ({} lengths)", o.fixed_n, xs.size());
      c.agreement = slope >= 0.8 && slope <= 1.2 ? "agrees" : slope > 0.3 ? "partly" : "disagrees";
      c.note = "agreement: slope in [0.8, 1.2] (linear); partly: positive growth, slope > 0.3. Model: " + w.source;
    }
    out.claims.push_back(c);
  }
  {
    ClaimRow c{"headline.distance_plateau", "", "", {}, "", "not measured", ""};
    double d1 = std::nan(""), d20 = std::nan(""), d100 = std::nan("");
    for (std::size_t k = 0; k < o.top_n.size(); ++k) {
      if (o.top_n[k] == 1) d1 = a2_d[k];
      if (o.top_n[k] == 20) d20 = a2_d[k];
      if (o.top_n[k] == 100) d100 = a2_d[k];
    }
    if (std::isfinite(d1) && std::isfinite(d20) && std::isfinite(d100) && d1 != d20) {
      const double r = std::fabs(d100 - d20) / std::fabs(d20 - d1);
      c.measured = Number::point(r);
      c.measured_text = fmt::format("|d(100) - d(20)| / |d(20) - d(1)| at L = {}", st.lengths.back());
      c.agreement = r <= 0.5 ? "agrees" : "disagrees";
      c.note = "agreement: the change beyond N = 20 is at most half the change from N = 1 to 20 (a plateau).";
    } else {
      c.note = "needs N = 1, 20 and 100 in --top-n";
    }
    out.claims.push_back(c);
  }
  {
    ClaimRow c{"headline.critical_n", "", "", {}, "", "not measured", ""};
    if (!crit_L.empty()) {
      double num = 0, den = 0;
      for (std::size_t k = 0; k < crit_L.size(); ++k) num += crit_N[k] * crit_L[k], den += crit_L[k] * crit_L[k];
      const double slope = num / den;
      c.measured = Number::point(slope);
      c.measured_text = fmt::format("least-squares critical N / L through the origin over {} of {} lengths (KS level {})",
                                    crit_L.size(), st.lengths.size(), o.ks_level);
      c.agreement = slope >= 0.03 && slope <= 0.09 && crit_L.size() == st.lengths.size() ? "agrees" : "disagrees";
      c.note = "agreement: slope in [0.03, 0.09] and a critical N found at every L.";
    } else {
      c.measured_text = "no N of the grid passed the KS test at any L";
      c.agreement = "disagrees";
    }
    out.claims.push_back(c);
  }
  {
    ClaimRow c{"headline.separability", "", "", {}, "", "not measured", ""};
    std::vector<double> sat;
    for (std::size_t k = 0; k < o.top_n.size(); ++k)
      if (o.top_n[k] >= 16 && std::isfinite(sep_med[k])) sat.push_back(sep_med[k]);
    if (!sat.empty()) {
      const double m = median_of(sat);
      c.measured = Number::point(m);
      c.measured_text = fmt::format("median over heads of N_s/N, median over N >= 16 (x = {})", o.x);
      c.agreement = m >= 0.70 && m <= 0.85 ? "agrees" : "disagrees";
      c.note = "agreement: within 0.70-0.85.";
    }
    out.claims.push_back(c);
  }
  {
    const long long params = parameter_count(w);
    ClaimRow c{"headline.model", "", "", Number::exact(params),
               fmt::format("parameters of {} ({} x {} heads, d_model {})", w.source, Lay, H, cfg.n_embd), "", ""};
    // The shape is all that can be checked: a seeded random checkpoint of that shape passes too.
    c.agreement = Lay == 12 && H == 12 && cfg.n_embd == 768 && params > 123000000 && params < 126000000 ? "partly" : "disagrees";
    c.note = "partly: the GPT-2 124M shape (124,439,808 parameters); whether the weights are OpenAI's is not checked";
    out.claims.push_back(c);
  }
  out.claims.push_back({"headline.heads", "", "", Number::exact(static_cast<long long>(nheads)),
                        fmt::format("{} layers x {} heads of the model", Lay, H), nheads == 144 ? "agrees" : "disagrees", ""});
  out.claims.push_back({"headline.longest_L", "", "", Number::exact(Lmax), "tokens per window of the model run",
                        Lmax == 1024 ? "agrees" : "disagrees", ""});
  {
    ClaimRow c{"headline.gradient_1_over_T", "", "", {}, "", "not measured", ""};
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int m = 0;
    for (std::size_t ti = 0; ti < nT; ++ti)
      if (st.temps[ti] <= 0.1 * (1 + 1e-12) && G[ti][0] > 0) {
        const double X = std::log(st.temps[ti]), Y = std::log(G[ti][0]);
        sx += X, sy += Y, sxx += X * X, sxy += X * Y, ++m;
      }
    if (m >= 2) {
      const double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
      c.measured = Number::point(slope);
      c.measured_text = fmt::format("model rows: slope of log G(T, eps={}) vs log T over T <= 0.1", o.epsilons[0]);
      c.agreement = std::abs(slope + 1) <= 0.2 ? "agrees" : "disagrees";
      c.note = "agreement: slope within 0.2 of -1 (model run)";
    }
    out.claims.push_back(c);
  }
  {
    ClaimRow c{"statement.thm1.fixed", "", "", Number::point(worst_ratio),
               fmt::format("max d~/bound over {} model (head, row) pairs at N = {}", fixed_evals, o.fixed_n),
               worst_ratio <= 1 ? "agrees" : "disagrees",
               fmt::format("paper: safe but conservative; mean true/bound at L = {} is {}", st.lengths.back(),
                           format_g(a1_d.back() / a1_b.back()))};
    out.claims.push_back(c);
  }
  {
    // Fraction of (head, N) token means inside Theorem 2's bounds.
    std::size_t inside_lo = 0, inside_up = 0, total = 0;
    for (int N : o.top_n) {
      const std::size_t g = grid_index(N);
      for (const auto* h : hs) {
        const Sums& s = h->at[g][Llast];
        if (s.rows == 0) continue;
        ++total;
        if (s.ns >= s.lo) ++inside_lo;
        if (s.ns <= s.up) ++inside_up;
      }
    }
    if (total) {
      out.claims.push_back({"statement.thm2.lower", "", "", Number::point(static_cast<double>(inside_lo) / total),
                            fmt::format("fraction of {} (head, N) means with N_s/N >= the lower bound", total),
                            inside_lo == total ? "agrees" : "disagrees", "model rows, xi_a, unit-sphere x"});
      out.claims.push_back({"statement.thm2.upper", "", "", Number::point(static_cast<double>(inside_up) / total),
                            fmt::format("fraction of {} (head, N) means with N_s/N <= the upper bound", total),
                            inside_up == total ? "agrees" : "disagrees", "model rows, xi_a, unit-sphere x"});
    }
  }

  out.config = {{"model", w.source},
                {"text", o.text.filename().string()},
                {"text_from", o.text_from},
                {"windows", o.windows},
                {"lengths", st.lengths},
                {"top_n", o.top_n},
                {"fixed_n", o.fixed_n},
                {"critical_grid", crit},
                {"x", o.x},
                {"ks_level", o.ks_level},
                {"logit_scale", o.logit_scale},
                {"temperatures", temp_text},
                {"epsilons", o.epsilons},
                {"alg5_rows_per_head", o.alg5_rows},
                {"cross_check_stride", o.cross_check_stride},
                {"certify_rows", o.certify_rows},
                {"certify_bits", o.certify_bits},
                {"seed", o.seed}};
  out.notes.push_back(fmt::format(
      "Model run: one forward pass per window of {} tokens; statistics at L use the rows t < L of that pass (causal "
      "attention: identical to running the first L tokens alone). Rows with n <= N are excluded at that N.", Lmax));
  out.notes.push_back(fmt::format("Gram-path distances agree with the float kernel to a relative {} over {} comparisons.",
                                  format_g(xmax, 3), xn));
  out.section.status = "ran";
  out.section.detail = fmt::format("{}: {} window(s) x {} tokens, {} heads, x = {}; critical N found at {} of {} lengths",
                                   w.source, windows_done, Lmax, nh, o.x, crit_L.size(), st.lengths.size());
  if (layers_cut || windows_done < o.windows)
    out.section.detail += fmt::format("; cut by the time budget ({} of {} windows, {} layer(s) skipped; not reproducible "
                                      "byte for byte)", windows_done, o.windows, layers_cut);
  return out;
}

}  // namespace attnbound::reports
