#!/bin/sh
# run-fuzz.sh SECONDS — builds the reader's libFuzzer target in its own
# build directory and fuzzes for SECONDS; exits non-zero on any finding.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Environment: BUILD_DIR (default build-fuzz in the source root),
# FUZZ_JOBS (default 1).  Findings are kept in $BUILD_DIR/fuzz-artifacts.
# Needs clang and libclang-rt-14-dev.
set -eu

seconds=${1:?usage: run-fuzz.sh SECONDS}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
jobs=${FUZZ_JOBS:-1}

if [ ! -f "$build/build.ninja" ]; then
  # Everything is compiled with coverage and sanitizers, so the fuzzer
  # sees inside the reader; only the target itself links libFuzzer.
  CC=clang CFLAGS="-fsanitize=fuzzer-no-link -fno-omit-frame-pointer" \
    meson setup "$build" "$root" -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
fi
ninja -C "$build" tests/fuzz/fuzz-read

# A fresh corpus each run, seeded with the small fixtures, and with the
# protobuf inside each gzip fixture too (mutating gzip mostly trips its
# CRC; raw seeds let the fuzzer reach the decoder).  The repository is
# never written to.
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
n=0
for f in "$root"/tests/reader/data/* "$root"/tests/fixtures/profiles/*; do
  [ -f "$f" ] || continue
  case "$f" in
    *.parse) continue ;;
  esac
  n=$((n + 1))
  [ "$(wc -c < "$f")" -le 65536 ] && cp "$f" "$corpus/$n-$(basename "$f")"
  if gzip -t "$f" 2>/dev/null; then
    gzip -dc "$f" > "$corpus/$n-$(basename "$f").raw"
    [ "$(wc -c < "$corpus/$n-$(basename "$f").raw")" -le 65536 ] || rm "$corpus/$n-$(basename "$f").raw"
  fi
done
# C++ names for the demangler, one seed each.
while IFS= read -r name; do
  n=$((n + 1))
  printf '%s' "$name" > "$corpus/$n-name"
done < "$root/tests/core/data/demangle-names.txt"
mkdir -p "$build/fuzz-artifacts"

# With one job libFuzzer runs in the foreground; with more it forks
# workers that log to fuzz-N.log.
parallel=""
if [ "$jobs" -gt 1 ]; then
  parallel="-jobs=$jobs -workers=$jobs"
fi

# shellcheck disable=SC2086
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  "$build/tests/fuzz/fuzz-read" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 $parallel \
    -artifact_prefix="$build/fuzz-artifacts/" "$corpus"
