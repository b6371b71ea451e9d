#!/usr/bin/env python3
# check-goroutine-dump.py — a goroutine dump (debug=2) read against the
# proto goroutine profile written at the same moment.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-goroutine-dump.py PPROF_VIEWER FIXTURES_DIR
#
# Go hides most runtime frames in a dump, and the goroutine that writes
# each of the two has different runtime/pprof frames, so what must agree is
# the cum of every other function (and the goroutine count): the proto's
# numbers come from `go tool pprof -top` (expected/top/goroutine_dump_proto.txt).
# Labels are checked through --tagfocus.  Ends "N passed, M failed".
import os
import re
import sys

from top_text import rows, run, total

def main():
    viewer, fixtures = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    profiles = os.path.join(fixtures, 'profiles')
    with open(os.path.join(fixtures, 'expected', 'top', 'goroutine_dump_proto.txt')) as f:
        proto_text = f.read()
    proto = rows(proto_text)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
            print('ok: ' + what)
        else:
            failed += 1
            print('FAIL: ' + what)

    status, dump_text, err = run(viewer, profiles, '--top', '--nodefraction=0', 'goroutine-debug2.txt')
    check(status == 0, 'the dump reads (%s)' % err.strip())
    dump = rows(dump_text)
    check(total(dump_text) == total(proto_text) == '14',
          'goroutine count: dump %s, proto %s' % (total(dump_text), total(proto_text)))
    compared = 0
    for name, (flat, cum) in sorted(proto.items()):
        if name.startswith('runtime.') or name.startswith('runtime/'):
            continue
        compared += 1
        check(name in dump and dump[name][1] == cum,
              '%s: cum %s in the proto, %s in the dump' % (name, cum, dump.get(name, ('-', 'missing'))[1]))
    check(compared >= 10, '%d functions compared' % compared)
    check('Type: goroutine' in dump_text, 'the dump is a goroutine profile')

    # Labels: state and created_by, as --tagfocus sees them.
    for option, want in (('--tagfocus=state=chan', '7'), ('--tagfocus=state=sleep', '2'),
                         ('--tagfocus=created_by=main\\.nested', '2'),
                         ('--tagfocus=created_by=main\\.main', '4')):
        status, text, err = run(viewer, profiles, '--top', option, 'goroutine-debug2.txt')
        m = re.search(r'accounting for (\S+),', text)
        got = m.group(1) if m else None
        check(status == 0 and got == want, '%s: %s goroutines (want %s)' % (option, got, want))

    # --tags lists the dump's labels; each value's count is what
    # --tagfocus on it keeps (the proto has no labels: pprof's -tags of it
    # is the tags_goroutine_dump parity case).
    status, text, err = run(viewer, profiles, '--tags', 'goroutine-debug2.txt')
    check(status == 0, '--tags reads the dump (%s)' % err.strip())
    blocks = {}
    key = None
    for line in text.splitlines():
        m = re.match(r'^ *(\S+): Total (\S+)$', line)
        if m:
            key = m.group(1)
            blocks[key] = (m.group(2), [])
            continue
        m = re.match(r'^ *(\S+) \( *\S+%\): (.*)$', line)
        if m and key:
            blocks[key][1].append((m.group(2), m.group(1)))
    check(blocks.get('state', ('',))[0] == '14.0', 'state: total %s (want 14.0)' % blocks.get('state', ('-',))[0])
    check('created_by' in blocks, 'created_by is a key (%s)' % ', '.join(sorted(blocks)))
    for key in ('state', 'created_by'):
        for value, count in blocks.get(key, ('', []))[1]:
            option = '--tagfocus=%s=^%s$' % (key, re.escape(value))
            status, top, err = run(viewer, profiles, '--top', option, 'goroutine-debug2.txt')
            m = re.search(r'accounting for (\S+),', top)
            got = m.group(1) if m else None
            check(status == 0 and got is not None and float(got) == float(count),
                  '--tags %s=%s: %s, --top %s: %s' % (key, value, count, option, got))

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
