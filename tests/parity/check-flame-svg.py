#!/usr/bin/env python3
# check-flame-svg.py — `pprof-viewer --flamegraph` is well-formed XML whose
# boxes each carry a title and a rect, whose root spans the width, and whose
# widths agree with `pprof-viewer --top --nodefraction=0`: for every
# function in the table, the summed width of its outermost boxes over the
# root's equals its cum over the shown total, within a pixel.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-flame-svg.py PPROF-VIEWER FIXTURES-DIR
#
# Boxes are read back into a tree from geometry alone (a box's parent is
# the box in the row above that spans its middle), so nothing but the SVG
# itself and the table is trusted.  Boxes under the minimum width are
# merged or left out by design; what that leaves out of a function is
# worked out independently from `--folded` (each outermost occurrence of
# the function is a prefix of stacks, drawn only if that prefix's share of
# the width is at least the minimum) and allowed for, so a function whose
# occurrences are all wide enough is held to the pixel.  The last line printed is "N passed,
# M failed"; the exit status is 1 when any case failed.
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
TIMEOUT = 120

# (name, profiles, options, compare widths with the table)
CASES = [
    ('heap', ['heap.pb.gz'], [], True),
    ('heap-alloc-space', ['heap.pb.gz'], ['--sample-index=alloc_space'], True),
    ('heap-alloc-objects', ['heap.pb.gz'], ['--sample-index=alloc_objects'], True),
    ('heap-lines', ['heap.pb.gz'], ['--lines'], True),
    ('heap-focus', ['heap.pb.gz'], ['--focus=main\\.build'], True),
    ('heap-hide', ['heap.pb.gz'], ['--hide=runtime\\.'], True),
    ('heap-show-from', ['heap.pb.gz'], ['--show-from=main\\.run'], True),
    ('cpu', ['cpu.pb.gz'], [], True),
    ('cpu-files', ['cpu.pb.gz'], ['--files'], True),
    ('cpu-ignore', ['cpu.pb.gz'], ['--ignore=sort'], True),
    ('cpu-tagroot', ['cpu.pb.gz'], ['--tagroot=worker'], True),
    ('cpu-tagleaf', ['cpu.pb.gz'], ['--tagleaf=phase,worker'], True),
    ('cpu-tagfocus', ['cpu.pb.gz'], ['--tagfocus=worker=hash|sort'], True),
    ('cpu2', ['cpu2.pb.gz'], [], True),
    ('hostile', ['hostile.pb.gz'], [], True),
    ('hostile-lines', ['hostile.pb.gz'], ['--lines'], True),
    ('hostile-tagroot', ['hostile.pb.gz'], ['--tagroot=kind', '--lines'], True),
    ('inline', ['inline.pb.gz'], [], True),
    ('inline-noinlines', ['inline.pb.gz'], ['--noinlines'], True),
    ('inline-lines', ['inline.pb.gz'], ['--lines'], True),
    ('recursion', ['recursion.pb.gz'], [], True),
    ('goroutine', ['goroutine.pb.gz'], [], True),
    ('allocs', ['allocs.pb.gz'], [], True),
    ('block', ['block.pb.gz'], [], True),
    ('mutex', ['mutex.pb.gz'], [], True),
    ('synthetic', ['synthetic.pb.gz'], [], True),
    ('threadcreate', ['threadcreate.pb.gz'], [], True),
    ('heap-debug1', ['heap-debug1.txt'], [], True),
    # A comparison's boxes are as wide as increases plus decreases
    # (pprof's rule), not as its net cum: checked against the two sides
    # summed from --folded instead (values asked for in bytes, exactly).
    ('heap-diff-base', ['heap-after.pb.gz'], ['--diff-base=heap-before.pb.gz', '--unit=B'], 'diff'),
    ('heap-base', ['heap-after.pb.gz'], ['--base=heap-before.pb.gz', '--unit=B'], 'base'),
    ('cpu-diff-base', ['cpu2.pb.gz'], ['--diff-base=cpu.pb.gz', '--unit=ns'], 'diff'),
]

# The base unit --top is asked for, so its numbers are exact.
UNIT_FAMILIES = {
    'B': 'B', 'kB': 'B', 'MB': 'B', 'GB': 'B', 'TB': 'B', 'PB': 'B',
    'ns': 'ns', 'us': 'ns', 'µs': 'ns', 'ms': 'ns', 's': 'ns', 'mins': 'ns', 'hrs': 'ns',
}
VALUE_RE = re.compile(r'^(-?[0-9.]+(?:e[+-]?[0-9]+)?)([A-Za-zµ]*)$')
ROW_RE = re.compile(rb'^ *(\S+) +(\S+) +(\S+) +(\S+) +(\S+)  (.*)$')
SHOWING_RE = re.compile(r'^Showing nodes accounting for (\S+), (\S+) of (\S+) total')
TITLE_RE = re.compile(r'^(.*) \(([^()]*), (-?[0-9.]+)%(?:; ([^()]*))?\)$', re.S)
# What a comparison's title adds: the two sides of the box.
CHANGE_RE = re.compile(r'^base \u2192 profile: (\S+) \u2192 (\S+)$|'
                       r'^stacks that grew: \+(\S+), that shrank: \u2212(\S+)$')
