#!/usr/bin/env python3
# bench-speed.py — `--top` against the `gzip -dc` floor and `go tool pprof` on the four profile shapes of issue 16.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/bench-speed.py [--build DIR] [--base DIR] [--no-pprof]
#                              [--runs N] [--shape NAME]...
#
# Generates the shapes once into $BENCH_DIR (default /tmp/ppv-speed; never
# into the tree) with ppv-gen-profile, then prints one row per shape: our
# `--top --nodecount=20` wall time (median of --runs), `gzip -dc` of the
# same file (median), their ratio, `go tool pprof -top` (once: it takes
# minutes; --no-pprof skips it), both peak RSS figures and the size of the
# uncompressed profile.  --base DIR also times another build's viewer,
# interleaved run by run with ours so that load from other processes hits
# both alike, and prints both CPU times (user + system, best of --runs).
# Then, for each shape, re-aggregation as the window's table sees it
# (ppv-bench-report's "table" changes: sample type, granularity, focus,
# hide, every row): the slowest first build and the slowest best-of-2,
# against 0.5 s on the 1M-sample shapes (--no-reaggregate skips it).
# The load average is printed: on a shared machine the figures are only
# comparable within one run.  Asserts nothing.
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# name, generator arguments, what the issue describes
SHAPES = [
    ('wide', ['--functions', '200000', '--locations', '267000', '--samples', '1000000',
              '--max-depth', '64'],
     '200k functions, 267k locations, 1M samples of depth 1-64, 4 sample types'),
    ('flat', ['--functions', '1000000', '--locations', '1000000', '--inline-every', '0',
              '--uniform', '--depth', '2', '--samples', '1000000'],
     '1M functions each in its own location, 1M samples of depth 2'),
    ('deep', ['--recursive', '--max-depth', '2004', '--samples', '20000'],
     '20k samples up to 2,004 frames deep, recursive'),
    ('cpu', ['--cpu', '--labels', '--functions', '50000', '--samples', '2000000'],
     '2M CPU samples with labels, 50k functions'),
]

TARGET_FLOOR = 2.5     # ours / gzip -dc
TARGET_PPROF = 0.05    # ours / pprof, time
TARGET_MEM = 0.10      # ours / pprof, peak memory
TARGET_RAW = 3.0       # our peak / uncompressed size
TARGET_REAGGREGATE = 0.5   # seconds to new numbers, 1M-sample shapes


def measure(argv, env=None):
    """Runs argv once; returns (wall seconds, peak RSS MiB, exit status, CPU seconds)."""
    start = time.monotonic()
    with open(os.devnull, 'wb') as devnull:
        proc = subprocess.Popen(argv, stdout=devnull, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    return (wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status),
            usage.ru_utime + usage.ru_stime)


def raw_size(path):
    """Bytes of the uncompressed profile (all gzip members)."""
    total = 0
    with open(path, 'rb') as f:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            while chunk:
                total += len(d.decompress(chunk))
                chunk = d.unused_data
                if chunk:
                    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        total += len(d.flush())
    return total


def mark(value, target):
    return '' if value <= target else '!'


