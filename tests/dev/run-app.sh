#!/usr/bin/env bash
# run-app.sh — set up, build and launch Pprof Viewer.
# With no argument it opens the bundled sample heap profile.
# Installs only what building and running the app needs (not the test
# toolchain).
set -euo pipefail
PPV_SETUP=app source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

export GSETTINGS_SCHEMA_DIR="$PPV_BUILD/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
if [ $# -eq 0 ]; then
  set -- "$PPV_ROOT/data/sample-heap.pb.gz"
fi
exec "$PPV_BUILD/src/app/pprof-viewer" "$@"
