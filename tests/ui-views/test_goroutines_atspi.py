#!/usr/bin/python3
# test_goroutines_atspi.py — drives the Goroutines view of the real window
# over AT-SPI under Xvfb: opens Go's full goroutine dump (debug=2), checks
# the first group against the dump's own text (the function where most
# goroutines wait, and how many), groups by creator with one click, expands
# a group to its stack; pastes a dump from the clipboard (Ctrl+V) into a
# new tab and says when the clipboard holds no profile; fetches the dump
# from a server's endpoint list ("Goroutine dump (debug=2)", served by
# tests/ui-window/pprof_server.py); screenshots light and dark.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test_goroutines_atspi.py PPROF_VIEWER VIEW_HOST CLIPBOARD_SOURCE
# Exits 77 (skip) without a display or session bus.

import collections
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_views_atspi as v  # noqa: E402  (its helpers; skips without a display)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ui-window'))
from pprof_server import PprofServer  # noqa: E402
from test_views_atspi import Atspi, check, find, find_all, text, wait  # noqa: E402

APP, CLIPBOARD_SOURCE = sys.argv[1], sys.argv[3]
DUMP = os.path.join(v.FIXTURES, 'profiles', 'goroutine-debug2.txt')
PROTO = os.path.join(v.FIXTURES, 'profiles', 'goroutine.pb.gz')
HEADER = re.compile(r'^goroutine \d+ \[([^,\]]*)')


def dump_goroutines(path):
    """Each goroutine of a dump as (where it waits, creator, stack), read
    from the text itself: the first frame outside package runtime (else the
    first), the function after "created by", and the (function, position)
    frames."""
    out = []
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        if not HEADER.match(lines[i]):
            i += 1
            continue
        frames, positions, creator = [], [], ''
        i += 1
        while i < len(lines) and lines[i].strip():
            line = lines[i]
            if line.startswith('created by '):
                creator = line[len('created by '):].split(' in goroutine ')[0]
                i += 1
            elif line.startswith('\t'):
                positions.append(line.strip().split(' ')[0])
            elif not line.startswith('...'):
                frames.append(line[:line.rindex('(')] if line.endswith(')') else line)
            i += 1
        where = next((f for f in frames if not f.startswith('runtime.')), frames[0] if frames else '')
        out.append((where, creator, tuple(zip(frames, positions))))
    return out


def traces_groups(path):
    """`pprof-viewer --traces` of a proto goroutine profile: each stack's
    count and where it waits (its first frame outside package runtime)."""
    out = subprocess.run([APP, '--traces', path], capture_output=True, text=True, check=False).stdout
    groups = []
    for block in out.split('-----------+-------------------------------------------------------')[1:]:
        frames = [line.split() for line in block.splitlines() if line.startswith('     ')
                  and not re.match(r'^\s*\S+:  ', line)]
        if not frames:
            continue
        count = int(frames[0][0])
        names = [f[1] if i == 0 else f[0] for i, f in enumerate(frames)]
        groups.append((count, next((n for n in names if not n.startswith('runtime.')), names[0])))
    return groups


def group_rows(app):
    """The realized rows of the Goroutines table: (row, [cell texts]), a
    cell's labels joined (the Where cell has the frame's file:line too)."""
    def joined(cell):
        return ' '.join(t for t in (text(a).strip() for a in v.walk(cell) if a.get_role_name() == 'label') if t)
    return v.list_rows(find(app, 'tree table', 'Goroutine Groups'), joined)


def tab_titles(app):
    """The tab bar's titles (AdwTabBar shows them from two tabs on)."""
    bar = find(app, 'filler', 'Tabs')
    if bar is None:
        return []
    return [text(label) for tab in find_all(bar, 'filler', pred=lambda a: a.get_name() == 'AdwTab')
            for label in [find(tab, 'label')] if label is not None]


def count_of(cell):
    return int(cell.replace(',', '').replace('.', '')) if cell.replace(',', '').replace('.', '').isdigit() else None


def toggle(app, name):
    button = wait(lambda: find(app, pred=lambda a: a.get_name() == name and v.visible(a)
                               and a.get_role_name() in ('toggle button', 'push button')), 10)
    if button is None:
        return False
    v.click(button)
    return True


