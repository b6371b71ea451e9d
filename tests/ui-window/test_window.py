#!/usr/bin/env python3
# test_window.py — drives the real Pprof Viewer window over AT-SPI: files, drag and drop, live endpoints, errors, cancel.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: test_window.py APP DATA_DIR FIXTURE SHOT_DIR [SAMPLE [DRAG_SOURCE]]

Needs an X display and a session bus (xvfb-run -a dbus-run-session -- ...);
exits 77 (skipped) without them.  Talks to nothing but 127.0.0.1."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77

if not os.environ.get('DISPLAY') or not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('SKIP: needs DISPLAY and a session bus (run under xvfb-run -a dbus-run-session)')
    sys.exit(SKIP)

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print(f'SKIP: python3-gi with Atspi 2.0 is not available ({e})')
    sys.exit(SKIP)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pprof_server import PprofServer  # noqa: E402

APP, DATA_DIR, FIXTURE, SHOTS = (os.path.abspath(a) for a in sys.argv[1:5])
SAMPLE = sys.argv[5] if len(sys.argv) > 5 else None
DRAG_SOURCE = sys.argv[6] if len(sys.argv) > 6 else None
APP_NAME = os.path.basename(APP)
os.makedirs(SHOTS, exist_ok=True)

failures = []
checks = 0
started = time.monotonic()


def check(condition, what):
    global checks
    checks += 1
    elapsed = f'[{time.monotonic() - started:5.1f} s]'
    if condition:
        print(f'ok {checks} - {what} {elapsed}')
    else:
        print(f'not ok {checks} - {what} {elapsed}')
        failures.append(what)
    return condition


def wait(cond, timeout=10.0, step=0.1):
    end = time.monotonic() + timeout
    while True:
        try:
            value = cond()
        except Exception:           # nodes come and go while the UI changes
            value = None
        if value:
            return value
        if time.monotonic() > end:
            return value
        time.sleep(step)


# The profile view's tables hold hundreds of cells this test never reads;
# not descending into them keeps every search fast.
PRUNED_ROLES = {'tree table', 'table'}


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        if node.get_role_name() in PRUNED_ROLES:
            return
    except Exception:
        return
    for i in range(node.get_child_count()):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        if child is not None:
            yield from walk(child, depth + 1)


def find_all(root, role=None, name=None, pred=None):
    out = []
    for a in walk(root):
        try:
            if role and a.get_role_name() != role:
                continue
            if name is not None and a.get_name() != name:
                continue
            if pred and not pred(a):
                continue
        except Exception:
            continue
        out.append(a)
    return out


def find(root, role=None, name=None, pred=None):
    found = find_all(root, role, name, pred)
    return found[0] if found else None


def text(a):
    # GTK 4.8: GetText(0, -1) returns ''.
    return Atspi.Text.get_text(a, 0, Atspi.Text.get_character_count(a))


def shown(a):
    """True when the widget is on screen: hidden stack pages and unmapped
    widgets report no usable extents."""
    try:
        r = Atspi.Component.get_extents(a, Atspi.CoordType.WINDOW)
    except Exception:
        return False
    return r.width > 0 and r.height > 0 and r.x >= 0 and r.y >= 0


def labels_text(root):
    # The window keeps only the page on screen in the accessible tree, so
    # every label found is one a user can see.
    out = []
    for a in find_all(root, role='label'):
        try:
            out.append(text(a))
        except Exception:
            pass
    return out


def label_containing(root, fragment):
    for t in labels_text(root):
        if fragment in t:
            return t
    return None


def rest_pointer():
    """Park the pointer on an empty part of the main window's header bar:
    nothing hovers, no tooltip shows, and since there is no window manager
    (X focus follows the pointer) keys still reach the window."""
    Atspi.generate_mouse_event(780, 6, 'abs')


def shot(name):
    rest_pointer()
    time.sleep(0.3)
    subprocess.run(['import', '-window', 'root', os.path.join(SHOTS, name)], check=False)


