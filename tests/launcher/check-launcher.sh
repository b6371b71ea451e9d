#!/bin/sh
# check-launcher.sh: pprof-viewer links no GTK and hands the window, argv unchanged, to pprof-viewer-gtk.
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-launcher.sh LAUNCHER WINDOW_EXE INSTALLED_WINDOW_EXE PROFILE
# INSTALLED_WINDOW_EXE is where an installed launcher looks (libexecdir).
set -u

launcher=$1
window_exe=$2
installed=$3
profile=$4

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

needed () {
  readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# GTK in the launcher costs every headless run its load time and memory.
launcher_needs=$(needed "$launcher")
echo "$launcher_needs" | grep -q '^libglib-2\.0\.so' || fail "readelf lists no libglib-2.0 for $launcher: cannot check it"
for lib in $launcher_needs; do
  case $lib in
    libgtk-4.so*|libgdk*|libadwaita-1.so*|libgraphene*|libpango*|libcairo*|libgsk*)
      fail "$launcher links $lib: the launcher must not load GTK" ;;
  esac
done
needed "$window_exe" | grep -q '^libgtk-4\.so' || fail "$window_exe does not link libgtk-4"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Headless output stays in the launcher.
"$launcher" --top "$profile" >"$work/top.out" 2>"$work/top.err" || fail "--top failed: $(cat "$work/top.err")"
grep -q '^Showing nodes accounting for ' "$work/top.out" || fail "--top printed no report"

# The window goes to the sibling, with argv[0] kept: GTK names the program
# "pprof-viewer" when it finds no display.  No session bus either, so a
# running instance cannot take the file instead.
LC_ALL=C GDK_BACKEND=x11 DISPLAY= DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent timeout 20 "$launcher" "$profile" >/dev/null 2>"$work/window.err"
status=$?
[ "$status" -ne 0 ] || fail "the window exited 0 without a display"
grep -q '(pprof-viewer:[0-9]*): Gtk-WARNING.*cannot open display' "$work/window.err" \
  || fail "the window did not start as pprof-viewer: $(cat "$work/window.err")"

# A sibling that is there but cannot run is named, not skipped.
mkdir "$work/bin"
cp "$launcher" "$work/bin/pprof-viewer"
: >"$work/bin/pprof-viewer-gtk"
chmod 644 "$work/bin/pprof-viewer-gtk"
"$work/bin/pprof-viewer" "$profile" 2>"$work/noexec.err"
status=$?
[ "$status" -ne 0 ] || fail "a launcher whose sibling cannot run exited 0"
grep -qx "pprof-viewer: cannot start the window: $work/bin/pprof-viewer-gtk: Permission denied" "$work/noexec.err" \
  || fail "unexpected error for a sibling that cannot run: $(cat "$work/noexec.err")"

# With no sibling it looks in libexecdir; unless an installed copy is
# there, that fails with the installed path in the message.
rm "$work/bin/pprof-viewer-gtk"
if [ ! -e "$installed" ]; then
  "$work/bin/pprof-viewer" "$profile" 2>"$work/missing.err"
  status=$?
  [ "$status" -eq 1 ] || fail "a launcher without the window exited $status, not 1"
  grep -qx "pprof-viewer: cannot start the window: $installed: No such file or directory" "$work/missing.err" \
    || fail "unexpected error without the window: $(cat "$work/missing.err")"
else
  echo "note: $installed exists; not checking the missing-window error"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problem(s) with the launcher" >&2
  exit 1
fi
echo "OK: launcher links no GTK and starts the window"
