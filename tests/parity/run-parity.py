#!/usr/bin/env python3
# run-parity.py — compares `pprof-viewer --top/--dot` with `go tool pprof`'s
# recorded outputs, case by case.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-parity.py PPROF_VIEWER FIXTURES_DIR top|dot|traces|tags|peek|tree [--only CASE]...
#
# Cases come from FIXTURES_DIR/cases.txt (top) or MODE-cases.txt, one per
# line: CASE_NAME<TAB>PROFILES<TAB>OPTIONS, both lists space-separated.
# Each case runs `PPROF_VIEWER --MODE OPTIONS PROFILES` (a peek case's
# --peek=REGEX is its mode) in FIXTURES_DIR/profiles with TZ=UTC and is
# compared with expected/MODE/CASE.txt (.dot for dot): top by rows and
# fields, dot as graphs, the others line by line.  When the expectation is
# CASE.err (pprof refused the case) the viewer must fail too, and for the
# text reports print pprof's message.
# The last line printed is "N passed, M failed"; the exit status is 1 when
# any case failed, 2 on a usage or fixture error.

import argparse
import os
import re
import subprocess
import sys

CASE_TIMEOUT = 60
MAX_DIFFS = 15
TABLE_HEADER = '      flat  flat%   sum%        cum   cum%'
ROW_FIELDS = ('flat', 'flat%', 'sum%', 'cum', 'cum%', 'name')
ROW_RE = re.compile(r'^ *(\S+) +(\S+) +(\S+) +(\S+) +(\S+)  (.*)$')


class Case:
    def __init__(self, name, profiles, options, lineno):
        self.name = name
        self.profiles = profiles
        self.options = options
        self.lineno = lineno


def decode(data):
    # Profiles may hold invalid UTF-8.  pprof prints those bytes raw; the
    # viewer, whose names reach GTK and XML, replaces each invalid byte with
    # U+FFFD.  Decoding both sides with 'replace' compares them on that
    # footing and still catches every other difference.
    return data.decode('utf-8', errors='replace')


def show(text):
    """Quotes text for a report; repr() only when it holds control
    characters or undecodable bytes, so DOT backslashes stay single."""
    if text.isprintable():
        return '"%s"' % text
    return repr(text)


def read_cases(path):
    cases = []
    with open(path, 'rb') as f:
        for lineno, raw in enumerate(f, 1):
            line = decode(raw).rstrip('\r\n')
            if not line.strip() or line.startswith('#'):
                continue
            fields = line.split('\t')
            if len(fields) < 2 or len(fields) > 3 or not fields[1].split():
                raise ValueError('%s:%d: expected CASE<TAB>PROFILES<TAB>OPTIONS'
                                 % (path, lineno))
            name = fields[0]
            if not re.fullmatch(r'[A-Za-z0-9_.-]+', name):
                raise ValueError('%s:%d: bad case name %s' % (path, lineno, show(name)))
            options = fields[2].split() if len(fields) == 3 else []
            cases.append(Case(name, fields[1].split(), options, lineno))
    names = [c.name for c in cases]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise ValueError('%s: duplicate case names: %s' % (path, ', '.join(dups)))
    return cases


# ---------------------------------------------------------------- top

def split_top(text):
    """Returns (header lines, table header or None, rows); a row is
    (line number, text), with name continuation lines folded in."""
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    try:
        at = lines.index(TABLE_HEADER)
    except ValueError:
        return lines, None, []
    rows = []
    for i, line in enumerate(lines[at + 1:], at + 2):
        if rows and not ROW_RE.match(line):
            # A function name with a newline in it continues the row.
            lineno, prev = rows[-1]
            rows[-1] = (lineno, prev + '\n' + line)
        else:
            rows.append((i, line))
    return lines[:at], lines[at], rows


def row_fields(row):
    m = ROW_RE.match(row)
    return m.groups() if m else None


