#!/bin/sh
# update.sh — end to end: SPARQL Update through `nieuwsgraaf serve` with an
# update token (curl and Python SPARQLWrapper) and through `nieuwsgraaf
# update`; updates survive restarts and rebuilds (the curation log).
. "$NG_SRCDIR/tests/lib.sh"

if [ "${CURL:-no}" = no ] || ! command -v "$CURL" >/dev/null 2>&1; then
  echo "1..0 # SKIP curl not found"
  exit 0
fi

PY=/usr/bin/python3
TOKEN=nieuwsgraaf-test-token-$$-4711

# start_server ERRFILE ARGS... — `serve --port 0` in the background; waits
# for the endpoint line, sets SERVER_PID, PORT and U.
start_server() {
  err=$1
  shift
  ng_serve "$err" "$NG_TMP/store" --workers 2 "$@" && U="$URL/sparql"
}

request() {   # sets STATUS; body in $NG_TMP/body, headers in $NG_TMP/headers
  STATUS=$("$CURL" -sS --max-time 60 -o "$NG_TMP/body" -D "$NG_TMP/headers" \
             -w '%{http_code}' "$@" 2>"$NG_TMP/curl.err") || STATUS=000
}
status_is() {
  [ "$STATUS" = "$1" ] && return 0
  echo "status $STATUS, wanted $1"; head -c 600 "$NG_TMP/body"; echo; cat "$NG_TMP/curl.err"
  return 1
}
update() {    # update TEXT [CURL ARGS…]: POST application/sparql-update with the token
  text=$1; shift
  request -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/sparql-update' \
    --data-binary "$text" "$@" "$U"
}
# count WHERE: the number of solutions of WHERE, asked twice (two workers)
count() {
  for _ in 1 2; do
    request -G -H 'Accept: text/csv' --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { $1 }" "$U"
    [ "$STATUS" = 200 ] || { echo "count: status $STATUS"; cat "$NG_TMP/body"; return 1; }
  done
  tail -n 1 "$NG_TMP/body" | tr -d '\r'
}
count_is() {  # count_is WHERE N
  got=$(count "$1") || { echo "$got"; return 1; }
  [ "$got" = "$2" ] || { echo "$1: $got solutions, wanted $2"; return 1; }
}

CURATED='<https://example.org/curated/1> schema:name "Door een redacteur toegevoegd"'
LOC='?m a ng:Meeting ; schema:location ?l'

# ------------------------------------------------------------ store, server
t_build() {
  A="$NG_TMP/articles"
  mkdir -p "$A"
  printf ' date 2019-06-30\nDe Amerikaanse president Donald Trump ontmoette Kim Jong-un in Panmunjom.\n' \
    > "$A/panmunjom.txt"
  printf ' date 2019-02-28\nIn Hanoi ontmoette Donald Trump opnieuw de Noord-Koreaanse leider Kim Jong-un.\n' \
    > "$A/hanoi.txt"
  run_status 0 "$NG_TMP/build.out" "$NG_TMP/build.err" \
    "$NG_BIN" build --quiet --store "$NG_TMP/store" "$A/panmunjom.txt"
}
ok "build a store from one article" t_build

t_start() {
  umask 077
  printf '%s\n' "$TOKEN" > "$NG_TMP/token"
  start_server "$NG_TMP/serve.err" --update-token-file "$NG_TMP/token" || return 1
  contains "$NG_TMP/serve.err" 'SPARQL Update accepted'
}
ok "serve --update-token-file announces that it accepts updates" t_start
[ -n "$PORT" ] || { finish; exit 1; }

t_describe() {
  request "$U"; status_is 200 || return 1
  contains "$NG_TMP/body" 'sd:SPARQL11Update'
}
ok "the service description advertises SPARQL 1.1 Update" t_describe

