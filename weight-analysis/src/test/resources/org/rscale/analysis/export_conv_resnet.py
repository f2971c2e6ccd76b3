#!/usr/bin/env python3
"""Build the convolutional ResNet of SCIENCE.md 1.3 in PyTorch, export its state_dict the two ways
`rscale analyze` reads, and compute the analysis' statistics with numpy as a reference.

The network: stem conv3x3 (in -> w) + ReLU; four stages of widths w, 2w, 4w, 8w, strides 1, 2, 2, 2, with
n1..n4 BasicBlocks out = ReLU(conv2(ReLU(conv1(x))) + shortcut(x)) (shortcut: identity, or a 1x1 conv with
the stride where the shape changes); no batch norm, no biases; global average pooling; linear 8w -> classes.
Names as the reference code's cifar_model.py (layer{s}.{i}.conv1.weight, layer{s}.{i}.shortcut.0.weight),
PyTorch's default initialisation (kaiming-uniform, a = sqrt(5)), seeded.

    /usr/bin/python3 export_conv_resnet.py OUT --width 2 --input-size 8 --depths 1,1,1,1 2,1,2,1 --seeds 0

writes, for each depth and seed (cell L{depth:03d}_s{seed}):
    OUT/npy/runs/<cell>/<tensor>.npy          one file per state_dict tensor (np.save of each tensor)
    OUT/safetensors/runs/<cell>/model.safetensors   the whole state_dict (safetensors format, float32)
    OUT/{npy,safetensors}/runs/<cell>/run.json      {"settings": {"depth": L, "seed": s}}
    OUT/reference.json                        per cell: every kernel's and within-stage increment's largest
                                              singular values, both stride conventions, and the statistics

Reference singular values (numpy, float64 from the exported float32 kernels):
  unstrided   the reference code's cifar_utils.singular_values: np.fft.fft2 of the kernel zero-padded to the
              input size, np.linalg.svd of every frequency's c_out x c_in matrix, the largest of them all
  subsampled  the strided circular convolution built explicitly (F.pad(mode="circular") then F.conv2d with
              the stride, applied to every basis image), np.linalg.svd of the dense matrix; a size the stride
              does not divide is rounded up to a multiple of it first (rscale's rule)
Statistics (per convention, for conv1 and conv2; L = number of blocks; I = pairs of consecutive blocks in one
stage with kernels of equal shape, the reference code's make_diff_sv.py):
  max_norm = max_k s_k, root_ssq = sqrt(sum s_k^2), l2 = sqrt(mean s_k^2), increment = max_I s(K_k - K_{k-1}),
  quadratic_variation = (L - 1)/|I| sum_I s(K_k - K_{k-1})^2, sobolev = sqrt(L quadratic_variation)
with s the largest singular value.

Exporting a network trained elsewhere is the same two calls: save_npy(net.state_dict(), dir) or
save_safetensors(net.state_dict(), dir + "/model.safetensors").
"""
import argparse
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False))

    def forward(self, x):
        out = F.relu(self.conv1(x))
        out = self.conv2(out)
        return F.relu(out + self.shortcut(x))


class ResNet(nn.Module):
    def __init__(self, counts, width=64, channels=3, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, width, 3, stride=1, padding=1, bias=False)
        cin = width
        for s, n in enumerate(counts):
            cout = width * 2 ** s
            blocks = []
            for i in range(n):
                stride = 2 if (i == 0 and s > 0) else 1
                blocks.append(BasicBlock(cin, cout, stride))
                cin = cout
            setattr(self, f"layer{s + 1}", nn.Sequential(*blocks))
        self.stages = len(counts)
        self.linear = nn.Linear(cin, classes)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        for s in range(self.stages):
            out = getattr(self, f"layer{s + 1}")(out)
        out = F.adaptive_avg_pool2d(out, 1).flatten(1)
        return self.linear(out)


def save_npy(state_dict, directory):
    """One .npy file per tensor, named after it."""
    os.makedirs(directory, exist_ok=True)
    for name, t in state_dict.items():
        np.save(os.path.join(directory, name + ".npy"), t.detach().cpu().numpy())


DTYPES = {np.dtype("float64"): "F64", np.dtype("float32"): "F32", np.dtype("float16"): "F16",
          np.dtype("int64"): "I64", np.dtype("int32"): "I32"}


def save_safetensors(state_dict, path):
    """The safetensors format: 8-byte little-endian header length, JSON header, raw little-endian data
    (safetensors.torch.save_file when the package is installed)."""
    try:
        from safetensors.torch import save_file
        save_file({k: v.contiguous() for k, v in state_dict.items()}, path)
        return
    except ImportError:
        pass
    header, blobs, offset = {}, [], 0
    for name, t in state_dict.items():
        a = np.ascontiguousarray(t.detach().cpu().numpy())
        b = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def unstrided_singular_values(kernel, size):
    """The reference code's cifar_utils.singular_values, all of them, descending. On an input smaller than the
    kernel (a 2 x 2 or 1 x 1 feature map) np.fft.fft2(k, size) crops the kernel to its first taps, which is not
    the circular convolution: the taps are folded modulo the size first, as the circular convolution does."""
    k = kernel.transpose(2, 3, 0, 1)
    h, w = size
    if k.shape[0] > h or k.shape[1] > w:
        folded = np.zeros((h, w) + k.shape[2:], dtype=k.dtype)
        for a in range(k.shape[0]):
            for b in range(k.shape[1]):
                folded[a % h, b % w] += k[a, b]
        k = folded
    transforms = np.fft.fft2(k, size, axes=[0, 1])
    return np.sort(np.linalg.svd(transforms, compute_uv=False).flatten())[::-1]


