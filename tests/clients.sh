#!/bin/sh
# clients.sh — real SPARQL clients against `nieuwsgraaf serve` on 127.0.0.1
# with a free port: curl, Python SPARQLWrapper and rdflib's SPARQLStore
# (Debian packages, under /usr/bin/python3) and `roqet -p`.  Each runs the
# example queries of examples/queries (with their prefixes written out, as
# other endpoints would need them) and must get the rows `nieuwsgraaf query`
# gives.
. "$NG_SRCDIR/tests/lib.sh"

PY=/usr/bin/python3
if [ "${CURL:-no}" = no ]; then
  echo "1..0 # SKIP curl not found"
  exit 0
fi


PROLOGUE='PREFIX ng: <https://w3id.org/nieuwsgraaf/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX wd: <http://www.wikidata.org/entity/>
'
EXAMPLES=
for f in "$NG_SRCDIR"/examples/queries/*.rq; do
  grep -q '^# nl:' "$f" && EXAMPLES="$EXAMPLES $f"
done

t_setup() {
  set -- "$NG_SRCDIR"/examples/sample
  [ -d "$NG_SHARED/corpus/seeds" ] && set -- "$@" "$NG_SHARED/corpus/seeds"
  "$NG_BIN" build --quiet --store "$NG_TMP/store" "$@" > "$NG_TMP/build.out" 2>&1
  rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 1 ] || { cat "$NG_TMP/build.out"; return 1; }
  # the full queries, and the answer of the CLI: sorted CSV lines
  for f in $EXAMPLES; do
    n=$(basename "$f" .rq)
    { printf '%s' "$PROLOGUE"; cat "$f"; } > "$NG_TMP/$n.rq"
    "$NG_BIN" query --store "$NG_TMP/store" --format csv --query-file "$NG_TMP/$n.rq" |
      tr -d '\r' | tail -n +2 | sort > "$NG_TMP/$n.want" || return 1
  done
  [ -s "$NG_TMP/who-met-whom.want" ] || { echo "who met whom has no rows"; return 1; }
  "$NG_BIN" serve --store "$NG_TMP/store" --port 0 --quiet > /dev/null 2> "$NG_TMP/serve.err" &
  SERVER_PID=$!
  i=0
  while [ $i -lt 100 ]; do
    PORT=$(sed -n 's|^nieuwsgraaf: SPARQL endpoint at http://127\.0\.0\.1:\([0-9][0-9]*\)/sparql$|\1|p' \
             "$NG_TMP/serve.err" | head -n 1)
    [ -n "$PORT" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  cat "$NG_TMP/serve.err"
  return 1
}
ok "build the samples (and seeds) and serve them on 127.0.0.1" t_setup
[ -n "$PORT" ] || { echo "Bail out! no server"; exit 1; }
URL="http://127.0.0.1:$PORT/sparql"

same_rows() {   # same_rows NAME GOT
  sort "$2" > "$2.sorted"
  cmp -s "$2.sorted" "$NG_TMP/$1.want" || {
    echo "$1: rows differ from nieuwsgraaf query:"; diff "$NG_TMP/$1.want" "$2.sorted" | head -10
    return 1; }
}

t_curl() {
  for f in $EXAMPLES; do
    n=$(basename "$f" .rq)
    "$CURL" -sS --max-time 30 -H 'Accept: text/csv' --data-urlencode "query@$NG_TMP/$n.rq" "$URL" |
      tr -d '\r' | tail -n +2 > "$NG_TMP/$n.curl" || return 1
    same_rows "$n" "$NG_TMP/$n.curl" || return 1
  done
}
ok "curl runs the examples" t_curl

# CSV lines as nieuwsgraaf writes them, from Python values.
cat > "$NG_TMP/csvrow.py" <<'PYEOF'
import csv, io, sys
def emit(rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for r in rows:
        w.writerow(["" if v is None else str(v) for v in r])
    sys.stdout.write(out.getvalue())
PYEOF

t_sparqlwrapper() {
  "$PY" -c 'import SPARQLWrapper' 2>/dev/null || { echo "# SKIP no SPARQLWrapper"; return 0; }
  for f in $EXAMPLES; do
    n=$(basename "$f" .rq)
    "$PY" - "$URL" "$NG_TMP/$n.rq" > "$NG_TMP/$n.sw" <<'PYEOF' || return 1
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
from csvrow import emit
from SPARQLWrapper import SPARQLWrapper, JSON
s = SPARQLWrapper(sys.argv[1])
s.setQuery(open(sys.argv[2]).read())
s.setReturnFormat(JSON)
r = s.query().convert()
names = r["head"]["vars"]
emit([[b[n]["value"] if n in b else None for n in names] for b in r["results"]["bindings"]])
PYEOF
    same_rows "$n" "$NG_TMP/$n.sw" || return 1
  done
}
ok "Python SPARQLWrapper runs the examples" t_sparqlwrapper

t_sparqlstore() {
  "$PY" -c 'from rdflib.plugins.stores.sparqlstore import SPARQLStore' 2>/dev/null ||
    { echo "# SKIP no rdflib SPARQLStore"; return 0; }
  for f in $EXAMPLES; do
    n=$(basename "$f" .rq)
    "$PY" - "$URL" "$NG_TMP/$n.rq" > "$NG_TMP/$n.store" <<'PYEOF' || return 1
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
from csvrow import emit
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
g = Graph(store=SPARQLStore(sys.argv[1], returnFormat="json"))
res = g.query(open(sys.argv[2]).read())
emit([[row[v] for v in res.vars] for row in res])
PYEOF
    same_rows "$n" "$NG_TMP/$n.store" || return 1
  done
}
ok "rdflib's SPARQLStore runs the examples" t_sparqlstore

t_roqet() {
  [ -n "$ROQET" ] && [ "$ROQET" != no ] || { echo "# SKIP no roqet"; return 0; }
  for f in $EXAMPLES; do
    n=$(basename "$f" .rq)
    "$ROQET" -q -p "$URL" -r csv -e "$(cat "$NG_TMP/$n.rq")" 2> "$NG_TMP/roqet.err" |
      tr -d '\r' | tail -n +2 > "$NG_TMP/$n.roqet" || { cat "$NG_TMP/roqet.err"; return 1; }
    same_rows "$n" "$NG_TMP/$n.roqet" || { cat "$NG_TMP/roqet.err"; return 1; }
  done
}
ok "roqet -p runs the examples" t_roqet

t_stop() {
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID"; rc=$?; SERVER_PID=
  [ "$rc" = 0 ]
}
ok "the server stops cleanly" t_stop

finish