def compare_top(expected, got):
    diffs = []
    if expected.endswith('\n') != got.endswith('\n'):
        diffs.append('final newline: expected %s, got %s'
                     % ('present' if expected.endswith('\n') else 'absent',
                        'present' if got.endswith('\n') else 'absent'))
    e_head, e_table, e_rows = split_top(expected)
    g_head, g_table, g_rows = split_top(got)

    for i in range(max(len(e_head), len(g_head))):
        e = e_head[i] if i < len(e_head) else None
        g = g_head[i] if i < len(g_head) else None
        if e != g:
            diffs.append('line %d (header): expected %s, got %s'
                         % (i + 1, '<missing>' if e is None else show(e),
                            '<missing>' if g is None else show(g)))
    if e_table != g_table:
        diffs.append('table header: expected %s, got %s'
                     % (show(e_table) if e_table is not None else '<none>',
                        show(g_table) if g_table is not None else '<none>'))
        if e_table is None or g_table is None:
            return diffs

    for k in range(max(len(e_rows), len(g_rows))):
        if k >= len(g_rows):
            diffs.append('line %d (row %d): missing, expected %s'
                         % (e_rows[k][0], k + 1, show(e_rows[k][1])))
            continue
        if k >= len(e_rows):
            diffs.append('line %d (row %d): unexpected extra row %s'
                         % (g_rows[k][0], k + 1, show(g_rows[k][1])))
            continue
        lineno, e = e_rows[k]
        g = g_rows[k][1]
        if e == g:
            continue
        ef, gf = row_fields(e), row_fields(g)
        if ef and gf:
            parts = ['%s: expected %s, got %s' % (n, show(a), show(b))
                     for n, a, b in zip(ROW_FIELDS, ef, gf) if a != b]
            if not parts:
                parts = ['column widths differ']
            diffs.append('line %d (row %d): %s\n      expected: %s\n      got:      %s'
                         % (lineno, k + 1, '; '.join(parts), show(e), show(g)))
        else:
            diffs.append('line %d (row %d): expected %s, got %s'
                         % (lineno, k + 1, show(e), show(g)))
    return diffs


# ---------------------------------------------------------------- dot

class DotError(Exception):
    pass


ID_RE = re.compile(r'-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)|[A-Za-z_\u0080-\U0010ffff][A-Za-z0-9_\u0080-\U0010ffff]*')
ATTR_START_RE = re.compile(r'[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=')


def closes_string(text, i):
    """Whether the '"' at text[i] ends a quoted string. pprof (2022) leaves
    quotes unescaped in a few places (graph name, legend tooltip, tag
    labels), so a raw quote only closes the string when what follows could
    follow a DOT string."""
    j = i + 1
    n = len(text)
    while j < n and text[j] in ' \t\r':
        j += 1
    if j >= n or text[j] in '\n];,[{}=':
        return True
    if text.startswith('->', j) or text.startswith('--', j):
        return True
    if text[j] != '"' and ATTR_START_RE.match(text, i + 1):
        return True
    return False


def tokenize(text):
    tokens = []  # (kind, value, line); kind: 'id', 'str' or 'op'
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif c in ' \t\r':
            i += 1
        elif text.startswith('//', i) or (c == '#' and (i == 0 or text[i - 1] == '\n')):
            while i < n and text[i] != '\n':
                i += 1
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            if end < 0:
                raise DotError('line %d: unterminated comment' % line)
            line += text.count('\n', i, end)
            i = end + 2
        elif c == '"':
            start_line = line
            out = []
            i += 1
            while True:
                if i >= n:
                    raise DotError('line %d: unterminated string' % start_line)
                c = text[i]
                if c == '\\' and i + 1 < n and text[i + 1] == '"':
                    out.append('"')
                    i += 2
                elif c == '\\' and i + 1 < n and text[i + 1] == '\n':
                    line += 1
                    i += 2
                elif c == '"' and closes_string(text, i):
                    i += 1
                    break
                else:
                    if c == '\n':
                        line += 1
                    out.append(c)
                    i += 1
            tokens.append(('str', ''.join(out), start_line))
        elif c == '<':
            depth, j = 0, i
            while j < n:
                if text[j] == '<':
                    depth += 1
                elif text[j] == '>':
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n:
                raise DotError('line %d: unterminated HTML string' % line)
            tokens.append(('str', text[i + 1:j], line))
            line += text.count('\n', i, j)
            i = j + 1
        elif text.startswith('->', i) or text.startswith('--', i):
            tokens.append(('op', text[i:i + 2], line))
            i += 2
        elif c in '{}[];,=:':
            tokens.append(('op', c, line))
            i += 1
        else:
            m = ID_RE.match(text, i)
            if not m:
                raise DotError('line %d: unexpected character %s' % (line, show(c)))
            tokens.append(('id', m.group(0), line))
            i = m.end()
    return tokens


