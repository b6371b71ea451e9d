# top_text.py — what the parity checks read from `pprof-viewer --top`:
# its rows and total, and a way to run the viewer in a fixed locale and zone.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess

ROW = re.compile(r'^ *(\S+) +(\S+) +(\S+) +(\S+) +(\S+)  (.*?)( \(inline\))?$')


def rows(text):
    """The table's rows: name -> (flat, cum)."""
    out = {}
    table = False
    for line in text.splitlines():
        if line.startswith('      flat  flat%'):
            table = True
            continue
        m = ROW.match(line) if table else None
        if m:
            out[m.group(6)] = (m.group(1), m.group(4))
    return out


def total(text):
    m = re.search(r'of (\S+) total', text)
    return m.group(1) if m else None


def run(viewer, cwd, *args):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    proc = subprocess.run([viewer] + list(args), cwd=cwd, env=env, capture_output=True, timeout=60)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace'), proc.stderr.decode('utf-8', 'replace')
