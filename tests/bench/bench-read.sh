#!/bin/sh
# bench-read.sh — prints the reader's speed and memory on generated profiles.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/bench-read.sh [BUILD_DIR]
#
# Generates (once, in $BENCH_DIR, default /tmp/ppv-bench) a heap profile
# with 1M samples, a labelled CPU profile with 2M samples, a profile of
# 2000-deep stacks and a 1 GiB gzip bomb, then for each prints
# ppv-bench-read's figures next to the time `gzip -dc` needs.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
gen="$build/tests/bench/ppv-gen-profile"
bench="$build/tests/bench/ppv-bench-read"
dir=${BENCH_DIR:-/tmp/ppv-bench}
mkdir -p "$dir"

[ -f "$dir/heap-1m.pb.gz" ] || "$gen" -o "$dir/heap-1m.pb.gz" --functions 200000 --samples 1000000 --max-depth 64
[ -f "$dir/cpu-2m.pb.gz" ] || "$gen" -o "$dir/cpu-2m.pb.gz" --cpu --samples 2000000 --labels
[ -f "$dir/deep.pb.gz" ] || "$gen" -o "$dir/deep.pb.gz" --depth 2000 --samples 20000
[ -f "$dir/bomb.gz" ] || head -c 1100M /dev/zero | gzip -9 > "$dir/bomb.gz"

for f in heap-1m.pb.gz cpu-2m.pb.gz deep.pb.gz; do
  echo "== $f"
  "$bench" "$dir/$f" 3
  /usr/bin/time -f "gzip -dc:        %e s" gzip -dc "$dir/$f" > /dev/null
done

echo "== bomb.gz ($(wc -c < "$dir/bomb.gz") bytes, 1100 MiB of zeros)"
/usr/bin/time -f "refused in %e s, peak RSS %M KB" "$bench" "$dir/bomb.gz" || true
