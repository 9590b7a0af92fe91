#!/usr/bin/python3
"""PyTorch reference for the GPT-2 forward-pass benchmark (bench/gpt2_forward.cpp; issue 6).

  torch_gpt2_forward.py --model DIR --ids FILE --threads N --repeats R --modes aten,onednn [--compare LOGITS.npy]

Reads DIR/config.json + DIR/model.safetensors (the NumPy reference's safetensors reader, float32), runs GPT-2 in float32
under torch.no_grad() for the token ids in FILE (one JSON array) and prints one JSON object with the best of
R timed forwards (logits included, weights already loaded) per mode:
  aten    plain torch ops (F.linear / matmul / softmax), i.e. what a PyTorch user gets by default; on Debian
          12 python3-torch is built with BLAS_INFO=generic, so its GEMMs run on the reference BLAS.
  onednn  every product through torch's oneDNN (MKL-DNN) path (torch._C._nn.mkldnn_linear on mkldnn tensors,
          weights converted before timing, as torch.utils.mkldnn.to_mkldnn does for nn.Linear), the fastest
          float32 CPU path this PyTorch build offers.
With --compare it also reports max |logits - given| / max |logits| against the given float32 logits (the C++
pass on the same weights), so the timed runs are known to compute the same function.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

# The safetensors reader of the NumPy reference (gpt2/tests/gpt2_reference.py), which shares no code with C++.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gpt2", "tests"))
from gpt2_reference import read_safetensors  # noqa: E402


def read_checkpoint(model_dir):
    """Float32 torch tensors by Hugging Face name (without a "transformer." prefix)."""
    w = read_safetensors(os.path.join(model_dir, "model.safetensors"))
    return {(k[len("transformer."):] if k.startswith("transformer.") else k): torch.from_numpy(v)
            for k, v in w.items()}


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Aten:
    """Hugging Face GPT2Model semantics with plain torch ops (Conv1D weights [in, out]: y = x W + b)."""

    def __init__(self, cfg, w):
        self.cfg, self.w = cfg, w
        # F.linear takes [out, in]; transposing once here is what nn.Linear would store.
        self.lin = {k: v.t().contiguous() for k, v in w.items() if k.endswith(".weight") and v.dim() == 2
                    and (".attn.c_" in k or ".mlp.c_" in k)}

    def linear(self, x, name):
        return F.linear(x, self.lin[name + ".weight"], self.w[name + ".bias"])

    def attention(self, q, k, v, scale):  # q, k, v: [H, T, dh]
        T = q.shape[1]
        s = torch.matmul(q, k.transpose(1, 2)) * scale
        s = s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
        return torch.matmul(torch.softmax(s, dim=-1), v)

    def unembed(self, h):
        return F.linear(h, self.w["wte.weight"])

    def forward(self, ids):
        cfg, w = self.cfg, self.w
        L, H, D, eps = cfg["n_layer"], cfg["n_head"], cfg["n_embd"], cfg.get("layer_norm_epsilon", 1e-5)
        T, dh = len(ids), D // H
        x = w["wte.weight"][ids] + w["wpe.weight"][:T]
        for l in range(L):
            p = f"h.{l}."
            a = F.layer_norm(x, (D,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
            qkv = self.linear(a, p + "attn.c_attn")
            q, k, v = (t.reshape(T, H, dh).transpose(0, 1).contiguous() for t in qkv.split(D, dim=1))
            z = self.attention(q, k, v, 1.0 / math.sqrt(dh)).transpose(0, 1).reshape(T, D)
            x = x + self.linear(z, p + "attn.c_proj")
            m = F.layer_norm(x, (D,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
            x = x + self.linear(gelu_new(self.linear(m, p + "mlp.c_fc")), p + "mlp.c_proj")
        x = F.layer_norm(x, (D,), w["ln_f.weight"], w["ln_f.bias"], eps)
        return self.unembed(x)


class OneDnn(Aten):
    """The same graph with every product on torch's oneDNN path (mkldnn_linear: y = x W^T + b)."""

    def __init__(self, cfg, w):
        super().__init__(cfg, w)
        self.mk = {k: v.to_mkldnn() for k, v in self.lin.items()}
        self.mk.update({k: v.to_mkldnn() for k, v in w.items() if k.endswith(".bias") and k[:-5] + ".weight" in self.lin})
        self.wte = w["wte.weight"].to_mkldnn()

    def linear(self, x, name):
        return torch._C._nn.mkldnn_linear(x.to_mkldnn(), self.mk[name + ".weight"], self.mk[name + ".bias"]).to_dense()

    def attention(self, q, k, v, scale):
        T = q.shape[1]
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), 1)
        out = []
        for h in range(q.shape[0]):
            s = torch._C._nn.mkldnn_linear(q[h].to_mkldnn(), k[h].to_mkldnn(), None).to_dense() * scale
            p = torch.softmax(s.masked_fill(mask, float("-inf")), dim=-1)
            out.append(torch._C._nn.mkldnn_linear(p.to_mkldnn(), v[h].t().contiguous().to_mkldnn(), None).to_dense())
        return torch.stack(out)

    def unembed(self, h):
        return torch._C._nn.mkldnn_linear(h.to_mkldnn(), self.wte, None).to_dense()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--ids", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--modes", default="onednn,aten")
    ap.add_argument("--aten-repeats", type=int, default=1, help="repeats for the (slow) aten mode")
    ap.add_argument("--compare", default="")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    cfg = json.load(open(a.model + "/config.json"))
    w = read_checkpoint(a.model)
    ids = torch.tensor(json.load(open(a.ids)), dtype=torch.long)
    ours = np.load(a.compare) if a.compare else None
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "tokens": len(ids),
              "blas_info": "generic" if "BLAS_INFO=generic" in torch.__config__.show() else "see torch.__config__",
              "mkldnn": torch.backends.mkldnn.is_available(), "precision": "float32",
              "includes": "forward + logits, weights already loaded", "modes": {}}
    for mode in [m for m in a.modes.split(",") if m]:
        model = {"aten": Aten, "onednn": OneDnn}[mode](cfg, w)
        times, logits = [], None
        with torch.no_grad():
            for _ in range(a.aten_repeats if mode == "aten" else a.repeats):
                t0 = time.perf_counter()
                logits = model.forward(ids)
                times.append(time.perf_counter() - t0)
        entry = {"seconds": min(times), "all_seconds": times}
        if ours is not None:
            ref = logits.numpy().astype(np.float64)
            entry["logits_max_abs_diff_vs_attnbound"] = float(np.max(np.abs(ref - ours)))
            entry["logits_max_abs"] = float(np.max(np.abs(ref)))
        result["modes"][mode] = entry
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
