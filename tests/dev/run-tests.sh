#!/usr/bin/env bash
# run-tests.sh — set up, build and run every test: unit, reader, parity,
# fetch, layout, data and UI suites (the UI ones under Xvfb with a private
# D-Bus session), the same non-UI suites again in an AddressSanitizer +
# UndefinedBehaviorSanitizer build, and a bounded libFuzzer run.
# Ends with one line "N passed, M failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

export TZ=UTC LC_ALL=C.UTF-8
ARTIFACTS=${ARTIFACTS:-$PPV_ROOT/ci-artifacts}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
mkdir -p "$ARTIFACTS"
status=0
logs=()

headless_suites=(--no-suite ui)

echo "== Tests (debugoptimized build) =="
meson test -C "$PPV_BUILD" --print-errorlogs "${headless_suites[@]}" || status=1
cp "$PPV_BUILD/meson-logs/testlog.json" "$ARTIFACTS/testlog-headless.json" 2>/dev/null
logs+=("$ARTIFACTS/testlog-headless.json")

echo "== UI tests (Xvfb + AT-SPI) =="
xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  dbus-run-session -- env GDK_BACKEND=x11 GSETTINGS_BACKEND=memory \
  meson test -C "$PPV_BUILD" --suite ui --num-processes 1 --print-errorlogs || status=1
cp "$PPV_BUILD/meson-logs/testlog.json" "$ARTIFACTS/testlog-ui.json" 2>/dev/null
logs+=("$ARTIFACTS/testlog-ui.json")
cp -r "$PPV_BUILD/shots" "$ARTIFACTS/" 2>/dev/null || true

echo "== Tests under ASan + UBSan =="
ASAN_BUILD="$PPV_ROOT/build-asan"
if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
  meson setup "$ASAN_BUILD" "$PPV_ROOT" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
fi
if ninja -C "$ASAN_BUILD"; then
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C "$ASAN_BUILD" --print-errorlogs "${headless_suites[@]}" --no-suite data || status=1
  cp "$ASAN_BUILD/meson-logs/testlog.json" "$ARTIFACTS/testlog-asan.json" 2>/dev/null
  logs+=("$ARTIFACTS/testlog-asan.json")

  # The in-process view tests too: the table's rows and the canvas have
  # lifetimes of their own.  (The AT-SPI tests drive separate processes.)
  echo "== In-process UI tests under ASan + UBSan =="
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    env GDK_BACKEND=x11 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C "$ASAN_BUILD" --print-errorlogs --suite ui-inprocess || status=1
  cp "$ASAN_BUILD/meson-logs/testlog.json" "$ARTIFACTS/testlog-asan-ui.json" 2>/dev/null
  logs+=("$ARTIFACTS/testlog-asan-ui.json")
else
  echo "sanitizer build failed"
  status=1
fi

echo "== libFuzzer, ${FUZZ_SECONDS}s =="
fuzz_result="$ARTIFACTS/fuzz-result.json"
if "$PPV_ROOT/tests/fuzz/run-fuzz.sh" "$FUZZ_SECONDS"; then
  echo '{"name": "fuzz-read", "result": "OK"}' > "$fuzz_result"
else
  echo '{"name": "fuzz-read", "result": "FAIL"}' > "$fuzz_result"
  status=1
fi
logs+=("$fuzz_result")

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
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
exit $status