def print_reaggregation(args, bench_dir):
    """ppv-bench-report's table changes per shape: the slowest of each column."""
    tool = os.path.join(args.build, 'tests', 'bench', 'ppv-bench-report')
    if not os.path.exists(tool):
        print('re-aggregation: %s is missing, skipped' % tool)
        return
    print('re-aggregation (the table, every row): %-5s %9s %-16s %9s %-16s' % (
        'shape', 'first s', 'slowest first', 'best s', 'slowest best'))
    for name, _, _ in SHAPES:
        if args.shape and name not in args.shape:
            continue
        out = subprocess.run([tool, os.path.join(bench_dir, name + '.pb.gz'), '2', 'table'],
                             check=True, capture_output=True, text=True).stdout
        samples = 0
        worst_first = worst_best = (0.0, '-')
        for row in out.splitlines():
            words = row.split()
            if row.startswith('read:'):
                samples = int(words[3])
            elif row.startswith('table'):
                change = ' '.join(words[:words.index('first')])
                first = float(words[words.index('first') + 1])
                best = float(words[words.index('of') + 2])
                worst_first = max(worst_first, (first, change))
                worst_best = max(worst_best, (best, change))
        marked = samples >= 1000000
        print('%38s %-5s %8.3f%s %-16s %8.3f%s %-16s' % (
            '', name, worst_first[0], mark(worst_first[0], TARGET_REAGGREGATE) if marked else ' ',
            worst_first[1], worst_best[0], mark(worst_best[0], TARGET_REAGGREGATE) if marked else ' ',
            worst_best[1]), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--build', default=os.path.join(ROOT, 'build'))
    parser.add_argument('--base', help='another build directory to time alongside')
    parser.add_argument('--no-pprof', action='store_true', help='skip go tool pprof (slow)')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--shape', action='append', choices=[s[0] for s in SHAPES],
                        help='only this shape (repeatable)')
    parser.add_argument('--no-reaggregate', action='store_true',
                        help='skip the re-aggregation figures')
    args = parser.parse_args()

    viewer = os.path.join(args.build, 'src', 'app', 'pprof-viewer')
    base = os.path.join(args.base, 'src', 'app', 'pprof-viewer') if args.base else None
    gen = os.path.join(args.build, 'tests', 'bench', 'ppv-gen-profile')
    bench_dir = os.environ.get('BENCH_DIR', '/tmp/ppv-speed')
    os.makedirs(bench_dir, exist_ok=True)
    env = dict(os.environ, TZ='UTC', PPROF_BINARY_PATH=bench_dir)
    pprof = not args.no_pprof and shutil.which('go') is not None

    print('load average before: %.2f %.2f %.2f' % os.getloadavg())
    header = '%-5s %7s %7s | %7s %7s %6s' % ('shape', 'gz MB', 'raw MB', 'ours s', 'gzip s', 'ratio')
    if base:
        header += ' %7s %6s | %6s %6s %6s' % ('base s', 'b/o', 'CPU s', 'base', 'b/o')
    header += ' | %8s %7s | %8s %9s %7s %7s' % ('pprof s', 'o/pprof', 'ours MiB', 'pprof MiB',
                                                 'o/pprof', 'o/raw')
    print(header)
    for name, gen_args, _ in SHAPES:
        if args.shape and name not in args.shape:
            continue
        path = os.path.join(bench_dir, name + '.pb.gz')
        if not os.path.exists(path):
            subprocess.run([gen, '-o', path + '.tmp'] + gen_args, check=True,
                           stderr=subprocess.DEVNULL)
            os.rename(path + '.tmp', path)
        gz_mb = os.path.getsize(path) / 1e6
        raw_mb = raw_size(path) / 1e6

        ours, floor, theirs_base = [], [], []
        for _ in range(args.runs):
            ours.append(measure([viewer, '--top', '--nodecount=20', path], env))
            if base:
                theirs_base.append(measure([base, '--top', '--nodecount=20', path], env))
            floor.append(measure(['gzip', '-dc', path]))
        t_ours = statistics.median(r[0] for r in ours)
        t_floor = statistics.median(r[0] for r in floor)
        m_ours = max(r[1] for r in ours)
        ratio = t_ours / t_floor
        line = '%-5s %7.1f %7.1f | %7.2f %7.2f %5.1fx%s' % (name, gz_mb, raw_mb, t_ours, t_floor,
                                                          ratio, mark(ratio, TARGET_FLOOR))
        if base:
            # CPU time (best of the runs) moves less with other processes'
            # load than wall time does, though caches shared with them still
            # slow it.
            t_base = statistics.median(r[0] for r in theirs_base)
            c_ours = min(r[3] for r in ours)
            c_base = min(r[3] for r in theirs_base)
            line += ' %7.2f %5.2fx | %6.2f %6.2f %5.2fx' % (t_base, t_base / t_ours, c_ours, c_base,
                                                          c_base / c_ours)
        if any(r[2] != 0 for r in ours):
            line += ' (exit %d)' % ours[0][2]

        if pprof:
            t_pp, m_pp, status, _ = measure(['go', 'tool', 'pprof', '-top', '-nodecount=20',
                                          '-symbolize=none', path], env)
            line += ' | %8.1f %6.3f%s | %8.0f %9.0f %6.3f%s' % (
                t_pp, t_ours / t_pp, mark(t_ours / t_pp, TARGET_PPROF),
                m_ours, m_pp, m_ours / m_pp, mark(m_ours / m_pp, TARGET_MEM))
        else:
            line += ' | %8s %7s | %8.0f %9s %7s' % ('-', '-', m_ours, '-', '-')
        mem_raw = m_ours * 1048576 / 1e6 / raw_mb
        line += ' %5.1fx%s' % (mem_raw, mark(mem_raw, TARGET_RAW))
        print(line, flush=True)

    if not args.no_reaggregate:
        print_reaggregation(args, bench_dir)

    print('load average after:  %.2f %.2f %.2f' % os.getloadavg())
    print('targets: ratio <= %.1fx gzip -dc, <= %.2f x pprof time, <= %.2f x pprof memory, '
          '<= %.0fx the raw size, re-aggregation <= %.1f s on 1M-sample shapes; '
          '! marks a miss' % (TARGET_FLOOR, TARGET_PPROF, TARGET_MEM, TARGET_RAW, TARGET_REAGGREGATE))
    return 0


if __name__ == '__main__':
    sys.exit(main())
