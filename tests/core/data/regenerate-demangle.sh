#!/bin/sh
# regenerate-demangle.sh — rewrites demangle.tsv: what pprof's demangler
# (the copy vendored in the Go toolchain) prints for demangle-names.txt.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/github.com/ianlancetaylor"
cp -r "$(go env GOROOT)/src/cmd/vendor/github.com/ianlancetaylor/demangle" "$work/src/github.com/ianlancetaylor/"
(cd "$here/demangle-ref" && GO111MODULE=off GOPATH="$work" GOFLAGS= go build -o "$work/demangle-ref" .)
"$work/demangle-ref" < "$here/demangle-names.txt" > "$here/demangle.tsv"