GREW_FILL, SHRANK_FILL = '#ccabab', '#abccab'



def as_svg_text(raw):
    """A name's bytes as the SVG writes them: each byte that is not UTF-8
    as U+FFFD, C0 controls and DEL as control pictures."""
    text = raw.decode('utf-8', errors='surrogateescape')
    out = []
    for ch in text:
        c = ord(ch)
        if 0xdc80 <= c <= 0xdcff or c in (0xfffe, 0xffff):
            out.append('\ufffd')
        elif c < 0x20:
            out.append(chr(0x2400 + c))
        elif c == 0x7f:
            out.append('\u2421')
        else:
            out.append(ch)
    return ''.join(out)


def number(text):
    m = VALUE_RE.match(text)
    if not m:
        raise ValueError('not a value: %r' % text)
    return float(m.group(1)), m.group(2)


def folded_key(raw):
    """A name as --folded writes it, then as the SVG writes that."""
    return as_svg_text(raw.replace(b';', b':').replace(b'\r', b' ').replace(b'\n', b' '))


def read_folded(viewer, cwd, case):
    """{function: [value of each outermost occurrence]} and the total."""
    _, profiles, options, _ = case
    folded = run(viewer, ['--folded'] + options + profiles, cwd)
    if folded.returncode != 0:
        raise ValueError('--folded failed: %s' % folded.stderr.decode(errors='replace').strip())
    occurrences, total = {}, 0
    for line in folded.stdout.split(b'\n'):
        if not line:
            continue
        stack, _, value = line.rpartition(b' ')
        value = int(value)
        total += abs(value)
        frames = stack.split(b';')
        seen = set()
        for i, frame in enumerate(frames):
            if frame in seen:
                continue
            seen.add(frame)
            prefix = tuple(frames[:i + 1])
            by_prefix = occurrences.setdefault(folded_key(frame), {})
            by_prefix[prefix] = by_prefix.get(prefix, 0) + value
    return {name: list(v.values()) for name, v in occurrences.items()}, total


def run(viewer, args, cwd):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    return subprocess.run([viewer] + args, cwd=cwd, env=env, capture_output=True, timeout=TIMEOUT)


def read_top(viewer, cwd, case):
    """{name: cum} in exact units and {name: (cum%, tolerance)} from the table, the
    shown total and the report total.  Names seen twice are left out
    (ambiguous by name)."""
    _, profiles, options, _ = case
    args = ['--top', '--nodefraction=0'] + options
    first = run(viewer, args + profiles, cwd)
    if first.returncode != 0:
        raise ValueError('--top failed: %s' % first.stderr.decode(errors='replace').strip())
    unit = None
    for line in first.stdout.split(b'\n'):
        m = SHOWING_RE.match(line.decode(errors='replace'))
        if m:
            unit = UNIT_FAMILIES.get(number(m.group(3))[1])
    if unit is not None and not any(o.startswith('--unit') for o in options):
        args = args + ['--unit=' + unit]
    top = run(viewer, args + profiles, cwd)
    if top.returncode != 0:
        raise ValueError('--top --unit failed: %s' % top.stderr.decode(errors='replace').strip())

    shown = total = None
    rows = []
    in_table = False
    for line in top.stdout.split(b'\n'):
        text = line.decode(errors='replace')
        m = SHOWING_RE.match(text)
        if m:
            shown, total = number(m.group(1))[0], number(m.group(3))[0]
            continue
        if text.startswith('      flat  flat%'):
            in_table = True
            continue
        if not in_table or not line:
            continue
        row = ROW_RE.match(line)
        if row is None:
            # A name holding a line break goes on on the next line.
            rows[-1][0] += b'\n' + line
            continue
        # pprof prints cum% to 2 decimals, "100%" from 99.95 up, and 3
        # significant digits under 1%: half its last digit, plus the
        # title's own rounding, is the tolerance.
        percent = row.group(5).decode().rstrip('%')
        decimals = len(percent.partition('.')[2])
        tolerance = 0.05 if percent == '100' else 0.5 * 10 ** -decimals
        rows.append([row.group(6), number(row.group(4).decode())[0],
                     (float(percent), tolerance + 0.0051)])
    if shown is None:
        raise ValueError('--top printed no "Showing nodes accounting for" line')

    cum, pct, seen = {}, {}, {}
    for raw, value, percent in rows:
        for suffix in (b' (inline)', b' (partial-inline)'):
            if raw.endswith(suffix):
                raw = raw[:-len(suffix)]
        name = as_svg_text(raw)
        seen[name] = seen.get(name, 0) + 1
        cum[name], pct[name] = value, percent
    for name, n in seen.items():
        if n > 1:
            del cum[name], pct[name]
    return cum, pct, shown, total


