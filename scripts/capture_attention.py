#!/usr/bin/python3
"""Capture the attention of a PyTorch transformer into the file `attnbound reproduce --attention FILE` reads.

What it writes: one safetensors file, float32, TransformerLens names, batch dimension dropped:
  blocks.{l}.attn.hook_attn_scores  [head, query, key]   q.k / sqrt(d_head) (the model's own score scaling),
                                                          masked entries -inf
  blocks.{l}.attn.hook_v            [pos, head, d_head]  the value vectors (left out with --no-values)
  __metadata__: producer, d_head, prompt (strings, as safetensors requires).
The format is written by hand (8-byte little-endian header length, JSON header, the raw little-endian data)
unless the `safetensors` package is installed (it is not a Debian package), which then writes it.

How it captures: PyTorch forward hooks (register_forward_hook), nothing in the model is changed.
  * Any module named like TransformerLens's hook points, blocks.{l}.attn.hook_attn_scores and
    blocks.{l}.attn.hook_v (a TransformerLens HookedTransformer, or any model exposing identity modules under
    those names): the hook records the module's output.
  * Hugging Face GPT-2 (transformers' GPT2Model / GPT2LMHeadModel, no TransformerLens names): the hook on each
    h.{l}.attn.c_attn records q, k, v; the scores are q k^T / sqrt(d_head) (and / (l + 1) when the config
    says scale_attn_by_inverse_layer_idx), causal entries above the diagonal -inf, as modeling_gpt2 computes
    them (it masks with the dtype's minimum; -inf here says "masked" exactly).
Other architectures need hook points of the first kind (TransformerLens supports many: --tl NAME).

Command line (needs `transformers` or `transformer_lens`; the library functions need only torch and numpy):
  capture_attention.py (--hf NAME_OR_DIR | --tl NAME) (--prompt TEXT | --text FILE) --out FILE.safetensors
                       [--max-tokens N] [--no-values] [--writer auto|builtin|safetensors]
As a library:
  from capture_attention import capture, write_safetensors
  tensors, d_head = capture(model, lambda m: m(ids))   # runs the forward pass with the hooks attached
  write_safetensors("attention.safetensors", tensors, {"d_head": str(d_head)})
Precision: float32 as the model computes it (float16/bfloat16 models are widened exactly); nothing certified.
"""
import argparse
import json
import math
import re
import struct
import sys

import numpy as np

_TL_NAME = re.compile(r"(?:.*\.)?blocks\.(\d+)\.attn\.hook_(attn_scores|v)$")
_HF_GPT2_NAME = re.compile(r"(?:.*\.)?h\.(\d+)\.attn\.c_attn$")


def _unbatch(t, rank, what):
    """A tensor as a float32 numpy array without its batch dimension of 1."""
    a = t.detach().float().cpu().numpy()
    if a.ndim == rank + 1:
        if a.shape[0] != 1:
            raise ValueError(f"{what}: batch of {a.shape[0]}; capture one sequence at a time")
        a = a[0]
    if a.ndim != rank:
        raise ValueError(f"{what}: shape {list(a.shape)}, expected rank {rank} (or {rank + 1} with a batch of 1)")
    return np.ascontiguousarray(a, dtype=np.float32)


