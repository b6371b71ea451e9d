#!/bin/sh
# test-watch.sh — headless `pprof-viewer --watch` against a leaking Go service, directly and through a dropping forwarder.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-watch.sh PPROF-VIEWER LEAKY-SERVER-MAIN.GO FORWARDER.PY
# Exits 77 (skipped) without Go, except under CI=true (a failure there).
# Checks, each against a real net/http/pprof server (leaky-server/):
#  - heap, --count=6: six kept files that load, the growing function first
#    in the ranking, its Δ equal to --top --diff-base's flat value (and to
#    go tool pprof's), the report section byte for byte --top --diff-base;
#  - the forwarder dropped for three seconds mid-watch: failures printed,
#    the count still reaches six, every fetched file kept, gaps in the
#    manifest;
#  - SIGTERM mid-watch: exit 0, the report printed, files kept;
#  - goroutine: the count grows, the ranking (runtime hidden by default)
#    names the parking function;
#  - a port nobody listens on: --count failed attempts, then exit 1.
set -eu

viewer=$1
server_src=$2
forwarder=$3

if ! command -v go >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: go is not installed (CI=true): install golang-go, as tests/dev/setup.sh does" >&2
    exit 1
  fi
  echo "SKIP: go is not installed, so there is no net/http/pprof server to watch"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ppv-watch.XXXXXX")
