#!/usr/bin/env python3
# test_watch.py — drives a watch in the real window over AT-SPI against a leaking Go server: Watch from the endpoint list, the timeline, the growth table, markers A and B, the comparison, --watch, re-opening the session.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: test_watch.py APP LEAKY_SERVER_MAIN_GO SHOT_DIR GOCACHE

Needs an X display and a session bus (xvfb-run -a dbus-run-session -- ...)
and Go (golang-go) to build the server; exits 77 (skipped) without them,
except that a missing Go fails under CI=true.  The comparison's rows are
checked against `pprof-viewer --top --diff-base=A B` of the kept files."""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

APP, SERVER_SRC, SHOTS, GOCACHE = (os.path.abspath(a) for a in sys.argv[1:5])
# test_window.py's helpers read their arguments from sys.argv.
sys.argv = [sys.argv[0], APP, os.path.dirname(SERVER_SRC), SERVER_SRC, SHOTS]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_window as tw  # noqa: E402
from test_window import Atspi, check, find, wait, text, shot  # noqa: E402

KEY_HOME, KEY_END, KEY_LEFT, KEY_RIGHT = 0xff50, 0xff57, 0xff51, 0xff53
SETTINGS = '[io/github/pprofviewer/PprofViewer]\nwatch-interval=1\nwindow-width={}\nwindow-height=760\n'


def build_server(tmp):
    if shutil.which('go') is None:
        if os.environ.get('CI') == 'true':
            print('Bail out! go is not installed (CI=true): install golang-go, as tests/dev/setup.sh does')
            sys.exit(1)
        print('SKIP: go is not installed, so there is no leaking Go server to watch')
        sys.exit(tw.SKIP)
    env = dict(os.environ, GOCACHE=GOCACHE, GOPATH=os.path.join(tmp, 'gopath'), GOENV='off',
               GOPROXY='off', GOFLAGS='-mod=mod')
    binary = os.path.join(tmp, 'leaky')
    subprocess.run(['go', 'build', '-o', binary, SERVER_SRC], env=env, check=True)
    return binary


def start_server(binary):
    proc = subprocess.Popen([binary, '-tick', '100ms'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    return proc, line.split()[-1]


def timeline(app):
    return find(app.root, 'image', 'Timeline')


def timeline_text(app):
    t = timeline(app)
    return t.get_description() if t is not None else ''


def n_snapshots(app):
    m = re.match(r'(\d+) snapshots?', timeline_text(app) or '')
    return int(m.group(1)) if m else 0


def first_growth_row(app):
    """The growth table's first row's cells (only that row: the table is
    replaced every second, and reading it all takes longer)."""
    table = find(app.root, 'tree table', 'Growth')
    lst = next((table.get_child_at_index(i) for i in range(table.get_child_count())
                if table.get_child_at_index(i).get_role_name() == 'list'), None) if table else None
    row = lst.get_child_at_index(0) if lst is not None and lst.get_child_count() > 0 else None
    cells = tw.row_cells(row) if row is not None and row.get_role_name() == 'table row' else []
    return cells if any(cells) else None


def top_rows(source, *args):
    """--top's rows: flat, flat%, sum%, cum, cum%, name."""
    out = subprocess.run([APP, '--top', *args, source], capture_output=True, text=True).stdout
    rows, in_rows = [], False
    for line in out.splitlines():
        if in_rows and line.strip():
            rows.append([p.strip() for p in line.split(None, 5)])
        in_rows = in_rows or line.strip().startswith('flat  flat%')
    return rows


def same_rows(shown, every, kept):
    """The table lists every node (--nodefraction=0's order) and prints
    the rows --top keeps as --top does (sum% aside: --top's skips the
    nodes it drops)."""
    def key(r):
        return r[:2] + r[3:]
    return ([r[5] for r in shown[:6]] == [r[5] for r in every[:6]] and len(kept) >= 2
            and all(key(k) in [key(r) for r in shown] for k in kept))


