#!/usr/bin/env python3
# check-flatpak.py: checks the Flatpak manifest's structure, permissions and modules without building it.
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py MANIFEST APP_ID
# A real build needs flatpak-builder and Flathub; this catches the mistakes
# that can be seen from the file alone.

import json
import re
import sys

REQUIRED_ARGS = {
    "--share=network": "fetching from localhost and port-forwarded endpoints",
    "--socket=wayland": "drawing on Wayland",
    "--socket=fallback-x11": "drawing on X11 when Wayland is absent",
    "--device=dri": "GPU rendering",
}
# Files come through the portal's file chooser, never through broad access.
FORBIDDEN_ARG = re.compile(r"^--filesystem=(host|host-os|host-etc|home|~)(/.*)?(:(ro|rw|create))?$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def main(argv):
    path, app_id = argv[1], argv[2]
    problems = []

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: {path}: {e}")
        return 1

    def check(cond, message):
        if not cond:
            problems.append(message)

    check(manifest.get("app-id", manifest.get("id")) == app_id,
          f"app-id is not {app_id}")
    check(manifest.get("command") == "pprof-viewer", "command is not pprof-viewer")
    check(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
    check(re.fullmatch(r"\d+", str(manifest.get("runtime-version", ""))) is not None,
          "runtime-version is not a stable GNOME release number")

    finish_args = manifest.get("finish-args", [])
    for arg, why in REQUIRED_ARGS.items():
        check(arg in finish_args, f"finish-args lack {arg} ({why})")
    for arg in finish_args:
        check(not FORBIDDEN_ARG.match(arg), f"finish-args grant {arg}; files must go through portals")
        check(arg != "--socket=x11", "finish-args use --socket=x11 instead of --socket=fallback-x11")

    modules = manifest.get("modules", [])
    check(isinstance(modules, list) and len(modules) >= 3, "fewer than three modules")
    by_name = {m.get("name"): m for m in modules if isinstance(m, dict)}

    for dep in ("protobuf-c", "graphviz"):
        module = by_name.get(dep)
        if module is None:
            problems.append(f"no {dep} module")
            continue
        sources = module.get("sources", [])
        check(len(sources) > 0, f"{dep} has no sources")
        for src in sources:
            check(src.get("type") == "archive", f"{dep}: source is not a release archive")
            check(str(src.get("url", "")).startswith("https://"), f"{dep}: source has no https url")
            check(SHA256.match(str(src.get("sha256", ""))) is not None,
                  f"{dep}: source has no sha256 checksum")

    # protoc-c needs libprotoc, which the GNOME Sdk does not ship, and must come first.
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    if "protobuf" in names and "protobuf-c" in names:
        check(names.index("protobuf") < names.index("protobuf-c"),
              "protobuf must be built before protobuf-c")

    if modules:
        app = modules[-1]
        check(app.get("buildsystem") == "meson", "the last module is not built with meson")
        app_sources = app.get("sources", [])
        check(any(s.get("type") == "dir" and s.get("path") == ".." for s in app_sources),
              "the last module does not build the app from the local tree (dir source '..')")

    for message in problems:
        print(f"FAIL: {message}")
    if problems:
        return 1
    print(f"OK: {path}: {len(modules)} modules ({', '.join(map(str, names))}), "
          f"runtime {manifest['runtime']}//{manifest['runtime-version']}, "
          f"finish-args {' '.join(finish_args)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