class Box:
    def __init__(self, g, klass):
        self.klass = klass
        title = g.find(SVG + 'title')
        rect = g.find(SVG + 'rect')
        self.title = title.text if title is not None else None
        self.has_rect = rect is not None
        self.change = None
        for r in g.findall(SVG + 'rect'):
            if r.get('class') == 'change':
                self.change = (float(r.get('x')), float(r.get('width')), r.get('fill'))
        if rect is not None:
            self.x, self.y = float(rect.get('x')), float(rect.get('y'))
            self.w = float(rect.get('width'))
        self.viewport = g.find(SVG + 'svg')
        self.parent = None
        m = TITLE_RE.match(self.title or '')
        self.name, self.value, self.pct = (m.group(1), m.group(2), float(m.group(3))) if m else (None, None, None)
        self.sides = None       # (decrease, increase) in a comparison
        if m and m.group(4):
            c = CHANGE_RE.match(m.group(4))
            if c:
                old, new = (c.group(1), c.group(2)) if c.group(1) else (c.group(4), c.group(3))
                self.sides = (number(old)[0], number(new)[0])


MERGED_RE = re.compile(r' \(boxes under ([0-9.]+) px merged\)$')


def read_svg(data):
    root = ET.fromstring(data)          # raises on malformed XML
    width = float(root.get('width'))
    min_width = 1.0
    for text in root.iter(SVG + 'text'):
        m = MERGED_RE.search(text.text or '') if text.get('class') == 'header' else None
        if m:
            min_width = float(m.group(1))
    boxes = [Box(g, g.get('class')) for g in root.iter(SVG + 'g')
             if g.get('class') in ('frame', 'frame inlined', 'small')]
    return width, min_width, boxes


def link_parents(boxes):
    """Each box's parent: the box one row up whose span holds its middle."""
    rows = {}
    for b in boxes:
        rows.setdefault(b.y, []).append(b)
    ys = sorted(rows)
    for upper, lower in zip(ys, ys[1:]):
        spans = sorted(rows[upper], key=lambda b: b.x)
        for b in rows[lower]:
            mid = b.x + b.w / 2
            holders = [p for p in spans if p.x <= mid < p.x + p.w]
            if len(holders) != 1 or holders[0].klass == 'small':
                return 'box %r at x=%g has %d parents' % (b.title, b.x, len(holders))
            b.parent = holders[0]
            # Each of x and width is rounded to 0.01 px.
            if b.x < b.parent.x - 0.01 or b.x + b.w > b.parent.x + b.parent.w + 0.02:
                return 'box %r overflows its parent %r' % (b.title, b.parent.title)
    return None


