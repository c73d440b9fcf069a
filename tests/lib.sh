# lib.sh — TAP helpers for the end-to-end tests (sourced).
# Environment from make check: NG_BIN, NG_SRCDIR, NG_DATA_DIR, RAPPER, CURL.
: "${NG_BIN:?run through make check}"
NG_TAP_N=0
NG_TAP_FAILED=0
NG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ng-e2e-XXXXXX")
ng_cleanup() {
  for h in $ng_cleanup_hooks; do "$h" || true; done
  rm -rf "$NG_TMP"
}
trap ng_cleanup EXIT INT TERM

# A server a test starts in the background sets SERVER_PID (the binary's
# own pid, not a subshell's); stop_server stops it, also on exit.
SERVER_PID=
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null
  SERVER_PID=
}
ng_cleanup_hooks="stop_server"

# ng_serve ERRFILE STORE ARGS... — starts `nieuwsgraaf serve --port 0` (the
# binary itself, in the background) and waits at most 10 s for its endpoint
# line; sets SERVER_PID, PORT and URL (http://127.0.0.1:PORT).
ng_serve() {
  ng_serve_err=$1 ng_serve_store=$2
  shift 2
  PORT= URL=
  # emptied here, not only by the redirection below: the background
  # process truncates it when it gets to run, and until then a file a
  # server before left would give that server's port
  : > "$ng_serve_err"
  "$NG_BIN" serve --store "$ng_serve_store" --port 0 "$@" \
    > "$NG_TMP/serve.out" 2> "$ng_serve_err" &
  SERVER_PID=$!
  i=0
  while [ $i -lt 100 ]; do
    PORT=$(sed -n 's|^nieuwsgraaf: SPARQL endpoint at http://127\.0\.0\.1:\([0-9][0-9]*\)/sparql$|\1|p' \
             "$ng_serve_err" | head -n 1)
    if [ -n "$PORT" ] && [ "$PORT" -gt 0 ]; then URL="http://127.0.0.1:$PORT"; return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  echo "no 'SPARQL endpoint at' line within 10 s:"; cat "$ng_serve_err"
  return 1
}

ok() {   # ok NAME COMMAND... : passes when COMMAND exits 0
  name=$1; shift
  NG_TAP_N=$((NG_TAP_N + 1))
  if "$@" > "$NG_TMP/last.out" 2>&1; then
    echo "ok $NG_TAP_N - $name"
  else
    echo "not ok $NG_TAP_N - $name"
    sed 's/^/# /' "$NG_TMP/last.out" | head -20
    NG_TAP_FAILED=$((NG_TAP_FAILED + 1))
  fi
}

# run EXPECTED_STATUS OUT ERR CMD... : runs CMD, stdout/stderr to files, checks status
run_status() {
  want=$1 out=$2 err=$3; shift 3
  "$@" > "$out" 2> "$err"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "exit status $got, wanted $want: $*"; cat "$err"; return 1
  fi
  return 0
}

contains() { grep -q -- "$2" "$1" || { echo "“$2” not in $1:"; head -c 2000 "$1"; return 1; }; }
lacks() { ! grep -q -- "$2" "$1" || { echo "“$2” unexpectedly in $1"; return 1; }; }

finish() {
  echo "1..$NG_TAP_N"
  [ "$NG_TAP_FAILED" = 0 ]
}
