#!/bin/sh
# publish.sh — end to end against a real server-class store: a private
# Virtuoso 7.2 (scripts/virtuoso: temporary directory, 127.0.0.1, free
# ports), fed by `nieuwsgraaf publish` over the SPARQL 1.1 Graph Store
# protocol with digest authentication, and through Virtuoso's bulk loader
# (`publish --virtuoso-loader`, files in the server's DirsAllowed).  Both
# ways: the triple count of every graph published must equal the store's,
# publishing again must replace rather than duplicate, and the example
# queries (examples/queries/publish-*.rq) must give Virtuoso's /sparql and
# `nieuwsgraaf query` the same answers.
. "$NG_SRCDIR/tests/lib.sh"

N_TESTS=20
if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1 \
   || [ "${CURL:-no}" = no ] || ! command -v "$CURL" >/dev/null 2>&1; then
  i=1
  while [ $i -le $N_TESTS ]; do echo "ok $i # SKIP virtuoso not installed"; i=$((i + 1)); done
  echo "1..$N_TESTS"
  exit 0
fi

ng() { "$NG_BIN" "$@"; }
V="$NG_TMP/virtuoso"
stop_virtuoso() { [ -f "$V/env" ] && sh "$NG_SRCDIR/scripts/virtuoso" stop "$V"; return 0; }
ng_cleanup_hooks="stop_virtuoso $ng_cleanup_hooks"

BASE=https://w3id.org/nieuwsgraaf/graph/test/
PW="$NG_TMP/password"
PASSWORD=dba
( umask 077; echo "$PASSWORD" > "$PW" )

t_start() {
  CURL="$CURL" sh "$NG_SRCDIR/scripts/virtuoso" start "$V" > "$NG_TMP/v.env" || return 1
  . "$NG_TMP/v.env"
}
ok "a private Virtuoso starts on 127.0.0.1" t_start
. "$NG_TMP/v.env" 2>/dev/null || true
GSP="$VIRTUOSO_HTTP/sparql-graph-crud-auth"

# sparql QUERY [DEFAULT-GRAPH] — Virtuoso's answer as CSV values, sorted,
# without the header and quotes (both engines print plain values)
sparql() {
  if [ -n "${2:-}" ]; then
    "$CURL" -sS --max-time 60 "$VIRTUOSO_HTTP/sparql" -H 'Accept: text/csv' \
      --data-urlencode "query=$1" --data-urlencode "default-graph-uri=$2"
  else
    "$CURL" -sS --max-time 60 "$VIRTUOSO_HTTP/sparql" -H 'Accept: text/csv' \
      --data-urlencode "query=$1"
  fi | tail -n +2 | tr -d '\r"' | sort
}
count() { sparql "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$1> { ?s ?p ?o } }"; }
publish() { ng publish --quiet --to "$GSP" --user dba --password-file "$PW" "$@"; }
store_triples() { ng export --store "$1" --format ntriples | grep -c ' \.$'; }

S_SEEDS="$NG_TMP/seeds"
S_SAMPLE="$NG_TMP/sample"
t_build() {
  ng build --quiet --store "$S_SEEDS" "$NG_SHARED/corpus/seeds" || [ $? = 1 ] || return 1
  ng build --quiet --store "$S_SAMPLE" "$NG_SRCDIR/examples/sample" || return 1
  [ "$(store_triples "$S_SEEDS")" -gt 0 ] && [ "$(store_triples "$S_SAMPLE")" -gt 0 ]
}
ok "build the seeds and the sample corpus" t_build

t_publish() {
  publish --store "$S_SEEDS" --graph-base "${BASE}seeds/" || return 1
  publish --store "$S_SAMPLE" --graph-base "${BASE}sample/"
}
ok "publish both stores (digest authentication)" t_publish

