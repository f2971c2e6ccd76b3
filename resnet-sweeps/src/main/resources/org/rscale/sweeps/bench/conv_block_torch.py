"""PyTorch side of `rscale bench --conv`: the same conv ResNet as rscale's (SCIENCE 1.3, no batch norm,
no biases but the linear layer's), trained by the same SGD step on random data, timed step by step.

usage: python3 conv_block_torch.py CHANNELS SIZE BATCH BLOCKS DTYPE STEPS WARMUP
prints one JSON line: {"torch": version, "threads": 1, "times": [seconds per step, ...]}
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride, bias=False) if stride != 1 or cin != cout else None

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.conv2(F.relu(self.conv1(x))) + s)


class Net(nn.Module):
    def __init__(self, channels, blocks, classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, channels, 3, 1, 1, bias=False)
        self.blocks = nn.Sequential(*[Block(channels, channels, 1) for _ in range(blocks)])
        self.linear = nn.Linear(channels, classes)

    def forward(self, x):
        h = self.blocks(F.relu(self.stem(x)))
        return self.linear(h.mean(dim=(2, 3)))


def main():
    channels, size, batch, blocks = (int(a) for a in sys.argv[1:5])
    dtype = {"float32": torch.float32, "float64": torch.float64}[sys.argv[5]]
    steps, warmup = int(sys.argv[6]), int(sys.argv[7])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    net = Net(channels, blocks).to(dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    x = torch.randn(batch, 3, size, size, dtype=dtype)
    y = torch.arange(batch) % 10
    times = []
    for i in range(warmup + steps):
        t = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        if i >= warmup:
            times.append(time.perf_counter() - t)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "times": times}))


if __name__ == "__main__":
    main()
