#!/bin/sh
# exports.sh — every export format, read back by the tool people use it with:
# rdflib (RDF formats, same triples as the store), networkx (GraphML, GEXF),
# Graphviz (DOT), Cytoscape.js in headless Chromium (cytoscape JSON), and
# counts that agree across formats.
. "$NG_SRCDIR/tests/lib.sh"

S="$NG_TMP/store"
SAMPLE="$NG_SRCDIR/examples/sample"
# Debian's interpreter: it has python3-rdflib and python3-networkx, where the
# python3 first on PATH may not
PY=/usr/bin/python3
ng() { "$NG_BIN" "$@"; }

"$NG_BIN" build --quiet --store "$S" "$SAMPLE" || test $? -eq 1 || {
  echo "1..0 # SKIP the sample does not build"; exit 0; }

t_usage() {
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" --format graphml --view all || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" --format turtle --person Xi || return 1
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" --format csv --from juni || return 1
  contains "$NG_TMP/e" "juni" || return 1
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" --format csv --person "Jan Modaal" || return 1
  contains "$NG_TMP/e" "Jan Modaal"
}
ok "bad views, filters on RDF formats, bad dates and unknown persons are refused" t_usage

t_write_all() {
  for f in turtle ntriples nquads rdfxml jsonld html; do
    ng export --store "$S" --format $f -o "$NG_TMP/g.$f" || { echo "$f failed"; return 1; }
  done
  for f in graphml gexf dot cytoscape csv; do
    for v in people full; do
      ng export --store "$S" --format $f --view $v -o "$NG_TMP/$v.$f" || { echo "$f $v failed"; return 1; }
    done
  done
  # stdout by default, byte for byte the same as -o
  ng export --store "$S" --format gexf --view people > "$NG_TMP/stdout.gexf" || return 1
  cmp "$NG_TMP/stdout.gexf" "$NG_TMP/people.gexf"
}
ok "every format and view exports, to a file or standard output" t_write_all

have_py() { "$PY" -c "import $1" 2>/dev/null; }

t_rdflib() {
  n_store=$(ng query --store "$S" --format csv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 | tr -d '\r')
  n_quads=$("$RAPPER" -i nquads -c "$NG_TMP/g.nquads" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  "$PY" - "$NG_TMP" "$n_store" "$n_quads" <<'PYEOF'
import sys, rdflib
d, n_store, n_quads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ref = rdflib.Graph().parse(d + "/g.ntriples", format="nt")
print("store", n_store, "ntriples", len(ref))
ok = len(ref) == n_store
for f, fmt in [("turtle", "turtle"), ("rdfxml", "xml"), ("jsonld", "json-ld")]:
    g = rdflib.Graph().parse(d + "/g." + f, format=fmt)
    same = set(g) == set(ref)
    print(f, len(g), "same triples" if same else "DIFFERENT triples")
    ok = ok and len(g) == n_store and same
ds = rdflib.ConjunctiveGraph()
ds.parse(d + "/g.nquads", format="nquads")
named = [c for c in ds.contexts() if "/article/" in str(c.identifier)]
n = sum(len(c) for c in ds.contexts())
print("nquads", n, "quads in", len(named), "article graphs; rapper", n_quads)
ok = ok and n == n_quads and len(named) > 0
default = [c for c in ds.contexts() if "/article/" not in str(c.identifier)]
ok = ok and sum(len(c) for c in default) == n_store
sys.exit(0 if ok else 1)
PYEOF
}
if have_py rdflib; then
  ok "rdflib reads turtle, ntriples, nquads, rdfxml and jsonld with the store's triples" t_rdflib
else
  echo "ok $((NG_TAP_N += 1)) # SKIP rdflib not installed"
fi

# node and edge counts of each view, from the GraphML export: the reference
# every other format must match
t_networkx() {
  "$PY" - "$NG_TMP" <<'PYEOF'
import sys, networkx as nx
from networkx.readwrite import gexf
d = sys.argv[1]
# networkx 2.8 knows GEXF up to 1.2draft; 1.3 keeps the same elements under
# its own namespace
gexf.GEXF.versions["1.3"] = dict(gexf.GEXF.versions["1.2draft"],
    NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
ok = True
for v in ("people", "full"):
    gm = nx.read_graphml(d + "/%s.graphml" % v)
    gx = nx.read_gexf(d + "/%s.gexf" % v, version="1.3")
    counts = (gm.number_of_nodes(), gm.number_of_edges())
    print(v, "graphml", counts, "gexf", (gx.number_of_nodes(), gx.number_of_edges()))
    open(d + "/%s.counts" % v, "w").write("%d %d\n" % counts)
    ok = ok and counts == (gx.number_of_nodes(), gx.number_of_edges()) and counts[0] > 5
    ok = ok and gm.is_directed() == (v == "full")
    for g in (gm, gx):
        kinds = {a.get("kind") for _, a in g.nodes(data=True)}
        ok = ok and all(a.get("label") and a.get("iri") for _, a in g.nodes(data=True))
        ok = ok and (kinds == {"person"} if v == "people"
                     else {"person", "place", "meeting"} <= kinds)
    if v == "people":
        w = [a["weight"] for _, _, a in gm.edges(data=True)]
        ok = ok and min(w) >= 1 and all(isinstance(x, int) for x in w)
        ok = ok and all(a.get("dates") for _, _, a in gm.edges(data=True))
        ok = ok and all(a.get("places") is not None or True for _, _, a in gm.edges(data=True))
        # the timeline: every edge of a dated meeting has spells
        ok = ok and all(a.get("spells") for _, _, a in gx.edges(data=True))
    else:
        meet = [a for _, a in gx.nodes(data=True) if a.get("kind") == "meeting"]
        ok = ok and sum(1 for a in meet if a.get("spells")) == sum(1 for a in meet if a.get("date"))
        ok = ok and all(isinstance(a.get("latitude", 0.0), float) for _, a in gm.nodes(data=True))
    print(v, "attributes ok" if ok else "attributes MISSING")
sys.exit(0 if ok else 1)
PYEOF
}
if have_py networkx; then
  ok "networkx reads graphml and gexf with the same nodes, edges and attributes" t_networkx
else
  echo "ok $((NG_TAP_N += 1)) # SKIP networkx not installed"
fi

t_dot() {
  for v in people full; do
    dot -Tsvg "$NG_TMP/$v.dot" -o "$NG_TMP/$v.svg" 2> "$NG_TMP/dot.err" || { cat "$NG_TMP/dot.err"; return 1; }
    [ ! -s "$NG_TMP/dot.err" ] || { echo "dot warned on $v:"; cat "$NG_TMP/dot.err"; return 1; }
    grep -q "Vladimir Poetin" "$NG_TMP/$v.svg" || return 1
    # one SVG node group per node
    n=$(grep -c 'class="node"' "$NG_TMP/$v.svg"); e=$(grep -c 'class="edge"' "$NG_TMP/$v.svg")
    [ -f "$NG_TMP/$v.counts" ] && { [ "$n $e" = "$(cat "$NG_TMP/$v.counts")" ] || { echo "$v: svg $n $e"; return 1; }; }
  done
  return 0
}
if command -v dot >/dev/null 2>&1; then
  ok "dot -Tsvg renders the dot exports without warnings" t_dot
else
  echo "ok $((NG_TAP_N += 1)) # SKIP graphviz not installed"
fi

t_csv() {
  rows=$("$PY" -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))); print(len(r)); assert all(x["participants"] and x["status"] and x["sources"] for x in r)' "$NG_TMP/people.csv") || return 1
  meetings=$(grep -c 'class="node meeting"\|"classes" : "meeting"' "$NG_TMP/full.cytoscape")
  echo "csv rows $rows, meetings in the full view $meetings"
  [ "$rows" = "$meetings" ] && [ "$rows" -gt 3 ] && cmp -s "$NG_TMP/people.csv" "$NG_TMP/full.csv"
}
ok "csv has one row per meeting of the view" t_csv