# check_counts STORE MERGED-GRAPH: the merged graph and three article
# graphs hold as many triples in Virtuoso as in the store
check_counts() {
  want=$(store_triples "$1"); got=$(count "$2")
  echo "merged <$2>: store $want, virtuoso $got"
  [ "$want" -gt 0 ] && [ "$want" = "$got" ] || return 1
  for f in $(ls "$1"/articles/*.nq | head -3); do
    g=$(head -1 "$f" | sed 's/.* <\([^>]*\)> \.$/\1/')
    want=$(grep -c . "$f"); got=$(count "$g")
    echo "article <$g>: store $want, virtuoso $got"
    [ "$want" = "$got" ] || return 1
  done
}
t_counts() {
  check_counts "$S_SEEDS" "${BASE}seeds/merged" && check_counts "$S_SAMPLE" "${BASE}sample/merged"
}
ok "triple counts per graph equal the store's (merged, articles)" t_counts

# every graph under our names, with its count: compared before and after
all_counts() {
  sparql 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS (STR (?g), "https://w3id.org/nieuwsgraaf/")) } GROUP BY ?g'
}
t_republish() {
  all_counts > "$NG_TMP/before"
  [ "$(wc -l < "$NG_TMP/before")" -gt 2 ] || { cat "$NG_TMP/before"; return 1; }
  publish --store "$S_SEEDS" --graph-base "${BASE}seeds/" || return 1
  publish --store "$S_SAMPLE" --graph-base "${BASE}sample/" || return 1
  all_counts > "$NG_TMP/after"
  diff "$NG_TMP/before" "$NG_TMP/after"
}
ok "publishing again replaces the graphs: no duplicates" t_republish

t_batches() {
  # small batches: one PUT, then POSTs, several in flight
  g="${BASE}batched"
  want=$(store_triples "$S_SAMPLE")
  ng publish --verbose --to "$GSP" --user dba --password-file "$PW" --store "$S_SAMPLE" \
    --merged-graph "$g" --merged-only --batch-triples 97 --jobs 3 2> "$NG_TMP/batch.log" || return 1
  grep -c 'POST <' "$NG_TMP/batch.log" | grep -qv '^0$' || { echo "no POST batches"; return 1; }
  [ "$(count "$g")" = "$want" ] || { echo "batched: $(count "$g"), wanted $want"; return 1; }
  publish --store "$S_SAMPLE" --merged-graph "$g" --merged-only --batch-triples 97 || return 1
  [ "$(count "$g")" = "$want" ] || { echo "again: $(count "$g"), wanted $want"; return 1; }
  # another graph in its place: replaced, not added to
  publish --store "$S_SEEDS" --merged-graph "$g" --merged-only --batch-triples 97 || return 1
  want=$(store_triples "$S_SEEDS")
  [ "$(count "$g")" = "$want" ] || { echo "replaced: $(count "$g"), wanted $want"; return 1; }
}
ok "large graphs go in batches (PUT then POSTs); a graph is replaced" t_batches

# the example queries: the same answers from Virtuoso and nieuwsgraaf
t_queries() {  # STORE NAME
  fails=0
  for q in "$NG_SRCDIR"/examples/queries/publish-*.rq; do
    n=$(basename "$q" .rq)
    ng query --store "$1" --format csv "$(cat "$q")" | tail -n +2 | tr -d '\r"' | sort > "$NG_TMP/$2-$n.ng" || return 1
    sparql "$(cat "$q")" "${BASE}$2/merged" > "$NG_TMP/$2-$n.v"
    echo "$2 $n: $(wc -l < "$NG_TMP/$2-$n.ng") rows from nieuwsgraaf, $(wc -l < "$NG_TMP/$2-$n.v") from Virtuoso"
    diff "$NG_TMP/$2-$n.ng" "$NG_TMP/$2-$n.v" || fails=$((fails + 1))
  done
  [ "$fails" = 0 ]
}
ok "example queries: Virtuoso and nieuwsgraaf agree on the seeds" t_queries "$S_SEEDS" seeds
ok "example queries: Virtuoso and nieuwsgraaf agree on the sample" t_queries "$S_SAMPLE" sample

t_answers() {
  # the comparisons above mean something only when there are answers
  [ -s "$NG_TMP/seeds-publish-who-met-whom.v" ] && [ -s "$NG_TMP/seeds-publish-kim-jong-un.v" ] \
    && [ -s "$NG_TMP/sample-publish-sanctions.v" ] && grep -q 'Donald Trump' "$NG_TMP/seeds-publish-kim-jong-un.v"
}
ok "the example queries find meetings of Kim Jong-un, pairs and sanctions" t_answers

t_bad_password() {
  echo wrong-secret-42 > "$NG_TMP/bad"
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --to "$GSP" --user dba \
    --password-file "$NG_TMP/bad" --store "$S_SAMPLE" --retries 0 || return 1
  contains "$NG_TMP/e" 'HTTP 401' && contains "$NG_TMP/e" 'refused' && lacks "$NG_TMP/e" 'wrong-secret-42' || return 1
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --to "$GSP" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'HTTP 401' && contains "$NG_TMP/e" '--user'
}
ok "a refused or missing password: exit 1, HTTP 401, the password never shown" t_bad_password

t_env_password() {
  NG_PUBLISH_PASSWORD=$PASSWORD ng publish --quiet --to "$GSP" --user dba --store "$S_SAMPLE" \
    --graph-base "${BASE}sample/" || return 1
  [ "$(count "${BASE}sample/merged")" = "$(store_triples "$S_SAMPLE")" ] || return 1
  # no password at all for a user: a usage error; a password in the URL too
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" env -u NG_PUBLISH_PASSWORD "$NG_BIN" publish \
    --to "$GSP" --user dba --store "$S_SAMPLE" || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng publish \
    --to "http://dba:secret-in-url@127.0.0.1:$VIRTUOSO_HTTP_PORT/sparql-graph-crud-auth" \
    --store "$S_SAMPLE" || return 1
  lacks "$NG_TMP/e" 'secret-in-url'
}
ok "password from NG_PUBLISH_PASSWORD; none or one in the URL is refused" t_env_password

t_unreachable() {
  # a port nobody listens on (Virtuoso's SQL port speaks no HTTP: use a
  # closed one): retried, then a clear error
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --verbose --retries 2 \
    --to "http://127.0.0.1:$port/sparql-graph-crud-auth" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'retrying in' && contains "$NG_TMP/e" 'after 3 attempts' \
    && contains "$NG_TMP/e" 'Could not connect'
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng publish --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'required'
}
ok "an unreachable server: retries with backoff, then exit 1; no --to: exit 2" t_unreachable

# ---- the same through Virtuoso's bulk loader (isql-vt, files in DirsAllowed)
LOAD_DIR="$VIRTUOSO_DIR/load"
load() {
  ng publish --quiet --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" --loader-dir "$LOAD_DIR" \
    --password-file "$PW" "$@"
}
empty_load_dir() { [ -z "$(ls -A "$LOAD_DIR")" ] || { echo "left in $LOAD_DIR:"; ls -A "$LOAD_DIR"; return 1; }; }

t_loader() {
  # small files, so that two sessions load several at once
  load --store "$S_SEEDS" --graph-base "${BASE}loader-seeds/" --batch-triples 500 --jobs 2 || return 1
  load --store "$S_SAMPLE" --graph-base "${BASE}loader-sample/" || return 1
  check_counts "$S_SEEDS" "${BASE}loader-seeds/merged" \
    && check_counts "$S_SAMPLE" "${BASE}loader-sample/merged" && empty_load_dir
}
ok "the bulk loader: triple counts per graph equal the store's; its files are gone" t_loader
ok "the bulk loader: Virtuoso and nieuwsgraaf agree on the seeds" t_queries "$S_SEEDS" loader-seeds
ok "the bulk loader: Virtuoso and nieuwsgraaf agree on the sample" t_queries "$S_SAMPLE" loader-sample

t_loader_again() {
  all_counts > "$NG_TMP/l-before"
  grep -q "loader-seeds/merged" "$NG_TMP/l-before" || { cat "$NG_TMP/l-before"; return 1; }
  load --store "$S_SEEDS" --graph-base "${BASE}loader-seeds/" --batch-triples 500 || return 1
  load --store "$S_SAMPLE" --graph-base "${BASE}loader-sample/" --jobs 1 || return 1
  all_counts > "$NG_TMP/l-after"
  diff "$NG_TMP/l-before" "$NG_TMP/l-after" || return 1
  # loading the same quads twice would not show duplicates (a graph is a
  # set): another store's graph under the same name must replace it
  g=urn:nieuwsgraaf:test:loader-replaced
  load --store "$S_SEEDS" --merged-graph "$g" --merged-only || return 1
  [ "$(count "$g")" = "$(store_triples "$S_SEEDS")" ] || { echo "seeds: $(count "$g")"; return 1; }
  load --store "$S_SAMPLE" --merged-graph "$g" --merged-only --jobs 1 || return 1
  [ "$(count "$g")" = "$(store_triples "$S_SAMPLE")" ] \
    || { echo "replaced: $(count "$g"), wanted $(store_triples "$S_SAMPLE")"; return 1; }
  # nothing of ours stays in the loader's list
  sh "$NG_SRCDIR/scripts/virtuoso" isql "$V" \
    "select concat ('LEFT|', ll_file) from DB.DBA.LOAD_LIST;" > "$NG_TMP/ll" 2>&1
  lacks "$NG_TMP/ll" 'LEFT|' && empty_load_dir
}
ok "the bulk loader: publishing again replaces the graphs, no duplicates; nothing left behind" t_loader_again

t_loader_not_allowed() {
  # the server is told a directory it may not read: refused before any
  # graph is touched
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --loader-dir "$LOAD_DIR" --loader-server-dir /nieuwsgraaf-not-allowed \
    --password-file "$PW" --store "$S_SAMPLE" --graph-base "${BASE}loader-sample/" || return 1
  contains "$NG_TMP/e" 'denied' && contains "$NG_TMP/e" 'DirsAllowed' || return 1
  all_counts > "$NG_TMP/l-now"
  diff "$NG_TMP/l-after" "$NG_TMP/l-now" && empty_load_dir || return 1
  # a loader directory that does not exist here, or no --loader-dir: usage
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng publish --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --loader-dir "$NG_TMP/nowhere" --password-file "$PW" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'not a directory' || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng publish --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --password-file "$PW" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'needs --loader-dir' || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng publish --to "$GSP" --virtuoso-loader "127.0.0.1:1" \
    --loader-dir "$LOAD_DIR" --password-file "$PW" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'not both'
}
ok "the bulk loader: a directory the server may not read: exit 1, graphs untouched" t_loader_not_allowed

t_loader_bad_file() {
  # a line Virtuoso's parser refuses, in a copy of the sample store
  cp -R "$S_SAMPLE" "$NG_TMP/broken"
  f=$(ls "$NG_TMP"/broken/articles/*.nq | head -1)
  g=$(head -1 "$f" | sed 's/.* <\([^>]*\)> \.$/\1/')
  echo "<urn:x:s> <urn:x:p> \"no end <$g> ." >> "$f"
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --loader-dir "$LOAD_DIR" --password-file "$PW" --store "$NG_TMP/broken" \
    --graph-base "${BASE}loader-sample/" || return 1
  contains "$NG_TMP/e" "$LOAD_DIR/nieuwsgraaf-.*\.nq: .*line [0-9]" && contains "$NG_TMP/e" 'publish again' \
    && empty_load_dir || return 1
  # and publishing the good store again repairs it
  load --store "$S_SAMPLE" --graph-base "${BASE}loader-sample/" || return 1
  all_counts > "$NG_TMP/l-now"
  diff "$NG_TMP/l-after" "$NG_TMP/l-now"
}
ok "the bulk loader: a file Virtuoso refuses: exit 1 naming the file and line" t_loader_bad_file

t_loader_password() {
  echo wrong-secret-43 > "$NG_TMP/bad"
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng publish --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --loader-dir "$LOAD_DIR" --password-file "$NG_TMP/bad" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'refused user dba' && lacks "$NG_TMP/e" 'wrong-secret-43' && empty_load_dir || return 1
  # the password from the environment; none at all is a usage error
  NG_PUBLISH_PASSWORD=$PASSWORD ng publish --quiet --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" \
    --loader-dir "$LOAD_DIR" --store "$S_SAMPLE" --graph-base "${BASE}loader-sample/" || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" env -u NG_PUBLISH_PASSWORD "$NG_BIN" publish \
    --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" --loader-dir "$LOAD_DIR" --store "$S_SAMPLE"
}
ok "the bulk loader: a refused password: exit 1, never shown; NG_PUBLISH_PASSWORD" t_loader_password

t_loader_no_isql() {
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" env NG_ISQL="$NG_TMP/no-isql" "$NG_BIN" publish \
    --virtuoso-loader "127.0.0.1:$VIRTUOSO_SQL_PORT" --loader-dir "$LOAD_DIR" \
    --password-file "$PW" --store "$S_SAMPLE" || return 1
  contains "$NG_TMP/e" 'cannot run' && empty_load_dir
}
ok "the bulk loader: no isql program: exit 1 with a clear error" t_loader_no_isql

finish
