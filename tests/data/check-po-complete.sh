#!/bin/sh
# check-po-complete.sh: fails when a string marked for translation in the sources lacks a translation in a .po file.
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po-complete.sh SOURCE_ROOT PO_FILE
# Extracts the strings afresh (same keywords as meson's "glib" gettext
# preset) rather than trusting the committed .pot, so a string added to the
# UI without a translation is caught even if nobody ran -update-po.
set -eu

source_root=$1
po_file=$2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# POTFILES.in lines may be comments; xgettext skips "#" lines itself.
xgettext --directory="$source_root" \
  --files-from="$source_root/po/POTFILES.in" \
  --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --output="$tmp/current.pot"

count=$(grep -c '^msgid ' "$tmp/current.pot" || true)
echo "strings extracted from the sources: $((count - 1))"

# msgcmp reports every msgid of the template that the .po leaves
# untranslated, marks fuzzy, or lacks entirely, and then exits non-zero.
if ! msgcmp "$po_file" "$tmp/current.pot" 2>"$tmp/msgcmp.log"; then
  cat "$tmp/msgcmp.log"
  echo "FAIL: $po_file does not translate every string; run 'meson compile pprof-viewer-update-po' and translate." >&2
  exit 1
fi
msgfmt --statistics --output-file=/dev/null "$po_file"
echo "OK: $po_file translates every string"
