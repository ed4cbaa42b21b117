#!/usr/bin/env python3
"""Writes the release link's symbol order (link/hubgate.order) from callgrind profiles.

    scripts/link-order.py BINARY OUT CALLGRIND_OUT [CALLGRIND_OUT ...]

Lists every function of BINARY that ran in any of the profiles, the most instructions first, by the
names the binary's symbol table gives them (callgrind prints C++ names demangled; the linker wants
them mangled). scripts/link-order.sh records the profiles and explains why.
"""
import collections
import re
import subprocess
import sys


def binary_functions(binary):
    """Mangled names of the binary's functions, and a demangled-to-mangled map for C++ ones."""
    def nm(*flags):
        return subprocess.run(["nm", "--defined-only", *flags, binary], capture_output=True, text=True, check=True).stdout.splitlines()
    mangled, by_demangled = set(), {}
    for plain, demangled in zip(nm(), nm("-C")):
        p, d = plain.split(None, 2), demangled.split(None, 2)
        if len(p) < 3 or p[1] not in "tTwW":
            continue
        mangled.add(p[2])
        by_demangled.setdefault(d[2], p[2])
    return mangled, by_demangled


def executed(profile, binary_name):
    """Instructions per function of the binary in one callgrind profile (its compressed format:
    `fn=(id) name` the first time a name appears, `fn=(id)` after)."""
    names, objects, owner = {}, {}, {}
    cost = collections.Counter()

    def resolve(text, table):
        m = re.match(r"\((\d+)\)(?: (.*))?$", text)
        if not m:
            return text
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1))

    current_object = called_object = current = None
    counting = False
    with open(profile, errors="replace") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("ob="):
                current_object = resolve(line[3:], objects)
            elif line.startswith("fn="):
                current = resolve(line[3:], names)
                owner.setdefault(current, current_object)
                counting = True
            elif line.startswith("cob="):
                called_object = resolve(line[4:], objects)
            elif line.startswith("cfn="):
                owner.setdefault(resolve(line[4:], names), called_object or current_object)
                called_object = None
            elif line.startswith("calls="):
                counting = False  # the next cost line is the call's inclusive cost
            elif line[:1].isdigit() or line[:1] in "+-*":
                fields = line.split()
                if counting and len(fields) >= 2 and fields[1].isdigit():
                    cost[current] += int(fields[1])
                counting = True
    return {f: cost[f] for f, o in owner.items() if o and o.endswith("/" + binary_name)}


def main():
    binary, out, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
    mangled, by_demangled = binary_functions(binary)
    total = collections.Counter()
    for profile in profiles:
        for name, instructions in executed(profile, binary.rsplit("/", 1)[-1]).items():
            name = re.sub(r"'\d+$", "", name)  # callgrind's mark for a recursion cycle
            symbol = name if name in mangled else by_demangled.get(name)
            if symbol:
                total[symbol] += instructions
    order = sorted(total, key=lambda s: (-total[s], s))
    with open(out, "w") as f:
        f.write("".join(s + "\n" for s in order))
    print(f"link-order: {len(order)} functions ran, written to {out}")


if __name__ == "__main__":
    main()