class DotGraph:
    def __init__(self):
        self.name = None
        self.node_defaults = {}
        self.edge_defaults = {}
        self.graph_attrs = {}
        self.nodes = {}          # id -> attrs
        self.node_cluster = {}   # id -> innermost subgraph name
        self.edges = []          # (src, dst, attrs)


class DotParser:
    def __init__(self, text):
        self.toks = tokenize(text)
        self.pos = 0
        self.g = DotGraph()

    def peek(self, k=0):
        p = self.pos + k
        return self.toks[p] if p < len(self.toks) else ('eof', None, -1)

    def take(self):
        tok = self.peek()
        if tok[0] == 'eof':
            raise DotError('unexpected end of input')
        self.pos += 1
        return tok

    def expect_op(self, op):
        tok = self.take()
        if tok[0] != 'op' or tok[1] != op:
            raise DotError('line %d: expected %s, got %s' % (tok[2], show(op), show(tok[1])))

    def is_op(self, op, k=0):
        tok = self.peek(k)
        return tok[0] == 'op' and tok[1] == op

    def ident(self):
        tok = self.take()
        if tok[0] not in ('id', 'str'):
            raise DotError('line %d: expected an ID, got %s' % (tok[2], show(tok[1])))
        return tok[1]

    def parse(self):
        tok = self.peek()
        if tok[0] == 'id' and tok[1].lower() == 'strict':
            self.take()
        kw = self.ident()
        if kw.lower() not in ('digraph', 'graph'):
            raise DotError('expected digraph, got %s' % show(kw))
        if not self.is_op('{'):
            self.g.name = self.ident()
        self.expect_op('{')
        self.stmt_list([])
        self.expect_op('}')
        if self.peek()[0] != 'eof':
            raise DotError('line %d: text after the closing brace' % self.peek()[2])
        return self.g

    def attr_list(self):
        attrs = {}
        while self.is_op('['):
            self.take()
            while not self.is_op(']'):
                key = self.ident()
                value = 'true'
                if self.is_op('='):
                    self.take()
                    value = self.ident()
                attrs[key] = value
                if self.is_op(',') or self.is_op(';'):
                    self.take()
            self.take()
        return attrs

    def node_id(self):
        name = self.ident()
        if self.is_op(':'):  # port, ignored
            self.take()
            self.ident()
            if self.is_op(':'):
                self.take()
                self.ident()
        return name

    def add_node(self, name, attrs, clusters):
        node = self.g.nodes.setdefault(name, {})
        node.update(attrs)
        if clusters and name not in self.g.node_cluster:
            self.g.node_cluster[name] = clusters[-1]

    def stmt_list(self, clusters):
        while not self.is_op('}'):
            if self.peek()[0] == 'eof':
                raise DotError('unexpected end of input (missing })')
            self.stmt(clusters)
            if self.is_op(';'):
                self.take()

    def stmt(self, clusters):
        tok = self.peek()
        word = tok[1].lower() if tok[0] == 'id' else None
        if word in ('node', 'edge', 'graph') and self.is_op('[', 1):
            self.take()
            attrs = self.attr_list()
            {'node': self.g.node_defaults, 'edge': self.g.edge_defaults,
             'graph': self.g.graph_attrs}[word].update(attrs)
            return
        if word == 'subgraph' or self.is_op('{'):
            name = ''
            if word == 'subgraph':
                self.take()
                if not self.is_op('{'):
                    name = self.ident()
            self.expect_op('{')
            self.stmt_list(clusters + [name])
            self.expect_op('}')
            return
        if self.is_op('=', 1):
            key = self.ident()
            self.take()
            self.g.graph_attrs[key] = self.ident()
            return
        ids = [self.node_id()]
        while self.is_op('->') or self.is_op('--'):
            self.take()
            ids.append(self.node_id())
        attrs = self.attr_list()
        if len(ids) == 1:
            self.add_node(ids[0], attrs, clusters)
            return
        for name in ids:
            self.add_node(name, {}, clusters)
        for src, dst in zip(ids, ids[1:]):
            self.g.edges.append((src, dst, dict(attrs)))


