#!/bin/sh
# check-install.sh: installs the build into a temporary DESTDIR and checks every file a desktop installation needs.
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-install.sh BUILD_ROOT PREFIX BINDIR LIBEXECDIR DATADIR LOCALEDIR APP_ID "LINGUAS"
# BINDIR, LIBEXECDIR, DATADIR and LOCALEDIR are meson's options (relative to PREFIX or absolute).
set -u

build_root=$1
prefix=$2
bindir=$3
libexecdir=$4
datadir=$5
localedir=$6
app_id=$7
linguas=$8

failures=0
fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# meson's "/" joins like this: an absolute right-hand side wins.
under_prefix () {
  case $1 in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$prefix" "$1" ;;
  esac
}

destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

if ! meson install -C "$build_root" --destdir "$destdir" --no-rebuild >"$destdir.log" 2>&1; then
  cat "$destdir.log"
  rm -f "$destdir.log"
  echo "FAIL: meson install --destdir failed" >&2
  exit 1
fi
rm -f "$destdir.log"

root_bin=$destdir$(under_prefix "$bindir")
root_libexec=$destdir$(under_prefix "$libexecdir")
root_data=$destdir$(under_prefix "$datadir")
root_locale=$destdir$(under_prefix "$localedir")

need_file () {
  if [ ! -s "$1" ]; then
    fail "not installed (or empty): ${1#"$destdir"}"
  else
    echo "ok: ${1#"$destdir"}"
  fi
}

binary=$root_bin/pprof-viewer
window_binary=$root_libexec/pprof-viewer-gtk
desktop=$root_data/applications/$app_id.desktop
metainfo=$root_data/metainfo/$app_id.metainfo.xml
icon=$root_data/icons/hicolor/scalable/apps/$app_id.svg
symbolic=$root_data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
schema=$root_data/glib-2.0/schemas/$app_id.gschema.xml
mime=$root_data/mime/packages/$app_id.xml
sample=$root_data/pprof-viewer/sample-heap.pb.gz

for f in "$binary" "$window_binary" "$desktop" "$metainfo" "$icon" "$symbolic" "$schema" "$mime" "$sample"; do
  need_file "$f"
done
[ -x "$binary" ] || fail "${binary#"$destdir"} is not executable"
[ -x "$window_binary" ] || fail "${window_binary#"$destdir"} is not executable"
# The launcher execs the window from libexecdir when it has no sibling.
grep -qaF "$(under_prefix "$libexecdir")/pprof-viewer-gtk" "$binary" 2>/dev/null \
  || fail "${binary#"$destdir"} does not look for the window in $(under_prefix "$libexecdir")"
if [ -s "$binary" ] && [ -s "$sample" ]; then
  "$binary" --top "$sample" >/dev/null || fail "the installed ${binary#"$destdir"} --top fails"
fi
if [ ! -e "$sample" ] && [ -n "${PPV_SOURCE_ROOT:-}" ] && [ ! -e "$PPV_SOURCE_ROOT/data/sample-heap.pb.gz" ]; then
  echo "note: data/sample-heap.pb.gz is missing from the source tree; add it and reconfigure" >&2
fi

for lang in $linguas; do
  need_file "$root_locale/$lang/LC_MESSAGES/pprof-viewer.mo"
done

# The pieces must refer to each other: the desktop file's Exec and Icon name
# installed files, the metainfo launches the installed desktop file.
if [ -s "$desktop" ]; then
  exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
  [ "$exec_name" = "pprof-viewer" ] || fail "desktop Exec runs '$exec_name', not pprof-viewer"
  icon_name=$(sed -n 's/^Icon=//p' "$desktop")
  [ "$icon_name" = "$app_id" ] || fail "desktop Icon is '$icon_name', not $app_id"
  grep -q '^MimeType=.*application/x-pprof;' "$desktop" || fail "desktop file does not claim application/x-pprof"
  grep -q 'application/x-pprof' "$mime" 2>/dev/null || fail "MIME package does not define application/x-pprof"
  for lang in $linguas; do
    grep -q "^Comment\[$lang\]=" "$desktop" || fail "desktop file has no Comment[$lang]: translations were not merged"
  done
fi
if [ -s "$metainfo" ]; then
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
    || fail "metainfo does not launch $app_id.desktop"
  for lang in $linguas; do
    grep -q "<summary xml:lang=\"$lang\">" "$metainfo" || fail "metainfo has no $lang summary"
  done
fi
if [ -s "$mime" ]; then
  for lang in $linguas; do
    grep -q "<comment xml:lang=\"$lang\">" "$mime" || fail "MIME package has no $lang comment"
  done
fi

# The installed schema directory compiles on its own.
if [ -s "$schema" ]; then
  glib-compile-schemas --strict --dry-run "$(dirname "$schema")" || fail "installed schemas do not compile"
fi

# shared-mime-info accepts the package and maps both globs to our type.
if [ -s "$mime" ] && command -v update-mime-database >/dev/null 2>&1; then
  if update-mime-database "$root_data/mime" >/dev/null 2>&1; then
    for g in '*.pprof' '*.pb.gz'; do
      awk -F: -v g="$g" '$2 == "application/x-pprof" && $3 == g { found = 1 }
                          END { exit !found }' "$root_data/mime/globs2" \
        || fail "mime database has no glob $g for application/x-pprof"
    done
  else
    fail "update-mime-database rejected the installed MIME package"
  fi
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures problem(s) in the installed tree" >&2
  exit 1
fi
echo "OK: installed tree complete"