t_auth() {
  before=$(count "$LOC") || return 1
  request -H 'Content-Type: application/sparql-update' --data-binary "INSERT DATA { $CURATED }" "$U"
  status_is 401 || return 1
  grep -qi '^WWW-Authenticate: Bearer' "$NG_TMP/headers" || { cat "$NG_TMP/headers"; return 1; }
  request -H 'Authorization: Bearer not-the-token' --data-urlencode "update=INSERT DATA { $CURATED }" "$U"
  status_is 403 || return 1
  grep -qi '^WWW-Authenticate: Bearer.*invalid_token' "$NG_TMP/headers" || { cat "$NG_TMP/headers"; return 1; }
  request -G -H "Authorization: Bearer $TOKEN" --data-urlencode "update=INSERT DATA { $CURATED }" "$U"
  status_is 405 || return 1
  count_is "$CURATED" 0 && count_is "$LOC" "$before"
}
ok "updates without the token (401), with a wrong one (403) or as GET (405) change nothing" t_auth

t_insert() {
  count_is "$CURATED" 0 || return 1     # answered and cached before the update
  update "INSERT DATA { $CURATED }"; status_is 200 || return 1
  contains "$NG_TMP/body" 'update applied' || return 1
  count_is "$CURATED" 1
}
ok "INSERT DATA with the token, then every worker's SELECT sees it" t_insert

t_delete_where() {
  n=$(count "$LOC") || return 1
  [ "$n" -ge 1 ] || { echo "the article gave no meeting with a location"; return 1; }
  meetings=$(count '?m a ng:Meeting') || return 1
  attendees=$(count '?m schema:attendee ?a') || return 1
  request -H "Authorization: Bearer $TOKEN" \
    --data-urlencode 'update=DELETE WHERE { ?m a ng:Meeting ; schema:location ?l }' "$U"
  status_is 200 || return 1
  # the matched triples go (type and location of the meetings with a
  # location), the others stay
  count_is '?m schema:location ?l' 0 || return 1
  count_is '?m a ng:Meeting' $((meetings - n)) && count_is '?m schema:attendee ?a' "$attendees"
}
ok "DELETE WHERE (a form with update=) removes a merged fact" t_delete_where

t_bad() {
  update "INSERT DATA { <https://example.org/a> schema:name }"; status_is 400 || return 1
  contains "$NG_TMP/body" 'line 1' || return 1
  update 'LOAD <https://example.org/data.ttl>'; status_is 400 || return 1
  contains "$NG_TMP/body" 'LOAD is refused' || return 1
  update 'INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> schema:name "x" } }'
  status_is 400 || return 1
  contains "$NG_TMP/body" 'only the default graph' || return 1
  request -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/sparql-update' \
    --data-binary "INSERT DATA { $CURATED }" "$U?using-graph-uri=urn%3Anieuwsgraaf%3Amerged"
  status_is 400 || return 1
  contains "$NG_TMP/body" 'using-graph-uri' || return 1
  head -c 70000 /dev/zero | tr '\0' ' ' > "$NG_TMP/big.ru"
  echo "INSERT DATA { $CURATED }" >> "$NG_TMP/big.ru"
  stop_server
  start_server "$NG_TMP/serve2.err" --update-token-file "$NG_TMP/token" --max-query-bytes 65536 || return 1
  update "@$NG_TMP/big.ru"; status_is 413 || return 1
  [ "$(grep -c '^#@nieuwsgraaf-update' "$NG_TMP/store/curation.ru")" = 2 ] || {
    echo "the log has other records than the two accepted updates:"; cat "$NG_TMP/store/curation.ru"; return 1; }
}
ok "bad updates: 400 with the parser's message, LOAD and named graphs refused, 413 over the limit; none logged" t_bad