def shown_rows(app, tab):
    page = tw.visible_page(app, tab)
    return [[c[2:] if c[:2] in ('▲ ', '▼ ') else c for c in row] for row in tw.table_rows(page)] if page else []


def button(app, name):
    return wait(lambda: find(app.root, 'push button', pred=lambda a: (a.get_name() or '').startswith(name)
                             and tw.shown(a)), 10)


def kept_files(tmp):
    return sorted(glob.glob(os.path.join(tmp, 'data', 'pprof-viewer', 'profiles', 'watch', '*', '[0-9]*.pb.gz')))


def write_settings(tmp, width):
    folder = os.path.join(tmp, 'config', 'glib-2.0', 'settings')
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'keyfile'), 'w') as f:
        f.write(SETTINGS.format(width))


def read_settings(tmp):
    try:
        with open(os.path.join(tmp, 'config', 'glib-2.0', 'settings', 'keyfile')) as f:
            return f.read()
    except OSError:
        return ''


def main():
    tmp = tempfile.mkdtemp(prefix='ppv-watch-')
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, 'data'), XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               HOME=tmp, GSETTINGS_BACKEND='keyfile')
    server = app = None
    try:
        server, address = start_server(build_server(tmp))
        write_settings(tmp, 1200)

        # 1. The server's profiles; Watch on heap (the interval is 1 s).
        app = tw.App([address], env)
        if not check(app.root is not None, f'the app lists the profiles of {address}'):
            return
        watch = button(app, 'Watch heap')
        if not check(watch is not None, 'heap offers Watch'):
            return
        Atspi.Action.do_action(watch, 0)
        check(wait(lambda: n_snapshots(app) >= 4, 20), f'the timeline counts the snapshots ({timeline_text(app)!r})')
        # Between fetches (a fetch takes a moment of every second).
        check(wait(lambda: address in (tw.label_containing(app.root, 'Watching') or '')
                   and tw.label_containing(app.root, 'Next fetch in') is not None, 5),
              'the state says what is watched, with a countdown to the next fetch')
        first = wait(lambda: first_growth_row(app), 10)
        check(first is not None and first[0] == 'main.leakyCache',
              f'the growth table names the leaking function first ({first})')
        grew = re.match(r'(\d+) of (\d+)$', first[5]) if first is not None and len(first) > 5 else None
        check(grew is not None and int(grew.group(1)) * 2 >= int(grew.group(2)) >= 3 and first[3].startswith('+'),
              f'it grew, in most intervals ({first})')
        shot('watch-01-light-1200.png')

        # The interval: the spin button sets it for this watch (the tab's
        # subtitle follows) and GSettings keeps it for the next one.
        spin = find(app.root, 'spin button', pred=tw.shown)
        if check(spin is not None, 'an interval spin button'):
            Atspi.Value.set_current_value(spin, 3)
            check(wait(lambda: tw.label_containing(app.root, 'Every 3 s') is not None, 5),
                  'the interval set to 3 s shows in the tab\'s subtitle')
            check(wait(lambda: 'watch-interval=3' in read_settings(tmp), 5),
                  'the interval is remembered in GSettings')

        # 2. Stopped: what was fetched stays, on screen and on disk.
        stop = button(app, 'Stop Watching')
        if check(stop is not None, 'a Stop button'):
            Atspi.Action.do_action(stop, 0)
        check(wait(lambda: tw.label_containing(app.root, 'Stopped') is not None, 10), 'the state says Stopped')
        time.sleep(0.5)
        n = n_snapshots(app)
        files = kept_files(tmp)
        check(n >= 4 and len(files) == n, f'every snapshot is kept as a file ({len(files)} files, {n} snapshots)')
        # The rows on screen follow every new ranking (A on #1, B on the last).
        first = wait(lambda: (lambda r: r if r and r[5].endswith(f' of {n - 1}') else None)(first_growth_row(app)), 5)
        check(first is not None and first[0] == 'main.leakyCache',
              f'the first row covers every interval up to the last snapshot ({first_growth_row(app)})')

        # 3. Markers from the keyboard: A on #2, B on the one before last.
        t = timeline(app)
        r = Atspi.Component.get_extents(t, Atspi.CoordType.WINDOW)
        # The markers' strip between the first two points: focus, no point.
        Atspi.generate_mouse_event(r.x + 12 + (r.width - 24) // (2 * (n - 1)), r.y + 10, 'b1c')
        time.sleep(0.3)
        for key in (ord('a'), KEY_HOME, KEY_RIGHT, ord('b'), KEY_END, KEY_LEFT):
            tw.press(key)
            time.sleep(0.1)
        check(wait(lambda: 'A: #2 ' in timeline_text(app) and f'B: #{n - 1} ' in timeline_text(app), 5),
              f'the keys move A and B ({timeline_text(app)!r})')
        check(wait(lambda: (tw.label_containing(app.root, 'A: #2 (') or '').find(f'B: #{n - 1} (') > 0, 5),
              'the range line names both markers')

        # 4. Compare A and B: B opens compared with A, as --diff-base.
        compare = button(app, 'Compare A and B')
        if check(compare is not None, 'a Compare A and B button'):
            Atspi.Action.do_action(compare, 0)
        a_file, b_file = files[1], files[n - 2]
        tab = 'heap · ' + os.path.basename(b_file)
        every = top_rows(b_file, '--nodefraction=0', f'--diff-base={a_file}')
        kept = top_rows(b_file, f'--diff-base={a_file}')
        got = wait(lambda: same_rows(shown_rows(app, tab), every, kept), 20)
        if not got:
            print('#  shown:', shown_rows(app, tab)[:6], '\n#  want: ', kept, [r[5] for r in every[:6]])
        check(got, 'the comparison\'s rows equal --top --diff-base=A B of the kept files')
        check(tw.label_containing(app.root, f'Compared with {os.path.basename(a_file)}') is not None
              or 'Compared with' in (tw.status_line(app) or ''), 'the comparison names A as the base')
        shot('watch-02-compared.png')
        app.quit()

        # 5. --watch opens the window watching (dark, 800 px).
        write_settings(tmp, 800)
        dark = dict(env, ADW_DEBUG_COLOR_SCHEME='prefer-dark')
        app = tw.App(['--watch', '--interval=1', f'{address}/debug/pprof/heap'], dark)
        check(app.root is not None and wait(lambda: n_snapshots(app) >= 3, 20),
              f'pprof-viewer --watch --interval=1 SOURCE opens watching ({timeline_text(app)!r})')
        check(wait(lambda: (first_growth_row(app) or [''])[0] == 'main.leakyCache', 10),
              'its growth table names the leaking function first')
        shot('watch-03-dark-800.png')

        # Mark Baseline: A is the latest snapshot, B goes on with new ones.
        baseline = button(app, 'Mark Baseline')
        if check(baseline is not None, 'a Mark Baseline button'):
            Atspi.Action.do_action(baseline, 0)
            # A leaves #1 for the latest snapshot.
            marked = wait(lambda: (lambda m: m if m and int(m.group(1)) > 1 else None)(
                re.search(r'A: #(\d+) ', timeline_text(app))), 5)
            base = int(marked.group(1)) if marked else -1
            check(wait(lambda: f'A: #{base} ' in timeline_text(app)
                       and int(re.search(r'B: #(\d+) ', timeline_text(app)).group(1)) > base > 1, 10),
                  f'A stays on the baseline, B follows new snapshots ({timeline_text(app)!r})')
        # Pause, then Resume.
        pause = button(app, 'Pause')
        if check(pause is not None, 'a Pause button'):
            Atspi.Action.do_action(pause, 0)
            check(wait(lambda: tw.label_containing(app.root, 'Paused') is not None, 5), 'the state says Paused')
            resume = button(app, 'Resume')
            check(resume is not None, 'the button now resumes')
            if resume is not None:
                Atspi.Action.do_action(resume, 0)
            check(wait(lambda: tw.label_containing(app.root, 'Paused') is None, 5), 'watching again after Resume')

        # 6. The first session again, from Open Watch Session….
        menu = button(app, 'Main Menu')
        if check(menu is not None, 'the main menu'):
            tw.click(menu)
            item = wait(lambda: find(app.root, pred=lambda a: (a.get_name() or '').replace('_', '')
                                     .startswith('Open Watch Session') and 'menu' in a.get_role_name()), 5)
            if check(item is not None, 'the menu offers Open Watch Session…'):
                Atspi.Action.do_action(item, 0)
        dialog = wait(lambda: app.toplevel('Open Watch Session'), 10)
        # Newest first: the first session is the last with its count (the
        # live one may have as many files by now).
        rows = wait(lambda: tw.find_all(dialog, 'list item', pred=lambda a: any(
            f' · {n} snapshots' in text(label) for label in tw.find_all(a, 'label'))), 5) \
            if dialog is not None else None
        row = rows[-1] if rows else None
        shot('watch-04-sessions-dark-800.png')
        if check(row is not None, f'the dialog lists the first session ({n} snapshots)'):
            tw.click(row)
        check(wait(lambda: n_snapshots(app) == n and 'Finished watch' in (tw.label_containing(app.root, 'Finished')
                                                                          or ''), 15),
              f're-opened: the whole timeline ({timeline_text(app)!r})')
        check(wait(lambda: (first_growth_row(app) or [''])[0] == 'main.leakyCache', 10),
              're-opened: the same function leads the growth table')
        shot('watch-05-reopened-dark-800.png')
        app.quit()

        # 7. The next start restores both watch tabs as finished sessions.
        app = tw.App([], env)
        # Kept sessions of one source are told apart by their start.
        watch_tabs = f'Watch: heap · {address} · '

        def restored_tabs():
            return [t for t in tw.tab_titles(app) if t.startswith(watch_tabs)]
        check(app.root is not None and wait(lambda: len(set(restored_tabs())) == 2, 15),
              f'the next session restores the watch tabs, each named with its start '
              f'({tw.tab_titles(app) if app.root else None})')
        check(wait(lambda: 'Finished watch' in (tw.label_containing(app.root, 'Finished') or '')
                   and n_snapshots(app) >= 3, 15), 'as finished watches, nothing fetched again')

        # 8. A click on the latest point opens that snapshot in the views.
        t = timeline(app)
        r = Atspi.Component.get_extents(t, Atspi.CoordType.WINDOW)
        Atspi.generate_mouse_event(r.x + r.width - 12, r.y + r.height // 2, 'b1c')
        opened = wait(lambda: next((t for t in tw.tab_titles(app) if t.startswith('heap · 0')), None), 10)
        path = next((f for f in kept_files(tmp) if opened and opened.endswith(os.path.basename(f))), None)
        check(path is not None, f'a click on a point opens its snapshot in a tab ({tw.tab_titles(app)})')
        if path is not None:
            every, kept = top_rows(path, '--nodefraction=0'), top_rows(path)
            got = wait(lambda: same_rows(shown_rows(app, opened), every, kept), 15)
            if not got:
                print('#  shown:', shown_rows(app, opened)[:6], '\n#  want: ', kept, [r[5] for r in every[:6]])
            check(got, 'its table lists what --top lists for the file')
    except Exception:
        traceback.print_exc()
        tw.failures.append('exception')
    finally:
        if app is not None:
            app.quit()
        if server is not None:
            server.stdin.close()
            server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'1..{tw.checks}')
    if tw.failures:
        print(f'# {len(tw.failures)} failed: {tw.failures}')
        sys.exit(1)


if __name__ == '__main__':
    main()
