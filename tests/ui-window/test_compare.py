#!/usr/bin/env python3
# test_compare.py — drives a comparison in the real window over AT-SPI with the user's focus filter kept throughout: Compare With… another tab, the Base and New columns, modes, Normalize, Swap, the chip, a reload, an incompatible base chosen from a tab's context menu, sorting by growth, export, --diff-base.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: test_compare.py APP PROFILES_DIR SHOT_DIR

Needs an X display and a session bus (xvfb-run -a dbus-run-session -- ...);
exits 77 (skipped) without them.  Every table is checked against
`pprof-viewer --top` with the same flags."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

APP, PROFILES, SHOTS = (os.path.abspath(a) for a in sys.argv[1:4])
# test_window.py's helpers read their arguments from sys.argv.
sys.argv = [sys.argv[0], APP, PROFILES, os.path.join(PROFILES, 'heap.pb.gz'), SHOTS]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_window as tw  # noqa: E402
from test_window import Atspi, check, find, find_all, wait, walk_all, text, shot  # noqa: E402

BEFORE = os.path.join(PROFILES, 'heap-before.pb.gz')
AFTER = os.path.join(PROFILES, 'heap-after.pb.gz')
CPU = os.path.join(PROFILES, 'cpu.pb.gz')
AFTER_TAB = 'heap · heap-after.pb.gz'
ARROWS = ('▲ ', '▼ ')


def plain(cell):
    for a in ARROWS:
        if cell.startswith(a):
            return cell[len(a):]
    return cell


def shown_rows(app, tab=AFTER_TAB):
    page = tw.visible_page(app, tab)
    if page is None:
        return []
    return [[plain(c) for c in row] for row in tw.table_rows(page)]


def cli_rows(source, *args):
    """--top's rows with its default node fraction: the table picks its
    unit by the same rule, so the first rows print alike."""
    out = subprocess.run([APP, '--top', *args, source], capture_output=True, text=True).stdout
    rows, in_rows = [], False
    for line in out.splitlines():
        if in_rows and line.strip():
            rows.append([p.strip() for p in line.split(None, 5)])
        in_rows = in_rows or line.strip().startswith('flat  flat%')
    return rows


def rows_match(app, *args, n=6, tab=AFTER_TAB, source=AFTER, any_order=False):
    """The first @n rows equal --top's; with @any_order (the table sorted
    by a column) --top's first rows are all shown, sum% aside."""
    want = cli_rows(source, *args)[:n]

    def same():
        shown = shown_rows(app, tab)
        if not any_order:
            return shown[:n] == want
        drop = [[c for i, c in enumerate(r) if i != 2] for r in shown]
        return all([c for i, c in enumerate(r) if i != 2] in drop for r in want)
    got = wait(same, 20)
    if not got:
        print('#  shown:', shown_rows(app, tab)[:n], '\n#  want: ', want)
    return bool(got) and len(want) >= 3


def table_row_objects(app, tab=AFTER_TAB):
    """The top table's realized rows as (row, cell texts), Base and New included."""
    table = find(tw.visible_page(app, tab), 'tree table', 'Functions')
    lst = next((table.get_child_at_index(i) for i in range(table.get_child_count())
                if table.get_child_at_index(i).get_role_name() == 'list'), None) if table else None
    rows = []
    for i in range(lst.get_child_count() if lst is not None else 0):
        row = lst.get_child_at_index(i)
        if row is None or row.get_role_name() != 'table row':
            continue
        cells = tw.row_cells(row)
        if any(cells):
            rows.append((row, [plain(c) for c in cells]))
    return rows


def row_menu_item(app, name, item_name):
    """Activates @item_name in the menu of @name's row."""
    target = wait(lambda: next((r for r, c in table_row_objects(app) if c[-1] == name), None), 10)
    if target is None:
        print('#  no row', name, [c[-1] for _, c in table_row_objects(app)])
        return False
    cell = next((a for a in walk_all(target) if a.get_role_name() == 'label' and text(a).strip() == name), target)
    return context_menu_item(app, cell, item_name)


