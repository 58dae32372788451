#!/usr/bin/env python3
"""What one `overstretch` process costs: `--version`, `validate`, `run --out`.

    python3 bench/startup_cost.py [--runs 200] [--callgrind] [BINARY ...]

For each binary (default build/tools/overstretch) and each command, starts the
process RUNS times, one after another, and reports per process the mean and
median user+sys CPU and the mean minor page faults (from wait4's rusage of each
child), and the largest maximum resident set of 5 runs under GNU time
(/usr/bin/time, Debian's `time` package): a child spawned from Python
inherits Python's resident set in its own maximum, a child of `time` does not. The commands run interleaved across
binaries, so that two binaries given together are measured under the same load.
With --callgrind, also the instructions of one process of each (valgrind
callgrind, the whole process including the dynamic loader), which do not
depend on the machine's load: prefer them and the page faults for decisions on
a busy machine, CPU time on an idle one. docs/performance.md quotes this script.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "scenarios", "sparse_us.yaml")


def commands(out_dir):
    """(name, argv tail builder) for each measured command; i numbers the run."""
    return [
        ("--version", lambda i: ["--version"]),
        ("validate", lambda i: ["validate", SCENARIO]),
        ("run --out", lambda i: ["run", SCENARIO, "--quiet", "--out",
                                 os.path.join(out_dir, f"r{i}")]),
    ]


def one(argv):
    """Runs argv with stdout/stderr discarded; returns its rusage."""
    with open(os.devnull, "wb") as null:
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, null.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2, null.fileno(), 2)])
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"startup_cost: {' '.join(argv)} failed ({status})")
    return usage


def max_rss_kb(argv):
    """The program's maximum resident set in KB, or None without GNU time."""
    if not os.path.exists("/usr/bin/time"):
        return None
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=True)
    return int(done.stderr.strip().splitlines()[-1])


def callgrind(argv, scratch):
    out = os.path.join(scratch, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + argv,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    with open(out) as f:
        for line in f:
            m = re.match(r"(?:summary|totals): (\d+)", line)
            if m:
                return int(m.group(1))
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="*",
                        default=[os.path.join(ROOT, "build", "tools", "overstretch")])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--callgrind", action="store_true")
    args = parser.parse_args()
    binaries = [os.path.abspath(b) for b in args.binaries]

    scratch = tempfile.mkdtemp(prefix="overstretch-startup-")
    try:
        cmds = commands(scratch)
        samples = {(b, name): [] for b in binaries for name, _ in cmds}
        load_before = os.getloadavg()[0]
        for i in range(args.runs):
            for name, tail in cmds:
                for b in binaries:
                    samples[(b, name)].append(one([b] + tail(i)))
            shutil.rmtree(scratch)
            os.mkdir(scratch)
        print(f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; "
              f"{args.runs} runs each")
        header = "| binary | command | CPU mean ms | CPU median ms | max RSS MB | minor faults |"
        if args.callgrind:
            header += " instructions M |"
        print(header)
        print("|---" * (header.count("|") - 1) + "|")
        fresh = args.runs  # run numbers not used yet: each --out a new directory
        for b in binaries:
            shown = os.path.relpath(b, ROOT) if b.startswith(ROOT + os.sep) else b
            for name, tail in cmds:
                rows = samples[(b, name)]
                cpu = [(u.ru_utime + u.ru_stime) * 1e3 for u in rows]
                rss_runs = [max_rss_kb([b] + tail(fresh + k)) for k in range(5)]
                fresh += 5
                rss = "n/a" if None in rss_runs else f"{max(rss_runs) / 1024.0:.2f}"
                faults = statistics.mean(u.ru_minflt for u in rows)
                line = (f"| {shown} | {name} | {statistics.mean(cpu):.2f} | "
                        f"{statistics.median(cpu):.2f} | {rss} | {faults:.0f} |")
                if args.callgrind:
                    count = callgrind([b] + tail(fresh), scratch)
                    fresh += 1
                    line += f" {count / 1e6:.2f} |"
                print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
