#!/usr/bin/env bash
# setup.sh — installs (when missing) the Debian 12 packages Pprof Viewer needs
# to build, run and test, then configures and builds into ./build.
# Sourced by run-app.sh and run-tests.sh; safe to run again.
set -euo pipefail

PPV_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PPV_BUILD=${PPV_BUILD:-$PPV_ROOT/build}

PPV_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libprotobuf-c-dev protobuf-c-compiler zlib1g-dev libgraphviz-dev
  clang libclang-rt-14-dev
  python3 python3-gi gir1.2-gtk-4.0 gir1.2-atspi-2.0 at-spi2-core dbus-x11
  xvfb xauth imagemagick libgtk-4-bin xdotool
  desktop-file-utils appstream gettext libxml2-utils libxml2-dev
)

ppv_install_packages () {
  local missing=()
  for p in "${PPV_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ppv_build () {
  if [ ! -f "$PPV_BUILD/build.ninja" ]; then
    meson setup "$PPV_BUILD" "$PPV_ROOT" --buildtype=debugoptimized
  fi
  ninja -C "$PPV_BUILD"
}

ppv_install_packages
ppv_build
