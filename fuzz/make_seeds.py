#!/usr/bin/env python3
"""Writes the seed corpora of the gpt2 fuzz targets (fuzz/corpus/{safetensors,gpt2_config,tokenizer}).
Deterministic: rerunning it rewrites the same files. Crash reproducers found by fuzzing are kept beside the
seeds as crash-*/oom-*/timeout-* files and are not touched here."""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(folder, name, data):
    d = os.path.join(HERE, "corpus", folder)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def safetensors(tensors, metadata=None, header_override=None):
    """tensors: list of (name, dtype, shape, raw bytes), laid out contiguously in order."""
    header, blob, off = {}, b"", 0
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + len(raw)]}
        blob += raw
        off += len(raw)
    if metadata is not None:
        header["__metadata__"] = metadata
    h = header_override if header_override is not None else json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(h)) + h + blob


def f32(values):
    return struct.pack("<%df" % len(values), *values)


def f16(values):
    return struct.pack("<%de" % len(values), *values)


def bf16(values):
    return b"".join(struct.pack("<I", struct.unpack("<I", struct.pack("<f", v))[0])[2:] for v in values)


def tiny_gpt2(pack, dtype, prefix=""):
    """The tensors of a GPT-2 with 1 layer, d 2, 2 positions, vocabulary 2 (the fuzz target's config)."""
    d = 2
    shapes = [("wte.weight", [2, d]), ("wpe.weight", [2, d]), ("h.0.ln_1.weight", [d]), ("h.0.ln_1.bias", [d]),
              ("h.0.attn.c_attn.weight", [d, 3 * d]), ("h.0.attn.c_attn.bias", [3 * d]),
              ("h.0.attn.c_proj.weight", [d, d]), ("h.0.attn.c_proj.bias", [d]), ("h.0.ln_2.weight", [d]),
              ("h.0.ln_2.bias", [d]), ("h.0.mlp.c_fc.weight", [d, 4 * d]), ("h.0.mlp.c_fc.bias", [4 * d]),
              ("h.0.mlp.c_proj.weight", [4 * d, d]), ("h.0.mlp.c_proj.bias", [d]), ("ln_f.weight", [d]),
              ("ln_f.bias", [d])]
    out = []
    for k, (name, shape) in enumerate(shapes):
        n = 1
        for s in shape:
            n *= s
        out.append((prefix + name, dtype, shape, pack([0.25 * ((k + i) % 7) - 0.5 for i in range(n)])))
    return out