def strided_singular_values(kernel, stride, size):
    """The strided circular convolution as a dense matrix, every singular value, descending; a size the stride
    does not divide is rounded up to a multiple of it (7 -> 8 with stride 2), as rscale does."""
    h, w = size
    h, w = -(-h // stride) * stride, -(-w // stride) * stride
    cout, cin, kh, kw = kernel.shape
    basis = torch.eye(cin * h * w, dtype=torch.float64).reshape(-1, cin, h, w)
    p = (kh - 1) // 2
    x = F.pad(basis, (p, p, p, p), mode="circular") if p > 0 else basis
    y = F.conv2d(x, torch.from_numpy(kernel), stride=stride)
    matrix = y.reshape(cin * h * w, -1).numpy().T
    return np.sort(np.linalg.svd(matrix, compute_uv=False))[::-1]


def blocks_of(counts, width, size):
    """(k, stage, index, stride, input size, conv2 input size) of every block."""
    out, k, (h, w) = [], 0, size
    for s, n in enumerate(counts):
        for i in range(n):
            stride = 2 if (i == 0 and s > 0) else 1
            oh, ow = (h + 2 - 3) // stride + 1, (w + 2 - 3) // stride + 1
            out.append((k, s + 1, i, stride, (h, w), (oh, ow)))
            h, w, k = oh, ow, k + 1
    return out


def statistics(kernel_norms, increment_norms, L):
    s = np.array(kernel_norms)
    stats = {"max_norm": float(s.max()), "root_ssq": float(np.sqrt((s ** 2).sum())),
             "l2": float(np.sqrt((s ** 2).mean()))}
    if increment_norms:
        d = np.array(increment_norms)
        qv = (L - 1) / len(d) * float((d ** 2).sum())
        stats.update({"increment": float(d.max()), "quadratic_variation": qv, "sobolev": float(np.sqrt(L * qv))})
    return stats


def reference(state_dict, counts, width, size, top_k):
    sd = {k: v.detach().cpu().double().numpy() for k, v in state_dict.items()}
    blocks = blocks_of(counts, width, size)
    L = len(blocks)
    rows, norms = [], {}
    for convention in ("unstrided", "subsampled"):
        norms[convention] = {"conv1": ([], []), "conv2": ([], [])}
    previous = None
    for (k, stage, i, stride, insize, outsize) in blocks:
        prefix = f"layer{stage}.{i}."
        entry = {"k": k, "stage": stage, "stride": stride, "input": list(insize)}
        for tensor, key, st, sz in (("conv1", "conv1.weight", stride, insize), ("conv2", "conv2.weight", 1, outsize),
                                    ("shortcut", "shortcut.0.weight", stride, insize)):
            if prefix + key not in sd:
                continue
            kern = sd[prefix + key]
            u = unstrided_singular_values(kern, sz)
            v = strided_singular_values(kern, st, sz)
            entry[tensor] = {"unstrided": u[:top_k].tolist(), "subsampled": v[:top_k].tolist()}
            if tensor != "shortcut":
                norms["unstrided"][tensor][0].append(u[0])
                norms["subsampled"][tensor][0].append(v[0])
                if previous is not None and previous[0] == stage and sd[previous[1] + key].shape == kern.shape:
                    d = kern - sd[previous[1] + key]
                    du = unstrided_singular_values(d, sz)
                    dv = strided_singular_values(d, st, sz)
                    entry[tensor + "_increment"] = {"unstrided": du[:top_k].tolist(), "subsampled": dv[:top_k].tolist()}
                    norms["unstrided"][tensor][1].append(du[0])
                    norms["subsampled"][tensor][1].append(dv[0])
        rows.append(entry)
        previous = (stage, prefix)
    stats = {c: {t: statistics(*norms[c][t], L) for t in ("conv1", "conv2")} for c in norms}
    return {"depth": L, "block_counts": list(counts), "blocks": rows, "statistics": stats}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--width", type=int, default=2, help="channels of the first stage (64 in the paper)")
    ap.add_argument("--input-size", type=int, default=8, help="image height and width (32 for CIFAR-10)")
    ap.add_argument("--channels", type=int, default=3)
    ap.add_argument("--depths", nargs="+", default=["1,1,1,1", "2,1,2,1", "2,2,3,2"],
                    help="block counts n1,n2,n3,n4 per network")
    ap.add_argument("--seeds", nargs="+", type=int, default=[0])
    ap.add_argument("--top-k", type=int, default=10)
    args = ap.parse_args()
    size = (args.input_size, args.input_size)
    ref = {"width": args.width, "input_size": list(size), "top_k": args.top_k, "cells": {}}
    for depth in args.depths:
        counts = [int(c) for c in depth.split(",")]
        for seed in args.seeds:
            torch.manual_seed(seed)
            net = ResNet(counts, args.width, args.channels)
            with torch.no_grad():
                net(torch.zeros(1, args.channels, *size))  # the shapes chain
            sd = net.state_dict()
            cell = f"L{sum(counts):03d}_s{seed}"
            for fmt in ("npy", "safetensors"):
                d = os.path.join(args.out, fmt, "runs", cell)
                os.makedirs(d, exist_ok=True)
                if fmt == "npy":
                    save_npy(sd, d)
                else:
                    save_safetensors(sd, os.path.join(d, "model.safetensors"))
                with open(os.path.join(d, "run.json"), "w") as f:
                    json.dump({"settings": {"depth": sum(counts), "seed": seed}}, f)
            ref["cells"][cell] = reference(sd, counts, args.width, size, args.top_k)
    with open(os.path.join(args.out, "reference.json"), "w") as f:
        json.dump(ref, f, indent=1)


if __name__ == "__main__":
    main()
