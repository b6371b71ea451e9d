#!/usr/bin/env bash
# run-tests.sh — set up, build and run every test: unit, reader, parity,
# fetch, layout, data and UI suites (the UI ones under Xvfb with a private
# D-Bus session), the same non-UI suites again in an AddressSanitizer +
# UndefinedBehaviorSanitizer build, and a bounded libFuzzer run.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every step runs whatever happened before it, and the run always ends with
# one line "N passed, M failed, K skipped"; the exit status is non-zero if
# anything failed.  A step that is not a test (installing, configuring or
# building, a missing test log) counts as one failure of its own.
#
# Environment: ARTIFACTS (default ./ci-artifacts), FUZZ_SECONDS (60),
# PPV_BUILD (./build), PPV_ASAN_BUILD (./build-asan).

# No errexit, on purpose: a failing step must not end the run before the
# summary.  setup.sh leaves these options alone.
set -uo pipefail
export TZ=UTC LC_ALL=C.UTF-8

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
ARTIFACTS=${ARTIFACTS:-$root/ci-artifacts}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
status=0
logs=()

if ! mkdir -p "$ARTIFACTS"; then
  ARTIFACTS=$(mktemp -d "${TMPDIR:-/tmp}/ppv-artifacts.XXXXXX")
  echo "using $ARTIFACTS for the test logs instead"
fi

# Steps that are not tests themselves, one JSON line each in the format of
# meson's testlog.json, so the summary below counts them alike: the fuzz
# run always, setting up and building only when they fail.
steps="$ARTIFACTS/steps.json"
: >"$steps"
logs+=("$steps")

step_result () {   # NAME OK|FAIL
  printf '{"name": "%s", "result": "%s"}\n' "$1" "$2" >>"$steps"
  [ "$2" = OK ] || { echo "FAILED: $1"; status=1; }
}

# run_tests NAME BUILD COMMAND...: runs COMMAND (a meson test on BUILD,
# maybe inside xvfb-run), then keeps BUILD's log as testlog-NAME.json.
# The old log goes first, so a run that writes none shows as a missing
# log, never as the previous run's results.
run_tests () {
  local name=$1 build=$2
  shift 2
  rm -f "$build/meson-logs/testlog.json" "$ARTIFACTS/testlog-$name.json"
  "$@" || status=1
  cp "$build/meson-logs/testlog.json" "$ARTIFACTS/testlog-$name.json" || status=1
  logs+=("$ARTIFACTS/testlog-$name.json")
}

source "$here/setup.sh" || step_result setup-and-build FAIL
set +e   # whatever the sourced file did
PPV_BUILD=${PPV_BUILD:-$root/build}

ui_session=(xvfb-run -a -s "-screen 0 1280x1024x24 -noreset")
headless_suites=(--no-suite ui)

echo "== Tests (debugoptimized build) =="
run_tests headless "$PPV_BUILD" meson test -C "$PPV_BUILD" --print-errorlogs "${headless_suites[@]}"

echo "== UI tests (Xvfb + AT-SPI) =="
run_tests ui "$PPV_BUILD" "${ui_session[@]}" \
  dbus-run-session -- env GDK_BACKEND=x11 GSETTINGS_BACKEND=memory \
  meson test -C "$PPV_BUILD" --suite ui --num-processes 1 --print-errorlogs
cp -r "$PPV_BUILD/shots" "$ARTIFACTS/" 2>/dev/null || true

echo "== Tests under ASan + UBSan =="
ASAN_BUILD=${PPV_ASAN_BUILD:-$root/build-asan}
sanitizer_env=(env ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
# Instrumented code runs several times slower (the report test: 0.4 s
# plain, 13 s of CPU under ASan), so the timeouts stretch with it.
sanitizer_test=(meson test -C "$ASAN_BUILD" --print-errorlogs --timeout-multiplier 3)
if { [ -f "$ASAN_BUILD/build.ninja" ] ||
     meson setup "$ASAN_BUILD" "$root" --buildtype=debug \
       -Db_sanitize=address,undefined -Db_lundef=false; } &&
   ninja -C "$ASAN_BUILD"; then
  run_tests asan "$ASAN_BUILD" "${sanitizer_env[@]}" \
    "${sanitizer_test[@]}" "${headless_suites[@]}" --no-suite data

  # The in-process view tests too: the table's rows and the canvas have
  # lifetimes of their own.  (The AT-SPI tests drive separate processes.)
  echo "== In-process UI tests under ASan + UBSan =="
  run_tests asan-ui "$ASAN_BUILD" "${ui_session[@]}" "${sanitizer_env[@]}" GDK_BACKEND=x11 \
    "${sanitizer_test[@]}" --suite ui-inprocess
else
  step_result sanitizer-build FAIL
fi

echo "== libFuzzer, ${FUZZ_SECONDS}s =="
if "$root/tests/fuzz/run-fuzz.sh" "$FUZZ_SECONDS"; then
  step_result fuzz-read OK
else
  step_result fuzz-read FAIL
fi

# The count exits 3 when it found a failure.  Python is there whenever
# meson is; without it, say so rather than print no summary at all.
python3 - "${logs[@]}" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        failed += 1
        print("missing test log: " + path)
        continue
    for line in lines:
        if not line.strip():
            continue
        try:
            result = json.loads(line).get("result")
        except ValueError:
            result = None
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(3 if failed else 0)
PY
case $? in
  0) ;;
  3) status=1 ;;
  *) echo "0 passed, 1 failed, 0 skipped (the test logs could not be counted)"; status=1 ;;
esac
exit $status
