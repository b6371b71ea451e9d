#!/usr/bin/env python3
# bench-cli.py — wall time and peak memory of `pprof-viewer --top/--svg`
# against `go tool pprof`, and of --top and --folded against the `gzip -dc`
# floor, on generated profiles.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/bench-cli.py [--build DIR] [--pprof] [--runs N]
#
# Profiles are generated once into $BENCH_DIR (default /tmp/ppv-bench) by
# ppv-gen-profile.  --pprof also runs `go tool pprof` (minutes and GiBs on
# these sizes); without it only our figures and the floor are printed.
# Prints figures; asserts nothing: targets are read by people.
import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PROFILES = [
    ('heap-1m.pb.gz', ['--functions', '200000', '--samples', '1000000', '--max-depth', '64']),
    ('cpu-2m.pb.gz', ['--cpu', '--samples', '2000000', '--labels']),
    ('deep.pb.gz', ['--depth', '2000', '--samples', '20000']),
]


def measure(argv, env=None):
    """Runs argv once; returns (wall seconds, peak RSS MiB, exit status)."""
    start = time.monotonic()
    with open(os.devnull, 'wb') as devnull:
        proc = subprocess.Popen(argv, stdout=devnull, stderr=subprocess.PIPE, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.stderr.close()
    wall = time.monotonic() - start
    return wall, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def best(argv, runs, env=None):
    results = [measure(argv, env) for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--build', default=os.path.join(ROOT, 'build'))
    parser.add_argument('--pprof', action='store_true', help='also time go tool pprof')
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()

    viewer = os.path.join(args.build, 'src', 'app', 'pprof-viewer')
    gen = os.path.join(args.build, 'tests', 'bench', 'ppv-gen-profile')
    bench_dir = os.environ.get('BENCH_DIR', '/tmp/ppv-bench')
    os.makedirs(bench_dir, exist_ok=True)
    env = dict(os.environ, TZ='UTC', PPROF_BINARY_PATH=bench_dir)
    have_go = shutil.which('go') is not None

    print('%-14s %-6s %9s %9s %9s %9s %8s %8s' %
          ('profile', 'output', 'ours s', 'ours MiB', 'pprof s', 'pprof MiB', 't ratio', 'm ratio'))
    for name, gen_args in PROFILES:
        path = os.path.join(bench_dir, name)
        if not os.path.exists(path):
            subprocess.run([gen, '-o', path] + gen_args, check=True, stdout=subprocess.DEVNULL)

        floor = best(['gzip', '-dc', path], args.runs)[0]
        for output in ('top', 'svg', 'folded'):
            ours = best([viewer, '--' + output, path], args.runs, env)
            line = '%-14s %-6s %9.2f %9.0f' % (name, output, ours[0], ours[1])
            if ours[2] != 0:
                line += '  (exit %d)' % ours[2]
            if args.pprof and have_go and output != 'folded':
                theirs = measure(['go', 'tool', 'pprof', '-' + output, '-symbolize=none', path], env)
                line += ' %9.2f %9.0f %8.3f %8.3f' % (theirs[0], theirs[1],
                                                      ours[0] / theirs[0], ours[1] / theirs[1])
            else:
                line += ' %9s %9s %8s %8s' % ('-', '-', '-', '-')
            if output in ('top', 'folded'):
                line += '   gzip -dc %.2f s, ours/floor %.1fx' % (floor, ours[0] / floor)
            if output == 'folded':
                line += ' (issue 11: <= 3x)'
            print(line, flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