pids=
cleanup () {
  exec 3>&- 4>&- 2>/dev/null || true
  for pid in $pids; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# Snapshots go to --output-dir; nothing else may land in $HOME.
export XDG_DATA_HOME="$work/data"
export GOCACHE="${GOCACHE:-$work/gocache}"
export GOPATH="$work/gopath" GOENV=off GOPROXY=off GOFLAGS=-mod=mod
go build -o "$work/server" "$server_src" || fail "could not build $server_src"

wait_for_address () {
  for _ in $(seq 1 100); do
    address=$(sed -n 's/^listening on //p' "$1")
    [ -n "$address" ] && return 0
    sleep 0.1
  done
  fail "$1: nothing listening"
}

# Both helpers exit when their standard input (fd 3, fd 4) closes.
mkfifo "$work/server-in" "$work/forwarder-in"
"$work/server" <"$work/server-in" >"$work/server-address" &
pids="$pids $!"
exec 3>"$work/server-in"
wait_for_address "$work/server-address"
server=$address

python3 "$forwarder" "$server" <"$work/forwarder-in" >"$work/forwarder-address" &
forwarder_pid=$!
pids="$pids $forwarder_pid"
exec 4>"$work/forwarder-in"
wait_for_address "$work/forwarder-address"
forwarded=$address
echo "leaky server on $server, forwarded from $forwarded"

# Waits until the forwarder has printed @1 @2 times (its drops and
# restores take effect a moment after the signal).
wait_for_forwarder () {
  for _ in $(seq 1 100); do
    [ "$(grep -cx "$1" "$work/forwarder-address" || true)" -ge "$2" ] && return 0
    sleep 0.1
  done
  fail "the forwarder never said $1 ($2)"
}

snapshot_lines () {
  grep -cE '^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] #[0-9]+ ' "$1" || true
}

wait_for_snapshots () {
  for _ in $(seq 1 300); do
    [ "$(snapshot_lines "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  fail "$1: fewer than $2 snapshots after 30 s"
}

check_files_load () {
  for file in "$1"/[0-9][0-9][0-9][0-9]-*.pb.gz; do
    "$viewer" --top "$file" >/dev/null || fail "$file does not load"
  done
}

count_files () {
  ls "$1" | grep -cE '^[0-9]{4}-[0-9]{8}T[0-9]{6}Z\.pb\.gz$' || true
}

# The forwarder dropped for three seconds after the second snapshot
# (in the background while the direct watches run).
timeout 120 "$viewer" --watch --interval=1 --count=6 --output-dir="$work/dropped" \
  "http://$forwarded/debug/pprof/heap" >"$work/dropped.out" 2>"$work/dropped.err" &
dropped_pid=$!
pids="$pids $dropped_pid"
(
  wait_for_snapshots "$work/dropped.out" 2
  kill -USR1 "$forwarder_pid"
  wait_for_forwarder dropped 1
  sleep 3
  kill -USR2 "$forwarder_pid"
) &
switch_pid=$!
pids="$pids $switch_pid"

# --- heap, six snapshots --------------------------------------------------
status=0
timeout 60 "$viewer" --watch --interval=1 --count=6 --gc --unit=B --output-dir="$work/heap" \
  "$server/debug/pprof/heap" >"$work/heap.out" 2>"$work/heap.err" || status=$?
cat "$work/heap.out" "$work/heap.err"
[ "$status" -eq 0 ] || fail "heap watch exited $status"
grep -q "debug/pprof/heap?gc=1" "$work/heap.err" || fail "--gc did not ask for gc=1"
[ "$(snapshot_lines "$work/heap.out")" -eq 6 ] || fail "heap watch: not six snapshot lines"
[ "$(count_files "$work/heap")" -eq 6 ] || fail "heap watch: not six files"
check_files_load "$work/heap"
grep -q '^kind=snapshot' "$work/heap/watch.ini" || fail "no manifest"

first=$(ls "$work/heap"/0001-*.pb.gz)
last=$(ls "$work/heap"/0006-*.pb.gz)
grep -qF "Comparing #1 $first with #6 $last:" "$work/heap.out" || fail "the report does not name the first and last snapshot"

# The report section is --top --diff-base's output, byte for byte.
"$viewer" --top --unit=B --diff-base="$first" "$last" >"$work/diff.top"
sed -n '/^Comparing #1 /,/^Growth of /p' "$work/heap.out" | sed '1d;$d' >"$work/heap.report"
cmp "$work/diff.top" "$work/heap.report" || fail "the report differs from --top --diff-base"

# The growing function ranks first, with --top --diff-base's flat value.
ranked=$(sed -n '/^Growth of inuse_space from #1 to #6:/{n;p;}' "$work/heap.out")
echo "first ranked: $ranked"
set -- $ranked
[ "$#" -eq 7 ] && [ "$7" = main.leakyCache ] || fail "main.leakyCache is not first in the ranking"
delta=${1#+}
# It leaks every tick, four ticks a second.
[ "$2 $3 $4 $5 $6" = "grew in 5 of 5" ] || fail "main.leakyCache grew in $4 of $6 intervals, not 5 of 5"
flat=$(awk '$NF == "main.leakyCache" { print $1 }' "$work/diff.top")
[ "$delta" = "$flat" ] || fail "ranking Δ $delta differs from --top --diff-base's $flat"
go_flat=$(go tool pprof -top -unit=B -diff_base="$first" "$last" 2>/dev/null | awk '$NF == "main.leakyCache" { print $1 }')
[ "$delta" = "$go_flat" ] || fail "ranking Δ $delta differs from go tool pprof's $go_flat"

# --- goroutines -------------------------------------------------------------
# The flat value of a parked goroutine is in runtime.gopark; without
# filters of the user's, the ranking (only) hides the runtime and so
# names the function that parks.
status=0
timeout 60 "$viewer" --watch --interval=1 --count=4 --output-dir="$work/goroutine" \
  "$server/debug/pprof/goroutine" >"$work/goroutine.out" 2>"$work/goroutine.err" || status=$?
cat "$work/goroutine.out"
[ "$status" -eq 0 ] || fail "goroutine watch exited $status"
first_count=$(awk '$1 ~ /^[0-9][0-9]:/ && $2 == "#1" { print $3 }' "$work/goroutine.out")
last_count=$(awk '$1 ~ /^[0-9][0-9]:/ && $2 == "#4" { print $3 }' "$work/goroutine.out")
[ "$last_count" -gt "$first_count" ] || fail "goroutine count did not grow ($first_count -> $last_count)"
grep -q '^Growth of goroutine from #1 to #4, .* outside the Go runtime' "$work/goroutine.out" ||
  fail "the goroutine ranking's header does not say the runtime is hidden"
ranked=$(sed -n '/^Growth of goroutine from #1 to #4/{n;p;}' "$work/goroutine.out")
set -- $ranked
[ "$#" -eq 7 ] && [ "$7" = main.parkForever ] || fail "main.parkForever is not first in the goroutine ranking"
# The comparison before it is still --top --diff-base as given (runtime
# frames and all).
"$viewer" --top --diff-base="$(ls "$work/goroutine"/0001-*.pb.gz)" "$(ls "$work/goroutine"/0004-*.pb.gz)" \
  >"$work/goroutine.top"
sed -n '/^Comparing #1 /,/^Growth of /p' "$work/goroutine.out" | sed '1d;$d' >"$work/goroutine.report"
cmp "$work/goroutine.top" "$work/goroutine.report" || fail "the goroutine report differs from --top --diff-base"
grep -q 'runtime\.gopark$' "$work/goroutine.report" || fail "the goroutine report lost runtime.gopark"

# --- the dropped forward ----------------------------------------------------
wait "$switch_pid" || fail "the forwarder was not dropped after two snapshots"
status=0
wait "$dropped_pid" || status=$?
cat "$work/dropped.out"
[ "$status" -eq 0 ] || fail "watch through the forwarder exited $status"
grep -qE '^[0-9:]{8} fetch failed: ' "$work/dropped.out" || fail "no failure printed while the forward was down"
[ "$(snapshot_lines "$work/dropped.out")" -eq 6 ] || fail "watch through the forwarder: not six snapshot lines"
[ "$(count_files "$work/dropped")" -eq 6 ] || fail "watch through the forwarder: not six files"
check_files_load "$work/dropped"
grep -q '^kind=gap' "$work/dropped/watch.ini" || fail "the manifest has no gap"

# --- SIGTERM ----------------------------------------------------------------
"$viewer" --watch --interval=1 --count=100 --output-dir="$work/term" \
  "$server/debug/pprof/heap" >"$work/term.out" 2>"$work/term.err" &
term_pid=$!
pids="$pids $term_pid"
wait_for_snapshots "$work/term.out" 3
kill -TERM "$term_pid"
status=0
wait "$term_pid" || status=$?
cat "$work/term.out" | head -5
[ "$status" -eq 0 ] || fail "SIGTERM: exit $status"
grep -q '^Comparing #1 ' "$work/term.out" || fail "SIGTERM: no report"
grep -q '^Growth of inuse_space' "$work/term.out" || fail "SIGTERM: no ranking"
printed=$(snapshot_lines "$work/term.out")
kept=$(count_files "$work/term")
[ "$kept" -ge "$printed" ] || fail "SIGTERM: $printed snapshots printed, $kept files kept"
check_files_load "$work/term"

# --- nobody there ------------------------------------------------------------
kill -USR1 "$forwarder_pid"
wait_for_forwarder dropped 2
status=0
timeout 60 "$viewer" --watch --interval=1 --count=2 --output-dir="$work/nobody" \
  "$forwarded/debug/pprof/heap" >"$work/nobody.out" 2>"$work/nobody.err" || status=$?
cat "$work/nobody.out" "$work/nobody.err"
[ "$status" -eq 1 ] || fail "a service that never answers: exit $status, not 1"
[ "$(grep -c 'fetch failed: ' "$work/nobody.out")" -eq 2 ] || fail "not two failed attempts"

echo "PASS"
