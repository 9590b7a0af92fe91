#!/usr/bin/python3
"""Independent NumPy reference for attnbound's GPT-2 forward pass (tests and benchmark only).

  make-checkpoint --out DIR --seed S [--n-layer L --n-head H --n-embd D --n-positions P --vocab V] [--dtype F32|F16|BF16]
      writes DIR/config.json and DIR/model.safetensors in the Hugging Face GPT-2 layout (Conv1D [in, out],
      names wte.weight, h.{l}.attn.c_attn.weight, ...) with seeded random weights.
  forward --model DIR --ids 1,2,3 --out DIR [--dtype float64|float32]
      reads the checkpoint with its own safetensors parser, runs GPT-2 and writes every TransformerLens-named
      capture as DIR/<name>.npy (the same names as gpt2/capture_selection.cpp).
  time --model DIR --ids-count T [--seed S] [--repeats R]
      times float32 forwards (logits included; weights loaded first), prints the best as JSON.

Written from the GPT-2 paper / Hugging Face modeling_gpt2.py semantics, sharing no code with the C++ side."""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np


def write_safetensors(path, tensors, dtype):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, arr in tensors.items():
        a32 = np.ascontiguousarray(arr, dtype=np.float32)
        if dtype == "F32":
            raw, dt = a32.tobytes(), "F32"
        elif dtype == "F16":
            raw, dt = a32.astype("<f2").tobytes(), "F16"
        else:  # BF16: round to nearest even on the upper 16 bits
            bits = a32.view(np.uint32).astype(np.uint64)
            rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2")
            raw, dt = rounded.tobytes(), "BF16"
        header[name] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)  # padding, as the reference writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        buf = f.read()
    (n,) = struct.unpack("<Q", buf[:8])
    header = json.loads(buf[8:8 + n])
    data = memoryview(buf)[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, en = e["data_offsets"]
        raw = data[b:en]
        if e["dtype"] == "F32":
            a = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif e["dtype"] == "F16":
            a = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif e["dtype"] == "BF16":
            a = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            continue
        out[name] = a.reshape(e["shape"])
    return out


def make_checkpoint(a):
    rng = np.random.default_rng(a.seed)
    L, H, D, P, V = a.n_layer, a.n_head, a.n_embd, a.n_positions, a.vocab
    t = {"wte.weight": rng.normal(0, 0.5, (V, D)), "wpe.weight": rng.normal(0, 0.5, (P, D))}
    # Scales chosen so attention is far from uniform and every nonlinearity is exercised.
    for l in range(L):
        p = f"h.{l}."
        t[p + "ln_1.weight"] = 1 + rng.normal(0, 0.1, D)
        t[p + "ln_1.bias"] = rng.normal(0, 0.1, D)
        t[p + "attn.c_attn.weight"] = rng.normal(0, 1.5 / np.sqrt(D), (D, 3 * D))
        t[p + "attn.c_attn.bias"] = rng.normal(0, 0.1, 3 * D)
        t[p + "attn.c_proj.weight"] = rng.normal(0, 1 / np.sqrt(D), (D, D))
        t[p + "attn.c_proj.bias"] = rng.normal(0, 0.1, D)
        t[p + "ln_2.weight"] = 1 + rng.normal(0, 0.1, D)
        t[p + "ln_2.bias"] = rng.normal(0, 0.1, D)
        t[p + "mlp.c_fc.weight"] = rng.normal(0, 1 / np.sqrt(D), (D, 4 * D))
        t[p + "mlp.c_fc.bias"] = rng.normal(0, 0.1, 4 * D)
        t[p + "mlp.c_proj.weight"] = rng.normal(0, 1 / np.sqrt(4 * D), (4 * D, D))
        t[p + "mlp.c_proj.bias"] = rng.normal(0, 0.1, D)
        t[p + "attn.bias"] = np.tril(np.ones((1, 1, P, P)))  # the mask buffer real checkpoints carry
    t["ln_f.weight"] = 1 + rng.normal(0, 0.1, D)
    t["ln_f.bias"] = rng.normal(0, 0.1, D)
    os.makedirs(a.out, exist_ok=True)
    write_safetensors(os.path.join(a.out, "model.safetensors"), t, a.dtype)
    cfg = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "activation_function": "gelu_new",
           "n_layer": L, "n_head": H, "n_embd": D, "n_positions": P, "n_ctx": P, "vocab_size": V,
           "layer_norm_epsilon": 1e-5, "attnbound_seed": a.seed}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)