def click(a):
    r = Atspi.Component.get_extents(a, Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(r.x + r.width // 2, r.y + r.height // 2, 'b1c')


def press(keysym, modifiers=0):
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


SHIFT = 1 << 0
CONTROL = 1 << 2
ALT = 1 << 3
KEY_RETURN = 0xff0d
KEY_TAB = 0xff09
KEY_PAGE_UP = 0xff55
KEY_PAGE_DOWN = 0xff56
KEY_L = ord('l')
KEY_T = ord('t')
KEY_W = ord('w')


def press_button(root, name):
    button = wait(lambda: find(root, 'push button', name, pred=shown))
    if button is None:
        return False
    Atspi.Action.do_action(button, 0)
    return True


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class App:
    def __init__(self, args, env):
        self.proc = None
        self.root = None
        for attempt in range(2):
            self.proc = subprocess.Popen([APP] + args, env=env)
            self.root = wait(self._lookup, 20)
            if self.root is not None or self.proc.poll() is None:
                break
            # Once, in a fresh chroot, the app died with "cannot open
            # display" right after another client left Xvfb (its server
            # reset, hence -noreset in run-tests.sh); one relaunch.
            print(f'# {APP_NAME} exited early ({self.proc.returncode}); relaunching')

    def _lookup(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_name() == APP_NAME and a.get_child_count() > 0:
                return a
        return None

    def frame(self):
        return find(self.root, 'frame')

    def toplevels(self):
        return [self.root.get_child_at_index(i) for i in range(self.root.get_child_count())]

    def toplevel(self, name):
        return next((t for t in self.toplevels() if t is not None and t.get_name() == name), None)

    def title(self):
        f = self.frame()
        return f.get_name() if f is not None else None

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def open_address(app, address):
    """Ctrl+L, type the address, Return — as a user would."""
    entry = find(app.root, 'text', 'Address')
    press(KEY_L, CONTROL)
    if not wait(lambda: 'focused' in [s.value_nick for s in entry.get_state_set().get_states()], 3):
        click(entry)
    Atspi.EditableText.set_text_contents(entry, address)
    time.sleep(0.2)
    press(KEY_RETURN)


def status_line(app):
    label = find(app.root, 'label', pred=lambda a: a.get_description() == 'profile-details')
    return text(label) if label is not None else None


def profile_shown(app, title, kind, timeout=15):
    """The profile page is up (not the loading page with the same title)."""
    return wait(lambda: app.title() == title
                and find(app.root, 'push button', 'Cancel') is None
                and (status_line(app) or '').startswith(kind), timeout)


def error_message(app, fragment, timeout=15):
    return wait(lambda: label_containing(app.root, fragment), timeout)


# --- Tabs -------------------------------------------------------------------

def tab_titles(app):
    """The tab bar's titles, in order (AdwTabBar hides itself, and so its
    tabs, while there is only one)."""
    bar = find(app.root, 'filler', 'Tabs')
    if bar is None:
        return []
    out = []
    for tab in find_all(bar, 'filler', 'AdwTab'):
        label = find(tab, 'label')
        if label is not None:
            out.append(text(label))
    return out


def visible_page(app, title):
    """The content of the tab on screen; the window hides the others from
    the accessibility tree, and names each tab's content after its title."""
    return find(app.root, 'panel', title)


def table_rows(root):
    """The top table's realized rows under @root, as lists of cell texts."""
    table = find(root, 'tree table', 'Functions')
    lst = None
    if table is not None:
        for i in range(table.get_child_count()):
            child = table.get_child_at_index(i)
            if child is not None and child.get_role_name() == 'list':
                lst = child
    if lst is None:
        return []
    rows = []
    for i in range(lst.get_child_count()):
        row = lst.get_child_at_index(i)
        if row is None or row.get_role_name() != 'table row':
            continue
        cells = row_cells(row)
        # A comparison shows its Base and New columns first.
        if len(cells) in (6, 8) and any(cells):
            rows.append(cells[-6:])
    return rows


def row_cells(row):
    """A table row's cell texts in the order they are on screen (columns
    shown later come last in the accessible tree)."""
    cells = []
    for j in range(row.get_child_count()):
        cell = row.get_child_at_index(j)
        label = next((a for a in walk_all(cell) if a.get_role_name() == 'label'), None)
        x = Atspi.Component.get_extents(cell, Atspi.CoordType.WINDOW).x
        cells.append((x, text(label).strip() if label is not None else ''))
    return [t for _, t in sorted(cells, key=lambda c: c[0])]


def walk_all(node, depth=0):
    if node is None or depth > 8:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk_all(node.get_child_at_index(i), depth + 1)


def cli_rows(path, *args):
    """`pprof-viewer --top` rows: flat, flat%, sum%, cum, cum%, name."""
    out = subprocess.run([APP, '--top', '--nodefraction=0', *args, path],
                         capture_output=True, text=True, check=False).stdout
    rows, in_rows = [], False
    for line in out.splitlines():
        if in_rows and line.strip():
            rows.append([p.strip() for p in line.split(None, 5)])
        if line.strip().startswith('flat  flat%'):
            in_rows = True
    return rows


def first_rows_match(app, title, path, *args, n=6, column=None):
    """The first @n rows of the tab's table equal --top's (only @column of
    them when given: rows with equal sort keys may come in another order)."""
    def cut(rows):
        return [r if column is None else r[column] for r in rows[:n]]
    want = cut(cli_rows(path, *args))
    got = wait(lambda: (visible_page(app, title) is not None
                        and cut(table_rows(visible_page(app, title))) == want), 15)
    if not got:
        page = visible_page(app, title)
        print('#  shown:', cut(table_rows(page)) if page is not None else None, '\n#  want: ', want)
    return bool(got) and len(want) >= 3


def column_header(page, name):
    table = find(page, 'tree table', 'Functions')
    if table is None:
        return None
    return next((a for a in walk_all(table) if a.get_role_name() == 'label' and text(a) == name), None)


def tabs(env, host, server, tmp):
    """Several profiles in one window: the command line, switching, a slow
    load beside a usable tab, closing, restoring the session."""
    heap = os.path.join(DATA_DIR, 'heap.pb.gz')
    cpu = os.path.join(tmp, 'cpu-copy.pb.gz')
    shutil.copy(os.path.join(DATA_DIR, 'cpu.pb.gz'), cpu)
    heap_tab, cpu_tab = 'heap · heap.pb.gz', 'cpu · cpu-copy.pb.gz'

    # Settings that outlive the process: the session is restored from them.
    config = os.path.join(tmp, 'tabs-config')
    os.makedirs(os.path.join(config, 'glib-2.0', 'settings'), exist_ok=True)
    kf_env = dict(env, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config)

    app = App([heap, cpu], kf_env)
    try:
        if not check(app.root is not None, 'two files on the command line: the app starts'):
            return
        check(wait(lambda: tab_titles(app) == [heap_tab, cpu_tab], 15) and len(app.toplevels()) == 1,
              f'one window, a tab each, named by kind and source ({tab_titles(app)})')
        check(wait(lambda: app.title() == 'cpu-copy.pb.gz' and visible_page(app, cpu_tab) is not None, 10),
              f'the last one is on screen, its content named after its tab ({app.title()!r})')
        check(first_rows_match(app, cpu_tab, cpu), 'the cpu tab\'s first rows equal its --top')
        check((status_line(app) or '').startswith('CPU profile'), f'status line: {status_line(app)!r}')
        time.sleep(0.3)
        shot('window-20-two-tabs.png')

        press(KEY_PAGE_UP, CONTROL)
        check(wait(lambda: app.title() == 'heap.pb.gz' and visible_page(app, heap_tab) is not None, 5),
              f'Ctrl+Page Up shows the heap tab ({app.title()!r})')
        check(wait(lambda: (status_line(app) or '').startswith('Heap profile'), 5),
              f'the status line follows the tab ({status_line(app)!r})')
        check(first_rows_match(app, heap_tab, heap), 'the heap tab\'s first rows equal its --top')
        press(ord('2'), ALT)
        check(wait(lambda: app.title() == 'cpu-copy.pb.gz' and (status_line(app) or '').startswith('CPU'), 5),
              'Alt+2 shows the second tab')

        # The tab bar is reachable from the keyboard: Tab from the address
        # entry reaches a tab (past the view switcher, which is in the
        # header when the window is wide enough).
        entry = find(app.root, 'text', 'Address')
        press(KEY_L, CONTROL)
        wait(lambda: 'focused' in [x.value_nick for x in entry.get_state_set().get_states()], 3)
        bar = find(app.root, 'filler', 'Tabs')
        reached = False
        for _ in range(12):
            press(KEY_TAB)
            time.sleep(0.2)
            if bar is not None and any('focused' in [x.value_nick for x in a.get_state_set().get_states()]
                                       for a in walk_all(bar)):
                reached = True
                break
        check(reached, 'Tab from the address entry reaches the tab bar')

        # A slow load in a new tab leaves the others alone.
        press(KEY_T, CONTROL)
        check(wait(lambda: len(tab_titles(app)) == 3 and 'focused' in
                   [x.value_nick for x in find(app.root, 'text', 'Address').get_state_set().get_states()], 5),
              f'Ctrl+T opens a new tab with the address entry focused ({tab_titles(app)})')
        Atspi.EditableText.set_text_contents(find(app.root, 'text', 'Address'), f'{host}/debug/pprof/drip')
        time.sleep(0.2)
        press(KEY_RETURN)
        check(server.drip_started.wait(10), 'the slow profile started to arrive')
        time.sleep(0.5)
        shot('window-21-loading-tab.png')
        press(ord('1'), ALT)
        check(wait(lambda: app.title() == 'heap.pb.gz', 5), 'Alt+1 goes back to the heap tab while the other loads')
        header = wait(lambda: column_header(visible_page(app, heap_tab), 'Cum'), 5)
        if check(header is not None, 'the heap table\'s Cum header'):
            click(header)
            check(first_rows_match(app, heap_tab, heap, '--cum', column=3),
                  'the heap table sorts by cum while the other tab loads')
        check(not server.drip_release.is_set() and len(tab_titles(app)) == 3, 'the slow tab is still loading')
        server.drip_release.set()
        press(ord('3'), ALT)
        want = f'{host}/debug/pprof/drip'
        check(profile_shown(app, want, 'Heap profile', 20), f'the slow tab finishes undisturbed ({app.title()!r})')
        check(wait(lambda: tab_titles(app)[2:] == [f'heap · {host}'], 5),
              f'its tab says what it is ({tab_titles(app)})')
        kept_dir = os.path.join(tmp, 'data', 'pprof-viewer', 'profiles')
        check(wait(lambda: any('.drip.' in f for f in os.listdir(kept_dir)) if os.path.isdir(kept_dir) else False,
                   5), 'the slow profile is kept')

        # Ctrl+W closes one tab; the others stay as they were.
        press(ord('2'), ALT)
        wait(lambda: app.title() == 'cpu-copy.pb.gz', 5)
        press(KEY_W, CONTROL)
        check(wait(lambda: tab_titles(app) == [heap_tab, f'heap · {host}'], 5),
              f'Ctrl+W closes the cpu tab only ({tab_titles(app)})')
        press(ord('1'), ALT)
        check(wait(lambda: app.title() == 'heap.pb.gz', 5)
              and first_rows_match(app, heap_tab, heap, '--cum', column=3), 'the heap tab is intact, still sorted by cum')

        # Quit; the next start without arguments restores the tabs: the
        # file, and the fetched profile from its kept copy, not the server.
        press(KEY_T, CONTROL)
        wait(lambda: len(tab_titles(app)) == 3, 5)
        Atspi.EditableText.set_text_contents(find(app.root, 'text', 'Address'), cpu)
        time.sleep(0.2)
        press(KEY_RETURN)
        check(wait(lambda: app.title() == 'cpu-copy.pb.gz', 10), 'the cpu file opened again in a new tab')
        press(ord('q'), CONTROL)
        check(wait(lambda: app.proc.poll() is not None, 10) is not None, 'Ctrl+Q quits')
    finally:
        app.quit()
        server.drip_release.set()

    os.remove(cpu)
    fetched = server.count('/debug/pprof/drip')
    # In the dark style, for the screenshot.
    app = App([], dict(kf_env, ADW_DEBUG_COLOR_SCHEME='prefer-dark'))
    try:
        titles = wait(lambda: tab_titles(app) if len(tab_titles(app)) == 3 else None, 15) or tab_titles(app)
        check(len(titles) == 3 and titles[0] == heap_tab and titles[1].startswith('heap · ')
              and '.drip.' in titles[1], f'restart restores the three tabs in order ({titles})')
        check(server.count('/debug/pprof/drip') == fetched, 'the fetched profile was not fetched again')
        gone = wait(lambda: label_containing(app.root, 'no longer exists'), 10)
        check(gone is not None and 'cpu-copy.pb.gz' in gone, f'the tab of a file since deleted says so ({gone!r})')
        time.sleep(0.3)
        shot('window-22-restored-dark.png')
        press(ord('1'), ALT)
        check(wait(lambda: app.title() == 'heap.pb.gz', 5) and first_rows_match(app, heap_tab, heap),
              'the restored heap tab shows its profile')
        time.sleep(0.3)
        shot('window-23-dark-tabs.png')
    finally:
        app.quit()


def main():
    tmp = tempfile.mkdtemp(prefix='ppv-ui-window-')
    env = dict(os.environ,
               GSETTINGS_BACKEND='memory',
               XDG_DATA_HOME=os.path.join(tmp, 'data'),
               XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
    # The in-process tests' setting would hide this app from AT-SPI.
    env.pop('GTK_A11Y', None)
    # With Mesa's software GL, a spinning spinner keeps a core busy and
    # AT-SPI replies take seconds; cairo draws the same UI cheaply.
    env.setdefault('GSK_RENDERER', 'cairo')
    server = PprofServer(DATA_DIR).start()
    host = f'127.0.0.1:{server.port}'
    app = None
    try:
        # 1. A file from the command line.
        app = App([FIXTURE], env)
        if not check(app.root is not None, f'{APP_NAME} appears on the accessibility bus'):
            return
        name = os.path.basename(FIXTURE)
        check(wait(lambda: app.title() == name, 15), f'window title is the file name ({app.title()!r})')
        for button in ('Open', 'Reload'):
            check(find(app.root, 'push button', button) is not None, f'a button named {button!r}')
        check(find(app.root, 'text', 'Address') is not None, 'an entry named "Address"')
        status_text = wait(lambda: 'Type:' in (status_line(app) or '') and status_line(app), 10) or ''
        check(status_text.startswith('Heap profile') and 'Type: inuse_space' in status_text,
              f'status line names the profile type and the view\'s legend ({status_text!r})')
        time.sleep(0.5)
        shot('window-01-file.png')

        entry = find(app.root, 'text', 'Address')
        press(KEY_L, CONTROL)
        check(wait(lambda: 'focused' in [s.value_nick for s in entry.get_state_set().get_states()], 3),
              'Ctrl+L focuses the address entry')

        # A second `pprof-viewer FILE`, relative to its own folder, is handed
        # to the running instance and opens as a tab of its window.
        second = subprocess.run([APP, 'cpu.pb.gz'], env=env, cwd=DATA_DIR, timeout=20)
        check(second.returncode == 0, f'second invocation exits at once (status {second.returncode})')
        check(wait(lambda: tab_titles(app) == [f'heap · {name}', 'cpu · cpu.pb.gz']
                   and len(app.toplevels()) == 1 and app.title() == 'cpu.pb.gz', 10),
              f'it opened cpu.pb.gz in a second tab of the same window '
              f'({tab_titles(app)}, {[t.get_name() for t in app.toplevels()]})')
        press(KEY_W, CONTROL)
        check(wait(lambda: app.title() == name and len(app.toplevels()) == 1, 5),
              f'Ctrl+W closes that tab, the window stays ({app.title()!r})')

        # A file manager hands files over through GApplication's D-Bus Open.
        if shutil.which('gdbus'):
            uri = 'file://' + os.path.join(DATA_DIR, 'cpu.pb.gz')
            call = subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.pprofviewer.PprofViewer',
                                   '--object-path', '/io/github/pprofviewer/PprofViewer',
                                   '--method', 'org.gtk.Application.Open', f"['{uri}']", '', '{}'],
                                  capture_output=True, text=True, timeout=20)
            check(call.returncode == 0, f'D-Bus Open accepted ({call.stderr.strip()})')
            check(wait(lambda: app.title() == 'cpu.pb.gz' and len(tab_titles(app)) == 2, 10),
                  'D-Bus Open shows the file in a new tab')
            press(KEY_W, CONTROL)
            wait(lambda: app.title() == name, 5)

        # Open… through the file chooser GTK draws when there is no portal.
        press(ord('o'), CONTROL)
        dialog = wait(lambda: app.toplevel('Open Profile'), 10)
        check(dialog is not None, 'Ctrl+O shows the "Open Profile" chooser')
        if dialog is not None:
            time.sleep(0.5)
            shot('window-01b-open-dialog.png')
            path = os.path.join(DATA_DIR, 'cpu.pb.gz')
            Atspi.generate_keyboard_event(0, path, Atspi.KeySynthType.STRING)
            time.sleep(0.5)
            press(KEY_RETURN)
            check(profile_shown(app, 'cpu.pb.gz', 'CPU profile'), 'the chosen file opens')

        # 2. A live server: the endpoint list, then heap.
        open_address(app, host)
        heading = wait(lambda: label_containing(app.root, f'Profiles on {host}'), 15)
        check(heading is not None, f'endpoint list for {host} is shown')
        check(wait(lambda: app.title() == host), f'window title is the server ({app.title()!r})')
        for endpoint in ('heap', 'allocs', 'goroutine', 'profile', 'trace'):
            check(find(app.root, name=endpoint, pred=shown) is not None, f'endpoint row {endpoint!r}')
        check(label_containing(app.root, 'not a pprof profile') is not None, 'trace row says it is not a pprof profile')
        check(find(app.root, 'check box', 'Run GC first') is not None, 'heap row offers "Run GC first"')
        spin = find(app.root, 'spin button', 'Duration in seconds')
        check(spin is not None, 'CPU row offers a duration')
        if spin is not None:
            check(abs(Atspi.Value.get_current_value(spin) - 30) < 0.5, 'CPU duration defaults to 30 s')
        shot('window-02-endpoints.png')

        heap_row = find(app.root, name='heap', pred=shown)
        click(heap_row)
        want = f'{host}/debug/pprof/heap'
        check(profile_shown(app, want, 'Heap profile'), f'heap profile loads (title {app.title()!r})')
        check(server.count('/debug/pprof/heap') == 1, 'exactly one heap request reached the server')
        kept_dir = os.path.join(tmp, 'data', 'pprof-viewer', 'profiles')
        kept = wait(lambda: [f for f in os.listdir(kept_dir) if '.heap.' in f] if os.path.isdir(kept_dir) else None, 5)
        check(bool(kept), f'the fetched profile is kept in {kept_dir} ({kept})')
        if kept:
            with open(os.path.join(kept_dir, kept[0]), 'rb') as f:
                check(f.read() == server.heap, 'the kept file holds the bytes as fetched')
        time.sleep(0.5)
        shot('window-03-heap.png')

        # Save Profile As… writes the raw bytes where the user says.
        press(ord('s'), CONTROL)
        dialog = wait(lambda: app.toplevel('Save Profile As'), 10)
        check(dialog is not None, 'Ctrl+S shows the "Save Profile As" chooser')
        if dialog is not None:
            name_entry = wait(lambda: find(dialog, 'text', 'Name:'), 5)
            suggested = text(name_entry) if name_entry is not None else ''
            check(suggested.startswith(f'127.0.0.1_{server.port}.heap.') and suggested.endswith('.pb.gz'),
                  f'suggested name is host, type and time ({suggested!r})')
            target = os.path.join(tmp, 'saved-heap.pb.gz')
            Atspi.EditableText.set_text_contents(name_entry, target)
            time.sleep(0.3)
            shot('window-03b-save-dialog.png')
            save = find(dialog, 'push button', pred=lambda a: a.get_name().endswith('Save'))
            Atspi.Action.do_action(save, 0)
            saved = wait(lambda: os.path.exists(target) and open(target, 'rb').read() == server.heap, 10)
            check(saved, 'Save Profile As wrote the bytes as fetched')
            check(error_message(app, 'Saved saved-heap.pb.gz', 5) is not None, 'a toast confirms the save')

        # 3. A reload that fails keeps the profile and says why.
        server.fail_heap = True
        press_button(app.root, 'Reload')
        toast = error_message(app, 'simulated failure')
        check(toast is not None, f'failed reload shows the server error ({toast!r})')
        check(app.title() == want, 'failed reload keeps the profile open')
        shot('window-04-reload-failed.png')
        server.fail_heap = False

        # 4. Errors, each one sentence naming the source, with Retry.
        dead = f'127.0.0.1:{free_port()}'
        open_address(app, dead)
        msg = error_message(app, f'Could not connect to {dead}')
        check(msg is not None, f'nothing listening: {msg!r}')
        check(find(app.root, 'push button', 'Retry', pred=shown) is not None, 'error page offers Retry')
        shot('window-05-error-refused.png')

        open_address(app, f'{host}/debug/pprof/busy')
        msg = error_message(app, 'cpu profiling already in use')
        check(msg is not None and host in msg and '500' in msg, f'Go-style 500: {msg!r}')
        shot('window-06-error-500.png')

        open_address(app, f'{host}/debug/pprof/page')
        msg = error_message(app, 'HTML page')
        check(msg is not None and host in msg, f'HTML instead of a profile: {msg!r}')
        shot('window-07-error-html.png')

        open_address(app, f'{host}/debug/pprof/flaky')
        msg = error_message(app, 'try again')
        check(msg is not None, f'flaky endpoint fails first: {msg!r}')
        press_button(app.root, 'Retry')
        want = f'{host}/debug/pprof/flaky'
        check(profile_shown(app, want, 'Heap profile') and label_containing(app.root, 'try again') is None,
              'Retry loads it the second time')

        # 5. A CPU profile: countdown, then Cancel — no error.
        open_address(app, host)
        check(wait(lambda: label_containing(app.root, f'Profiles on {host}'), 15) is not None,
              'back to the endpoint list')
        spin = find(app.root, 'spin button', 'Duration in seconds')
        Atspi.Value.set_current_value(spin, 20)
        check(wait(lambda: abs(Atspi.Value.get_current_value(spin) - 20) < 0.5, 3), 'duration set to 20 s')
        click(find(app.root, name='profile', pred=shown))
        check(server.cpu_started.wait(10), 'the server got the CPU profile request')
        countdown = wait(lambda: label_containing(app.root, 'seconds left'), 5)
        check(countdown is not None, f'a countdown is shown ({countdown!r})')
        check(server.requests[-1].endswith('seconds=20'), f'asked for 20 s ({server.requests[-1]})')
        time.sleep(1.2)
        shot('window-08-cpu-countdown.png')
        check(press_button(app.root, 'Cancel'), 'Cancel pressed')
        check(wait(lambda: label_containing(app.root, f'Profiles on {host}'), 5) is not None,
              'cancel returns to the endpoint list')
        check(server.cpu_aborted.wait(5), 'the request was dropped on the server side')
        leftover = [t for t in labels_text(app.root)
                    if 'Could Not Load' in t or 'cancelled' in t.lower() or 'canceled' in t.lower()]
        check(not leftover, f'cancelling shows no error {leftover}')
        shot('window-09-cpu-cancelled.png')

        # 6. A short CPU profile that completes.
        server.cpu_started.clear()
        Atspi.Value.set_current_value(spin, 1)
        wait(lambda: abs(Atspi.Value.get_current_value(spin) - 1) < 0.5, 3)
        click(find(app.root, name='profile', pred=shown))
        want = f'{host}/debug/pprof/profile'
        check(profile_shown(app, want, 'CPU profile'), f'1-second CPU profile loads ({status_line(app)!r})')
        time.sleep(0.5)
        shot('window-10-cpu.png')

        press(ord('?'), CONTROL)
        shortcuts = wait(lambda: next((t for t in app.toplevels()
                                       if t is not None and t.get_name() != app.title()), None), 5)
        check(shortcuts is not None and find(shortcuts, 'label', 'Reload') is not None,
              'Ctrl+? shows the keyboard shortcuts')
        time.sleep(0.5)
        shot('window-13-shortcuts.png')
        app.quit()
        app = None

        # 6a. Window size comes from GSettings and is written back on close
        #     (keyfile backend, so it survives the process).
        keyfile_dir = os.path.join(tmp, 'config', 'glib-2.0', 'settings')
        os.makedirs(keyfile_dir, exist_ok=True)
        keyfile = os.path.join(keyfile_dir, 'keyfile')
        with open(keyfile, 'w') as f:
            f.write('[io/github/pprofviewer/PprofViewer]\nwindow-width=900\nwindow-height=600\n')
        kf_env = dict(env, GSETTINGS_BACKEND='keyfile')
        app = App([FIXTURE], kf_env)
        size = None
        if app.root is not None and profile_shown(app, os.path.basename(FIXTURE), 'Heap profile'):
            r = Atspi.Component.get_extents(app.frame(), Atspi.CoordType.WINDOW)
            size = (r.width, r.height)
        # Client-side decorations shift the reported frame by a few pixels.
        check(size is not None and abs(size[0] - 900) <= 20 and abs(size[1] - 600) <= 20,
              f'window opens at the saved 900×600 ({size})')
        press(ord('w'), CONTROL)
        check(wait(lambda: app.proc.poll() is not None, 10) is not None and app.proc.returncode == 0,
              'Ctrl+W closes the last window and the app exits cleanly')
        with open(keyfile) as f:
            saved = f.read()
        check('window-width=900' in saved and 'window-height=600' in saved and 'window-maximized=false' in saved,
              f'size and maximized state written back on close ({saved.strip()!r})')
        check(os.path.basename(FIXTURE) in saved, 'the opened file is among the recent sources')
        app = None

        # 6b. No argument: the bundled sample, else the empty page.
        app = App([], env)
        if SAMPLE and os.path.exists(SAMPLE):
            check(profile_shown(app, os.path.basename(SAMPLE), ''), f'no argument opens {SAMPLE}')
        else:
            check(wait(lambda: label_containing(app.root, 'Open a Profile'), 10) is not None,
                  'no argument and no sample: the empty page')
        time.sleep(0.5)
        shot('window-14-no-argument.png')
        app.quit()
        app = None

        # 6b'. Tabs.
        tabs(env, host, server, tmp)

        # 6c. Drag and drop: a real XDND drag from another client (xdotool
        #     drives the pointer), as from a file manager.
        if DRAG_SOURCE and shutil.which('xdotool'):
            app = App([FIXTURE], env)
            check(profile_shown(app, os.path.basename(FIXTURE), 'Heap profile'), 'a profile is open before the drop')
            # Two files at once: a tab each.
            source = subprocess.Popen([DRAG_SOURCE, os.path.join(DATA_DIR, 'cpu.pb.gz'),
                                       os.path.join(DATA_DIR, 'heap.pb.gz')], env=env)
            try:
                found = subprocess.run(['xdotool', 'search', '--sync', '--name', '^ppv-drag-source$'],
                                       capture_output=True, text=True, timeout=10).stdout.split()
                check(bool(found), 'the drag source window is up')
                if found:
                    # Beside the app's window (no window manager: both start at 0,0).
                    subprocess.run(['xdotool', 'windowmove', found[0], '1060', '820'], timeout=5)
                    time.sleep(0.5)
                    dropped = False
                    # A second try only if the pointer raced the drag's start.
                    for attempt in range(2):
                        subprocess.run(['xdotool', 'mousemove', '1160', '880', 'mousedown', '1'], timeout=5)
                        for x, y in ((1140, 860), (1100, 800), (1000, 700), (800, 500), (600, 400)):
                            subprocess.run(['xdotool', 'mousemove', str(x), str(y)], timeout=5)
                            time.sleep(0.1)
                        time.sleep(0.3)
                        subprocess.run(['xdotool', 'mouseup', '1'], timeout=5)
                        want_tabs = [f'heap · {os.path.basename(FIXTURE)}', 'cpu · cpu.pb.gz', 'heap · heap.pb.gz']
                        dropped = wait(lambda: tab_titles(app) == want_tabs
                                       and profile_shown(app, 'heap.pb.gz', 'Heap profile', 1), 10)
                        if dropped:
                            break
                        print(f'# drop attempt {attempt + 1} did not land; title {app.title()!r}')
                    check(dropped, f'dropping two files on the window opens a tab each ({tab_titles(app)})')
                    shot('window-15-dropped.png')
            finally:
                source.kill()
                source.wait()
            app.quit()
            app = None

        # 7. Dark style, remote address from the command line.
        dark = dict(env, ADW_DEBUG_COLOR_SCHEME='prefer-dark')
        app = App([host], dark)
        check(app.root is not None and
              wait(lambda: label_containing(app.root, f'Profiles on {host}'), 15) is not None,
              f'`{APP_NAME} {host}` lists the endpoints')
        shot('window-11-dark-endpoints.png')
        open_address(app, dead)
        error_message(app, 'Could not connect')
        time.sleep(0.3)
        shot('window-12-dark-error.png')
    except Exception:
        traceback.print_exc()
        failures.append('exception')
    finally:
        if app is not None:
            app.quit()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'1..{checks}')
    if failures:
        print(f'# {len(failures)} failed: {failures}')
        sys.exit(1)


if __name__ == '__main__':
    main()
