#!/bin/sh
# serve.sh — end to end: build a store with the real CLI, serve it with
# `nieuwsgraaf serve` on 127.0.0.1 and an ephemeral port, and speak the
# SPARQL 1.1 Protocol to it with curl.  TAP output for automake's tap-driver.
#
# Environment (set by `make check`): NG_BIN, NG_SRCDIR, NG_DATA_DIR, CURL.

set -u

NG_BIN=${NG_BIN:?NG_BIN must name the nieuwsgraaf binary}
NG_SRCDIR=${NG_SRCDIR:-.}
CURL=${CURL:-curl}
export NG_DATA_DIR

if [ "$CURL" = no ] || ! command -v "$CURL" >/dev/null 2>&1; then
  echo "1..0 # SKIP curl not found"
  exit 0
fi

MAX_QUERY=4096
T=$(mktemp -d "${TMPDIR:-/tmp}/ng-serve.XXXXXX") || {
  echo "Bail out! cannot create a temporary directory"; exit 1; }
SERVER_PID=

cleanup () {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

echo "1..31"
n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

# check NAME COMMAND... — one test from the exit status of COMMAND.
check () {
  name=$1
  shift
  if "$@"; then
    ok "$name"
  else
    not_ok "$name" "failed: $*" "status: ${STATUS-} content-type: ${CTYPE-}" \
      "body: $(head -c 600 "$T/body" 2>/dev/null | tr '\n' ' ')"
  fi
}

bail () {
  echo "Bail out! $*"
  if [ -s "$T/serve.err" ]; then
    sed 's/^/# /' "$T/serve.err" | head -20
  fi
  exit 1
}

# request ARGS... — runs curl against the server; sets STATUS and CTYPE and
# leaves the body in $T/body and the response headers in $T/headers.
request () {
  STATUS=$("$CURL" -sS --max-time 20 -o "$T/body" -D "$T/headers" \
             -w '%{http_code}' "$@" 2>"$T/curl.err") || STATUS=000
  CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype:[[:space:]]*\([^;[:space:]]*\).*/\1/p' \
            "$T/headers" | tail -n 1)
}

status_is () { [ "$STATUS" = "$1" ]; }
ctype_is () { [ "$CTYPE" = "$1" ]; }
body_has () { grep -q -- "$1" "$T/body"; }
body_has_i () { grep -qi -- "$1" "$T/body"; }
header_has () { grep -qi -- "^$1" "$T/headers"; }
same_body () { cmp -s "$T/body" "$1"; }
is_error_text () {
  ctype_is text/plain && grep -q '^nieuwsgraaf: ..*' "$T/body"
}

# ------------------------------------------------------------ the store
mkdir -p "$T/articles"
printf ' date 2019-06-30\nDe Amerikaanse president Donald Trump ontmoette Kim Jong-un in Panmunjom.\n' \
  >"$T/articles/panmunjom.txt"
printf ' date 2019-02-28\nIn Hanoi ontmoette Donald Trump opnieuw de Noord-Koreaanse leider Kim Jong-un.\n' \
  >"$T/articles/hanoi.txt"
set -- "$T/articles/panmunjom.txt" "$T/articles/hanoi.txt"
for f in "$NG_SRCDIR"/examples/sample/*.txt; do
  [ -f "$f" ] && set -- "$@" "$f"
done

"$NG_BIN" build --quiet --store "$T/store" "$@" >"$T/build.out" 2>"$T/build.err"
rc=$?
# 1 = some sample article failed; ours are checked through the queries below.
if [ $rc -eq 0 ] || [ $rc -eq 1 ]; then
  ok "build a store from $# articles (exit $rc)"
else
  sed 's/^/# /' "$T/build.err" | head -20
  bail "nieuwsgraaf build failed with exit $rc"
fi

# ------------------------------------------------------------ the server
"$NG_BIN" serve --store "$T/store" --port 0 --max-query-bytes $MAX_QUERY \
  >"$T/serve.out" 2>"$T/serve.err" &
SERVER_PID=$!

PORT=
i=0
while [ $i -lt 100 ]; do
  PORT=$(sed -n 's|.*SPARQL endpoint at http://127\.0\.0\.1:\([0-9][0-9]*\)/sparql.*|\1|p' \
           "$T/serve.err" | head -n 1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
  i=$((i + 1))
done
if [ -n "$PORT" ] && [ "$PORT" -gt 0 ]; then
  ok "server announces its endpoint on 127.0.0.1 port $PORT"
else
  bail "server did not announce 'SPARQL endpoint at' within 10 s"
fi
BASE="http://127.0.0.1:$PORT"

# Who met whom.  ORDER BY makes the answers of the different transports
# byte-comparable.
Q_MET='SELECT ?n WHERE { ?m a ng:Meeting ; schema:attendee ?a . ?a schema:name ?n } ORDER BY ?n'
Q_ASK='ASK { ?m a ng:Meeting }'
JSON=application/sparql-results+json
XML=application/sparql-results+xml

# ------------------------------------------------------------ GET
request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
cp "$T/body" "$T/get.json"
check "GET /sparql?query= answers 200" status_is 200
check "GET answer is $JSON" ctype_is "$JSON"
check "GET answer names Donald Trump" body_has 'Donald Trump'
check "GET answer names Kim Jong-un" body_has 'Kim Jong-un'
check "every response carries Access-Control-Allow-Origin: *" \
  header_has 'Access-Control-Allow-Origin: \*'

# ------------------------------------------------------------ POST
request -H "Accept: $JSON" -H 'Content-Type: application/sparql-query' \
  --data-binary "$Q_MET" "$BASE/sparql"
check "POST application/sparql-query answers 200 with the same results" \
  eval 'status_is 200 && ctype_is "$JSON" && same_body "$T/get.json"'

request -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
check "POST application/x-www-form-urlencoded answers 200 with the same results" \
  eval 'status_is 200 && ctype_is "$JSON" && same_body "$T/get.json"'

# ------------------------------------------------------------ formats
request -G -H "Accept: $XML" --data-urlencode "query=$Q_MET" "$BASE/sparql"
check "Accept: $XML gives XML results" \
  eval 'status_is 200 && ctype_is "$XML" && body_has "<sparql" && body_has "Kim Jong-un"'

request -G --data-urlencode "query=$Q_MET" --data-urlencode 'format=csv' \
  "$BASE/sparql"
check "format=csv gives text/csv" \
  eval 'status_is 200 && ctype_is text/csv && body_has "Donald Trump"'

request -G -H "Accept: $JSON" --data-urlencode "query=$Q_ASK" "$BASE/sparql"
check "ASK gives a JSON boolean" \
  eval 'status_is 200 && ctype_is "$JSON" && body_has "\"boolean\"[[:space:]]*:[[:space:]]*true"'

request -G -H 'Accept: image/png' --data-urlencode "query=$Q_MET" "$BASE/sparql"
check "an Accept header we cannot satisfy gives 406" status_is 406

# ------------------------------------------------------------ client errors
request -G --data-urlencode 'query=SELECT ?n WHERE { ?a schema:name ?n ' \
  "$BASE/sparql"
check "a malformed query gives 400" status_is 400
check "... with a text message naming the problem" \
  eval 'is_error_text && body_has_i "syntax\|parse\|expect\|unexpected"'

request -G --data-urlencode \
  'query=SELECT ?n ?d WHERE { ?a schema:name ?n OPTIONAL { ?a schema:description ?d } }' \
  "$BASE/sparql"
check "a query using OPTIONAL is refused with 400" status_is 400
check "... and the message names OPTIONAL" \
  eval 'is_error_text && body_has OPTIONAL'

request "$BASE/sparql"
check "a missing query parameter gives 400 naming 'query'" \
  eval 'status_is 400 && is_error_text && body_has query'

request -G --data-urlencode "query=$Q_MET" \
  --data-urlencode 'default-graph-uri=http://example.org/g' "$BASE/sparql"
check "dataset selection (default-graph-uri) gives 400" \
  eval 'status_is 400 && body_has dataset'

request -H 'Content-Type: text/plain' --data-binary "$Q_MET" "$BASE/sparql"
check "POST with another Content-Type gives 415" status_is 415

request "$BASE/nonexistent"
check "GET /nonexistent gives 404" status_is 404

request -X PUT -H 'Content-Type: application/sparql-query' \
  --data-binary "$Q_MET" "$BASE/sparql"
check "PUT /sparql gives 405 with Allow: GET, POST, OPTIONS" \
  eval 'status_is 405 && header_has "Allow: GET, POST, OPTIONS"'

# A query one byte over the limit, padded with a comment.
BIG=$(awk -v n=$MAX_QUERY 'BEGIN { s = "ASK { ?s ?p ?o } #"; while (length (s) <= n) s = s "x"; print s }')
request -H 'Content-Type: application/sparql-query' --data-binary "$BIG" \
  "$BASE/sparql"
check "a POSTed query over --max-query-bytes gives 413" status_is 413

request -G --data-urlencode "query=$BIG" "$BASE/sparql"
check "a GET query over --max-query-bytes gives 413" status_is 413

# Sent chunked, so that only the body itself shows the size.
request -H 'Content-Type: application/sparql-query' \
  -H 'Transfer-Encoding: chunked' --data-binary "$BIG" "$BASE/sparql"
check "a chunked query over --max-query-bytes gives 413" status_is 413

# ------------------------------------------------------------ CORS
request -X OPTIONS -H 'Origin: http://example.org' \
  -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: Content-Type' "$BASE/sparql"
check "OPTIONS /sparql answers the CORS preflight" \
  eval 'status_is 204 && header_has "Access-Control-Allow-Origin: \*" &&
        header_has "Access-Control-Allow-Methods:.*POST" &&
        header_has "Access-Control-Allow-Headers:.*Content-Type"'

# ------------------------------------------------------------ still alive
request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
check "the server still answers correctly after all the errors" \
  eval 'status_is 200 && same_body "$T/get.json"'

request "$BASE/"
check "GET / shows the query form with the triple count" \
  eval 'status_is 200 && ctype_is text/html && body_has "<textarea" &&
        body_has "[0-9][0-9]* triples"'

check "the request log has one line per request" \
  grep -q 'GET /sparql 200 ' "$T/serve.err"

if grep -q 'schema:attendee' "$T/serve.err"; then
  not_ok "the request log leaves queries out" "$(grep -m1 attendee "$T/serve.err")"
else
  ok "the request log leaves queries out"
fi

# ------------------------------------------------------------ shutdown
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
rc=$?
SERVER_PID=
check "SIGTERM stops the server with exit 0 (got $rc)" [ $rc -eq 0 ]

if [ $failed -ne 0 ]; then
  echo "# server log:"
  sed 's/^/#   /' "$T/serve.err" | tail -n 40
fi
exit 0
