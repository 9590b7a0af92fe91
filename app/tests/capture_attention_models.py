#!/usr/bin/python3
"""Test models for scripts/capture_attention.py (app/tests/cmd_reproduce_test.cpp runs this; needs python3-torch).

  gpt2 --model DIR --ids 1,2,3 --out FILE [--writer builtin|auto]
      bench/torch_gpt2_forward.py's PyTorch GPT-2 (its Aten class, on DIR's seeded checkpoint) wrapped in an
      nn.Module whose blocks.{l}.attn.hook_attn_scores / hook_v are identity modules, as TransformerLens has
      them; capture_attention.capture() hooks them and writes FILE.
  gpt2-hf --model DIR --ids 1,2,3 --out FILE
      the same weights in Hugging Face GPT2Model's module layout (h.{l}.attn.c_attn as a Conv1D, attn.num_heads,
      no TransformerLens names), so capture_attention.py takes its Hugging Face GPT-2 path (transformers itself
      is not needed).
  tiny --seed S --out FILE [--tokens T]
      a small randomly initialised causal transformer (torch.manual_seed(S); 2 layers, 3 heads, d_head 9,
      so sqrt(d_head) = 3), the same hook points; captures T random tokens.
Exit 77 when torch is absent (the C++ test then skips)."""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

try:
    import torch
except ImportError:
    print("SKIPPED: python3-torch is not installed (apt-get install python3-torch)", file=sys.stderr)
    sys.exit(77)

from capture_attention import capture, write_safetensors  # noqa: E402


class HookPoint(torch.nn.Identity):
    """An identity module, as TransformerLens's HookPoint: forward hooks see what passes through."""


