#!/usr/bin/env python3
# test_german_ui.py: starts the real window with LANGUAGE=de and reads its labels over AT-SPI.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: test_german_ui.py APP LOCALEDIR SCHEMA_DIR PROFILE SHOT_DIR

Opens PROFILE twice, once with LANGUAGE=de and once with the untranslated
strings, and compares what a screen reader is told.  The English run shows
that the German labels come from the catalogue, not from fixed text.
Needs an X display and a session bus (xvfb-run -a dbus-run-session -- ...);
exits 77 (skipped) without them."""

import os
import subprocess
import sys
import tempfile
import time

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

APP, LOCALEDIR, SCHEMA_DIR, PROFILE, SHOTS = (os.path.abspath(a) for a in sys.argv[1:6])
APP_NAME = os.path.basename(APP)

# (role, accessible name) pairs each run must show, and must not show.
GERMAN = {
    ('push button', 'Öffnen'),
    ('push button', 'Neu laden'),
    ('text', 'Adresse'),
    ('label', 'Aufrufgraph'),
    ('label', 'Funktionen'),
    ('label', 'Eigen'),
    ('label', 'Kum.'),
}
ENGLISH = {
    ('push button', 'Open'),
    ('push button', 'Reload'),
    ('text', 'Address'),
    ('label', 'Call Graph'),
    ('label', 'Functions'),
    ('label', 'Flat'),
    ('label', 'Cum'),
}

failures = []
count = 0


def check(condition, what):
    global count
    count += 1
    print(f'{"ok" if condition else "not ok"} {count} - {what}', flush=True)
    if not condition:
        failures.append(what)
    return condition


def poll(fn, timeout):
    end = time.monotonic() + timeout
    while True:
        try:
            value = fn()
        except Exception:  # the tree changes under us while the window builds
            value = None
        if value or time.monotonic() > end:
            return value
        time.sleep(0.2)


def nodes(node, depth=0):
    """Every accessible below node; table rows past the header are skipped."""
    if node is None or depth > 40:
        return
    yield node
    try:
        role = node.get_role_name()
        n = node.get_child_count()
    except Exception:
        return
    if role == 'list' and depth > 0:  # column view body: data, not UI strings
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from nodes(child, depth + 1)


def label_text(a):
    # GTK 4.8 answers '' to GetText(0, -1): ask for the exact length.
    try:
        return Atspi.Text.get_text(a, 0, Atspi.Text.get_character_count(a))
    except Exception:
        return None


def seen(root):
    """(role, name) for every node, plus (label, text) for every label."""
    out = set()
    for a in nodes(root):
        try:
            role, name = a.get_role_name(), a.get_name()
        except Exception:
            continue
        out.add((role, name))
        if role == 'label':
            t = label_text(a)
            if t:
                out.add(('label', t))
    return out


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        a = desktop.get_child_at_index(i)
        if a is not None and a.get_name() == APP_NAME and a.get_child_count() > 0:
            return a
    return None


def profile_details(root):
    for a in nodes(root):
        if a.get_role_name() == 'label' and a.get_description() == 'profile-details':
            return label_text(a)
    return None


def screenshot(pid, name):
    """The window alone, found by its process; the whole screen if xdotool
    is missing."""
    os.makedirs(SHOTS, exist_ok=True)
    path = os.path.join(SHOTS, name)
    target = 'root'
    try:
        ids = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid', str(pid)],
                             capture_output=True, text=True, timeout=10).stdout.split()
        if ids:
            target = ids[-1]
    except (OSError, subprocess.TimeoutExpired):
        pass
    # Park the pointer away from the content so no hover or tooltip shows.
    Atspi.generate_mouse_event(700, 6, 'abs')
    time.sleep(0.5)
    subprocess.run(['import', '-window', target, path], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f'# screenshot: {path}')


def appstream_shots(root, pid):
    """The pictures data/screenshots/ is made from: the table, then the graph."""
    screenshot(pid, 'appstream-top.png')
    switch = next((a for a in nodes(root)
                   if a.get_name() == 'Call Graph' and a.get_role_name() != 'label'), None)
    if not check(switch is not None, 'untranslated: a switch to the call graph'):
        return
    Atspi.Action.do_action(switch, 0)
    graph = poll(lambda: next((a for a in nodes(root) if a.get_role_name() == 'image'
                               and (a.get_description() or '').startswith('Call graph with')), None), 20)
    if check(graph is not None, 'untranslated: the call graph is drawn'):
        screenshot(pid, 'appstream-graph.png')


def run(language, expect, forbid, details_prefix, shot):
    tmp = tempfile.mkdtemp(prefix='ppv-german-ui-')
    env = dict(os.environ,
               LANG='C.UTF-8',
               PPV_LOCALEDIR=LOCALEDIR,
               GSETTINGS_BACKEND='memory',
               GSETTINGS_SCHEMA_DIR=SCHEMA_DIR,
               XDG_DATA_HOME=os.path.join(tmp, 'data'),
               XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               XDG_CACHE_HOME=os.path.join(tmp, 'cache'))
    for var in ('LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'GTK_A11Y'):
        env.pop(var, None)
    if language:
        env['LANGUAGE'] = language
    env.setdefault('GSK_RENDERER', 'cairo')
    tag = language or 'untranslated'

    proc = subprocess.Popen([APP, PROFILE], env=env)
    try:
        root = poll(find_app, 20)
        if not check(root is not None, f'{tag}: {APP_NAME} appears on the accessibility bus'):
            return
        details = poll(lambda: (profile_details(root) or '').startswith(details_prefix)
                       and profile_details(root), 20)
        check(bool(details), f'{tag}: the profile line reads {details_prefix!r}… ({profile_details(root)!r})')
        found = poll(lambda: expect <= seen(root) and seen(root), 10) or seen(root)
        for role, name in sorted(expect):
            check((role, name) in found, f'{tag}: a {role} named {name!r}')
        for role, name in sorted(forbid):
            check((role, name) not in found, f'{tag}: no {role} named {name!r}')
        if shot:
            screenshot(proc.pid, shot)
        if language is None:
            appstream_shots(root, proc.pid)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main():
    if not os.path.exists(os.path.join(LOCALEDIR, 'de', 'LC_MESSAGES', 'pprof-viewer.mo')):
        check(False, f'the German catalogue is built under {LOCALEDIR}')
    else:
        run('de', GERMAN, ENGLISH, 'Heap-Profil', 'data-german.png')
        run(None, ENGLISH, GERMAN, 'Heap profile', None)
    print(f'1..{count}')
    if failures:
        print(f'{len(failures)} of {count} checks failed')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