def parse_dot(text):
    return DotParser(text).parse()


LEGEND_CLUSTER = 'cluster_L'


def node_keys(g):
    """Maps node id -> comparison key: the label; a tag node (shape box3d)
    is keyed under the node it hangs from."""
    parent = {}
    for src, dst, _ in g.edges:
        parent.setdefault(dst, src)
    keys = {}

    def key_of(nid, depth=0):
        if nid in keys:
            return keys[nid]
        attrs = g.nodes.get(nid, {})
        label = attrs.get('label', nid)
        if attrs.get('shape') == 'box3d' and nid in parent and depth < 16:
            key = '%s  =>  tag %s' % (key_of(parent[nid], depth + 1), label)
        else:
            key = label
        keys[nid] = key
        return key

    ids = [n for n in g.nodes if g.node_cluster.get(n) != LEGEND_CLUSTER]
    for nid in ids:
        key_of(nid)
    # Two nodes with one label (same short name): tell them apart by tooltip.
    seen = {}
    for nid in ids:
        seen.setdefault(keys[nid], []).append(nid)
    for key, same in seen.items():
        if len(same) > 1:
            for k, nid in enumerate(same):
                tip = g.nodes[nid].get('tooltip', '')
                keys[nid] = '%s [tooltip %s #%d]' % (key, tip, k + 1)
    return {nid: keys[nid] for nid in ids}


def compare_attrs(what, e, g, skip=()):
    out = []
    for k in sorted(set(e) | set(g)):
        if k in skip:
            continue
        if e.get(k) != g.get(k):
            out.append('%s: %s: expected %s, got %s'
                       % (what, k, show(e[k]) if k in e else '<absent>',
                          show(g[k]) if k in g else '<absent>'))
    return out


def legend(g):
    ids = [n for n in g.nodes if g.node_cluster.get(n) == LEGEND_CLUSTER]
    return [(n, g.nodes[n]) for n in ids]


