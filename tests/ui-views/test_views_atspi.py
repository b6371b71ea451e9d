#!/usr/bin/python3
# test_views_atspi.py — drives the profile views of the real window over
# AT-SPI under Xvfb, as a user would: reads the top table and compares it
# with `pprof-viewer --top`, sorts by cum, focuses from a row's context
# menu, switches to the call graph, selects a node, exports SVG through
# the file chooser; switches to the flame graph, searches it and checks its
# total against `pprof-viewer --top --focus`, shares the selection with the
# table, opens Callers and Callees; and takes screenshots (light and dark).
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_views_atspi.py PPROF_VIEWER VIEW_HOST
# Runs against `pprof-viewer FIXTURE`; falls back to the test host window
# (tests/ui-views/ppv-view-host) when the application shows no profile view.
# Exits 77 (skip) without a display or session bus.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('no DISPLAY or session bus: skipping')
    sys.exit(SKIP)

import gi  # noqa: E402
gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

APP, HOST = sys.argv[1], sys.argv[2]
FIXTURES = os.environ.get('PPV_FIXTURES', os.path.join(os.path.dirname(__file__), '..', 'fixtures'))
FIXTURE = os.path.join(FIXTURES, 'profiles', 'heap.pb.gz')
SHOTS = os.environ.get('PPV_SHOT_DIR', os.path.join(os.getcwd(), 'shots'))
FOCUS_NAME = 'main.run'
FOCUS_REGEX = r'^main\.run$'

failures = []


def check(condition, what):
    status = 'ok' if condition else 'FAIL'
    print(f'{status}: {what}', flush=True)
    if not condition:
        failures.append(what)
    return condition


def wait(cond, timeout=15.0, step=0.1):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = cond()
        except Exception:       # a node vanished mid-walk: try again
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(step)


def walk(a, depth=0):
    if a is None or depth > 60:
        return
    yield a
    try:
        n = a.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            c = a.get_child_at_index(i)
        except Exception:
            continue
        if c is not None:
            yield from walk(c, depth + 1)


def find(root, role=None, name=None, pred=None):
    for a in walk(root):
        try:
            if role and a.get_role_name() != role:
                continue
            if name is not None and a.get_name() != name:
                continue
            if pred and not pred(a):
                continue
            return a
        except Exception:
            continue
    return None


def find_all(root, role=None, pred=None):
    out = []
    for a in walk(root):
        try:
            if role and a.get_role_name() != role:
                continue
            if pred and not pred(a):
                continue
            out.append(a)
        except Exception:
            continue
    return out


def text(a):
    # GTK 4.8: GetText (0, -1) returns ''.
    return Atspi.Text.get_text(a, 0, Atspi.Text.get_character_count(a))


def extents(a):
    return Atspi.Component.get_extents(a, Atspi.CoordType.WINDOW)


