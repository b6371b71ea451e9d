#!/bin/sh
# test-go-server.sh — fetches the index and a heap profile from a real Go net/http/pprof server.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-go-server.sh PPV-FETCH-TOOL GO-SERVER-MAIN.GO [PPROF-VIEWER]
# Exits 77 (skipped) when Go is not installed (golang-go; tests/dev/setup.sh
# installs it), except under CI=true, where that is a failure: CI must talk
# to a real server every run.  With PPROF-VIEWER it also compares
# `pprof-viewer --top` with `go tool pprof -top` on what was fetched.
#
# The build works offline: the server imports the standard library only.
# GOCACHE (set by meson to a folder in the build tree) keeps compiled code
# between runs; without it a fresh cache goes in the temporary folder.
set -eu

tool=$1
server_src=$2
viewer=${3:-}

if ! command -v go >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "FAIL: go is not installed (CI=true): install golang-go, as tests/dev/setup.sh does" >&2
    exit 1
  fi
  echo "SKIP: go is not installed, so there is no real net/http/pprof server to test against"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ppv-go-server.XXXXXX")
server_pid=
cleanup () {
  exec 3>&- 2>/dev/null || true
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

# Whatever happens, a step must not hang the suite.
if command -v timeout >/dev/null 2>&1; then
  tool_run () { timeout 60 "$tool" "$@"; }
else
  tool_run () { "$tool" "$@"; }
fi

# Nothing from $HOME (CI runs as root with whatever HOME it has): a
# private GOPATH, no user go env file, no module downloads, and -mod=mod
# whatever GOFLAGS said (-mod=vendor makes Go 1.19 panic on a lone file).
export GOCACHE="${GOCACHE:-$work/gocache}"
export GOPATH="$work/gopath" GOENV=off GOPROXY=off GOFLAGS=-mod=mod
go build -o "$work/server" "$server_src" || fail "could not build $server_src"

# The server exits when its standard input closes (fd 3 here).
mkfifo "$work/stdin"
"$work/server" <"$work/stdin" >"$work/address" &
server_pid=$!
exec 3>"$work/stdin"

address=
for _ in $(seq 1 100); do
  address=$(sed -n 's/^listening on //p' "$work/address")
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || fail "the Go server did not start"
echo "Go server on $address"

# The index page, as the window lists it.
tool_run list "$address" >"$work/endpoints" || fail "listing endpoints failed"
cat "$work/endpoints"
for name in allocs block goroutine heap mutex profile threadcreate; do
  grep -q "^$name	[0-9][0-9]*	http://$address/debug/pprof/$name	." "$work/endpoints" \
    || fail "endpoint $name missing or malformed"
done
grep -q "^trace	0	-	" "$work/endpoints" || fail "trace should not be offered as a profile"

# A heap profile, checked by Go's own pprof.
tool_run fetch "$address/debug/pprof/heap" "$work/heap.pb.gz" >"$work/fetched" \
  || fail "fetching the heap profile failed"
cat "$work/fetched"
grep -q "^http://$address/debug/pprof/heap	" "$work/fetched" || fail "unexpected final URI"
go tool pprof -raw "$work/heap.pb.gz" >"$work/heap.raw" 2>"$work/pprof.err" \
  || { cat "$work/pprof.err"; fail "go tool pprof cannot read the fetched heap profile"; }
grep -q "^PeriodType: space bytes" "$work/heap.raw" || fail "not a heap profile"
grep -q "main.allocate" "$work/heap.raw" || fail "the heap profile lacks main.allocate"

# A 1 s CPU profile through the bare host:port shorthand.
tool_run fetch --seconds 1 "$address" "$work/cpu.pb.gz" >"$work/fetched" \
  || fail "fetching a CPU profile failed"
cat "$work/fetched"
grep -q "^http://$address/debug/pprof/profile?seconds=1	" "$work/fetched" \
  || fail "the shorthand did not become /debug/pprof/profile?seconds=1"
go tool pprof -raw "$work/cpu.pb.gz" 2>/dev/null | grep -q "^PeriodType: cpu nanoseconds" \
  || fail "go tool pprof cannot read the fetched CPU profile"

# Errors say what happened.
if tool_run fetch "$address/debug/pprof/nosuch" "$work/x" 2>"$work/err"; then
  fail "an unknown profile was fetched"
fi
grep -qx "$address: server returned 404 Not Found: Unknown profile" "$work/err" \
  || { cat "$work/err"; fail "unexpected message for an unknown profile"; }

if tool_run fetch "$address/debug/pprof/heap?seconds=x" "$work/x" 2>"$work/err"; then
  fail "a bad seconds value was accepted"
fi
grep -qx "$address: server returned 400 Bad Request: invalid value for \"seconds\" - must be a positive integer" "$work/err" \
  || { cat "$work/err"; fail "unexpected message for a bad seconds value"; }

if tool_run fetch "$address/debug/pprof/trace" "$work/x" 2>"$work/err"; then
  fail "a trace was fetched as a profile"
fi
grep -q "not a pprof profile: trace is an execution trace" "$work/err" || fail "unexpected trace message"

if [ -n "$viewer" ]; then
  export TZ=UTC LC_ALL=C.UTF-8 HOME="$work" PPROF_TMPDIR="$work/pprof" PPROF_BINARY_PATH="$work"

  # Same bytes, same report: the heap and the 1 s CPU profile fetched above.
  for p in heap cpu; do
    "$viewer" --top "$work/$p.pb.gz" >"$work/$p.ours" || fail "pprof-viewer --top failed on the fetched $p profile"
    go tool pprof -top -symbolize=none "$work/$p.pb.gz" >"$work/$p.theirs" 2>/dev/null \
      || fail "go tool pprof -top failed on the fetched $p profile"
    diff -u "$work/$p.theirs" "$work/$p.ours" || fail "--top differs from go tool pprof -top on the fetched $p profile"
  done

  # Both fetching the live server themselves.  The heap changes between
  # requests, except what main.allocate keeps: compare that part, without
  # the Time: line (each side fetched at its own moment).
  "$viewer" --top --focus='main\.allocate' --relative-percentages "$address/debug/pprof/heap" \
    | grep -v '^Time: ' >"$work/live.ours" || fail "pprof-viewer --top on the URL failed"
  go tool pprof -top -symbolize=none -focus='main\.allocate' -relative_percentages \
    "http://$address/debug/pprof/heap" 2>/dev/null | grep -v '^Time: ' >"$work/live.theirs" \
    || fail "go tool pprof -top on the URL failed"
  diff -u "$work/live.theirs" "$work/live.ours" || fail "--top on the live URL differs from go tool pprof -top"
  grep -q "main.allocate" "$work/live.ours" || fail "main.allocate missing from the live heap report"

  # A 2 s CPU profile through the CLI's own fetch.
  "$viewer" --top --seconds=2 "$address" >"$work/cpu2.ours" || fail "pprof-viewer --top --seconds=2 host:port failed"
  grep -q "^Type: cpu$" "$work/cpu2.ours" || fail "the 2 s fetch is not a CPU profile"
  grep -q "^Duration: 2" "$work/cpu2.ours" || fail "the 2 s CPU profile does not last 2 s"
  # The full goroutine dump reads as a goroutine profile: every goroutine
  # of the server, the ones its handlers park included.
  "$viewer" --top --nodefraction=0 "$address/debug/pprof/goroutine?debug=2" >"$work/dump.ours" \
    || fail "pprof-viewer --top on goroutine?debug=2 failed"
  grep -q "^Type: goroutine$" "$work/dump.ours" || fail "the dump is not read as a goroutine profile"
  grep -q "main.main" "$work/dump.ours" || fail "main.main missing from the goroutine dump's report"
  # Every text page (debug=1) is fetched and read with the names its "#"
  # lines give.
  for page in heap:main.allocate allocs:main.allocate goroutine:main.main block:main.contend \
              mutex:main.contend threadcreate:runtime.; do
    p=${page%%:*}
    "$viewer" --top --nodefraction=0 "$address/debug/pprof/$p?debug=1" >"$work/$p.page.ours" \
      || fail "pprof-viewer --top on $p?debug=1 failed"
    grep -q "  ${page#*:}" "$work/$p.page.ours" || { cat "$work/$p.page.ours"; fail "$p?debug=1 lacks ${page#*:}"; }
  done
  # pprof's reading of a fetched page, kept with --symbolize=none.
  tool_run fetch "$address/debug/pprof/mutex?debug=1" "$work/mutex.txt" >/dev/null \
    || fail "fetching mutex?debug=1 failed"
  "$viewer" --top --symbolize=none "$work/mutex.txt" >"$work/mutex.txt.ours" \
    || fail "pprof-viewer --top --symbolize=none failed on mutex?debug=1"
  go tool pprof -top -symbolize=none "$work/mutex.txt" >"$work/mutex.txt.theirs" 2>/dev/null \
    || fail "go tool pprof -top failed on mutex?debug=1"
  diff -u "$work/mutex.txt.theirs" "$work/mutex.txt.ours" || fail "--symbolize=none differs from go tool pprof on mutex?debug=1"
  echo "pprof-viewer --top matches go tool pprof -top on fetched heap and CPU profiles and on the live heap URL, and reads the goroutine dump and every debug=1 page"
fi

echo "PASS"
