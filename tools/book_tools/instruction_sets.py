"""Why another processor gives other numbers: one matrix product per instruction set (chapter 4).

    python -m book_tools.instruction_sets

TensorFlow computes a matrix product on a CPU with oneDNN kernels that it picks when it
runs, for the instruction set the processor offers (also with
``TF_ENABLE_ONEDNN_OPTS=0``, which only turns off oneDNN's other kernels). Kernels for
wider registers add the same terms in another order, so the product differs in its last
bits. ``ONEDNN_MAX_CPU_ISA`` caps the instruction set, which lets one machine show what
another processor would compute: this script multiplies the same two matrices in a
fresh process under each cap and reports how far each product is from the uncapped one.
Elementwise functions and sums over an axis come out the same under every cap.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CAP_VARIABLE = "ONEDNN_MAX_CPU_ISA"
CAPS = ("AVX512_CORE", "AVX2", "AVX", "SSE41")
SHAPE = (32, 50, 200)  # a batch of 32 inputs of 50 features times an LSTM(50)'s kernel

_PRODUCT = """
import json, sys
import lstm_helpers  # TensorFlow's settings as in every chapter: quiet, oneDNN's other kernels off
import numpy as np
import tensorflow as tf
m, k, n = (int(v) for v in sys.argv[1:4])
rng = np.random.default_rng(0)
a = rng.standard_normal((m, k), dtype=np.float32)
b = rng.standard_normal((k, n), dtype=np.float32)
json.dump(tf.matmul(a, b).numpy().ravel().tolist(), sys.stdout)
"""


def product(cap: str | None, shape: tuple[int, int, int] = SHAPE) -> list[float]:
    """The product of two fixed random matrices, computed by TensorFlow in a fresh process.

    ``cap`` is a value of ``ONEDNN_MAX_CPU_ISA`` (``None``: the processor's own).
    """
    env = {key: value for key, value in os.environ.items() if key != CAP_VARIABLE}
    if cap is not None:
        env[CAP_VARIABLE] = cap
    result = subprocess.run(
        [sys.executable, "-c", _PRODUCT, *map(str, shape)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the product under {CAP_VARIABLE}={cap} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def differences(reference: list[float], other: list[float]) -> tuple[int, float]:
    """How many entries differ, and the largest difference as a share of the largest entry.

    (Relative to each entry's own size, an entry near zero, where terms cancel, would
    make a last-bit difference look large.)
    """
    if len(reference) != len(other):
        raise ValueError(f"products of {len(reference)} and {len(other)} entries")
    changed = [abs(x - y) for x, y in zip(reference, other) if x != y]
    scale = max((abs(x) for x in reference), default=0.0) or 1.0
    return len(changed), max(changed, default=0.0) / scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m book_tools.instruction_sets", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--caps", nargs="+", default=list(CAPS), metavar="ISA")
    args = parser.parse_args(argv)
    m, k, n = SHAPE
    reference = product(None)
    print(f"A ({m} x {k}) times B ({k} x {n}) in float32, against the uncapped product:")
    for cap in args.caps:
        changed, largest = differences(reference, product(cap))
        print(
            f"  {CAP_VARIABLE}={cap:12s} {changed:5,} of {m * n:,} entries differ, "
            f"the largest by {largest:.1e} of the largest entry"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