def click(a, button=1):
    r = extents(a)
    Atspi.generate_mouse_event(r.x + r.width // 2, r.y + r.height // 2, f'b{button}c')


def click_at(x, y, button=1):
    Atspi.generate_mouse_event(int(x), int(y), f'b{button}c')


CONTROL_L_KEYCODE = 37      # X keycode of Control_L (the same in evdev and xfree86 maps)


def ctrl_key(keysym):
    """Control + @keysym: PRESS/RELEASE take keycodes, SYM a keysym."""
    Atspi.generate_keyboard_event(CONTROL_L_KEYCODE, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(CONTROL_L_KEYCODE, None, Atspi.KeySynthType.RELEASE)


def activate(a):
    """Activates a widget through its Action interface, else by a click."""
    try:
        if Atspi.Action.get_n_actions(a) > 0:
            Atspi.Action.do_action(a, 0)
            return
    except Exception:
        pass
    click(a)


def shot(name):
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name)
    subprocess.run(['import', '-window', 'root', path], check=False)
    print(f'screenshot: {path}', flush=True)


def cli(*args):
    out = subprocess.run([APP, *args], capture_output=True, text=True, check=False)
    return out.returncode, out.stdout


def cli_rows(*args):
    rc, out = cli('--top', *args, FIXTURE)
    rows, in_rows = [], False
    for line in out.splitlines():
        if in_rows and line.strip():
            parts = line.split(None, 5)
            rows.append(tuple(p.strip() for p in parts))
        if line.strip().startswith('flat  flat%'):
            in_rows = True
    return rows


# --- The application --------------------------------------------------------

def launch(cmd, env_extra=None):
    env = dict(os.environ, GSETTINGS_BACKEND='memory')
    env.pop('GTK_A11Y', None)
    if env_extra:
        env.update(env_extra)
    return subprocess.Popen(cmd, env=env)


def find_app(names):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        a = desktop.get_child_at_index(i)
        if a is not None and a.get_name() in names:
            return a
    return None


def table_of(app):
    return find(app, 'tree table', 'Functions')


def list_rows(table, cell_text=None):
    """Realized rows of a column view: (row, [cell texts]); a cell's text
    is its first label's, or what @cell_text makes of the cell."""
    lst = find(table, 'list') if table is not None else None
    if lst is None:
        return []
    rows = []
    for i in range(lst.get_child_count()):
        row = lst.get_child_at_index(i)
        if row is None or row.get_role_name() != 'table row':
            continue
        cells = []
        for j in range(row.get_child_count()):
            cell = row.get_child_at_index(j)
            if cell_text is not None:
                cells.append(cell_text(cell))
                continue
            label = find(cell, 'label')
            cells.append(text(label).strip() if label is not None else '')
        rows.append((row, cells))
    # GTK keeps the row widgets in list order.
    return rows


def table_rows(app):
    """Realized rows of the top table: lists of cell texts."""
    return [(row, cells) for row, cells in list_rows(table_of(app)) if len(cells) == 6 and any(cells)]


def start(cmd, names, env_extra=None):
    # One relaunch: once the app died with "cannot open display" right after
    # another client left Xvfb (see test_window.py).
    for attempt in range(2):
        proc = launch(cmd, env_extra)
        app = wait(lambda: find_app(names), 20)
        if app is not None:
            return proc, app
        proc.kill()
        proc.wait()
    return None, None


def stop(proc):
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def start_views(env_extra=None):
    """The real app if it shows a profile view, else the test host."""
    proc, app = start([APP, FIXTURE], ('pprof-viewer',), env_extra)
    if app is not None and wait(lambda: table_rows(app), 20):
        return proc, app, 'pprof-viewer'
    stop(proc)
    print('pprof-viewer shows no profile view: using the test host', flush=True)
    proc, app = start([HOST, FIXTURE], ('ppv-view-host',), env_extra)
    if app is not None and wait(lambda: table_rows(app), 20):
        return proc, app, 'ppv-view-host'
    stop(proc)
    return None, None, None


def visible(a):
    try:
        r = extents(a)
        return r.width > 0 and r.height > 0
    except Exception:
        return False


def selected(a):
    return a.get_state_set().contains(Atspi.StateType.SELECTED)


def switch_page(app, title):
    """Clicks the tab until its page is selected: the header's switcher
    and the bottom bar both have tabs, and GTK 4.8 reports the one not
    shown (the header's, when the window is too narrow for its tabs) with
    a size and no state to tell."""
    tabs = wait(lambda: find_all(app, 'page tab', pred=lambda a: a.get_name() == title and visible(a)), 10)
    for tab in tabs or []:
        click(tab)
        if wait(lambda: selected(tab), 1.5):
            return True
    return False


def graph_canvas(app):
    return find(app, 'image', 'Call graph')


def flame_canvas(app):
    return find(app, 'image', 'Flame graph')


UNITS = {
    'B': 1, 'kB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3, 'TB': 1024 ** 4, 'PB': 1024 ** 5,
    'ns': 1e-9, 'us': 1e-6, 'µs': 1e-6, 'ms': 1e-3, 's': 1, 'mins': 60, 'hrs': 3600,
}


def parse_value(value):
    """'43.94kB' -> 44994.56: pprof's printed values, in base units."""
    m = re.fullmatch(r'(-?[0-9.]+)([a-zA-Zµ]*)', value.strip())
    if m is None or m.group(2) not in UNITS and m.group(2) != '':
        return None
    return float(m.group(1)) * UNITS.get(m.group(2), 1)


def main():
    proc, app, which = start_views()
    if app is None:
        print('FAIL: no window with a profile view appeared')
        return 1
    print(f'driving {which}', flush=True)
    tmp = tempfile.mkdtemp(prefix='ppv-atspi-')
    try:
        run(app)
    finally:
        stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)

    # The flame graph, in a window of its own: no filters from run().
    proc, app, which = start_views()
    if check(app is not None, 'the window opens again for the flame graph'):
        try:
            run_flame(app)
        finally:
            stop(proc)

    # Dark mode: the same window with the dark style.
    proc, app, which = start_views({'ADW_DEBUG_COLOR_SCHEME': 'prefer-dark'})
    if check(app is not None, 'the window opens in dark mode'):
        time.sleep(0.5)
        shot('atspi-top-dark.png')
        if switch_page(app, 'Call Graph'):
            canvas = wait(lambda: graph_canvas(app), 10)
            wait(lambda: canvas.get_description().startswith('Call graph with'), 20)
            time.sleep(0.5)
            shot('atspi-graph-dark.png')
        if switch_page(app, 'Flame Graph'):
            canvas = wait(lambda: flame_canvas(app), 10)
            wait(lambda: 'zoomed on' in canvas.get_description(), 20)
            time.sleep(0.5)
            shot('atspi-flame-dark.png')
    stop(proc)

    if failures:
        print(f'{len(failures)} check(s) failed:')
        for f in failures:
            print('  -', f)
        return 1
    return 0


