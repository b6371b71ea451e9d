#!/usr/bin/python3
# test_labels_atspi.py — drives the Labels pane of the real window over
# AT-SPI under Xvfb: its keys, values and totals equal `pprof-viewer
# --tags`; Focus on a value makes the table equal `--top --tagfocus`;
# grouping by a key makes it equal `--top --tagroot`; a numeric range
# filters like pprof's range syntax; the chips remove them again; the
# graph's Labels menu hides nodelets (taghide); a goroutine dump's labels;
# screenshots light and dark.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_labels_atspi.py PPROF_VIEWER VIEW_HOST
# Exits 77 (skip) without a display or session bus.

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_views_atspi as tv  # noqa: E402  (skips without a display)
from gi.repository import Atspi  # noqa: E402

APP = tv.APP
PROFILES = os.path.join(tv.FIXTURES, 'profiles')
CPU = os.path.join(PROFILES, 'cpu.pb.gz')
SYNTHETIC = os.path.join(PROFILES, 'synthetic.pb.gz')
DUMP = os.path.join(PROFILES, 'goroutine-debug2.txt')
check = tv.check


def labels_table(app):
    return tv.find(app, 'tree table', 'Label keys and values')


def label_rows(app):
    """Realized rows of the Labels table: (row, [name, total, share, samples])."""
    table = labels_table(app)
    body = tv.find(table, 'list') if table is not None else None   # not the header
    out = []
    for row in tv.find_all(body, 'table row') if body is not None else []:
        labels = [tv.find(row.get_child_at_index(j), 'label') for j in range(row.get_child_count())]
        cells = [tv.text(a).strip() if a is not None else '' for a in labels]
        if len(cells) == 4 and cells[0]:
            out.append((row, cells))
    return out


def cli_tags(path, *args):
    """`--tags`: {key: (total, [(value, weight), ...])}."""
    rc, out = run_cli('--tags', *args, path)
    keys, key = {}, None
    for line in out.splitlines():
        m = re.match(r'^ *(.+?): Total (\S+)$', line)
        if m:
            key = m.group(1)
            keys[key] = (m.group(2), [])
            continue
        m = re.match(r'^ *(\S+) \( *\S+%\): (.*)$', line)
        if m and key is not None:
            keys[key][1].append((m.group(2), m.group(1)))
    return keys


def run_cli(*args):
    out = subprocess.run([APP, *args], capture_output=True, text=True, check=False)
    return out.returncode, out.stdout


def top_rows(path, *args):
    rc, out = run_cli('--top', '--nodefraction=0', *args, path)
    rows, in_rows = [], False
    for line in out.splitlines():
        if in_rows and line.strip():
            rows.append(tuple(p.strip() for p in line.split(None, 5)))
        if line.strip().startswith('flat  flat%'):
            in_rows = True
    return rows


def table_equals(app, want):
    """The top table's rows equal @want as sets of (flat, flat%, cum,
    cum%, name): rows of equal value may come in another order."""
    def key(r):
        return tuple(r[i] for i in (0, 1, 3, 4, 5))

    def same():
        return sorted(key(c) for _, c in tv.table_rows(app)) == sorted(key(r) for r in want)
    ok = tv.wait(same, 20)
    if not ok:
        print('  shown:', sorted(key(c) for _, c in tv.table_rows(app))[:8])
        print('  want: ', sorted(key(r) for r in want)[:8])
    return bool(ok)


def row_named(app, name):
    return tv.wait(lambda: next((r for r, c in label_rows(app) if c[0] == name), None), 10)


def menu_item(app, name):
    return tv.wait(lambda: tv.find(app, pred=lambda a: a.get_name() == name
                                   and 'menu' in a.get_role_name()), 5)


def use_row_menu(app, row_name, item_name):
    row = row_named(app, row_name)
    if row is None:
        return False
    tv.click(tv.find(row.get_child_at_index(0), 'label'), button=3)
    item = menu_item(app, item_name)
    if item is None:
        tv.shot('atspi-labels-failed-menu.png')
        return False
    tv.activate(item)
    return True


def chip(app, name, present=True):
    return tv.wait(lambda: (tv.find(app, 'push button', name) is not None) == present, 10)


def remove_chip(app, name):
    button = tv.find(app, 'push button', name)
    if button is None:
        return False
    tv.activate(button)
    return chip(app, name, present=False)