def context_menu_item(app, widget, item_name):
    """Right-clicks @widget and activates @item_name in the menu it opens."""
    r = Atspi.Component.get_extents(widget, Atspi.CoordType.WINDOW)
    Atspi.generate_mouse_event(r.x + r.width // 2, r.y + r.height // 2, 'b3c')
    item = wait(lambda: find(app.root, pred=lambda a: (a.get_name() or '').replace('_', '') == item_name
                             and 'menu' in a.get_role_name()), 5)
    if item is None:
        print(f'#  no {item_name} item in the menu of {widget.get_name()!r}')
        return False
    # The menu is a popover on its own surface: use its action.
    Atspi.Action.do_action(item, 0)
    return True


def tab(app, title):
    """The tab bar's tab titled @title, or None."""
    bar = find(app.root, 'filler', 'Tabs')
    return next((t for t in find_all(bar, 'filler', 'AdwTab')
                 if find(t, 'label') is not None and text(find(t, 'label')) == title), None) if bar else None


def focus_from_row_menu(app, name):
    """The user's focus filter, as they set it: the row's menu, Focus."""
    if not row_menu_item(app, name, 'Focus'):
        return False
    regex = '^' + re.escape(name) + '$'
    chip = wait(lambda: find(app.root, 'push button', f'Remove filter focus={regex}'), 10)
    if chip is None:
        print('#  no chip; buttons:', [a.get_name() for a in find_all(app.root, 'push button')
                                       if 'filter' in (a.get_name() or '')])
    return chip is not None


def sides_match(app, *args):
    """The Base and New columns hold each profile's own flat value (--top
    of either alone, same filters), within the printed precision."""
    def flats(source):
        return {r[5]: value_of(r[0]) for r in cli_rows(source, '--nodefraction=0', *args)}
    base, new = flats(BEFORE), flats(AFTER)

    def close(a, b):
        return abs(a - b) <= max(abs(a), abs(b)) * 0.01 + 1

    def same():
        rows = [c for _, c in table_row_objects(app) if len(c) == 8]
        return len(rows) >= 3 and all('…' not in c[:2] and close(value_of(c[0]), base.get(c[7], 0.0))
                                      and close(value_of(c[1]), new.get(c[7], 0.0)) for c in rows)
    got = wait(same, 20)
    if not got:
        print('#  shown:', [c for _, c in table_row_objects(app)][:4])
    return bool(got)


def button(app, name, role='push button'):
    """GTK 4.8 names a button by its accessible label and then its text
    ("Swap base and profile Swap"), a check box with its mnemonic."""
    return wait(lambda: find(app.root, role, pred=lambda a: (a.get_name() or '').replace('_', '').startswith(name)
                             and tw.shown(a)), 10)


def do(a):
    try:
        Atspi.Action.do_action(a, 0)
    except Exception:
        tw.click(a)


def value_of(cell):
    """'-1024.09kB' -> bytes, for checking an order."""
    m = re.match(r'^(-?[0-9.]+)([a-zA-Z]*)$', cell)
    if m is None:
        return 0.0
    scale = {'': 1, 'B': 1, 'kB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3}.get(m.group(2), 1)
    return float(m.group(1)) * scale


def compare_dialog(app):
    return wait(lambda: app.toplevel('Compare With'), 10)


def choose_in_dialog(app, dialog, title):
    row = wait(lambda: find(dialog, pred=lambda a: a.get_name() == title
                            and a.get_role_name() in ('list item', 'push button', 'panel')), 5)
    if row is None:
        return False
    try:
        do(row)
    except Exception:
        tw.click(row)
    return wait(lambda: app.toplevel('Compare With') is None, 5) is not None


def export_svg(app, path):
    tw.press(ord('e'), tw.CONTROL)
    dialog = wait(lambda: find(app.root, pred=lambda a: a.get_name() == 'Export Call Graph as SVG'
                               and a.get_role_name() in ('filler', 'dialog', 'frame')), 10)
    if dialog is None:
        return False
    entry = wait(lambda: find(dialog, 'text', 'Name:'), 5)
    Atspi.EditableText.set_text_contents(entry, path)
    do(find(dialog, 'push button', pred=lambda a: a.get_name().endswith('Export')))
    return wait(lambda: os.path.exists(path) and os.path.getsize(path) > 0, 20)


def svg_nodes(svg):
    return re.findall(r'<g id="[^"]*" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S)


def main():
    tmp = tempfile.mkdtemp(prefix='ppv-compare-')
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, 'data'), XDG_CONFIG_HOME=os.path.join(tmp, 'config'),
               HOME=tmp)
    app = None
    try:
        # 1. Two heap snapshots in two tabs; the second is shown.
        app = tw.App([BEFORE, AFTER], env)
        if not check(app.root is not None, 'the app starts with two heap snapshots'):
            return
        check(wait(lambda: tw.visible_page(app, AFTER_TAB) is not None, 15), 'heap-after.pb.gz is on screen')
        check(rows_match(app), 'rows equal --top heap-after.pb.gz')
        # The user's focus filter, kept through everything below.
        # main.main is far down in pprof's order: sorted by cum it is on
        # screen; the row menu goes back to pprof's order.
        cum = tw.column_header(tw.visible_page(app, AFTER_TAB), 'Cum')
        if cum is not None:
            tw.click(cum)
        check(focus_from_row_menu(app, 'main.main'), 'focus on main.main from the row menu')
        # The focused rows replace the old ones: a menu opened meanwhile
        # may go with its row, so try again.
        ordered = False
        for _ in range(3):
            time.sleep(1)
            ordered = row_menu_item(app, 'main.main', 'pprof’s Order')
            if ordered:
                break
            tw.press(0xff1b)    # Escape: whatever menu opened
        check(ordered, 'back to pprof’s order from the row menu')
        focus = '--focus=^main\\.main$'
        check(rows_match(app, focus), 'rows equal --top --focus=RE B')

        # 2. Compare With… (Ctrl+B), the other tab: pprof's default for
        # inuse_space is -diff_base.
        tw.press(ord('b'), tw.CONTROL)
        dialog = compare_dialog(app)
        check(dialog is not None, 'Ctrl+B opens the Compare With dialog')
        shot('compare-01-dialog.png')
        check(dialog is not None and choose_in_dialog(app, dialog, 'heap-before.pb.gz'),
              'the other tab is offered and chosen')
        check(rows_match(app, focus, f'--diff-base={BEFORE}'), 'rows equal --top --focus=RE --diff-base=A B')
        check(sides_match(app, focus), 'the Base and New columns: each profile\'s own flat')
        chip = button(app, 'Stop comparing with heap-before.pb.gz')
        check(chip is not None, 'a chip says what the profile is compared with')
        status = tw.status_line(app) or ''
        check('Compared with heap-before.pb.gz (compare with base)' in status and 'base ' in status
              and 'profile ' in status, f'the status line names mode, base and both totals ({status!r})')
        time.sleep(0.5)
        shot('compare-02-diff-base-light.png')

        # 3. Sorting by growth, then by shrinkage (the Flat header twice).
        page = tw.visible_page(app, AFTER_TAB)
        header = tw.column_header(page, 'Flat')
        if check(header is not None, 'the Flat header'):
            tw.click(header)
            want = sorted((r[0] for r in cli_rows(AFTER, '--nodefraction=0', focus, f'--diff-base={BEFORE}')),
                          key=value_of, reverse=True)
            check(wait(lambda: [r[0] for r in shown_rows(app)[:5]] == want[:5], 10),
                  f'sorted by growth: largest increase first ({[r[0] for r in shown_rows(app)[:5]]})')
            tw.click(header)
            check(wait(lambda: [r[0] for r in shown_rows(app)[:5]] == list(reversed(want))[:5], 10),
                  f'sorted by shrinkage: largest decrease first ({[r[0] for r in shown_rows(app)[:5]]})')
            shot('compare-03-by-shrinkage.png')
            tw.click(header)    # back to pprof's order

        # 4. Export of the compared graph equals --svg --diff-base.
        # Ctrl+E goes to the profile view: a row has the focus.
        first = next((r for r in walk_all(find(tw.visible_page(app, AFTER_TAB), 'tree table', 'Functions'))
                      if r.get_role_name() == 'table row'
                      and any(a.get_role_name() == 'label' and text(a).startswith('main.')
                              for a in walk_all(r))), None)
        if first is not None:
            tw.click(first)
            time.sleep(0.3)
        out = os.path.join(tmp, 'compared.svg')
        if check(export_svg(app, out), 'the compared graph is exported'):
            cli = subprocess.run([APP, '--svg', focus, f'--diff-base={BEFORE}', AFTER],
                                 capture_output=True, text=True).stdout
            ours = svg_nodes(open(out, encoding='utf-8').read())
            check(len(ours) > 3 and ours == svg_nodes(cli),
                  f'its nodes equal pprof-viewer --svg --diff-base ({len(ours)} nodes)')

        # 5. Subtract mode, Normalize, Swap.
        sub = button(app, 'Subtract base')
        if check(sub is not None, 'the Subtract base button'):
            do(sub)
            check(rows_match(app, focus, f'--base={BEFORE}', any_order=True), 'Subtract base: rows equal --top --base=A B')
        norm = button(app, 'Normalize', 'check box')
        if check(norm is not None, 'the Normalize box'):
            do(norm)
            check(rows_match(app, focus, '--normalize', f'--base={BEFORE}', any_order=True),
                  'Normalize: rows equal --top --normalize --base=A B')
        swap = button(app, 'Swap base and profile')
        if check(swap is not None, 'the Swap button'):
            do(swap)
            check(rows_match(app, focus, '--normalize', f'--base={AFTER}', source=BEFORE, any_order=True),
                  'Swap: rows equal --top --normalize --base=B A')
            shot('compare-04-swapped.png')

        # 6. Removing the chip: the plain profile, focus kept.
        chip = button(app, 'Stop comparing with heap-after.pb.gz')
        if check(chip is not None, 'the chip names the swapped base'):
            do(chip)
            check(rows_match(app, focus, any_order=True), 'chip removed: rows equal --top B again')
            check(wait(lambda: find(app.root, 'push button', pred=lambda a: a.get_name().startswith(
                'Stop comparing')) is None or not tw.shown(find(app.root, 'push button', pred=lambda a: a.get_name().startswith('Stop comparing'))), 5),
                'the chip is gone')

        # 6b. A reload keeps the user's filter (the comparison too: step 8).
        tw.press(ord('r'), tw.CONTROL)
        time.sleep(2)    # the fixture reads in well under that
        check(wait(lambda: find(app.root, 'push button', 'Remove filter focus=^main\\.main$'), 5) is not None
              and rows_match(app, focus, any_order=True),
              'reloaded (Ctrl+R): the focus filter is kept, rows equal --top --focus=RE B')

        # 7. A CPU profile as the base of a heap profile: a message, no
        # change.  Compare With… from the context menu of the other tab,
        # not the one shown: it acts on the tab clicked.
        BEFORE_TAB = 'heap · heap-before.pb.gz'
        before_tab = tab(app, BEFORE_TAB)
        check(before_tab is not None and context_menu_item(app, before_tab, 'Compare With…'),
              'the other tab\'s context menu has Compare With…')
        dialog = compare_dialog(app)
        entry = wait(lambda: find(dialog, 'text', pred=lambda a: 'Address' in (a.get_name() or '')), 5) \
            if dialog is not None else None
        if check(entry is not None, 'the dialog has an address field'):
            tw.click(entry)
            Atspi.EditableText.set_text_contents(entry, CPU)
            time.sleep(0.3)
            tw.press(tw.KEY_RETURN)
            message = wait(lambda: tw.label_containing(app.root, 'cannot be the base of'), 15)
            check(message is not None and 'cpu.pb.gz' in message, f'a clear message ({message!r})')
            check(message is not None and 'base of heap-before.pb.gz' in message,
                  'the tab clicked is the one compared (and shown)')
            shot('compare-05-incompatible.png')
            tw.press(0xff1b)    # Escape closes the message
            wait(lambda: tw.label_containing(app.root, 'cannot be the base of') is None, 5)
            check(wait(lambda: tw.visible_page(app, BEFORE_TAB) is not None, 5), 'the tab clicked is shown')
            after_tab = tab(app, AFTER_TAB)
            if after_tab is not None:
                tw.click(after_tab)
            check(rows_match(app, focus, any_order=True), 'nothing changed: rows equal --top B')
        app.quit()

        # 8. The command line opens the window comparing (dark style).
        dark = dict(env, ADW_DEBUG_COLOR_SCHEME='prefer-dark')
        app = tw.App([f'--diff-base={BEFORE}', AFTER], dark)
        check(app.root is not None and rows_match(app, f'--diff-base={BEFORE}'),
              'pprof-viewer --diff-base=A B opens comparing: rows equal --top --diff-base=A B')
        time.sleep(0.5)
        shot('compare-06-diff-base-dark.png')
        # A reload keeps the comparison.
        tw.press(ord('r'), tw.CONTROL)
        time.sleep(2)    # the fixture reads in well under that
        check(rows_match(app, f'--diff-base={BEFORE}') and button(app, 'Stop comparing with heap-before.pb.gz'),
              'reloaded (Ctrl+R): still compared, rows equal --top --diff-base=A B')
        app.quit()
        app = tw.App(['--normalize', '--base', BEFORE, AFTER], env)
        check(app.root is not None and rows_match(app, '--normalize', f'--base={BEFORE}'),
              'pprof-viewer --normalize --base A B: rows equal --top --normalize --base=A B')
    except Exception:
        traceback.print_exc()
        tw.failures.append('exception')
    finally:
        if app is not None:
            app.quit()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f'1..{tw.checks}')
    if tw.failures:
        print(f'# {len(tw.failures)} failed: {tw.failures}')
        sys.exit(1)


if __name__ == '__main__':
    main()
