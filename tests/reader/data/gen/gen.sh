#!/bin/sh
# gen.sh — regenerates the reader test fixtures and their golden dumps.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs Go (1.19 was used).  Writes into tests/reader/data/:
#   heap.txt, heap.pb.gz   a real Go heap profile, legacy text and protobuf
#   *.parse                for every fixture, what pprof's profile.Parse
#                          builds (see parsedump/main.go); the tests compare
#                          our model with these.
# The hand-written legacy-*.txt fixtures are kept as they are (legacy-mutex.txt
# and legacy-threadcreate.txt are pages of tests/fixtures/gen/textpages).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The heap profile.
cp -r "$here/goheap" "$work/goheap"
(cd "$work/goheap" && go build -trimpath -o goheap .)
"$work/goheap/goheap" "$data/heap.txt" "$data/heap.pb.gz"

# pprof's parser, built from the copy vendored in the Go toolchain.
vendored=$(go env GOROOT)/src/cmd/vendor/github.com/google/pprof/profile
mkdir -p "$work/parsedump/pprof"
cp -r "$vendored" "$work/parsedump/pprof/profile"
printf 'module github.com/google/pprof\n\ngo 1.19\n' > "$work/parsedump/pprof/go.mod"
cp "$here/parsedump/main.go" "$work/parsedump/"
cat > "$work/parsedump/go.mod" <<MOD
module parsedump

go 1.19

require github.com/google/pprof v0.0.0

replace github.com/google/pprof => ./pprof
MOD
(cd "$work/parsedump" && GOFLAGS=-mod=mod go build -o parsedump .)

for f in "$data"/heap.txt "$data"/heap.pb.gz "$data"/legacy-*.txt; do
  "$work/parsedump/parsedump" "$f" > "$f.parse" || true
done