def load(model_dir, dtype):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    w = {k[len("transformer."):] if k.startswith("transformer.") else k: v.astype(dtype)
         for k, v in read_safetensors(os.path.join(model_dir, "model.safetensors")).items()}
    return cfg, w


def forward(cfg, w, ids, sink):
    H, D = cfg["n_head"], cfg["n_embd"]
    dh, T, eps = D // H, len(ids), cfg.get("layer_norm_epsilon", 1e-5)

    def ln(x, g, b):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * g + b

    def gelu_new(x):
        return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))

    emb, pos = w["wte.weight"][ids], w["wpe.weight"][:T]
    sink("hook_embed", emb)
    sink("hook_pos_embed", pos)
    x = emb + pos
    future = np.triu(np.ones((T, T), dtype=bool), 1)
    for l in range(cfg["n_layer"]):
        p, b = f"h.{l}.", f"blocks.{l}."
        sink(b + "hook_resid_pre", x)
        h = ln(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"])
        sink(b + "ln1.hook_normalized", h)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]
        q, k, v = (qkv[:, i * D:(i + 1) * D].reshape(T, H, dh) for i in range(3))
        sink(b + "attn.hook_q", q)
        sink(b + "attn.hook_k", k)
        sink(b + "attn.hook_v", v)
        scores = np.einsum("qhd,khd->hqk", q, k) / np.sqrt(dh)
        scores = np.where(future[None], -np.inf, scores)
        sink(b + "attn.hook_attn_scores", scores)
        e = np.exp(scores - scores.max(-1, keepdims=True))
        pattern = e / e.sum(-1, keepdims=True)
        sink(b + "attn.hook_pattern", pattern)
        z = np.einsum("hqk,khd->qhd", pattern, v)
        sink(b + "attn.hook_z", z)
        attn_out = z.reshape(T, D) @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        sink(b + "hook_attn_out", attn_out)
        x = x + attn_out
        sink(b + "hook_resid_mid", x)
        h = ln(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"])
        sink(b + "ln2.hook_normalized", h)
        pre = h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"]
        sink(b + "mlp.hook_pre", pre)
        post = gelu_new(pre)
        sink(b + "mlp.hook_post", post)
        mlp_out = post @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
        sink(b + "hook_mlp_out", mlp_out)
        x = x + mlp_out
        sink(b + "hook_resid_post", x)
    h = ln(x, w["ln_f.weight"], w["ln_f.bias"])
    sink("ln_final.hook_normalized", h)
    sink("logits", h @ w["wte.weight"].T)
    return w


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-checkpoint")
    m.add_argument("--out", required=True)
    m.add_argument("--seed", type=int, required=True)
    m.add_argument("--n-layer", type=int, default=2)
    m.add_argument("--n-head", type=int, default=4)
    m.add_argument("--n-embd", type=int, default=64)
    m.add_argument("--n-positions", type=int, default=64)
    m.add_argument("--vocab", type=int, default=300)
    m.add_argument("--dtype", choices=["F32", "F16", "BF16"], default="F32")
    f = sub.add_parser("forward")
    f.add_argument("--model", required=True)
    f.add_argument("--ids", required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--dtype", default="float64")
    t = sub.add_parser("time")
    t.add_argument("--model", required=True)
    t.add_argument("--ids-count", type=int, required=True)
    t.add_argument("--seed", type=int, default=1)
    t.add_argument("--repeats", type=int, default=1)
    a = ap.parse_args()
    if a.cmd == "make-checkpoint":
        make_checkpoint(a)
    elif a.cmd == "forward":
        os.makedirs(a.out, exist_ok=True)
        ids = [int(s) for s in a.ids.split(",")]
        cfg, w = load(a.model, np.dtype(a.dtype))
        forward(cfg, w, ids,
                lambda name, arr: np.save(os.path.join(a.out, name + ".npy"), np.ascontiguousarray(arr, dtype=np.float64)))
    else:
        cfg, w = load(a.model, np.dtype(np.float32))
        ids = list(np.random.default_rng(a.seed).integers(0, cfg["vocab_size"], a.ids_count))
        times = []
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            forward(cfg, w, ids, lambda name, arr: None)
            times.append(time.perf_counter() - t0)
        blas = "unknown"
        try:
            cfgs = np.__config__.blas_opt_info if hasattr(np.__config__, "blas_opt_info") else {}
            blas = ",".join(cfgs.get("libraries", [])) or blas
        except Exception:
            pass
        print(json.dumps({"seconds": min(times), "all_seconds": times, "tokens": a.ids_count, "numpy": np.__version__,
                          "blas": blas, "includes": "forward + logits, float32, weights already loaded"}))


if __name__ == "__main__":
    sys.exit(main())