def compare_dot(expected_text, got_text):
    try:
        e = parse_dot(expected_text)
    except DotError as err:
        return ['cannot parse the EXPECTED DOT: %s' % err]
    try:
        g = parse_dot(got_text)
    except DotError as err:
        return ['cannot parse the DOT output: %s' % err]
    diffs = []
    if e.name != g.name:
        diffs.append('graph name: expected %s, got %s' % (show(e.name), show(g.name)))
    diffs += compare_attrs('default node attributes', e.node_defaults, g.node_defaults)
    diffs += compare_attrs('default edge attributes', e.edge_defaults, g.edge_defaults)
    diffs += compare_attrs('graph attributes', e.graph_attrs, g.graph_attrs)

    e_leg, g_leg = legend(e), legend(g)
    if len(e_leg) != len(g_leg):
        diffs.append('legend (subgraph %s): expected %d node(s), got %d'
                     % (LEGEND_CLUSTER, len(e_leg), len(g_leg)))
    for (e_id, e_attrs), (g_id, g_attrs) in zip(e_leg, g_leg):
        if e_id != g_id:
            diffs.append('legend node name: expected %s, got %s' % (show(e_id), show(g_id)))
        diffs += compare_attrs('legend', e_attrs, g_attrs, skip=('label',))
        e_lines = e_attrs.get('label', '').split('\\l')
        g_lines = g_attrs.get('label', '').split('\\l')
        for i in range(max(len(e_lines), len(g_lines))):
            a = e_lines[i] if i < len(e_lines) else None
            b = g_lines[i] if i < len(g_lines) else None
            if a != b:
                diffs.append('legend line %d: expected %s, got %s'
                             % (i + 1, '<missing>' if a is None else show(a),
                                '<missing>' if b is None else show(b)))

    e_keys, g_keys = node_keys(e), node_keys(g)
    e_by_key = {k: n for n, k in e_keys.items()}
    g_by_key = {k: n for n, k in g_keys.items()}
    # Nodes whose label differs (a value, say) are paired by their id
    # attribute, so the report says what changed and their edges still match.
    missing = [k for k in e_by_key if k not in g_by_key]
    extra = [k for k in g_by_key if k not in e_by_key]
    g_id_attr = {g.nodes[g_by_key[k]].get('id'): k for k in extra if g.nodes[g_by_key[k]].get('id')}
    renamed = {}
    for k in missing:
        i = e.nodes[e_by_key[k]].get('id')
        if i and i in g_id_attr:
            renamed[g_id_attr.pop(i)] = k
    for gk, ek in renamed.items():
        diffs.append('node id=%s: label: expected %s, got %s'
                     % (e.nodes[e_by_key[ek]].get('id'), show(ek), show(gk)))
        g_by_key[ek] = g_by_key.pop(gk)
    for nid in list(g_keys):
        if g_keys[nid] in renamed:
            g_keys[nid] = renamed[g_keys[nid]]

    for k in e_by_key:
        if k not in g_by_key:
            diffs.append('missing node %s' % show(k))
        else:
            diffs += compare_attrs('node %s' % show(k), e.nodes[e_by_key[k]],
                                   g.nodes[g_by_key[k]], skip=('label',))
    for k in g_by_key:
        if k not in e_by_key:
            diffs.append('unexpected node %s' % show(k))

    def edge_map(graph, keys):
        out = {}
        for src, dst, attrs in graph.edges:
            key = (keys.get(src, src), keys.get(dst, dst))
            n = 1
            while (key + (n,)) in out:
                n += 1
            out[key + (n,)] = attrs
        return out

    e_edges, g_edges = edge_map(e, e_keys), edge_map(g, g_keys)
    for key, attrs in e_edges.items():
        name = '%s -> %s%s' % (show(key[0]), show(key[1]), '' if key[2] == 1 else ' #%d' % key[2])
        if key not in g_edges:
            diffs.append('missing edge %s' % name)
        else:
            diffs += compare_attrs('edge %s' % name, attrs, g_edges[key])
    for key in g_edges:
        if key not in e_edges:
            diffs.append('unexpected edge %s -> %s' % (show(key[0]), show(key[1])))
    return diffs


# ---------------------------------------------------------------- text

def compare_text(expected, got):
    """Line by line, for the reports compared byte for byte (traces, tags,
    peek, tree)."""
    diffs = []
    e_lines = expected.split('\n')
    g_lines = got.split('\n')
    for i in range(max(len(e_lines), len(g_lines))):
        e = e_lines[i] if i < len(e_lines) else None
        g = g_lines[i] if i < len(g_lines) else None
        if e != g:
            diffs.append('line %d: expected %s, got %s'
                         % (i + 1, '<missing>' if e is None else show(e),
                            '<missing>' if g is None else show(g)))
    return diffs


# ---------------------------------------------------------------- driver

TEXT_MODES = ('traces', 'tags', 'peek', 'tree', 'folded')