t_busy() {
  command -v flock >/dev/null 2>&1 || { echo "# SKIP no flock(1)"; return 0; }
  flock "$NG_TMP/store/LOCK" sh -c "touch '$NG_TMP/held'; sleep 4" &
  holder=$!
  i=0
  while [ ! -f "$NG_TMP/held" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
  update "INSERT DATA { <https://example.org/busy> schema:name \"x\" }"
  wait $holder
  status_is 503 || return 1
  grep -qi '^Retry-After:' "$NG_TMP/headers" || { cat "$NG_TMP/headers"; return 1; }
  count_is '<https://example.org/busy> ?p ?o' 0
}
ok "while another process writes the store: 503 with Retry-After" t_busy

t_restart() {
  stop_server
  start_server "$NG_TMP/serve3.err" || return 1
  count_is "$CURATED" 1 && count_is "$LOC" 0 || return 1
  # without a token configured, updates stay refused
  update "DELETE DATA { $CURATED }"; status_is 403 || return 1
  count_is "$CURATED" 1
}
ok "after a restart the updates are still there (and without a token: 403)" t_restart

t_rebuild() {
  stop_server
  run_status 0 "$NG_TMP/build2.out" "$NG_TMP/build2.err" \
    "$NG_BIN" build --quiet --store "$NG_TMP/store" "$NG_TMP/articles/hanoi.txt" || return 1
  start_server "$NG_TMP/serve4.err" --update-token-file "$NG_TMP/token" || return 1
  # the log is replayed on the new merged graph: the curated name is there,
  # and DELETE WHERE also matched the new meeting (type and location gone),
  # while its attendees, from the new article, are there
  count_is "$CURATED" 1 && count_is '?m schema:location ?l' 0 || return 1
  count_is '?m a ng:Meeting' 0 || return 1
  n=$(count 'SELECT DISTINCT ?m WHERE { ?m schema:attendee ?a }') || return 1
  [ "$n" -ge 2 ] || { echo "$n meetings with attendees after the rebuild, wanted 2"; return 1; }
}
ok "nieuwsgraaf build of another article: the curation log is applied again" t_rebuild

t_sparqlwrapper() {
  "$PY" -c 'import SPARQLWrapper' 2>/dev/null || { echo "# SKIP no SPARQLWrapper"; return 0; }
  "$PY" - "$U" "$TOKEN" <<'EOF' || return 1
import sys
from SPARQLWrapper import SPARQLWrapper, JSON, POST
s = SPARQLWrapper(sys.argv[1], updateEndpoint=sys.argv[1])
s.setMethod(POST)
s.addCustomHttpHeader("Authorization", "Bearer " + sys.argv[2])
s.setQuery('PREFIX schema: <http://schema.org/> '
           'INSERT DATA { <https://example.org/wrapper> schema:name "Via SPARQLWrapper" }')
r = s.query()
assert r.response.status in (200, 204), r.response.status
q = SPARQLWrapper(sys.argv[1])
q.setReturnFormat(JSON)
q.setQuery('SELECT ?n WHERE { <https://example.org/wrapper> <http://schema.org/name> ?n }')
rows = q.query().convert()["results"]["bindings"]
assert [b["n"]["value"] for b in rows] == ["Via SPARQLWrapper"], rows
EOF
}
ok "Python SPARQLWrapper sends an update with the token, then reads it back" t_sparqlwrapper

t_cli() {
  stop_server
  printf 'PREFIX ex: <https://example.org/>\nDELETE DATA { ex:wrapper schema:name "Via SPARQLWrapper" }\n' \
    > "$NG_TMP/undo.ru"
  run_status 0 "$NG_TMP/cli.out" "$NG_TMP/cli.err" \
    "$NG_BIN" update --store "$NG_TMP/store" "$NG_TMP/undo.ru" || return 1
  echo 'INSERT DATA { <https://example.org/a> schema:name }' > "$NG_TMP/bad.ru"
  run_status 1 "$NG_TMP/cli.out" "$NG_TMP/cli2.err" \
    "$NG_BIN" update --store "$NG_TMP/store" "$NG_TMP/bad.ru" || return 1
  contains "$NG_TMP/cli2.err" 'bad.ru: malformed update: line 1' || return 1
  run_status 2 "$NG_TMP/cli.out" "$NG_TMP/cli3.err" "$NG_BIN" update --store "$NG_TMP/store" || return 1
  run_status 0 "$NG_TMP/help.out" "$NG_TMP/help.err" "$NG_BIN" update --help || return 1
  contains "$NG_TMP/help.out" 'curation' || return 1
  run_status 0 "$NG_TMP/q.out" "$NG_TMP/q.err" "$NG_BIN" query --store "$NG_TMP/store" -f csv \
    'SELECT ?n WHERE { ?x schema:name ?n }' || return 1
  lacks "$NG_TMP/q.out" 'Via SPARQLWrapper' && contains "$NG_TMP/q.out" 'Door een redacteur'
}
ok "nieuwsgraaf update FILE applies an update the same way; a bad one exits 1" t_cli

t_no_secrets() {
  for f in "$NG_TMP"/serve*.err; do
    lacks "$f" "$TOKEN" || return 1
  done
}
ok "the token is never written to the server's output" t_no_secrets

stop_server
finish