def capture(model, run, values=True):
    """Runs run(model) with forward hooks on model; returns ({name: float32 array}, d_head or None)."""
    out, handles, d_head = {}, [], [None]

    def keep(name, rank):
        def hook(_module, _inputs, output):
            a = _unbatch(output, rank, name)
            out[name] = a
            if name.endswith("hook_v"):
                d_head[0] = a.shape[2]
        return hook

    def hf_gpt2(layer, attn):
        def hook(_module, _inputs, output):
            qkv = _unbatch(output, 2, f"h.{layer}.attn.c_attn")  # [T, 3 D]
            T, D = qkv.shape[0], qkv.shape[1] // 3
            H = attn.num_heads
            dh = D // H
            q, k, v = (qkv[:, i * D:(i + 1) * D].reshape(T, H, dh) for i in range(3))
            s = np.einsum("qhd,khd->hqk", q.astype(np.float64), k.astype(np.float64))
            if getattr(attn, "scale_attn_weights", True):
                s = s / math.sqrt(dh)
            if getattr(attn, "scale_attn_by_inverse_layer_idx", False):
                s = s / float(layer + 1)
            s = s.astype(np.float32)
            s[:, np.triu(np.ones((T, T), dtype=bool), 1)] = -np.inf
            out[f"blocks.{layer}.attn.hook_attn_scores"] = np.ascontiguousarray(s)
            if values:
                out[f"blocks.{layer}.attn.hook_v"] = np.ascontiguousarray(v)
            d_head[0] = dh
        return hook

    named = dict(model.named_modules())
    for name, module in named.items():
        m = _TL_NAME.match(name)
        if m and (values or m.group(2) == "attn_scores"):
            short = f"blocks.{m.group(1)}.attn.hook_{m.group(2)}"
            handles.append(module.register_forward_hook(keep(short, 3)))
    if not handles:
        for name, module in named.items():
            m = _HF_GPT2_NAME.match(name)
            if m:
                attn = named[name[: -len(".c_attn")]]
                handles.append(module.register_forward_hook(hf_gpt2(int(m.group(1)), attn)))
    if not handles:
        raise ValueError("no hook point found: the model has neither blocks.{l}.attn.hook_attn_scores modules "
                         "(TransformerLens names) nor Hugging Face GPT-2 h.{l}.attn.c_attn modules")
    try:
        import torch
        with torch.no_grad():
            run(model)
    finally:
        for h in handles:
            h.remove()
    if not out:
        raise ValueError("the forward pass reached no hook point")
    return out, d_head[0]


def write_safetensors(path, tensors, metadata=None, writer="auto"):
    """Writes {name: array} as float32 safetensors; writer: auto (the package when installed), builtin, safetensors."""
    arrays = {k: np.ascontiguousarray(v, dtype="<f4") for k, v in sorted(tensors.items())}
    meta = {str(k): str(v) for k, v in (metadata or {}).items()}
    if writer in ("auto", "safetensors"):
        try:
            from safetensors.numpy import save_file
        except ImportError:
            if writer == "safetensors":
                raise
        else:
            save_file(arrays, path, metadata=meta)
            return "safetensors"
    header, offset = {}, 0
    if meta:
        header["__metadata__"] = meta
    for name, a in arrays.items():
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # keeps the data 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for a in arrays.values():
            f.write(a.tobytes())
    return "builtin"


def _main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--hf", help="Hugging Face model name or folder (transformers)")
    src.add_argument("--tl", help="TransformerLens model name (transformer_lens)")
    txt = ap.add_mutually_exclusive_group(required=True)
    txt.add_argument("--prompt")
    txt.add_argument("--text", help="UTF-8 text file")
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-tokens", type=int, default=0)
    ap.add_argument("--no-values", action="store_true")
    ap.add_argument("--writer", choices=["auto", "builtin", "safetensors"], default="auto")
    a = ap.parse_args()
    text = a.prompt if a.prompt is not None else open(a.text, encoding="utf-8").read()
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.exit("capture_attention.py: PyTorch is needed (Debian: apt-get install python3-torch)")
    if a.tl:
        try:
            from transformer_lens import HookedTransformer
        except ImportError:
            sys.exit("capture_attention.py: --tl needs transformer_lens (pip install transformer_lens)")
        model = HookedTransformer.from_pretrained(a.tl)
        ids = model.to_tokens(text)
        if a.max_tokens:
            ids = ids[:, : a.max_tokens]
        run = lambda m: m(ids)  # noqa: E731
    else:
        try:
            from transformers import AutoModel, AutoTokenizer
        except ImportError:
            sys.exit("capture_attention.py: --hf needs transformers (pip install transformers)")
        tok = AutoTokenizer.from_pretrained(a.hf)
        model = AutoModel.from_pretrained(a.hf)
        model.eval()
        ids = tok(text, return_tensors="pt")["input_ids"]
        if a.max_tokens:
            ids = ids[:, : a.max_tokens]
        run = lambda m: m(input_ids=ids)  # noqa: E731
    tensors, d_head = capture(model, run, values=not a.no_values)
    meta = {"producer": "scripts/capture_attention.py", "prompt": text}
    if d_head:
        meta["d_head"] = str(d_head)
    used = write_safetensors(a.out, tensors, meta, a.writer)
    print(json.dumps({"out": a.out, "tensors": len(tensors), "d_head": d_head, "writer": used}))


if __name__ == "__main__":
    _main()