def run(app):
    # 1. The first rows equal `pprof-viewer --top` with the table's options:
    # it lists every row (--nodefraction=0), not only --top's default ones.
    expected = cli_rows('--nodefraction=0')
    check(len(expected) >= 5, f'--top printed {len(expected)} rows')
    rows = wait(lambda: table_rows(app), 20) or []
    n = min(8, len(expected))
    shown = [cells for _, cells in rows[:n]]
    want = [list(r) for r in expected[:n]]
    check(shown == want, 'first table rows equal --top rows')
    if shown != want:
        print('  shown:', shown, '\n  want: ', want)
    shot('atspi-top.png')

    # 2. Sort by cum: a click on the header.
    table = table_of(app)
    header = find(table, 'label', 'Cum')
    check(header is not None, 'the Cum column header is there')
    click(header)
    cum_expected = [r[3] for r in cli_rows('--cum', '--nodefraction=0')[:n]]
    got = wait(lambda: [c[3] for _, c in table_rows(app)[:n]] == cum_expected, 10)
    check(got, 'sorted by cum: the cum column equals --top --cum')
    if not got:
        print('  shown:', [c[3] for _, c in table_rows(app)[:n]], '\n  want: ', cum_expected)

    # 3. Focus from the row's context menu.
    target = wait(lambda: next((r for r, c in table_rows(app) if c[5] == FOCUS_NAME), None), 5)
    check(target is not None, f'a row for {FOCUS_NAME}')
    if target is None:
        return
    name_cell = find(target.get_child_at_index(5), 'label')
    click(name_cell, button=3)
    item = wait(lambda: find(app, pred=lambda a: a.get_name() == 'Focus'
                              and 'menu' in a.get_role_name()), 5)
    if not check(item is not None, 'the row menu offers Focus'):
        shot('atspi-failed-menu.png')
        return
    # The menu is a popover: its own surface, so WINDOW coordinates would
    # miss; use its action.
    activate(item)
    chip = wait(lambda: find(app, 'push button', f'Remove filter focus={FOCUS_REGEX}'), 10)
    check(chip is not None, 'a filter chip shows the focus')
    focused = cli_rows('--nodefraction=0', f'--focus={FOCUS_REGEX}')

    def rows_match():
        shown = sorted(tuple(c[i] for i in (0, 1, 3, 4, 5)) for _, c in table_rows(app))
        want = sorted(tuple(r[i] for i in (0, 1, 3, 4, 5)) for r in focused)
        return shown == want
    check(wait(rows_match, 15), 'focused table equals --top --focus')
    shot('atspi-top-focused.png')

    # 4. The call graph.
    check(switch_page(app, 'Call Graph'), 'switched to the Call Graph page')
    canvas = wait(lambda: graph_canvas(app), 10)
    check(canvas is not None, 'the call graph canvas is there')
    if canvas is None:
        return
    # The row picked for the menu is selected in the graph too.
    check(wait(lambda: canvas.get_description().startswith(f'Selected: {FOCUS_NAME},'), 20),
          'the canvas describes the selected node: ' + canvas.get_description())
    time.sleep(0.3)
    shot('atspi-graph-focused.png')

    # 5. Select a node: click over the canvas until a node is hit.  First
    # clear the selection with a click on empty space (a corner).
    r = extents(canvas)
    click_at(r.x + 20, r.y + r.height - 20)
    if not check(wait(lambda: canvas.get_description().startswith('Call graph with'), 5),
                 'a click on empty space clears the selection'):
        print('  description:', canvas.get_description(), 'extents', r.x, r.y, r.width, r.height)
        shot('atspi-failed-clear.png')
    selected = None
    for fy in [i / 12 for i in range(1, 12)]:
        for fx in [i / 16 for i in range(1, 16)]:
            click_at(r.x + r.width * fx, r.y + r.height * fy)
            d = wait(lambda: canvas.get_description().startswith('Selected: ') and canvas.get_description(), 0.4, 0.05)
            if d:
                selected = d
                break
        if selected:
            break
    check(selected is not None, 'a click on a node selects it')
    if selected is not None:
        node_name = selected[len('Selected: '):].split(',Flat:')[0]
        print('  selected node:', node_name)
        shot('atspi-graph-selected.png')
        check(switch_page(app, 'Top'), 'back to the Top page')

        def row_selected():
            for row, cells in table_rows(app):
                if cells[5] == node_name:
                    return row.get_state_set().contains(Atspi.StateType.SELECTED)
            return False
        check(wait(row_selected, 5), f'the table row of {node_name} is selected')
        switch_page(app, 'Call Graph')

    # 6. Export SVG through the dialog (Ctrl+E).
    out_dir = tempfile.mkdtemp(prefix='ppv-export-')
    out = os.path.join(out_dir, 'exported.svg')
    click_at(r.x + 20, r.y + r.height - 20)    # focus the canvas (empty corner)
    time.sleep(0.2)
    ctrl_key(ord('e'))
    dialog = wait(lambda: find(app, pred=lambda a: a.get_name() == 'Export Call Graph as SVG'
                                and a.get_role_name() in ('filler', 'dialog', 'frame')), 10)
    check(dialog is not None, 'Ctrl+E opens the export dialog')
    if dialog is None:
        return
    entry = wait(lambda: find(dialog, 'text', 'Name:'), 5)
    check(entry is not None, 'the dialog has a Name field')
    Atspi.EditableText.set_text_contents(entry, out)
    button = find(dialog, 'push button', pred=lambda a: a.get_name().endswith('Export'))
    check(button is not None, 'the dialog has an Export button')
    Atspi.Action.do_action(button, 0)
    check(wait(lambda: os.path.exists(out) and os.path.getsize(out) > 0, 15), 'the SVG file was written')
    toast = wait(lambda: find(app, 'label', 'Exported to exported.svg'), 10)
    check(toast is not None, 'a toast says "Exported to exported.svg"')

    rc, cli_svg = cli('--svg', f'--focus={FOCUS_REGEX}', FIXTURE)
    if check(rc == 0 and cli_svg.startswith('<?xml'), 'pprof-viewer --svg works'):
        with open(out, encoding='utf-8') as f:
            ours = f.read()

        def nodes(svg):
            found = re.findall(r'<g id="[^"]*" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S)
            return sorted((t, tuple(re.findall(r'<text[^>]*>([^<]*)</text>', body))) for t, body in found)
        ours_nodes, cli_nodes = nodes(ours), nodes(cli_svg)
        check(len(ours_nodes) > 3, f'the export has {len(ours_nodes)} nodes')
        check(ours_nodes == cli_nodes, 'exported SVG nodes equal pprof-viewer --svg nodes')
    shutil.rmtree(out_dir, ignore_errors=True)


FLAME_SEARCH = 'build'
FLAME_ROW = 'main.buildMap'


def run_flame(app):
    # 1. The Flame Graph page and its canvas.
    check(switch_page(app, 'Flame Graph'), 'switched to the Flame Graph page')
    canvas = wait(lambda: flame_canvas(app), 10)
    if not check(canvas is not None and visible(canvas), 'the flame graph canvas is exposed'):
        return
    check(wait(lambda: 'zoomed on root' in canvas.get_description(), 20),
          'the canvas describes itself: ' + canvas.get_description())
    time.sleep(0.3)
    shot('atspi-flame.png')

    # 2. Search (Ctrl+F, typed): the pane states the matches' combined
    # total, which is what --top --focus=<the same regex> accounts for.
    r = extents(canvas)
    click_at(r.x + r.width - 5, r.y + r.height - 5)     # focus the pane (empty corner)
    ctrl_key(ord('f'))
    time.sleep(0.3)
    Atspi.generate_keyboard_event(0, FLAME_SEARCH, Atspi.KeySynthType.STRING)
    label = wait(lambda: find(app, 'label', pred=lambda a: a.get_name().startswith('Matched ')), 15)
    if check(label is not None, 'the flame graph states the search total'):
        shown = label.get_name()[len('Matched '):].split(' (')[0]
        rc, out = cli('--top', '--nodefraction=0', f'--focus={FLAME_SEARCH}', FIXTURE)
        m = re.search(r'Showing nodes accounting for ([^,]+),', out)
        check(rc == 0 and m is not None, '--top --focus prints what it accounts for')
        if m is not None:
            ours, theirs = parse_value(shown), parse_value(m.group(1))
            check(ours is not None and theirs is not None and abs(ours - theirs) <= 0.005 * abs(theirs),
                  f'the search total {shown} equals --top --focus={FLAME_SEARCH}: {m.group(1)}')
        time.sleep(0.3)
        shot('atspi-flame-search.png')
    # Escape in the entry ends the search.
    Atspi.generate_keyboard_event(65307, None, Atspi.KeySynthType.SYM)   # Escape
    time.sleep(0.3)

    # 3. A row chosen in Top is the flame graph's selection.
    check(switch_page(app, 'Top'), 'back to the Top page')
    row = wait(lambda: next((r for r, c in table_rows(app) if c[5] == FLAME_ROW), None), 10)
    if not check(row is not None, f'a row for {FLAME_ROW}'):
        return
    click(find(row.get_child_at_index(5), 'label'))
    check(switch_page(app, 'Flame Graph'), 'to the Flame Graph page again')
    canvas = wait(lambda: flame_canvas(app), 10)
    check(canvas is not None and wait(lambda: canvas.get_description() == f'Selected: {FLAME_ROW}', 10),
          'the flame graph reports the row selected in Top: '
          + (canvas.get_description() if canvas is not None else ''))

    # 4. Ctrl+K: its callers and callees.
    click_at(r.x + r.width - 5, r.y + r.height - 5)
    ctrl_key(ord('k'))
    callers = wait(lambda: find(app, 'image', 'Callers', pred=visible), 10)
    check(callers is not None, 'Ctrl+K shows the callers of the current function')
    summary = wait(lambda: find(app, 'label', pred=lambda a: FLAME_ROW in a.get_name()
                                and 'Callers' in a.get_name()), 15)
    check(summary is not None, f'the Callers and Callees page names {FLAME_ROW}')
    time.sleep(0.3)
    shot('atspi-callers.png')


if __name__ == '__main__':
    sys.exit(main())