def run_case(viewer, profiles_dir, mode, case, expected_dir):
    base = os.path.join(expected_dir, case.name)
    ext = 'dot' if mode == 'dot' else 'txt'
    want_error = False
    if os.path.exists('%s.%s' % (base, ext)):
        with open('%s.%s' % (base, ext), 'rb') as f:
            expected = decode(f.read())
    elif os.path.exists(base + '.err'):
        want_error = True
        with open(base + '.err', 'rb') as f:
            expected = decode(f.read()).strip()
    else:
        return ['no expected output %s.%s (run tests/fixtures/regenerate.sh)' % (base, ext)]

    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8', LANG='C.UTF-8')
    # A peek case's --peek=REGEX option is its mode.
    cmd = [viewer] + ([] if mode == 'peek' else ['--' + mode]) + case.options + case.profiles
    try:
        proc = subprocess.run(cmd, cwd=profiles_dir, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=CASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return ['timed out after %d s' % CASE_TIMEOUT]
    except OSError as err:
        return ['cannot run %s: %s' % (viewer, err)]
    stderr = decode(proc.stderr).strip()
    if proc.returncode < 0:
        return ['killed by signal %d; stderr: %s' % (-proc.returncode, show(stderr[-500:]))]
    if want_error:
        if proc.returncode == 0:
            return ['expected a failure (pprof: %s), but exit status was 0' % show(expected)]
        # The text reports also keep pprof's message (after our prefix).
        if mode in TEXT_MODES and expected not in stderr:
            return ['expected pprof\'s message %s on stderr, got %s' % (show(expected), show(stderr))]
        return []
    if proc.returncode != 0:
        return ['exit status %d; stderr: %s' % (proc.returncode, show(stderr[-500:]))]
    got = decode(proc.stdout)
    if mode in TEXT_MODES:
        return compare_text(expected, got)
    return compare_top(expected, got) if mode == 'top' else compare_dot(expected, got)


def main():
    ap = argparse.ArgumentParser(description='pprof parity test runner')
    ap.add_argument('viewer', help='the pprof-viewer binary (or a stand-in)')
    ap.add_argument('fixtures', help='the tests/fixtures directory')
    ap.add_argument('mode', choices=('top', 'dot') + TEXT_MODES)
    ap.add_argument('--only', action='append', metavar='CASE',
                    help='run only this case (repeatable)')
    args = ap.parse_args()

    try:
        sys.stdout.reconfigure(errors='backslashreplace')
    except AttributeError:
        pass

    viewer = os.path.abspath(args.viewer)
    fixtures = os.path.abspath(args.fixtures)
    cases_file = os.path.join(fixtures, 'cases.txt' if args.mode == 'top' else
                              '%s-cases.txt' % args.mode)
    try:
        cases = read_cases(cases_file)
    except (OSError, ValueError) as err:
        print('run-parity: %s' % err, file=sys.stderr)
        return 2
    if args.only:
        unknown = [n for n in args.only if n not in {c.name for c in cases}]
        if unknown:
            print('run-parity: no such case: %s' % ', '.join(unknown), file=sys.stderr)
            return 2
        cases = [c for c in cases if c.name in args.only]

    expected_dir = os.path.join(fixtures, 'expected', args.mode)
    profiles_dir = os.path.join(fixtures, 'profiles')
    passed = failed = 0
    for case in cases:
        diffs = run_case(viewer, profiles_dir, args.mode, case, expected_dir)
        if not diffs:
            passed += 1
            print('PASS %s' % case.name)
            continue
        failed += 1
        print('FAIL %s  (%s %s%s)' % (case.name, os.path.basename(viewer),
                                     '' if args.mode == 'peek' else '--%s ' % args.mode,
                                     ' '.join(case.options + case.profiles)))
        for d in diffs[:MAX_DIFFS]:
            print('    ' + d)
        if len(diffs) > MAX_DIFFS:
            print('    ... and %d more differences' % (len(diffs) - MAX_DIFFS))
        sys.stdout.flush()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