def compare_with_tags(app, path):
    """Every key and value the pane lists, with its total, is --tags'
    (rows come as a key, then its values and ranges of values)."""
    want = cli_tags(path)
    check(len(want) >= 2, f'--tags lists {len(want)} keys')
    shown, key = {}, None
    for _, (name, total, share, samples) in tv.wait(lambda: label_rows(app), 15) or []:
        if name in want and name not in shown:
            key = name
            shown[key] = total
        else:
            shown[(key, name)] = total
    for key, (total, values) in want.items():
        check(shown.get(key) == total, f'key {key}: total {shown.get(key)} (--tags: {total})')
        for value, weight in values:
            got = shown.get((key, value))
            check(got == weight, f'{key}={value}: {got} (--tags: {weight})')


def run_cpu(app):
    check(tv.switch_page(app, 'Labels'), 'switched to the Labels page')
    check(tv.wait(lambda: labels_table(app), 10) is not None, 'the Labels table is there')
    compare_with_tags(app, CPU)
    time.sleep(0.3)
    tv.shot('atspi-labels.png')

    # Search: only what contains the text (and its key) stays.
    tv.click(tv.find(row_named(app, 'main').get_child_at_index(0), 'label'))
    tv.ctrl_key(ord('f'))
    entry = tv.wait(lambda: tv.find(app, name='Search labels', pred=tv.visible), 10)
    check(entry is not None, 'Ctrl+F shows the search entry')
    time.sleep(0.3)
    Atspi.generate_keyboard_event(0, 'ash', Atspi.KeySynthType.STRING)
    check(tv.wait(lambda: [c[0] for _, c in label_rows(app)] == ['worker', 'hash'], 10),
          'searching "ash" leaves worker ▸ hash: %s' % [c[0] for _, c in label_rows(app)])
    Atspi.generate_keyboard_event(65307, None, Atspi.KeySynthType.SYM)   # Escape
    check(tv.wait(lambda: len(label_rows(app)) >= 6, 10), 'Escape ends the search')

    # Focus on one value: a chip, and the table equals --tagfocus.
    check(use_row_menu(app, 'hash', 'Focus on This Value'), 'the value menu offers Focus on This Value')
    focus = 'Remove filter tagfocus=worker=hash'
    check(chip(app, focus), 'a chip shows the label focus')
    check(tv.wait(lambda: [c[0] for _, c in label_rows(app) if c[0] in ('sort', 'math')] == [], 10),
          'the Labels pane follows the focus')
    tv.shot('atspi-labels-focused.png')
    check(tv.switch_page(app, 'Top'), 'to the Top page')
    check(table_equals(app, top_rows(CPU, '--tagfocus=worker=^hash$')),
          'the table equals --top --tagfocus=worker=^hash$')
    tv.shot('atspi-labels-focused-top.png')

    # The chip goes, and the table is whole again.
    check(remove_chip(app, focus), 'the focus chip is removable')
    check(table_equals(app, top_rows(CPU)), 'without the chip the table equals --top')

    # Group by a key: the table equals --tagroot.
    check(tv.switch_page(app, 'Labels'), 'back to the Labels page')
    check(use_row_menu(app, 'worker', 'Group by This Key'), 'the key menu offers Group by This Key')
    group = 'Remove filter tagroot=worker'
    check(chip(app, group), 'a chip shows the grouping')
    check(tv.switch_page(app, 'Top'), 'to the Top page again')
    check(table_equals(app, top_rows(CPU, '--tagroot=worker')),
          'the table equals --top --tagroot=worker')
    tv.shot('atspi-labels-grouped-top.png')
    if tv.switch_page(app, 'Flame Graph'):
        time.sleep(1.0)
        tv.shot('atspi-labels-grouped-flame.png')
    check(remove_chip(app, group), 'the grouping chip is removable')
    check(tv.switch_page(app, 'Top'), 'to the Top page once more')
    check(table_equals(app, top_rows(CPU)), 'ungrouped, the table equals --top')
    run_graph_labels(app)


def dot_nodes(*args):
    rc, out = run_cli('--dot', *args, CPU)
    return len(re.findall(r'^N\w+ \[', out, re.M))


def graph_node_count(canvas):
    m = re.match(r'Call graph with (\d+) nodes', canvas.get_description())
    return int(m.group(1)) if m else None


