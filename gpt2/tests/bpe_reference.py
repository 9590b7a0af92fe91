#!/usr/bin/python3
"""Independent GPT-2 tokenizer for cross-checking (tests only): OpenAI's encoder.py algorithm (bytes_to_unicode,
lowest-rank-first merges) with Python's `re` engine running GPT-2's pattern, \\p{L} / \\p{N} spelled out as
character classes from unicodedata.   usage: bpe_reference.py TOKENIZER_DIR TEXT_FILE  -> JSON ids on stdout"""
import json
import os
import re
import sys
import unicodedata


def char_class(prefix):
    out, start = [], None
    for cp in range(0x110000):
        inside = unicodedata.category(chr(cp)).startswith(prefix)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append(f"\\U{start:08x}-\\U{cp - 1:08x}")
            start = None
    return "".join(out)


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, n = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def main():
    d, text_file = sys.argv[1], sys.argv[2]
    vocab_path = os.path.join(d, "vocab.json") if os.path.exists(os.path.join(d, "vocab.json")) else os.path.join(d, "encoder.json")
    merges_path = os.path.join(d, "merges.txt") if os.path.exists(os.path.join(d, "merges.txt")) else os.path.join(d, "vocab.bpe")
    encoder = json.load(open(vocab_path, encoding="utf-8"))
    lines = open(merges_path, encoding="utf-8").read().split("\n")[1:-1]
    ranks = {tuple(l.split()): i for i, l in enumerate(lines)}
    L, N = char_class("L"), char_class("N")
    pat = re.compile(rf"""'s|'t|'re|'ve|'m|'ll|'d| ?[{L}]+| ?[{N}]+| ?[^\s{L}{N}]+|\s+(?!\S)|\s+""")
    b2u = bytes_to_unicode()
    cache = {}

    def bpe(token):
        if token in cache:
            return cache[token]
        word = tuple(token)
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: ranks.get(p, float("inf")))
            if best not in ranks:
                break
            first, second = best
            new, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and word[i] == first and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        cache[token] = word
        return word

    text = open(text_file, encoding="utf-8", newline="").read()  # keep \r\n as they are
    ids = []
    for piece in pat.findall(text):
        ids.extend(encoder[t] for t in bpe("".join(b2u[b] for b in piece.encode("utf-8"))))
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
