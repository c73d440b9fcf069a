#!/bin/sh
# serve.sh — end to end: build a store with the real CLI, serve it with
# `nieuwsgraaf serve` on 127.0.0.1 and an ephemeral port, and speak the
# SPARQL 1.1 Protocol to it with curl.
. "$NG_SRCDIR/tests/lib.sh"

if [ "${CURL:-no}" = no ] || ! command -v "$CURL" >/dev/null 2>&1; then
  echo "1..0 # SKIP curl not found"
  exit 0
fi

MAX_QUERY=4096

# Who met whom.  ORDER BY makes the answers of the different transports
# byte-comparable.
Q_MET='SELECT ?n WHERE { ?m a ng:Meeting ; schema:attendee ?a . ?a schema:name ?n } ORDER BY ?n'
Q_ASK='ASK { ?m a ng:Meeting }'
JSON=application/sparql-results+json
XML=application/sparql-results+xml

# request ARGS... — curl against the server: sets STATUS and CTYPE (without
# parameters), leaves the body in $NG_TMP/body, the headers in
# $NG_TMP/headers.
request() {
  STATUS=$("$CURL" -sS --max-time 20 -o "$NG_TMP/body" -D "$NG_TMP/headers" \
             -w '%{http_code}' "$@" 2>"$NG_TMP/curl.err") || STATUS=000
  CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype:[[:space:]]*\([^;[:space:]]*\).*/\1/p' \
            "$NG_TMP/headers" | tail -n 1)
}

# The predicates say what they saw when they fail (shown by ok on failure).
status_is() {
  [ "$STATUS" = "$1" ] && return 0
  echo "status $STATUS, wanted $1"; head -c 600 "$NG_TMP/body"; echo
  cat "$NG_TMP/curl.err"
  return 1
}
ctype_is() {
  [ "$CTYPE" = "$1" ] || { echo "content type “$CTYPE”, wanted $1"; return 1; }
}
header_has() {
  grep -qi -- "^$1" "$NG_TMP/headers" || {
    echo "no header matching “$1”:"; cat "$NG_TMP/headers"; return 1; }
}
same_body() {
  cmp -s "$NG_TMP/body" "$1" || {
    echo "body differs from $1:"; diff "$1" "$NG_TMP/body" | head -20; return 1; }
}
error_text() {   # error_text PATTERN: a "nieuwsgraaf: …" text/plain message
  ctype_is text/plain || return 1
  grep -q '^nieuwsgraaf: ..*' "$NG_TMP/body" || {
    echo "not a nieuwsgraaf message:"; head -c 600 "$NG_TMP/body"; return 1; }
  grep -qi -- "$1" "$NG_TMP/body" || {
    echo "message does not mention “$1”:"; cat "$NG_TMP/body"; return 1; }
}