def uncheck(item):
    """Activates a check menu item that is checked; TRUE once it is not."""
    def checked():
        return item.get_state_set().contains(Atspi.StateType.CHECKED)
    if not checked():
        return False
    tv.activate(item)
    return bool(tv.wait(lambda: not checked(), 5))


def run_graph_labels(app):
    """The graph's Labels menu hides a key's nodelets, as --taghide does."""
    check(tv.switch_page(app, 'Call Graph'), 'to the Call Graph page')
    canvas = tv.wait(lambda: tv.graph_canvas(app), 10)
    if not check(canvas is not None, 'the call graph canvas is there'):
        return
    shown = tv.wait(lambda: graph_node_count(canvas), 20)
    button = tv.wait(lambda: tv.find(app, name='Graph labels', pred=tv.visible), 10)
    if not check(button is not None, 'the graph has a Labels menu'):
        return
    tv.click(button)
    box = menu_item(app, 'worker')
    if not check(box is not None, 'the Labels menu lists worker'):
        tv.shot('atspi-labels-failed-graph-menu.png')
        return
    tv.shot('atspi-labels-graph-menu.png')
    check(uncheck(box), 'worker unchecked')
    tv.wait(lambda: not tv.visible(box), 5)
    tv.click(button)
    phase = menu_item(app, 'phase')
    check(phase is not None and uncheck(phase), 'phase unchecked')
    want = dot_nodes() - dot_nodes('--taghide=^(?:worker|phase)$')
    check(want > 0, f'--taghide=worker|phase drops {want} nodelets from --dot')
    check(tv.wait(lambda: shown is not None and graph_node_count(canvas) == shown - want, 20),
          f'hiding worker and phase drops {want} nodelets from the graph: '
          f'{shown} -> {graph_node_count(canvas)}')
    Atspi.generate_keyboard_event(65307, None, Atspi.KeySynthType.SYM)   # Escape
    time.sleep(0.5)
    tv.shot('atspi-labels-graph-hidden.png')


def run_numeric(app):
    check(tv.switch_page(app, 'Labels'), 'the synthetic profile: the Labels page')
    compare_with_tags(app, SYNTHETIC)
    # request_bytes spans B and kB: a range row per unit.
    kb = tv.wait(lambda: next((c[0] for _, c in label_rows(app) if c[0] == '2kB – 64kB'), None), 10)
    check(kb is not None, 'request_bytes has a range 2kB – 64kB: %s' % [c[0] for _, c in label_rows(app)])
    tv.shot('atspi-labels-numeric.png')
    check(use_row_menu(app, '2kB – 64kB', 'Focus on This Range'), 'the range menu offers Focus on This Range')
    focus = 'Remove filter tagfocus=request_bytes=2048bytes:65536bytes'
    check(chip(app, focus), 'a chip shows the range')
    check(tv.switch_page(app, 'Top'), 'the synthetic profile: the Top page')
    check(table_equals(app, top_rows(SYNTHETIC, '--tagfocus=request_bytes=2048bytes:65536bytes')),
          'the table equals --top --tagfocus=request_bytes=2048bytes:65536bytes')
    check(remove_chip(app, focus), 'the range chip is removable')


def with_window(path, what, body, env=None):
    """Opens @path in the app, runs @body(app), closes it."""
    proc, app = tv.start([APP, path], ('pprof-viewer',), env)
    try:
        if check(app is not None and tv.wait(lambda: tv.table_rows(app), 20), what):
            body(app)
    finally:
        tv.stop(proc)


def run_dump(app):
    """A goroutine dump's labels (state, wait, created_by): the same pane."""
    check(tv.switch_page(app, 'Labels'), 'the dump: the Labels page')
    compare_with_tags(app, DUMP)
    tv.shot('atspi-labels-goroutine-dump.png')


def run_dark(app):
    if tv.switch_page(app, 'Labels'):
        tv.wait(lambda: label_rows(app), 10)
        time.sleep(0.5)
        tv.shot('atspi-labels-dark.png')


def main():
    with_window(CPU, 'the window opens on a labelled CPU profile', run_cpu)
    with_window(SYNTHETIC, 'the synthetic profile opens', run_numeric)
    with_window(DUMP, 'the goroutine dump opens', run_dump)
    with_window(CPU, 'the window opens in dark mode', run_dark,
                {'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'})

    if tv.failures:
        print(f'{len(tv.failures)} check(s) failed:')
        for f in tv.failures:
            print('  -', f)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