def run_dump(app, goroutines):
    counts = collections.Counter(where for where, _, _ in goroutines)
    (where, n), = counts.most_common(1)
    creators = collections.Counter(creator for _, creator, _ in goroutines if creator)
    (creator, n_creator), = creators.most_common(1)

    opened_on = wait(lambda: [t for t in v.find_all(app, 'page tab', pred=lambda a: a.get_name() == 'Goroutines')
                              if v.selected(t)], 15)
    check(bool(opened_on), 'a dump opens on the Goroutines view without a click')
    check(v.switch_page(app, 'Goroutines'), 'the Goroutines view is offered for a dump')
    rows = wait(lambda: group_rows(app), 15) or []
    first = rows[0][1] if rows else []
    check(len(first) >= 2 and first[1].startswith(where) and count_of(first[0]) == n,
          f'the first group is {n} goroutines waiting in {where}: {first}')
    summary = find(app, 'label', pred=lambda a: a.get_description() == 'goroutines-summary')
    check(summary is not None and text(summary).startswith(f'{len(goroutines)} goroutines'),
          f'the summary counts {len(goroutines)} goroutines: {text(summary) if summary else None}')
    v.shot('atspi-goroutines.png')

    # Expanding the first group (its arrow) shows its stack with file:line.
    cell = rows[0][0].get_child_at_index(1)
    r = v.extents(cell)
    v.click_at(r.x + 10, r.y + r.height // 2)
    expanded = wait(lambda: next((c for _, c in group_rows(app)[1:3] if re.search(r'\.go:\d+', c[1])), None), 5)
    check(expanded is not None and expanded[1].startswith(where),
          f'expanding the first group shows its frames with file:line: {expanded}')
    v.shot('atspi-goroutines-expanded.png')

    # The usual refine: Ignore from the first group's menu drops its
    # goroutines, as --ignore does (the summary counts the rest).
    r = v.extents(rows[0][0].get_child_at_index(1))
    v.click_at(r.x + r.width // 2, r.y + r.height // 2, button=3)
    item = wait(lambda: find(app, pred=lambda a: a.get_name() == 'Ignore' and 'menu' in a.get_role_name()), 5)
    if check(item is not None, "a group's menu offers Ignore"):
        v.activate(item)
        rest = len(goroutines) - n
        summary = wait(lambda: (lambda a: a is not None and text(a).startswith(f'{rest} goroutines') and a)(
            find(app, 'label', pred=lambda a: a.get_description() == 'goroutines-summary')), 10)
        check(summary is not None and not any(c[1].startswith(where) for _, c in group_rows(app) if c[0]),
              f'ignoring {where} leaves {rest} goroutines: '
              f'{text(summary) if summary else None}')
        v.shot('atspi-goroutines-ignored.png')
        reset = find(app, 'push button', pred=lambda a: 'Reset' in (a.get_name() or '') and v.visible(a))
        if reset is not None:
            v.click(reset)
        check(bool(wait(lambda: (lambda rs: rs and count_of(rs[0][1][0]) == n)(group_rows(app)), 10)),
              'Reset brings the group back')

    # Ctrl+F: the groups with a frame that matches, as the dump has them.
    needle = 'sleep'
    want = len({stack for _, _, stack in goroutines if any(needle in f.lower() for f, _ in stack)})
    entry = None
    for attempt in range(3):   # a loaded machine may lose the first keys
        v.click(group_rows(app)[0][0].get_child_at_index(0))   # the table has the focus
        time.sleep(0.3)
        v.ctrl_key(ord('f'))
        entry = wait(lambda: find(app, name='Search functions', pred=v.visible), 3)
        if entry is not None:
            break
    # The text goes in as typing would, without racing the bar's reveal.
    for a in v.walk(entry) if entry is not None else []:
        try:
            if Atspi.EditableText.set_text_contents(a, needle):
                break
        except Exception:
            continue
    got = wait(lambda: len([c for _, c in group_rows(app) if c[0]]) == want, 10)
    check(bool(got) and want > 0, f'searching "{needle}" keeps the {want} stacks with such a frame: '
          f'{[c[1] for _, c in group_rows(app)]}')
    v.shot('atspi-goroutines-search.png')
    Atspi.generate_keyboard_event(65307, None, Atspi.KeySynthType.SYM)   # Escape ends the search
    wait(lambda: len([c for _, c in group_rows(app) if c[0]]) > want, 5)

    # One click: by creator.
    check(toggle(app, 'Creator'), 'the Creator button is there')
    got = wait(lambda: (lambda rs: rs and rs[0][1][1] == creator and count_of(rs[0][1][0]) == n_creator and rs)(
        group_rows(app)), 10)
    check(bool(got), f'grouped by creator, the first group is {creator} with {n_creator} goroutines: '
          f'{group_rows(app)[0][1] if group_rows(app) else None}')
    v.shot('atspi-goroutines-creator.png')
    toggle(app, 'Stack')


def run_paste(app, tmp):
    """Ctrl+V with a dump on the clipboard opens it in a new tab."""
    text_dump = os.path.join(tmp, 'pasted.txt')
    with open(DUMP, encoding='utf-8') as f:
        body = f.read()
    # As copied from `kubectl logs`: a panic before, log lines after.
    with open(text_dump, 'w', encoding='utf-8') as f:
        f.write('panic: leaking\n\n' + body + '\n2026/12/06 10:00:02 restarting\n')
    source = subprocess.Popen([CLIPBOARD_SOURCE, text_dump], stdout=subprocess.PIPE, text=True)
    try:
        check(source.stdout.readline().strip() == 'ready', 'the clipboard holds a dump')
        frame = find(app, 'frame')
        title = None
        for attempt in range(3):   # a loaded machine may lose the keys: again only if no tab came
            v.click_at(640, 700)
            v.ctrl_key(ord('v'))
            title = wait(lambda: 'Clipboard' in (frame.get_name() or ''), 8)
            if title or tab_titles(app):
                break
        check(bool(title), f'Ctrl+V opens the pasted dump in a tab titled after the clipboard: {frame.get_name()}')
        titles = wait(lambda: (lambda t: len(t) == 2 and t)(tab_titles(app)), 5)
        check(bool(titles) and any('goroutine-debug2.txt' in t for t in titles)
              and any('Clipboard' in t for t in titles),
              f'the pasted dump is in a new tab beside the file: {tab_titles(app)}')
        check(v.switch_page(app, 'Goroutines'), 'the pasted dump has the Goroutines view')
        rows = wait(lambda: group_rows(app), 15) or []
        goroutines = dump_goroutines(DUMP)
        (where, n), = collections.Counter(w for w, _, _ in goroutines).most_common(1)
        check(rows and rows[0][1][1].startswith(where) and count_of(rows[0][1][0]) == n,
              f'the pasted dump reads as the file does: {rows[0][1] if rows else None}')
        v.shot('atspi-pasted.png')
    finally:
        source.kill()
        source.wait()

    # Text that is no profile, opened from the main menu: a toast, no new tab.
    with open(text_dump, 'w', encoding='utf-8') as f:
        f.write('hello, this is not a profile\n')
    source = subprocess.Popen([CLIPBOARD_SOURCE, text_dump], stdout=subprocess.PIPE, text=True)
    try:
        source.stdout.readline()
        toast = None
        for attempt in range(3):   # a loaded machine may lose a click
            menu = find(app, pred=lambda a: a.get_name() == 'Main Menu' and v.visible(a))
            if menu is not None:
                v.click(menu)
            item = wait(lambda: find(app, pred=lambda a: (a.get_name() or '').replace('_', '') == 'Open from Clipboard'
                                     and 'menu' in a.get_role_name()), 3)
            if item is None:
                continue
            v.activate(item)
            toast = wait(lambda: find(app, 'label', pred=lambda a: 'clipboard' in (a.get_name() or '').lower()
                                      and 'profile' in (a.get_name() or '').lower()), 5)
            if toast is not None:
                break
        check(toast is not None, f'Open from Clipboard with text that is no profile says so: '
              f'{toast.get_name() if toast else None}')
        check(len(tab_titles(app)) == 2, f'and opens no tab: {tab_titles(app)}')
    finally:
        source.kill()
        source.wait()


def run_endpoints(env, tmp, goroutines):
    """The endpoint list offers the goroutine profile and its full dump;
    the dump is fetched as such, kept as text and grouped."""
    (where, n), = collections.Counter(w for w, _, _ in goroutines).most_common(1)
    server = PprofServer(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'ui-window', 'data'),
                         DUMP).start()
    host = f'127.0.0.1:{server.port}'
    proc, app = v.start([APP, host], ('pprof-viewer',), env)
    try:
        if not check(app is not None, f'the window lists {host}'):
            return
        row = wait(lambda: find(app, name='Goroutine dump (debug=2)', pred=v.visible), 15)
        check(row is not None and find(app, name='goroutine', pred=v.visible) is not None,
              'the endpoint list offers both the goroutine profile and the goroutine dump (debug=2)')
        v.shot('atspi-endpoints-dump.png')
        if row is None:
            return
        v.click(row)
        check(bool(wait(lambda: server.count('/debug/pprof/goroutine?debug=2') == 1, 10)),
              f'the dump is fetched with debug=2: {server.requests}')
        check(v.switch_page(app, 'Goroutines'), 'the fetched dump has the Goroutines view')
        rows = wait(lambda: group_rows(app), 15) or []
        check(rows and rows[0][1][1].startswith(where) and count_of(rows[0][1][0]) == n,
              f'the fetched dump is grouped as the file is: {rows[0][1] if rows else None}')
        kept_dir = os.path.join(env['XDG_DATA_HOME'], 'pprof-viewer', 'profiles')
        kept = wait(lambda: [f for f in os.listdir(kept_dir) if 'goroutine-debug2' in f and f.endswith('.txt')]
                    if os.path.isdir(kept_dir) else None, 5)
        check(bool(kept), f'the fetched dump is kept as text: {kept}')
    finally:
        v.stop(proc)
        server.stop()


def main():
    goroutines = dump_goroutines(DUMP)
    if not check(len(goroutines) > 3, f'the dump has goroutines ({len(goroutines)})'):
        return 1
    tmp = tempfile.mkdtemp(prefix='ppv-goroutines-')
    env = {'XDG_DATA_HOME': os.path.join(tmp, 'data'), 'LC_ALL': 'C.UTF-8'}

    proc, app = v.start([APP, DUMP], ('pprof-viewer',), env)
    try:
        if check(app is not None, 'the window opens the dump'):
            run_dump(app, goroutines)
            run_paste(app, tmp)
    finally:
        v.stop(proc)

    run_endpoints(env, tmp, goroutines)

    # A proto goroutine profile (no states): grouped by stack with counts,
    # as --traces counts them; in the dark style.
    proc, app = v.start([APP, PROTO], ('pprof-viewer',), dict(env, ADW_DEBUG_COLOR_SCHEME='prefer-dark'))
    try:
        if check(app is not None, 'the window opens a proto goroutine profile in dark mode'):
            traces = traces_groups(PROTO)
            top = max(c for c, _ in traces)
            wheres = {w for c, w in traces if c == top}
            check(v.switch_page(app, 'Goroutines'), 'the Goroutines view is offered for a proto goroutine profile')
            rows = wait(lambda: group_rows(app), 15) or []
            first = rows[0][1] if rows else []
            check(len(first) >= 2 and count_of(first[0]) == top and first[1] in wheres,
                  f'its first group is the biggest stack of --traces ({top} in {wheres}): {first}')
            check(sum(count_of(c[0]) or 0 for _, c in rows) == sum(c for c, _ in traces),
                  f'the groups count every goroutine --traces counts ({sum(c for c, _ in traces)})')
            time.sleep(0.3)
            v.shot('atspi-goroutines-proto-dark.png')
    finally:
        v.stop(proc)

    for f in v.failures:
        print(f'FAILED: {f}')
    return 1 if v.failures else 0


if __name__ == '__main__':
    sys.exit(main())
