#!/bin/bash
# pprof-as-viewer.sh — stands in for `pprof-viewer --top/--dot` by calling
# `go tool pprof` with the flags translated back to pprof's spelling.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: pprof-as-viewer.sh --top|--dot [OPTIONS] SOURCE...
#
# Lets run-parity.py be checked against the reference itself
#   tests/parity/run-parity.py tests/parity/pprof-as-viewer.sh tests/fixtures top
# and shows what pprof prints for any of our option spellings:
#   --no-trim -> -trim=false, --diff-base=F -> -diff_base=F, --cum -> -cum.

set -euo pipefail

if ! command -v go >/dev/null 2>&1; then
  echo "pprof-as-viewer.sh: go is not installed" >&2
  exit 127
fi

empty=$(mktemp -d)
trap 'rmdir "$empty"' EXIT
export PPROF_BINARY_PATH="$empty"

args=(-symbolize=none)
format=""
sources=()
for arg in "$@"; do
  if [ ${#sources[@]} -gt 0 ] || [[ "$arg" != --* ]]; then
    sources+=("$arg")
    continue
  fi
  case "$arg" in
    --top|--dot)
      format="-${arg#--}"
      continue ;;
  esac
  name="${arg#--}"
  value=""
  if [[ "$name" == *=* ]]; then
    value="=${name#*=}"
    name="${name%%=*}"
  fi
  if [[ "$name" == no-* ]]; then
    name="${name#no-}"
    value="=false"
  fi
  args+=("-${name//-/_}$value")
done

if [ -z "$format" ]; then
  echo "pprof-as-viewer.sh: need --top or --dot" >&2
  exit 2
fi

# No exec: the EXIT trap must still remove the temporary directory.
go tool pprof "$format" "${args[@]}" "${sources[@]}"
