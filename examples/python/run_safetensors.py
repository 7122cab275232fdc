#!/usr/bin/env python3
"""Run a Circuits model exported with `circuits export ... --format safetensors` using numpy only.

usage: run_safetensors.py DIR INPUT

DIR holds model.safetensors and manifest.json. INPUT is text in the model's vocabulary ("abcab"), a JSON array of
token ids ("[0, 1, 2]"), or "-" to read one such input per line from stdin. For each input it prints one JSON line,
{"input": [...], "output": [...]}: symbols for token-valued outputs, numbers otherwise, null for ⊥. A line that is
bad, or whose output does not decode cleanly, prints {"line": N, "error": "..."} and the exit code is 1 at the end.
"""
import json
import os
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64}


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(info["shape"])
    return tensors


class Model:
    def __init__(self, directory):
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
            self.m = json.load(f)
        self.t = load_safetensors(os.path.join(directory, self.m["weights"]))
        self.dtype = np.float32 if self.m["numeric_type"] == "float32" else np.float64
        self.vocabulary = self.m["vocabulary"]
        readout = self.m["readout"]
        self.values = np.sort(self.t[readout["values"]].astype(np.float64)) if readout["encoding"] in ("scalar", "quadratic") \
            else self.t[readout["values"]].astype(np.float64)

    def encode(self, text):
        text = text.strip()
        if text.startswith("["):
            ids = [int(i) for i in json.loads(text)]
        elif self.m["text"] == "whitespace-separated":
            ids = [self.symbol_id(s, k) for k, s in enumerate(text.split())]
        else:
            # Every symbol is one text element and none fuse, so the longest vocabulary symbol at each point is the token.
            ids, at = [], 0
            by_length = sorted(self.vocabulary, key=len, reverse=True)
            while at < len(text):
                match = next((s for s in by_length if text.startswith(s, at)), None)
                if match is None:
                    raise ValueError(f"unknown symbol {text[at]!r} at character {at}; the vocabulary is {self.vocabulary}")
                ids.append(self.vocabulary.index(match))
                at += len(match)
        if not ids:
            raise ValueError("input is empty; at least 1 token is required")
        if len(ids) > self.m["max_length"]:
            raise ValueError(f"input has {len(ids)} tokens but the model's maximum length is {self.m['max_length']}")
        for k, i in enumerate(ids):
            if not 0 <= i < len(self.vocabulary):
                raise ValueError(f"token id {i} at position {k} is outside the vocabulary: ids must be in [0, {len(self.vocabulary)})")
        return ids

    def symbol_id(self, symbol, position):
        if symbol not in self.vocabulary:
            raise ValueError(f"unknown symbol {symbol!r} at position {position}; the vocabulary is {self.vocabulary}")
        return self.vocabulary.index(symbol)

    def allowed(self, mask, count):
        i = np.arange(count)[:, None]
        j = np.arange(count)[None, :]
        rule = {
            "none": np.ones((count, count), dtype=bool),
            "causal": j <= i,
            "strict-causal": j < i,
            "anti-causal": j >= i,
            "strict-anti-causal": j > i,
        }[mask]
        return rule | (j == 0)  # BOS is always readable

    def forward(self, ids):
        t, m = self.t, self.m
        n = len(ids)
        x = np.empty((n + 1, m["width"]), dtype=self.dtype)
        x[0] = t[m["bos"]["embedding"]]
        x[1:] = t[m["embeddings"]["tokens"]][ids] + t[m["embeddings"]["positions"]][:n]
        for layer in m["layers"]:
            delta = np.zeros_like(x)
            for head in layer["heads"]:
                if head["value_dims"] == 0:
                    continue
                scores = (x @ t[head["W_Q"]]) @ (x @ t[head["W_K"]]).T
                scores = np.where(self.allowed(head["mask"], n + 1), scores, self.dtype(-np.inf))
                e = np.exp(scores - scores.max(axis=1, keepdims=True))
                a = e / e.sum(axis=1, keepdims=True)
                delta += (a @ (x @ t[head["W_V"]])) @ t[head["W_O"]]
            if layer["heads"]:
                x = x + delta
            if layer["mlp"] is not None:
                h = x
                for stage in layer["mlp"]["stages"]:
                    w, b = t[stage["weight"]], t[stage["bias"]]
                    h = (h @ w + b) if w.shape[0] == h.shape[1] else np.broadcast_to(b, (n + 1, b.shape[0])).astype(self.dtype)
                    if stage["relu"]:
                        h = np.maximum(h, self.dtype(0))
                x = x + h
        r = m["readout"]
        coords = x[1:, r["offset"]:r["offset"] + r["dims"]].astype(np.float64)
        return [self.decode(coords[p], p) for p in range(n)]

    def nearest(self, v):
        values = self.values
        i = int(np.searchsorted(values, v, side="right"))  # values <= v
        if i == 0:
            return float(values[0])
        if i == len(values):
            return float(values[-1])
        lo, hi = float(values[i - 1]), float(values[i])
        return lo if v - lo <= hi - v else hi

    def decode(self, x, p):
        r = self.m["readout"]
        if not np.all(np.isfinite(x)):
            raise ArithmeticError(f"output at position {p} is not finite: {x.tolist()}")
        enc = r["encoding"]
        if enc == "one-hot":
            if np.any((x > 0.25) & (x < 0.75)):
                raise ArithmeticError(f"output at position {p} is not decisive: one-hot coordinates {x.tolist()}")
            on = np.flatnonzero(x >= 0.5)
            if len(on) > 1:
                raise ArithmeticError(f"output at position {p} is not decisive: one-hot coordinates {on.tolist()} are all >= 0.5")
            return None if len(on) == 0 else float(self.values[on[0]])
        if enc == "binary":
            if np.all(np.abs(x) < 0.5):
                return None
            if not np.all(np.abs(x) > 0.5):
                raise ArithmeticError(f"output at position {p} is not decisive: binary coordinates {x.tolist()}")
            code = int(sum(1 << b for b in range(len(x)) if x[b] > 0))
            if code >= len(self.values):
                raise ArithmeticError(f"output at position {p} has binary code {code}, but the readout has {len(self.values)} values")
            return float(self.values[code])
        if enc == "scalar":
            if len(self.values) == 0:
                return float(x[0])
            near = self.nearest(float(x[0]))
            if not abs(float(x[0]) - near) <= r["tolerance"]:
                raise ArithmeticError(f"output at position {p} is {float(x[0])!r}, more than {r['tolerance']} from {near!r}")
            return near
        # quadratic: (presence, v, v²)
        if 0.25 < x[0] < 0.75:
            raise ArithmeticError(f"output at position {p} is not decisive: presence {float(x[0])!r}")
        if x[0] < 0.5:
            return None
        near = self.nearest(float(x[1]))
        if not abs(float(x[1]) - near) <= 0.25:
            raise ArithmeticError(f"output at position {p} is {float(x[1])!r}, more than 0.25 from {near!r}")
        return near

    def render(self, value):
        r = self.m["readout"]
        if value is None:
            return None
        if r["token_valued"]:
            return self.vocabulary[int(value)]
        if r["output"] == "integer":
            return int(value)
        return value


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    model = Model(argv[1])
    lines = sys.stdin.read().splitlines() if argv[2] == "-" else [argv[2]]
    failed = 0
    for number, line in enumerate(lines, 1):
        try:
            ids = model.encode(line)
            out = [model.render(v) for v in model.forward(ids)]
            print(json.dumps({"input": [model.vocabulary[i] for i in ids], "output": out}, ensure_ascii=False, separators=(",", ":")))
        except (ValueError, ArithmeticError) as e:
            failed += 1
            print(json.dumps({"line": number, "error": str(e)}, ensure_ascii=False, separators=(",", ":")))
            print(f"error: line {number}: {e}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
