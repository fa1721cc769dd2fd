"""Reference values for src/providers/builtin/python-random.ts: CPython's random.seed / choice / shuffle.
Run: /usr/bin/python3 scripts/python-random-reference.py > fixtures/python-random/reference.json"""
import json
import random

cases = []
for seed in [3142, 0, 1, 773815, 2**32 + 5]:
    random.seed(seed)
    draws = []
    for step in range(40):
        if step % 3 == 0:
            draws.append(["choice", random.choice([1, 2, 3, 4])])
        else:
            values = [1, 2, 3, 4]
            random.shuffle(values)
            draws.append(["shuffle", str(values)])
    cases.append({"seed": seed, "draws": draws})
print(json.dumps(cases))
