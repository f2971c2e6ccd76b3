#!/usr/bin/env python3
"""Train the paper's two fully-connected ResNet protocols with PyTorch, independently of rscale, and export the
weights in rscale's foreign-weights layout (README, "Weights trained elsewhere"), so that `rscale fit DIR` can
judge them.

    /usr/bin/python3 pytorch_resnets.py --protocol tanh-shared --out DIR [--depths 3,10,38,...] [--seeds 0]
    /usr/bin/python3 pytorch_resnets.py --protocol relu-per-layer --out DIR

Protocols (SCIENCE.md sections 1-3; Cohen, Cont, Rossier, Xu, ICML 2021, arXiv:2105.12245, and the reference code
instadeepai/scaling-resnets):
  tanh-shared     h_{k+1} = h_k + |delta| tanh(h_k A_k + b_k), one trainable delta initialised to exactly 1/L
  relu-per-layer  h_{k+1} = h_k + delta_k relu(h_k A_k + b_k), delta_k trainable, initialised N(0, std 1/L)
Both: synthetic data (x ~ U(-1, 1)^10, y the flow of z' = 100^-1/2 tanh(sin(5 pi t/100) z + cos(5 pi t/100)) over
100 steps, x and y each divided by its norm; 1024 train, 256 test), xavier-depth initialisation (A entries
N(0, std sigma0/d/L), b entries N(0, std sigma0/sqrt(d)/L), sigma0 = 0.01), Adam (PyTorch's defaults) at lr 0.01,
batch 32 with the reference batching (batches fixed once, their order shuffled every epoch), MSE, stopping rule:
converged when the epoch-average training loss is below 1e-3, stalled after 5 epochs without going below 0.99 times
the best, at most 200 epochs, diverged on a non-finite loss. The weights are trained in float64.

Export, per network: DIR/runs/torch_L<L>_s<seed>/A.npy (L, d, d) in the x @ A convention (run.json says
"a_multiplies": "h A", so rscale transposes), b.npy (L, d), delta.npy ((1,) shared, (L,) per layer), run.json with
the status, the final training loss and the settings (activation, delta, data), from which rscale regenerates
training inputs of the same distribution for the hidden-state statistics (its own samples: rscale's random
streams differ from numpy's).
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch


def synthetic(n, d, rng):
    x = rng.uniform(-1.0, 1.0, size=(n, d))
    z = x.copy()
    for t in range(100):
        z = z + 100 ** -0.5 * np.tanh(np.sin(5 * np.pi * t / 100) * z + np.cos(5 * np.pi * t / 100))
    return x / np.linalg.norm(x, axis=1, keepdims=True), z / np.linalg.norm(z, axis=1, keepdims=True)


class ResNet(torch.nn.Module):
    def __init__(self, L, d, activation, delta_mode, sigma0, gen):
        super().__init__()
        self.L, self.activation, self.delta_mode = L, activation, delta_mode
        std_a = sigma0 / d / L
        std_b = sigma0 / math.sqrt(d) / L
        self.A = torch.nn.Parameter(torch.randn(L, d, d, generator=gen, dtype=torch.float64) * std_a)
        self.b = torch.nn.Parameter(torch.randn(L, d, generator=gen, dtype=torch.float64) * std_b)
        if delta_mode == "shared":
            self.delta = torch.nn.Parameter(torch.full((1,), 1.0 / L, dtype=torch.float64))
        else:
            self.delta = torch.nn.Parameter(torch.randn(L, generator=gen, dtype=torch.float64) / L)

    def forward(self, h):
        sigma = torch.tanh if self.activation == "tanh" else torch.relu
        for k in range(self.L):
            dk = self.delta[0].abs() if self.delta_mode == "shared" else self.delta[k]
            h = h + dk * sigma(h @ self.A[k] + self.b[k])
        return h


def train(L, seed, args, x, y):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(1000 * seed + L)
    activation, delta_mode = ("tanh", "shared") if args.protocol == "tanh-shared" else ("relu", "per-layer")
    net = ResNet(L, x.shape[1], activation, delta_mode, args.sigma0, gen)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(x))
    batches = [order[i:i + args.batch] for i in range(0, len(x), args.batch)]
    X, Y = torch.tensor(x), torch.tensor(y)
    best, since, status, loss_value, epochs = math.inf, 0, "max-epochs", math.nan, 0
    for epoch in range(1, args.epochs + 1):
        epochs = epoch
        total = 0.0
        for i in rng.permutation(len(batches)):
            idx = torch.tensor(batches[i])
            opt.zero_grad()
            loss = torch.mean((net(X[idx]) - Y[idx]) ** 2)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        loss_value = total / len(x)
        if not math.isfinite(loss_value):
            status = "diverged"
            break
        if loss_value < args.epsilon:
            status = "converged"
            break
        if loss_value < 0.99 * best:
            best, since = loss_value, 0
        else:
            since += 1
            if since >= 5:
                status = "stalled"
                break
        best = min(best, loss_value)
    return net, status, loss_value, epochs, activation, delta_mode


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--protocol", choices=["tanh-shared", "relu-per-layer"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--depths", default="3,5,7,11,17,25,38,57,86,129,194,291,437,656,985,1477,2216",
                   help="comma-separated depths (default: floor(1.5^n) from 3 to 2216)")
    p.add_argument("--seeds", default="0")
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=200)
    p.add_argument("--epsilon", type=float, default=1e-3)
    p.add_argument("--sigma0", type=float, default=0.01)
    p.add_argument("--train-size", type=int, default=1024)
    p.add_argument("--data-seed", type=int, default=0)
    args = p.parse_args()
    torch.set_num_threads(1)
    x, y = synthetic(args.train_size, 10, np.random.default_rng(args.data_seed))
    for L in [int(v) for v in args.depths.split(",")]:
        for seed in [int(v) for v in args.seeds.split(",")]:
            run = os.path.join(args.out, "runs", "torch_L%05d_s%d" % (L, seed))
            if os.path.exists(os.path.join(run, "run.json")):
                continue
            t0 = time.time()
            net, status, loss, epochs, activation, delta_mode = train(L, seed, args, x, y)
            os.makedirs(run, exist_ok=True)
            np.save(os.path.join(run, "A.npy"), net.A.detach().numpy().astype(np.float64))
            np.save(os.path.join(run, "b.npy"), net.b.detach().numpy().astype(np.float64))
            np.save(os.path.join(run, "delta.npy"), net.delta.detach().numpy().astype(np.float64))
            settings = {"depth": L, "seed": seed, "activation": activation, "delta": delta_mode,
                        "data.kind": "synthetic", "data.dim": 10, "data.train_size": args.train_size,
                        "data.test_size": 256, "data.seed": args.data_seed, "optimizer": "adam", "lr": args.lr,
                        "batch_size": args.batch, "epsilon": args.epsilon, "initial_sd": args.sigma0,
                        "init": "xavier-depth", "trainer": "pytorch " + torch.__version__}
            record = {"a_multiplies": "h A", "status": status,
                      "final_train_loss": loss if math.isfinite(loss) else None, "epochs": epochs,
                      "settings": settings}
            with open(os.path.join(run, "run.json"), "w") as f:
                json.dump(record, f, indent=1, sort_keys=True)
            print("L = %d, seed %d: %s after %d epochs, loss %.3g, %.1f s" % (L, seed, status, epochs, loss,
                                                                              time.time() - t0), flush=True)


if __name__ == "__main__":
    main()
