#!/usr/bin/env python3
"""Writes cmake/startup_order.ld: the code that short commands run, placed together.

    python3 bench/startup_order.py [BUILD_DIR]

A short command (`--version`, `validate`, a single `run`) executes a few hundred
kilobytes of the program's code, scattered over its megabytes of text; the
kernel maps the program's file pages 16 at a time around each page fault, so
the resident set follows how many 64 KiB windows that code touches. This runs
those three commands of BUILD_DIR/tools/overstretch (default build, a
Ninja build configured with -DOVERSTRETCH_STARTUP_ORDER=OFF) under valgrind's
callgrind, finds the functions they execute (`nm`), the input
section each comes from (`objdump -t` of the objects and archives the program
links, and of libstdc++.a), and writes a GNU ld script that places those
sections, in that order, ahead of the rest of .text (cmake/dependencies.cmake
passes it to the linker). Run it again after large changes to start-up,
loading or a run's outputs: a function renamed since is simply left in place
(its pattern matches nothing), so a stale list costs resident memory, never
correctness. docs/performance.md, "Start-up", has the measurements.
"""
import bisect
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "scenarios", "sparse_us.yaml")
OUT = os.path.join(ROOT, "cmake", "startup_order.ld")


def executed_addresses(binary, argv, scratch):
    """Instruction addresses (file offsets of the program's own object) argv executed."""
    out = os.path.join(scratch, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=yes",
                    f"--callgrind-out-file={out}", binary] + argv,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    names, ours, last, addresses = {}, False, 0, set()
    skip_next = False
    with open(out) as f:
        for line in f:
            m = re.match(r"c?ob=\((\d+)\)(?: (.*))?", line.strip())
            if m:  # an object, named the first time it appears (as ob= or cob=)
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                if line.startswith("ob="):
                    ours = os.path.realpath(names.get(m.group(1), "")) == os.path.realpath(binary)
            elif line.startswith("calls="):
                skip_next = True  # the call's own position line follows
            elif line[:1] in "0123456789+-*":
                token = line.split()[0]
                if token.startswith(("+", "-")):
                    last += int(token, 0)
                elif token != "*":
                    last = int(token, 0)
                if skip_next:
                    skip_next = False
                elif ours:
                    addresses.add(last)
    return addresses


def functions(binary):
    """(start, size, name) of the program's function symbols, by address."""
    listing = subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True,
                             text=True, check=True).stdout
    symbols = []
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTwW":
            symbols.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
    return sorted(symbols)


def link_inputs(build):
    """The objects and archives the program links, and the static libstdc++."""
    command = subprocess.run(["ninja", "-C", build, "-t", "commands", "tools/overstretch"],
                             capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    inputs = [os.path.join(build, w) if not os.path.isabs(w) else w
              for w in shlex.split(command) if w.endswith((".o", ".a"))]
    libstdcxx = subprocess.run(["c++", "-print-file-name=libstdc++.a"], capture_output=True,
                               text=True, check=True).stdout.strip()
    return inputs + [libstdcxx]


def sections_by_symbol(inputs):
    """symbol -> (archive or object, member or None, section) for function symbols."""
    found = {}
    for path in inputs:
        listing = subprocess.run(["objdump", "-t", path], capture_output=True, text=True).stdout
        member = None
        for line in listing.splitlines():
            m = re.match(r"^(\S+):\s+file format", line)
            if m:
                member = m.group(1)
                continue
            parts = [p for p in line.split() if p not in (".hidden", ".protected", ".internal")]
            # ADDRESS FLAGS... SECTION SIZE NAME; functions carry the F flag.
            if len(parts) >= 5 and " F " in line and parts[-3].startswith(".text"):
                found.setdefault(parts[-1], (path, member if path.endswith(".a") else None,
                                             parts[-3]))
    return found


def pattern(where):
    path, member, section = where
    if section.startswith((".text.startup", ".text.unlikely", ".text.hot", ".text.exit")):
        return None  # GNU ld's default script already groups these
    if section != ".text":
        return f"*({section})"
    return f"*{os.path.basename(path)}:{member}(.text)" if member else f"*{os.path.basename(path)}(.text)"


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
    binary = os.path.join(build, "tools", "overstretch")
    headers = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True).stdout
    if ".text.startup_order" in headers:
        sys.exit("startup_order: valgrind cannot name the functions of an ordered program: "
                 "configure with -DOVERSTRETCH_STARTUP_ORDER=OFF and build tools/overstretch")
    symbols = functions(binary)
    starts = [s[0] for s in symbols]
    where = sections_by_symbol(link_inputs(build))
    patterns, seen = [], set()
    with tempfile.TemporaryDirectory() as scratch:
        for argv in (["--version"], ["validate", SCENARIO],
                     ["run", SCENARIO, "--quiet", "--out", os.path.join(scratch, "run")]):
            names = []
            for address in sorted(executed_addresses(binary, argv, scratch)):
                i = bisect.bisect_right(starts, address) - 1
                if i >= 0 and address < symbols[i][0] + max(symbols[i][1], 1):
                    names.append(symbols[i][2])
            for name in dict.fromkeys(names):
                p = pattern(where[name]) if name in where else None
                if p and p not in seen:
                    seen.add(p)
                    patterns.append(p)
    with open(OUT, "w") as f:
        f.write("/* Generated by bench/startup_order.py: the code that `--version`, `validate`\n"
                "   and a single `run` execute, ahead of the rest of .text, so that a short\n"
                "   command touches few of the program's pages (docs/performance.md). */\n")
        f.write("SECTIONS\n{\n  .text.startup_order :\n  {\n")
        for p in patterns:
            f.write(f"    {p}\n")
        f.write("  }\n}\nINSERT BEFORE .text;\n")
    print(f"wrote {OUT}: {len(patterns)} sections")


if __name__ == "__main__":
    main()
