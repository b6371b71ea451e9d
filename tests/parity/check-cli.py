#!/usr/bin/env python3
# check-cli.py — the command line's habits: "--top N", unknown options,
# --help.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-cli.py PPROF_VIEWER FIXTURES_DIR
#
# Prints "ok - …" / "not ok - …" per check and a last line "N passed,
# M failed"; exits 1 when any check failed.  An unknown option must fail
# before any window could open, so those checks also run with DISPLAY set
# (to a real Xvfb display when xvfb-run is installed, else a bogus one):
# a window would outlive the timeout, GTK on a bogus display would fail
# with another status and message.

import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 30
results = []


def check(name, ok, detail=''):
    results.append(ok)
    print('%s - %s%s' % ('ok' if ok else 'not ok', name, '' if ok else ': ' + detail))


def run(cmd, cwd, env=None, timeout=TIMEOUT):
    full_env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', LANG='C.UTF-8')
    full_env.update(env or {})
    try:
        return subprocess.run(cmd, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def describe(proc):
    if proc is None:
        return 'timed out after %d s (did the window open?)' % TIMEOUT
    return 'status %d, stdout %r, stderr %r' % (proc.returncode, proc.stdout[:200], proc.stderr[:300])


def check_top_count(viewer, profiles):
    explicit = run([viewer, '--top', '--nodecount=3', 'heap.pb.gz'], profiles)
    bare = run([viewer, '--top', '3', 'heap.pb.gz'], profiles)
    full = run([viewer, '--top', 'heap.pb.gz'], profiles)
    check('--top --nodecount=3 runs', explicit is not None and explicit.returncode == 0, describe(explicit))
    check('--top 3 FILE equals --top --nodecount=3 FILE byte for byte',
          bare is not None and bare.returncode == 0 and bare.stdout == explicit.stdout
          and bare.stderr == explicit.stderr, describe(bare))
    check('--nodecount=3 cuts the report', full is not None and full.stdout != explicit.stdout
          and b'Showing top 3 nodes' in explicit.stdout, describe(explicit))

    # The count must come right after --top and be a positive integer;
    # anything else stays a source (reported and skipped, as pprof does).
    for args, source in ((['--top', '0', 'heap.pb.gz'], '0'), (['--top', 'heap.pb.gz', '3'], '3'),
                         (['--top', '007x', 'heap.pb.gz'], '007x')):
        proc = run([viewer] + args, profiles)
        check('%s: %s is a source' % (' '.join(args), source),
              proc is not None and proc.stdout == full.stdout
              and proc.stderr == ('pprof-viewer: %s: cannot open: No such file or directory\n' % source).encode(),
              describe(proc))

    # A file named like the count is read as a file.
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(os.path.join(profiles, 'heap.pb.gz'), os.path.join(tmp, '3'))
        as_file = run([viewer, '--top', '3'], tmp)
        check('a file named 3 opens as a file',
              as_file is not None and as_file.returncode == 0 and as_file.stdout == full.stdout,
              describe(as_file))


def check_unknown_options(viewer, profiles, display_env, label):
    cases = [
        (['--peep=x', 'heap.pb.gz'], '--peep'),
        (['--peep', 'heap.pb.gz'], '--peep'),
        (['-Z', 'heap.pb.gz'], '-Z'),
        (['--top', '--peep=x', 'heap.pb.gz'], '--peep'),
        (['--top', '-3', 'heap.pb.gz'], '-3'),
        (['heap.pb.gz', '--no-such-option'], '--no-such-option'),
    ]
    for args, option in cases:
        proc = run([viewer] + args, profiles, env=display_env)
        lines = proc.stderr.decode('utf-8', 'replace').splitlines() if proc else []
        check('%s %s: exit status 2, one line on stderr' % (label, ' '.join(args)),
              proc is not None and proc.returncode == 2 and len(lines) == 1 and proc.stdout == b''
              and lines[0].startswith('pprof-viewer: ') and option in lines[0],
              describe(proc))

    # A report option without --top/--dot/--svg is no window either.
    proc = run([viewer, '--nodecount=3', 'heap.pb.gz'], profiles, env=display_env)
    check('%s --nodecount=3 without an output: exit status 2' % label,
          proc is not None and proc.returncode == 2
          and proc.stderr.decode().count('\n') == 1, describe(proc))


def check_help(viewer, profiles):
    proc = run([viewer, '--help'], profiles)
    out = proc.stdout.decode('utf-8', 'replace') if proc else ''
    check('--help exits 0', proc is not None and proc.returncode == 0, describe(proc))
    check('--help names the program', 'Usage:\n  pprof-viewer [OPTION' in out and '(null)' not in out, out[:200])
    check('--help explains --top N', '--top N SOURCE' in out and '--nodecount=N' in out, out[:2000])


def main():
    if len(sys.argv) != 3:
        print('usage: check-cli.py PPROF_VIEWER FIXTURES_DIR', file=sys.stderr)
        return 2
    viewer = os.path.abspath(sys.argv[1])
    profiles = os.path.join(os.path.abspath(sys.argv[2]), 'profiles')

    check_top_count(viewer, profiles)
    check_help(viewer, profiles)
    check_unknown_options(viewer, profiles, {}, 'no display:')
    check_unknown_options(viewer, profiles,
                          {'DISPLAY': ':4097', 'WAYLAND_DISPLAY': 'ppv-no-such-display'},
                          'bogus display:')

    xvfb_run = shutil.which('xvfb-run')
    if xvfb_run is not None:
        # The same checks inside a real X server: this script again under
        # xvfb-run, where DISPLAY names a display a window could open on.
        proc = subprocess.run([xvfb_run, '-a', sys.executable, os.path.abspath(__file__),
                               '--xvfb-only', viewer, profiles],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        out = proc.stdout.decode('utf-8', 'replace')
        sys.stdout.write(out)
        results.extend(line.startswith('ok - ') for line in out.splitlines()
                       if line.startswith(('ok - ', 'not ok - ')))
        check('the Xvfb run ran its checks', proc.returncode == 0 and 'ok - Xvfb display' in out,
              'status %d' % proc.returncode)
    else:
        print('# xvfb-run not installed: checked with a bogus DISPLAY only')

    passed = sum(1 for r in results if r)
    print('%d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


def main_xvfb_only():
    viewer, profiles = sys.argv[2], sys.argv[3]
    check_unknown_options(viewer, profiles, {}, 'Xvfb display %s:' % os.environ.get('DISPLAY'))
    return 0 if all(results) else 1


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == '--xvfb-only':
        sys.exit(main_xvfb_only())
    sys.exit(main())
