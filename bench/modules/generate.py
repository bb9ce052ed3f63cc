"""Writes the module graph of bench/modules.sh: DIR/main.mjs imports
`leaf0..leafN-1` (fan-out) and `chain0`, where `chainK` imports `chainK+1`
(a chain of M modules). Every module exports a small function and a value;
main prints one checksum."""
import os
import sys

out, fan, depth = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
for i in range(fan):
    with open(os.path.join(out, f"leaf{i}.mjs"), "w") as f:
        f.write(f"export const value = {i};\nexport function twice(x) {{ return x * 2 + value; }}\n")
for i in range(depth):
    with open(os.path.join(out, f"chain{i}.mjs"), "w") as f:
        if i + 1 < depth:
            f.write(f"import {{ total as next }} from './chain{i + 1}.mjs';\n")
            f.write(f"export const total = next + {i};\n")
        else:
            f.write(f"export const total = {i};\n")
with open(os.path.join(out, "main.mjs"), "w") as f:
    for i in range(fan):
        f.write(f"import {{ twice as t{i} }} from './leaf{i}.mjs';\n")
    f.write("import { total } from './chain0.mjs';\n")
    f.write("let sum = total;\n")
    for i in range(fan):
        f.write(f"sum += t{i}(1);\n")
    f.write("console.log(sum);\n")