def safetensors_seeds():
    write("safetensors", "tiny_gpt2_f32.safetensors", safetensors(tiny_gpt2(f32, "F32"), {"format": "pt"}))
    write("safetensors", "tiny_gpt2_f16.safetensors", safetensors(tiny_gpt2(f16, "F16", "transformer.")))
    write("safetensors", "tiny_gpt2_bf16.safetensors", safetensors(tiny_gpt2(bf16, "BF16")))
    write("safetensors", "mixed_dtypes.safetensors",
          safetensors([("a", "F32", [2], f32([1, 2])), ("b", "I64", [1], struct.pack("<q", 7)),
                       ("c", "BOOL", [0], b""), ("d", "F16", [3], f16([0.5, -0.0, 65504]))]))
    valid = safetensors([("a", "F32", [2, 2], f32([1, 2, 3, 4]))])
    write("safetensors", "truncated.safetensors", valid[:-3])
    write("safetensors", "short.safetensors", b"\x05\x00\x00")
    write("safetensors", "header_length_overflow.safetensors", b"\xff" * 8 + valid[8:])
    write("safetensors", "shape_mismatch.safetensors",
          safetensors([], header_override=b'{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}') + b"\0" * 16)
    write("safetensors", "overlap.safetensors",
          safetensors([], header_override=b'{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
                                          b'"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}') + b"\0" * 8)
    write("safetensors", "nan_weight.safetensors", safetensors(
        [(n, t, s, (f32([float("nan")] * (len(r) // 4)) if n == "wpe.weight" else r))
         for n, t, s, r in tiny_gpt2(f32, "F32")]))


def config_seeds():
    gpt2 = {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1,
            "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
            "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12,
            "n_layer": 12, "n_positions": 1024, "resid_pdrop": 0.1, "summary_activation": None,
            "summary_first_dropout": 0.1, "summary_proj_to_labels": True, "summary_type": "cls_index",
            "summary_use_proj": True, "task_specific_params": {"text-generation": {"do_sample": True, "max_length": 50}},
            "vocab_size": 50257}
    write("gpt2_config", "gpt2_124m.json", json.dumps(gpt2, indent=2))
    write("gpt2_config", "n_ctx_only.json", '{"n_layer":1,"n_head":2,"n_embd":4,"n_ctx":8,"vocab_size":3}')
    write("gpt2_config", "relu_eps.json", '{"n_layer":1,"n_head":1,"n_embd":1,"n_positions":1,"vocab_size":1,'
                                          '"layer_norm_epsilon":1,"activation_function":"relu"}')
    write("gpt2_config", "not_divisible.json", '{"n_layer":1,"n_head":5,"n_embd":32,"n_positions":8,"vocab_size":3}')
    write("gpt2_config", "bad_types.json", '{"n_layer":"12","n_head":12.5,"n_embd":-768,"n_positions":1e9,'
                                           '"vocab_size":18446744073709551615}')
    write("gpt2_config", "variants.json", '{"n_layer":1,"n_head":1,"n_embd":1,"n_positions":1,"vocab_size":1,'
                                          '"scale_attn_by_inverse_layer_idx":true,"reorder_and_upcast_attn":false}')
    write("gpt2_config", "malformed.json", '{"n_layer": 12, "n_head": [')


def tokenizer_seeds():
    texts = {"ascii": "Hello, world! The dog's 123 bones.\n",
             "whitespace": " \t\n\r\n   x  \u00a0\u2003y\u3000",
             "mixed_scripts": "Война и мир — 日本語のテキスト, emoji 🙂👍🏽, Ünïcödé",
             "numbers_contractions": "I'll they're we've 3.14159 1,000,000 don't'S",
             "long_word": "a" * 300 + " " + "Supercalifragilisticexpialidocious" * 4}
    for name, text in texts.items():
        write("tokenizer", "encode_" + name + ".txt", b"\x00" + text.encode())
    write("tokenizer", "encode_invalid_utf8.bin", b"\x00abc\xff\xfe\xc3(\xe2\x82")
    write("tokenizer", "encode_control_bytes.bin", b"\x02" + bytes(range(1, 128)))
    vocab = json.dumps({"T": 0, "h": 1, "e": 2, "Th": 3, "The": 4, "\u0120": 5, "d": 6, "o": 7, "g": 8})
    write("tokenizer", "load_small.txt", b"\x01" + vocab.encode() + b"\x00#version: 0.2\nT h\nTh e\n")
    write("tokenizer", "load_crlf_merges.txt", b"\x01" + vocab.encode() + b"\x00T h\r\nTh e\r\n")
    write("tokenizer", "load_bad_merge_line.txt", b"\x01" + vocab.encode() + b"\x00T h\nTh  e\n")
    write("tokenizer", "load_duplicate_id.txt", b"\x01" + b'{"a":0,"b":0}' + b"\x00a b\n")
    write("tokenizer", "load_holes.txt", b"\x01" + b'{"a":0,"b":7,"ab":3}' + b"\x00a b\n")
    write("tokenizer", "load_not_object.txt", b"\x01" + b'["a", 0]' + b"\x00a b\n")
    write("tokenizer", "load_no_merges.txt", b"\x01" + b'{"a":0}' + b"\x00#version: 0.2\n")


if __name__ == "__main__":
    safetensors_seeds()
    config_seeds()
    tokenizer_seeds()
