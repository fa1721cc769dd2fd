#!/usr/bin/python3
"""Reference values for src/scoring/text/exact-math.ts (correctly rounded exp / log).

Run:  /usr/bin/python3 scripts/gen-exact-math-fixture.py > fixtures/exact-math/exp-log-reference.tsv

Columns: function, input, libm (CPython math.exp / math.log, i.e. glibc), correctly_rounded
(decimal module at 60 digits, then rounded once to binary64).  All floats are Python repr
(shortest round-trip), so JS parseFloat reads them back exactly.  Seeded: the file is reproducible.
"""
import math
import random
from decimal import Decimal, getcontext

getcontext().prec = 60
rng = random.Random(20240601)


def correctly_rounded_log(x):
    return float(Decimal(x).ln())


def correctly_rounded_exp(x):
    return float(Decimal(x).exp())


def log_inputs():
    # BLEU precisions: 100 * correct / total and the exp-smoothing values 100 / (2^k * total)
    for _ in range(3000):
        total = rng.randint(1, 400)
        correct = rng.randint(1, total)
        yield 100.0 * correct / total
    for _ in range(1000):
        yield 100.0 / (2 ** rng.randint(1, 4) * rng.randint(1, 400))
    for _ in range(3000):
        yield rng.uniform(1e-3, 100.0)
    for _ in range(1500):
        yield rng.uniform(0.5, 2.0)
    for _ in range(1500):  # whole normal range
        yield math.ldexp(rng.uniform(1.0, 2.0), rng.randint(-1021, 1023))


def exp_inputs():
    # BLEU: mean of the four logs (in [-2.5e9, log(100)]) and the brevity penalty 1 - ref_len / sys_len
    for _ in range(3000):
        logs = []
        for _ in range(4):
            total = rng.randint(1, 400)
            logs.append(math.log(100.0 * rng.randint(1, total) / total))
        yield sum(logs) / 4
    for _ in range(2000):
        sys_len = rng.randint(1, 300)
        ref_len = rng.randint(sys_len, 600)
        yield 1 - ref_len / sys_len
    for _ in range(3000):
        yield rng.uniform(-50.0, 5.0)
    for _ in range(1500):
        yield rng.uniform(-745.0, 709.7)
    for _ in range(500):  # subnormal results and tiny arguments
        yield rng.choice([rng.uniform(-745.13, -708.0), rng.uniform(-1e-6, 1e-6), rng.uniform(-1e-300, 1e-300)])


def main():
    print("function\tinput\tlibm\tcorrectly_rounded")
    for x in log_inputs():
        print(f"log\t{x!r}\t{math.log(x)!r}\t{correctly_rounded_log(x)!r}")
    for x in exp_inputs():
        print(f"exp\t{x!r}\t{math.exp(x)!r}\t{correctly_rounded_exp(x)!r}")


main()