# ------------------------------------------------------------ the store
t_build() {
  A="$NG_TMP/articles"
  mkdir -p "$A"
  printf ' date 2019-06-30\nDe Amerikaanse president Donald Trump ontmoette Kim Jong-un in Panmunjom.\n' \
    > "$A/panmunjom.txt"
  printf ' date 2019-02-28\nIn Hanoi ontmoette Donald Trump opnieuw de Noord-Koreaanse leider Kim Jong-un.\n' \
    > "$A/hanoi.txt"
  set -- "$A/panmunjom.txt" "$A/hanoi.txt"
  for f in "$NG_SRCDIR"/examples/sample/*.txt; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  run_status 0 "$NG_TMP/build.out" "$NG_TMP/build.err" \
    "$NG_BIN" build --quiet --store "$NG_TMP/store" "$@"
}
ok "build a store from our two articles and the samples" t_build

# ------------------------------------------------------------ the server
# start_server ERRFILE ARGS... — starts `serve --port 0` in the background
# and waits (at most 10 s) for the endpoint line; sets SERVER_PID and PORT.
start_server() {
  err=$1
  shift
  ng_serve "$err" "$NG_TMP/store" "$@"
}

t_start() {
  start_server "$NG_TMP/serve.err" --max-query-bytes $MAX_QUERY
}
PORT=
ok "serve --port 0 announces its endpoint on 127.0.0.1" t_start
if [ -z "$PORT" ]; then
  echo "Bail out! the server did not start"
  exit 1
fi
BASE="http://127.0.0.1:$PORT"

# ------------------------------------------------------------ answers
t_get() {
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
  cp "$NG_TMP/body" "$NG_TMP/who.json"
  status_is 200 && ctype_is "$JSON" &&
    contains "$NG_TMP/body" 'Donald Trump' &&
    contains "$NG_TMP/body" 'Kim Jong-un'
}
ok "GET /sparql?query= answers who met whom in JSON" t_get

t_cors() { header_has 'Access-Control-Allow-Origin: \*'; }
ok "responses carry Access-Control-Allow-Origin: *" t_cors

t_post_query() {
  request -H "Accept: $JSON" -H 'Content-Type: application/sparql-query' \
    --data-binary "$Q_MET" "$BASE/sparql"
  status_is 200 && ctype_is "$JSON" && same_body "$NG_TMP/who.json"
}
ok "POST application/sparql-query gives the same answer" t_post_query

t_post_form() {
  request -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
  status_is 200 && ctype_is "$JSON" && same_body "$NG_TMP/who.json"
}
ok "POST application/x-www-form-urlencoded gives the same answer" t_post_form

t_xml() {
  request -G -H "Accept: $XML" --data-urlencode "query=$Q_MET" "$BASE/sparql"
  status_is 200 && ctype_is "$XML" && contains "$NG_TMP/body" '<sparql' &&
    contains "$NG_TMP/body" 'Kim Jong-un'
}
ok "Accept: $XML gives XML results" t_xml

t_format_param() {
  request -G --data-urlencode "query=$Q_MET" --data-urlencode 'format=csv' \
    "$BASE/sparql"
  status_is 200 && ctype_is text/csv && contains "$NG_TMP/body" 'Donald Trump'
}
ok "format=csv overrides the Accept header" t_format_param

t_construct() {
  request -G -H 'Accept: text/turtle' \
    --data-urlencode 'query=CONSTRUCT { ?a schema:name ?n } WHERE { ?a schema:name ?n }' \
    "$BASE/sparql"
  status_is 200 && ctype_is text/turtle && contains "$NG_TMP/body" 'Kim Jong-un'
}
ok "CONSTRUCT with Accept: text/turtle gives Turtle" t_construct

t_ask() {
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_ASK" "$BASE/sparql"
  status_is 200 && ctype_is "$JSON" &&
    contains "$NG_TMP/body" '"boolean"[[:space:]]*:[[:space:]]*true'
}
ok "ASK gives a JSON boolean" t_ask

# ------------------------------------------------------------ refusals
t_406() {
  request -G -H 'Accept: image/png' --data-urlencode "query=$Q_MET" "$BASE/sparql"
  status_is 406
}
ok "an Accept header we cannot satisfy gives 406" t_406

t_syntax() {
  request -G --data-urlencode 'query=SELECT ?n WHERE { ?a schema:name ?n ' \
    "$BASE/sparql"
  status_is 400 && error_text 'malformed\|syntax\|parse'
}
ok "a malformed query gives 400 naming the problem" t_syntax

# Rasqal's own engine pairs meetings with attendees of other meetings here;
# every row must be a real (meeting, attendee) pair.
t_optional() {
  request -G -H 'Accept: text/csv' --data-urlencode \
    'query=SELECT ?m ?a ?l WHERE { ?m a ng:Meeting ; schema:attendee ?a . OPTIONAL { ?m schema:location ?l } }' \
    "$BASE/sparql"
  status_is 200 || return 1
  opt_rows=$(($(wc -l < "$NG_TMP/body") - 1))
  request -G -H 'Accept: text/csv' --data-urlencode \
    'query=SELECT ?m ?a WHERE { ?m a ng:Meeting ; schema:attendee ?a }' "$BASE/sparql"
  status_is 200 || return 1
  pairs=$(($(wc -l < "$NG_TMP/body") - 1))
  [ "$opt_rows" -eq "$pairs" ] && [ "$pairs" -gt 0 ] || {
    echo "OPTIONAL gave $opt_rows rows for $pairs attendee pairs"; return 1; }
}
ok "OPTIONAL after a two-triple pattern gives one row per attendee pair" t_optional

t_unsupported() {
  request -G --data-urlencode \
    'query=SELECT ?x WHERE { SERVICE <http://example.org/sparql> { ?x ?p ?o } }' \
    "$BASE/sparql"
  status_is 400 && error_text SERVICE
}
ok "a query using SERVICE is refused with 400 naming it" t_unsupported

t_missing() {
  request "$BASE/sparql?format=json"
  status_is 400 && error_text query
}
ok "parameters without a query give 400" t_missing

t_service_description() {
  request "$BASE/sparql"
  status_is 200 && ctype_is text/turtle &&
    contains "$NG_TMP/body" 'sd:Service' &&
    contains "$NG_TMP/body" "sd:endpoint <http://127.0.0.1:$PORT/sparql>" || return 1
  if [ -n "$RAPPER" ] && [ "$RAPPER" != no ]; then
    "$RAPPER" -q -i turtle -c "$NG_TMP/body" || return 1
  fi
  grep -o 'sd:name <[^>]*>' "$NG_TMP/body" | head -n 1 | sed 's/sd:name <\(.*\)>/\1/' > "$NG_TMP/graph-iri"
  [ -s "$NG_TMP/graph-iri" ] || { echo "no named graph listed"; return 1; }
}
ok "GET /sparql without a query gives the service description (Turtle)" t_service_description

# The merged graph is the default graph; default-graph-uri names graphs to
# merge instead, named-graph-uri the graphs GRAPH may see.
t_dataset() {
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" \
    --data-urlencode 'default-graph-uri=urn:nieuwsgraaf:merged' "$BASE/sparql"
  status_is 200 && same_body "$NG_TMP/who.json" || return 1
  request -G -H 'Accept: text/csv' --data-urlencode "query=$Q_MET" \
    --data-urlencode 'default-graph-uri=http://example.org/none' "$BASE/sparql"
  status_is 200 || return 1
  [ "$(wc -l < "$NG_TMP/body")" -eq 1 ] || { echo "rows from a graph that does not exist"; return 1; }
  g=$(cat "$NG_TMP/graph-iri")
  request -G -H 'Accept: text/csv' \
    --data-urlencode 'query=SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }' \
    --data-urlencode "named-graph-uri=$g" "$BASE/sparql"
  status_is 200 && [ "$(wc -l < "$NG_TMP/body")" -eq 2 ] && contains "$NG_TMP/body" "$g"
}
ok "default-graph-uri and named-graph-uri select the dataset" t_dataset

t_health() {
  request "$BASE/health"
  status_is 200 && ctype_is application/json && contains "$NG_TMP/body" '"status": "ok"'
}
ok "GET /health answers ok" t_health

t_data() {
  request -H 'Accept: text/turtle' "$BASE/data?default"
  status_is 200 && ctype_is text/turtle && contains "$NG_TMP/body" 'Kim Jong-un' || return 1
  if [ -n "$RAPPER" ] && [ "$RAPPER" != no ]; then
    "$RAPPER" -q -i turtle -c "$NG_TMP/body" || return 1
  fi
  request -G -H 'Accept: application/n-triples' --data-urlencode "graph=$(cat "$NG_TMP/graph-iri")" "$BASE/data"
  status_is 200 && ctype_is application/n-triples || return 1
  request -G --data-urlencode 'graph=http://example.org/none' "$BASE/data"
  status_is 404 || return 1
  request "$BASE/data"
  status_is 400
}
ok "Graph Store Protocol reads: /data?default and /data?graph=IRI" t_data

t_update() {
  request --data-urlencode 'update=INSERT DATA { <a:b> <a:c> <a:d> }' "$BASE/sparql"
  status_is 403 && error_text 'read-only' || return 1
  request -H 'Content-Type: application/sparql-update' \
    --data-binary 'INSERT DATA { <a:b> <a:c> <a:d> }' "$BASE/sparql"
  status_is 403 || return 1
  request -G --data-urlencode 'update=INSERT DATA { <a:b> <a:c> <a:d> }' "$BASE/sparql"
  status_is 405
}
ok "updates: 403 when POSTed, 405 as GET" t_update

t_415() {
  request -H 'Content-Type: text/plain' --data-binary "$Q_MET" "$BASE/sparql"
  status_is 415
}
ok "POST with another Content-Type gives 415" t_415

t_404() {
  request "$BASE/nonexistent" && status_is 404 || return 1
  request "$BASE/sparql/more" && status_is 404
}
ok "GET /nonexistent and /sparql/more give 404" t_404

t_405() {
  request -X PUT -H 'Content-Type: application/sparql-query' \
    --data-binary "$Q_MET" "$BASE/sparql"
  status_is 405 && header_has 'Allow: GET, POST, OPTIONS'
}
ok "PUT /sparql gives 405 with Allow: GET, POST, OPTIONS" t_405

# A query one byte over the limit, padded with a comment.
BIG=$(awk -v n=$MAX_QUERY 'BEGIN { s = "ASK { ?s ?p ?o } #"; while (length (s) <= n) s = s "x"; print s }')
t_413() {
  request -H 'Content-Type: application/sparql-query' --data-binary "$BIG" \
    "$BASE/sparql"
  status_is 413 || return 1
  request -G --data-urlencode "query=$BIG" "$BASE/sparql"
  status_is 413 || return 1
  # Chunked, so that only the body itself tells the size.
  request -H 'Content-Type: application/sparql-query' \
    -H 'Transfer-Encoding: chunked' --data-binary "$BIG" "$BASE/sparql"
  status_is 413
}
ok "a query over --max-query-bytes gives 413 (POST, GET, chunked)" t_413

t_preflight() {
  request -X OPTIONS -H 'Origin: http://example.org' \
    -H 'Access-Control-Request-Method: POST' \
    -H 'Access-Control-Request-Headers: Content-Type' "$BASE/sparql"
  status_is 204 && header_has 'Access-Control-Allow-Origin: \*' &&
    header_has 'Access-Control-Allow-Methods:.*POST' &&
    header_has 'Access-Control-Allow-Headers:.*Content-Type'
}
ok "OPTIONS /sparql answers the CORS preflight" t_preflight

# ------------------------------------------------------------ still alive
t_alive() {
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$BASE/sparql"
  status_is 200 && same_body "$NG_TMP/who.json"
}
ok "the server still answers the same after all the errors" t_alive

t_home() {
  request "$BASE/"
  status_is 200 && ctype_is text/html && contains "$NG_TMP/body" '<textarea' &&
    contains "$NG_TMP/body" '[0-9][0-9]* triples' &&
    contains "$NG_TMP/body" 'Wie ontmoette wie, wanneer en waar' &&
    contains "$NG_TMP/body" 'All meetings of Kim Jong-un' &&
    contains "$NG_TMP/body" 'Sancties tegen Noord-Korea'
}
ok "GET / shows a query form, the triple count and the examples in Dutch and English" t_home

# Each example the page offers runs and answers rows.
t_examples() {
  for f in "$NG_SRCDIR"/examples/queries/*.rq; do
    grep -q '^# nl:' "$f" || continue
    request -H 'Accept: text/csv' -H 'Content-Type: application/sparql-query' \
      --data-binary "@$f" "$BASE/sparql"
    status_is 200 || { echo "in $f"; return 1; }
  done
  request -H 'Accept: text/csv' -H 'Content-Type: application/sparql-query' \
    --data-binary "@$NG_SRCDIR/examples/queries/who-met-whom.rq" "$BASE/sparql"
  contains "$NG_TMP/body" 'Donald Trump,Kim Jong-un,'
}
ok "the example queries run" t_examples

t_log() {
  contains "$NG_TMP/serve.err" 'GET /sparql 200 ' &&
    contains "$NG_TMP/serve.err" 'PUT /sparql 405 ' &&
    lacks "$NG_TMP/serve.err" 'schema:attendee'
}
ok "one log line per request, without the query text" t_log

t_stop() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID"
  rc=$?
  SERVER_PID=
  [ "$rc" = 0 ] || { echo "exit status $rc after SIGTERM"; return 1; }
}
ok "SIGTERM stops the server with exit 0" t_stop

t_quiet() {
  start_server "$NG_TMP/quiet.err" --quiet || return 1
  request -G --data-urlencode "query=$Q_ASK" "http://127.0.0.1:$PORT/sparql"
  status_is 200 || return 1
  stop_server
  [ "$(wc -l < "$NG_TMP/quiet.err")" -eq 1 ] || {
    echo "--quiet printed more than the endpoint line:"; cat "$NG_TMP/quiet.err"
    return 1; }
}
ok "with --quiet only the endpoint line is printed" t_quiet

# A runaway query is stopped by the time limit (503) or the solution limit
# (503) while the other workers keep answering.
t_limits() {
  start_server "$NG_TMP/limit.err" --timeout 2 --workers 2 || return 1
  L="http://127.0.0.1:$PORT"
  "$CURL" -sS -o "$NG_TMP/slow.body" -w '%{http_code}' --max-time 60 -G \
    --data-urlencode 'query=SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }' \
    "$L/sparql" > "$NG_TMP/slow.status" 2>&1 &
  slow=$!
  # meanwhile a small query on the other worker is answered
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_ASK" "$L/sparql"
  status_is 200 || { kill $slow; wait $slow; stop_server; return 1; }
  wait $slow
  [ "$(cat "$NG_TMP/slow.status")" = 503 ] || {
    echo "runaway query: $(cat "$NG_TMP/slow.status")"; cat "$NG_TMP/slow.body"; stop_server; return 1; }
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_MET" "$L/sparql"
  status_is 200 && same_body "$NG_TMP/who.json"
  stop_server
}
ok "a runaway query gets 503; the server keeps answering others meanwhile and after" t_limits

# --max-solutions: a query needing more intermediate solutions is refused
# (503, the message names the limit); smaller ones are answered.
t_max_solutions() {
  start_server "$NG_TMP/maxsol.err" --max-solutions 50 || return 1
  L="http://127.0.0.1:$PORT"
  request -G -H "Accept: $JSON" --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' "$L/sparql"
  status_is 503 && contains "$NG_TMP/body" "more than 50 intermediate solutions" ||
    { stop_server; return 1; }
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_ASK" "$L/sparql"
  status_is 200 || { stop_server; return 1; }
  stop_server
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" "$NG_BIN" serve --store "$NG_TMP/store" --port 0 --max-solutions 0
}
ok "serve --max-solutions refuses bigger queries with 503 and answers the others" t_max_solutions

# A build by another process while the server runs: the server notices the
# new merged generation (it checks the store's CURRENT every 2 s) and
# answers from it, with no stale cached answer, /graph included.
t_rebuilt() {
  start_server "$NG_TMP/rebuilt.err" || return 1
  L="http://127.0.0.1:$PORT"
  Q_NEW='ASK { ?a <https://w3id.org/nieuwsgraaf/ontology#sourceFile> ?f FILTER(STRENDS(?f, "/biarritz.txt")) }'
  request -G -H "Accept: $JSON" --data-urlencode "query=$Q_NEW" "$L/sparql"
  status_is 200 && contains "$NG_TMP/body" '"boolean" *: *false' || { stop_server; return 1; }
  request "$L/graph?view=full&format=cytoscape"
  status_is 200 && lacks "$NG_TMP/body" 'Biarritz' || { stop_server; return 1; }
  printf ' date 2019-08-25\nIn Biarritz sprak Donald Trump met Kim Jong-un over een nieuwe top.\n' \
    > "$NG_TMP/articles/biarritz.txt"
  "$NG_BIN" build --quiet --store "$NG_TMP/store" "$NG_TMP/articles/biarritz.txt" ||
    { stop_server; return 1; }
  i=0
  while [ $i -lt 50 ]; do
    request -G -H "Accept: $JSON" --data-urlencode "query=$Q_NEW" "$L/sparql"
    grep -q '"boolean" *: *true' "$NG_TMP/body" && break
    sleep 0.2; i=$((i + 1))
  done
  contains "$NG_TMP/body" '"boolean" *: *true' || { stop_server; return 1; }
  request "$L/graph?view=full&format=cytoscape"
  status_is 200 && contains "$NG_TMP/body" 'Biarritz' || { stop_server; return 1; }
  contains "$NG_TMP/rebuilt.err" 'built again'
  stop_server
}
ok "a build by another process is served within seconds, /graph included" t_rebuilt

finish
