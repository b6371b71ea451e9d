#!/usr/bin/env bash
# setup.sh — installs (when missing) the Debian 12 packages Pprof Viewer needs,
# then configures and builds into ./build.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: source tests/dev/setup.sh        (build, run and test: everything)
#        PPV_SETUP=app source tests/dev/setup.sh   (only what building and
#                                          running the app needs)
# Sourced by run-app.sh (PPV_SETUP=app) and run-tests.sh; safe to run again.
# When sourced it leaves the caller's shell options alone (no errexit sneaks
# into run-tests.sh or an interactive shell) and returns non-zero if a step
# failed; run as a script it exits non-zero instead.

PPV_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PPV_BUILD=${PPV_BUILD:-$PPV_ROOT/build}

# Configuring the tree needs these (tests/ is always configured, so
# libxml2-dev too); running the app needs nothing more.
PPV_APP_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libprotobuf-c-dev protobuf-c-compiler zlib1g-dev libgraphviz-dev
  gettext libxml2-utils libxml2-dev
)

# Running the tests: clang for the fuzzer and sanitizers, Go for the real
# net/http/pprof server (tests/fetch/test-go-server.sh) and `go tool pprof`,
# Xvfb, D-Bus and AT-SPI for the UI suites, and the data validators.
PPV_TEST_PACKAGES=(
  clang libclang-rt-14-dev
  golang-go
  python3 python3-gi gir1.2-gtk-4.0 gir1.2-atspi-2.0 at-spi2-core dbus-x11
  xvfb xauth imagemagick libgtk-4-bin xdotool
  desktop-file-utils appstream
)

ppv_install_packages () {
  local missing=() p sudo=""

  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "Installing: ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ppv_build () {
  if [ ! -f "$PPV_BUILD/build.ninja" ]; then
    meson setup "$PPV_BUILD" "$PPV_ROOT" --buildtype=debugoptimized || return
  fi
  ninja -C "$PPV_BUILD"
}

ppv_setup () {
  local packages=("${PPV_APP_PACKAGES[@]}")

  [ "${PPV_SETUP:-all}" = app ] || packages+=("${PPV_TEST_PACKAGES[@]}")
  ppv_install_packages "${packages[@]}" || { echo "setup.sh: installing packages failed" >&2; return 1; }
  ppv_build || { echo "setup.sh: building $PPV_BUILD failed" >&2; return 1; }
}

if (return 0 2>/dev/null); then
  ppv_setup
else
  set -uo pipefail
  ppv_setup || exit 1
fi