def check(viewer, profiles_dir, case, tmp):
    name, profiles, options, compare = case
    out = os.path.join(tmp, name + '.svg')
    flame = run(viewer, ['--flamegraph', '--output=' + out] + options + profiles, profiles_dir)
    if flame.returncode != 0:
        return 'exit status %d: %s' % (flame.returncode, flame.stderr.decode(errors='replace').strip())
    with open(out, 'rb') as f:
        data = f.read()
    try:
        width, min_width, boxes = read_svg(data)
    except (ET.ParseError, TypeError, ValueError) as e:
        return 'SVG does not parse: %s' % e

    problems = []
    if not boxes:
        return 'no boxes'
    for b in boxes:
        if b.title is None or not b.has_rect or b.name is None:
            problems.append('box without a title "NAME (VALUE, PCT%%)" or a rect: %r' % b.title)
        elif b.viewport is not None and (abs(float(b.viewport.get('x')) - b.x) > 0.01 or
                                         abs(float(b.viewport.get('width')) - b.w) > 0.01):
            problems.append('label of %r not clipped to its box' % b.name)
    if problems:
        return '; '.join(problems[:5])
    root = boxes[0]
    if root.x != 0 or abs(root.w - width) > 0.01 or root.y != min(b.y for b in boxes):
        return 'root box x=%g width=%g does not span the width %g' % (root.x, root.w, width)
    problem = link_parents(boxes)
    if problem or not compare:
        return problem
    if compare in ('diff', 'base'):
        return check_comparison(viewer, profiles_dir, case, width, boxes)

    cum, pct, shown, total = read_top(viewer, profiles_dir, case)
    if not cum:
        return 'no functions in --top'
    if total and abs(root.pct - 100 * shown / total) > 0.006:
        problems.append('root title says %.2f%%, --top shows %g of %g' % (root.pct, shown, total))
    outer = {}
    for b in boxes[1:]:
        if b.klass == 'small':
            continue
        a = b.parent
        while a is not None and a.name != b.name:
            a = a.parent
        if a is None:
            outer.setdefault(b.name, []).append(b)
    occurrences, folded_total = read_folded(viewer, profiles_dir, case)
    for fn, value in cum.items():
        want = width * value / shown if shown else 0.0
        got = sum(b.w for b in outer.get(fn, []))
        culled = 0.0
        if folded_total:
            culled = sum(w for w in (width * v / folded_total for v in occurrences.get(fn, []))
                         if w < min_width)
        if got > want + 1.0 or got < want - 1.0 - culled:
            problems.append('%r: outermost boxes %.2f px, cum/total gives %.2f px (%.2f px in '
                            'boxes under %g px)' % (fn, got, want, culled, min_width))
        # One outermost box holding all of the cum: its title's percentage
        # is the table's cum%.
        if len(outer.get(fn, [])) == 1 and abs(got - want) < 0.02 and \
           abs(outer[fn][0].pct - pct[fn][0]) > pct[fn][1]:
            problems.append('%r: title says %.2f%%, --top cum%% %g%%' % (fn, outer[fn][0].pct, pct[fn][0]))
    # Every box's title percentage (of the report total) is its width's
    # share of the shown total, up to the title's two decimals.
    for b in boxes:
        if total and shown:
            from_title = width * b.pct * total / (100 * shown)
            if abs(from_title - b.w) > 0.01 + width * 0.005 * total / (100 * shown):
                problems.append('%r: %.2f px wide, its title\'s %.2f%% gives %.2f px'
                                % (b.title, b.w, b.pct, from_title))
    if problems:
        return '; '.join(problems[:5]) + (' (and %d more)' % (len(problems) - 5) if len(problems) > 5 else '')
    return None


def folded_sides(viewer, cwd, case):
    """(decrease, increase) of the whole comparison, from --folded: with a
    diff base, the base's total and the profile's, each read alone; after
    -base, the lines that shrank and those that grew."""
    _, profiles, options, compare = case
    if compare == 'base':
        sums = [0, 0]
        out = run(viewer, ['--folded'] + options + profiles, cwd).stdout
        for line in out.split(b'\n'):
            if line:
                value = int(line.rpartition(b' ')[2])
                sums[value > 0] += abs(value)
        return tuple(sums)
    plain = [o for o in options if not o.startswith('--diff-base=')]
    base = [o.split('=', 1)[1] for o in options if o.startswith('--diff-base=')]

    def total(args):
        out = run(viewer, ['--folded'] + plain + args, cwd).stdout
        return sum(abs(int(line.rpartition(b' ')[2])) for line in out.split(b'\n') if line)
    return total(base), total(profiles)


def check_comparison(viewer, profiles_dir, case, width, boxes):
    """The root's two sides equal --folded's; every box is as wide as its
    two sides over the root's, and its change part as wide as their
    difference, red where it grew, green where it shrank."""
    root = boxes[0]
    if root.sides is None:
        return 'root title %r gives no base and profile values' % root.title
    want = folded_sides(viewer, profiles_dir, case)
    if root.sides != want:
        return 'root title gives %r, --folded sums %r' % (root.sides, want)
    scale = width / (want[0] + want[1])
    problems = []
    for b in boxes:
        if b.klass == 'small':
            continue
        if b.sides is None:
            problems.append('%r: no base and profile values' % b.title)
            continue
        old, new = b.sides
        if abs(b.w - min((old + new) * scale, b.parent.w if b.parent else width)) > 0.02:
            problems.append('%r: %.2f px wide, its two sides give %.2f' % (b.title, b.w, (old + new) * scale))
        part = min(abs(new - old) * scale, b.w)
        got = b.change[1] if b.change else 0.0
        if abs(got - part) > 0.02 or (b.change and (b.change[0] != b.x or
                                                   b.change[2] != (GREW_FILL if new > old else SHRANK_FILL))):
            problems.append('%r: change part %r, want %.2f px from x=%g' % (b.title, b.change, part, b.x))
    return '; '.join(problems[:5]) if problems else None


def main():
    viewer, fixtures = os.path.abspath(sys.argv[1]), sys.argv[2]
    profiles_dir = os.path.join(fixtures, 'profiles')
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix='flame-svg-') as tmp:
        for case in CASES:
            try:
                problem = check(viewer, profiles_dir, case, tmp)
            except (ValueError, subprocess.TimeoutExpired) as e:
                problem = str(e)
            if problem:
                failed += 1
                print('FAIL %s: %s' % (case[0], problem))
            else:
                passed += 1
                print('PASS %s' % case[0])
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