t_filters() {
  ng export --store "$S" --format csv --from 2023 --to 2024-12 > "$NG_TMP/f.csv" || return 1
  awk -F, 'NR > 1 { print $2 }' "$NG_TMP/f.csv" > "$NG_TMP/f.dates"
  [ -s "$NG_TMP/f.dates" ] || { echo "no meetings in 2023-2024"; return 1; }
  ! grep -qv '^202[34]' "$NG_TMP/f.dates" || { echo "dates outside 2023-2024:"; cat "$NG_TMP/f.dates"; return 1; }
  ng export --store "$S" --format csv --person "Xi Jinping" > "$NG_TMP/xi.csv" || return 1
  [ "$(tail -n +2 "$NG_TMP/xi.csv" | grep -c .)" = "$(tail -n +2 "$NG_TMP/xi.csv" | grep -c 'Xi Jinping')" ] || return 1
  ng export --store "$S" --format graphml --person xi > "$NG_TMP/xi.graphml" || return 1
  contains "$NG_TMP/xi.graphml" "Emmanuel Macron" && lacks "$NG_TMP/xi.graphml" "Donald Trump"
}
ok "--from/--to keep the meetings in range; --person keeps the ego network" t_filters

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
CYLIB="$NG_BUILDDIR/web/node_modules/cytoscape/dist/cytoscape.min.js"
t_cytoscape_js() {
  P="$NG_TMP/cy.html"
  { echo '<!DOCTYPE html><html><body><div id="cy" style="width:600px;height:400px"></div>'
    echo '<pre id="out">pending</pre><script>'; cat "$CYLIB"; echo '</script><script>'
    printf 'var doc = '; sed 's#</#<\\/#g' "$NG_TMP/full.cytoscape"; echo ';'
    cat <<'JSEOF'
try {
  var cy = cytoscape({ container: document.getElementById('cy'), elements: doc.elements,
                       layout: { name: 'grid' } });
  document.getElementById('out').textContent = 'accepted ' + cy.nodes().length + ' ' + cy.edges().length;
} catch (e) { document.getElementById('out').textContent = 'rejected ' + e; }
JSEOF
    echo '</script></body></html>'; } > "$P"
  rm -rf "$NG_TMP/chromium-cy"
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$NG_TMP/chromium-cy" --virtual-time-budget=5000 --dump-dom "file://$P" \
    > "$NG_TMP/cy.dom" 2> "$NG_TMP/cy.err"
  got=$(sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p' "$NG_TMP/cy.dom")
  echo "cytoscape.js: $got; graphml: $(cat "$NG_TMP/full.counts" 2>/dev/null)"
  [ "$got" = "accepted $(cat "$NG_TMP/full.counts")" ]
}
if [ -n "$CHROMIUM" ] && [ -f "$CYLIB" ]; then
  ok "cytoscape.js in headless Chromium accepts the cytoscape export" t_cytoscape_js
else
  echo "ok $((NG_TAP_N += 1)) # SKIP chromium or cytoscape.js not available"
fi

finish
