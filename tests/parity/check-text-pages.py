#!/usr/bin/env python3
# check-text-pages.py — Go's text pages (debug=1, and the goroutine dump)
# named from their "#" lines, read against the proto profile fetched from
# the same server at the same moment (tests/fixtures/gen/textpages).
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-text-pages.py PPROF_VIEWER FIXTURES_DIR
#
# Heap, block, mutex and threadcreate pages print every frame Go's proto
# has, so `--top --nodefraction=0` and `--traces` of the page must equal
# `go tool pprof` on the proto (expected/top|traces/textpage_*_proto.txt)
# line for line, but for the File: and Time: lines a text page has no data
# for.  Goroutine pages hide the runtime frames at the leaf: there the total
# and the cum of every other function must agree; the dump (debug=2) is
# fetched a moment later, so the goroutine serving it (runtime/pprof and
# net/http) is left aside.  --dot, --svg and --peek must work on every page.
# Ends "N passed, M failed".
import os
import sys

from top_text import rows, run, total

STRICT = [
    ('textpage-heap-debug1.txt', 'textpage_heap_proto', []),
    ('textpage-heap-debug1.txt', 'textpage_heap_proto_alloc_space', ['--sample-index=alloc_space']),
    ('textpage-heap-debug1.txt', 'textpage_heap_proto_alloc_objects', ['--sample-index=alloc_objects']),
    ('textpage-block-debug1.txt', 'textpage_block_proto', []),
    ('textpage-mutex-debug1.txt', 'textpage_mutex_proto', []),
    ('textpage-threadcreate-debug1.txt', 'textpage_threadcreate_proto', []),
]
TRACES = [
    ('textpage-heap-debug1.txt', 'textpage_heap_proto'),
    ('textpage-block-debug1.txt', 'textpage_block_proto'),
    ('textpage-mutex-debug1.txt', 'textpage_mutex_proto'),
]
GOROUTINES = [
    ('textpage-goroutine-debug1.txt', ('runtime',)),
    ('textpage-goroutine-debug2.txt', ('runtime', 'net/http.')),
]
PAGES = [
    'textpage-heap-debug1.txt', 'textpage-block-debug1.txt', 'textpage-mutex-debug1.txt',
    'textpage-threadcreate-debug1.txt', 'textpage-goroutine-debug1.txt',
    'textpage-goroutine-debug2.txt',
]


def without_headers(text):
    return '\n'.join(l for l in text.splitlines()
                     if not l.startswith('File: ') and not l.startswith('Time: '))


def traces(text):
    """The samples of a -traces report, in a canonical order: the page and
    the proto list the same samples in different orders."""
    blocks, block = [], []
    for line in without_headers(text).splitlines()[1:]:
        if line.startswith('-----------+'):
            blocks.append('\n'.join(block))
            block = []
        else:
            block.append(line)
    return sorted(b for b in blocks + ['\n'.join(block)] if b)


def main():
    viewer, fixtures = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    profiles = os.path.join(fixtures, 'profiles')
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
            print('ok: ' + what)
        else:
            failed += 1
            print('FAIL: ' + what)

    def expected(kind, case):
        with open(os.path.join(fixtures, 'expected', kind, case + '.txt')) as f:
            return f.read()

    for page, case, options in STRICT:
        status, text, err = run(viewer, profiles, '--top', '--nodefraction=0', *options, page)
        want = without_headers(expected('top', case))
        got = without_headers(text)
        check(status == 0 and got == want, '%s %s: --top equals the proto\'s (%s)%s'
              % (page, ' '.join(options), case, '' if got == want else '\n' + got + '\n--- want\n' + want))

    for page, case in TRACES:
        status, text, err = run(viewer, profiles, '--traces', page)
        want = traces(expected('traces', case))
        got = traces(text)
        check(status == 0 and got == want, '%s: --traces equals the proto\'s (%s)%s'
              % (page, case, '' if got == want else '\n' + '\n'.join(sorted(set(got) ^ set(want)))))

    proto_text = expected('top', 'textpage_goroutine_proto')
    proto = rows(proto_text)
    for page, left_aside in GOROUTINES:
        status, text, err = run(viewer, profiles, '--top', '--nodefraction=0', page)
        check(status == 0, '%s reads (%s)' % (page, err.strip()))
        check(total(text) == total(proto_text), '%s: %s goroutines, the proto %s'
              % (page, total(text), total(proto_text)))
        named = rows(text)
        compared = 0
        for name, (flat, cum) in sorted(proto.items()):
            if name.startswith(left_aside):
                continue
            compared += 1
            check(named.get(name, ('', None))[1] == cum, '%s: %s cum %s in the proto, %s here'
                  % (page, name, cum, named.get(name, ('', 'missing'))[1]))
        check(compared >= 20, '%s: %d functions compared' % (page, compared))

    for page in PAGES:
        for args, needle in ((['--dot'], 'runtime.' if 'threadcreate' in page else 'main.'), (['--svg'], '<svg'), (['--peek=\\.'], '.'),
                             (['--traces', '--lines'], '.go:')):
            status, text, err = run(viewer, profiles, *args, page)
            check(status == 0 and needle in text, '%s %s: %s (%s)' % (page, ' '.join(args),
                                                                     'ok' if status == 0 else 'failed',
                                                                     err.strip()))

    # pprof's reading of the same pages: no names at all.
    status, text, err = run(viewer, profiles, '--top', '--symbolize=none', 'textpage-mutex-debug1.txt')
    check(status == 0 and 'main.' not in text, '--symbolize=none reads no names')

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