class AttnHooks(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hook_attn_scores = HookPoint()
        self.hook_v = HookPoint()


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = AttnHooks()


def hooked_gpt2(model_dir):
    """bench/torch_gpt2_forward.py's GPT-2 on the checkpoint, its scores and values passed through hook points."""
    import json

    from torch_gpt2_forward import Aten, read_checkpoint

    cfg = json.load(open(os.path.join(model_dir, "config.json")))

    class Hooked(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = torch.nn.ModuleList(Block() for _ in range(cfg["n_layer"]))
            self.aten = Aten(cfg, read_checkpoint(model_dir))
            self.layer = 0
            self.aten.attention = self.attention  # the bench's attention, with the two hook points

        def attention(self, q, k, v, scale):  # q, k, v: [H, T, dh], as Aten.attention
            hooks = self.blocks[self.layer].attn
            self.layer += 1
            T = q.shape[1]
            s = torch.matmul(q, k.transpose(1, 2)) * scale
            s = s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
            s = hooks.hook_attn_scores(s)
            hooks.hook_v(v.transpose(0, 1))  # [T, H, dh], TransformerLens's layout
            return torch.matmul(torch.softmax(s, dim=-1), v)

        def forward(self, ids):
            self.layer = 0
            return self.aten.forward(ids)

    return Hooked()


class Conv1D(torch.nn.Module):
    """Hugging Face's Conv1D: y = x W + b with W stored [in, out]."""

    def __init__(self, w, b):
        super().__init__()
        self.weight, self.bias = torch.nn.Parameter(w), torch.nn.Parameter(b)

    def forward(self, x):
        return x @ self.weight + self.bias


def hf_layout_gpt2(model_dir):
    """GPT-2 on the checkpoint with Hugging Face GPT2Model's module names (h.{l}.attn.c_attn, ...)."""
    import json
    import math

    from torch_gpt2_forward import gelu_new, read_checkpoint

    cfg, w = json.load(open(os.path.join(model_dir, "config.json"))), read_checkpoint(model_dir)
    H, D, eps = cfg["n_head"], cfg["n_embd"], cfg.get("layer_norm_epsilon", 1e-5)

    def ln(p):
        m = torch.nn.LayerNorm(D, eps=eps)
        m.weight.data, m.bias.data = w[p + ".weight"], w[p + ".bias"]
        return m

    class Attn(torch.nn.Module):
        def __init__(self, p):
            super().__init__()
            self.num_heads, self.scale_attn_weights = H, True
            self.c_attn = Conv1D(w[p + ".c_attn.weight"], w[p + ".c_attn.bias"])
            self.c_proj = Conv1D(w[p + ".c_proj.weight"], w[p + ".c_proj.bias"])

        def forward(self, x):  # [T, D]
            T, dh = x.shape[0], D // H
            q, k, v = (t.reshape(T, H, dh).transpose(0, 1) for t in self.c_attn(x).split(D, dim=1))
            s = torch.matmul(q, k.transpose(1, 2)) / math.sqrt(dh)
            s = s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
            return self.c_proj(torch.matmul(torch.softmax(s, dim=-1), v).transpose(0, 1).reshape(T, D))

    class Mlp(torch.nn.Module):
        def __init__(self, p):
            super().__init__()
            self.c_fc = Conv1D(w[p + ".c_fc.weight"], w[p + ".c_fc.bias"])
            self.c_proj = Conv1D(w[p + ".c_proj.weight"], w[p + ".c_proj.bias"])

        def forward(self, x):
            return self.c_proj(gelu_new(self.c_fc(x)))

    class HfBlock(torch.nn.Module):
        def __init__(self, l):
            super().__init__()
            p = f"h.{l}"
            self.ln_1, self.attn, self.ln_2, self.mlp = ln(p + ".ln_1"), Attn(p + ".attn"), ln(p + ".ln_2"), Mlp(p + ".mlp")

        def forward(self, x):
            x = x + self.attn(self.ln_1(x))
            return x + self.mlp(self.ln_2(x))

    class Gpt2Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.wte, self.wpe = torch.nn.Embedding.from_pretrained(w["wte.weight"]), torch.nn.Embedding.from_pretrained(w["wpe.weight"])
            self.h = torch.nn.ModuleList(HfBlock(l) for l in range(cfg["n_layer"]))
            self.ln_f = ln("ln_f")

        def forward(self, ids):
            ids = torch.tensor(ids)
            x = self.wte(ids) + self.wpe(torch.arange(len(ids)))
            for b in self.h:
                x = b(x)
            return self.ln_f(x)

    return Gpt2Model().eval()


class Tiny(torch.nn.Module):
    """A small causal transformer with torch's default random initialisation."""

    def __init__(self, vocab=50, d_model=27, heads=3, layers=2, positions=32):
        super().__init__()
        self.heads, self.dh = heads, d_model // heads
        self.embed = torch.nn.Embedding(vocab, d_model)
        self.pos = torch.nn.Embedding(positions, d_model)
        self.blocks = torch.nn.ModuleList(Block() for _ in range(layers))
        self.qkv = torch.nn.ModuleList(torch.nn.Linear(d_model, 3 * d_model) for _ in range(layers))
        self.proj = torch.nn.ModuleList(torch.nn.Linear(d_model, d_model) for _ in range(layers))

    def forward(self, ids):
        T = ids.shape[1]
        x = self.embed(ids) + self.pos(torch.arange(T))[None]
        for b, qkv, proj in zip(self.blocks, self.qkv, self.proj):
            q, k, v = (t.reshape(1, T, self.heads, self.dh) for t in qkv(x).chunk(3, dim=-1))
            s = torch.einsum("bqhd,bkhd->bhqk", q, k) / self.dh ** 0.5
            s = b.attn.hook_attn_scores(s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf")))
            v = b.attn.hook_v(v)  # [1, T, H, dh]
            z = torch.einsum("bhqk,bkhd->bqhd", torch.softmax(s, dim=-1), v).reshape(1, T, -1)
            x = x + proj(z)
        return x


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("gpt2", "gpt2-hf"):
        g = sub.add_parser(name)
        g.add_argument("--model", required=True)
        g.add_argument("--ids", required=True)
        g.add_argument("--out", required=True)
        g.add_argument("--writer", default="builtin")
    t = sub.add_parser("tiny")
    t.add_argument("--seed", type=int, required=True)
    t.add_argument("--out", required=True)
    t.add_argument("--tokens", type=int, default=12)
    t.add_argument("--writer", default="builtin")
    a = ap.parse_args()
    if a.cmd in ("gpt2", "gpt2-hf"):
        ids = [int(s) for s in a.ids.split(",")]
        model = hooked_gpt2(a.model) if a.cmd == "gpt2" else hf_layout_gpt2(a.model)
        tensors, d_head = capture(model, lambda m: m(ids))
    else:
        torch.manual_seed(a.seed)
        model = Tiny().eval()
        ids = torch.randint(0, 50, (1, a.tokens))
        tensors, d_head = capture(model, lambda m: m(ids))
    used = write_safetensors(a.out, tensors, {"producer": "capture_attention_models.py", "d_head": d_head}, a.writer)
    print(f"{len(tensors)} tensors, d_head {d_head}, writer {used}")


if __name__ == "__main__":
    main()
