#!/bin/sh
# End-to-end test of a failed meeting's status (ng:Failed) through
# extraction, merge and query: three articles of our own on one meeting —
# held (8 March), failed (15 March: "liep op niets uit"), and held again in
# a look back (20 March).  The meeting is one node; its status history
# keeps every report in date order; its status is Failed, which a later
# "held" does not undo (a failed meeting took place, and says more).
. "$NG_SRCDIR/tests/lib.sh"

D="$NG_SRCDIR/tests/data/status"
S="$NG_TMP/store"
ng() { "$NG_BIN" "$@"; }
q() { ng query --store "$S" --format csv "$1" | tail -n +2 | tr -d '\r' | sort; }

t_build() { ng build --quiet --store "$S" "$D"; }
ok "build the status articles" t_build

t_one_failed() {
  q 'SELECT ?s ?d ?l WHERE { ?m a ng:Meeting ; ng:status ?s ; schema:startDate ?d ; schema:location ?x . ?x schema:name ?l }' > "$NG_TMP/m"
  cat "$NG_TMP/m"
  [ "$(wc -l < "$NG_TMP/m")" = 1 ] && grep -q '#Failed,2023-03-07,Rome$' "$NG_TMP/m"
}
ok "one meeting, status Failed, dated and placed like a held one" t_one_failed

t_history() {
  q 'SELECT ?d ?s WHERE { ?m a ng:Meeting ; ng:statusReport ?r . ?r ng:status ?s ; dcterms:date ?d }' > "$NG_TMP/h"
  cat "$NG_TMP/h"
  [ "$(wc -l < "$NG_TMP/h")" = 3 ] \
    && grep -q '^2023-03-08,.*#Held$' "$NG_TMP/h" \
    && grep -q '^2023-03-15,.*#Failed$' "$NG_TMP/h" \
    && grep -q '^2023-03-20,.*#Held$' "$NG_TMP/h"
}
ok "the status history keeps held, failed and held again" t_history

t_stats() {
  # it took place: `stats` counts it with the held meetings
  ng stats --store "$S" | grep -q '^meetings  *1 (held 1, planned 0, cancelled 0)$'
}
ok "stats count the failed meeting as held" t_stats

t_vocabulary() {
  # the term is defined in the ontology, with Held as its broader status
  grep -q '^ng:Failed$' "$NG_SRCDIR/ontology/nieuwsgraaf.ttl" \
    && grep -A6 '^ng:Failed$' "$NG_SRCDIR/ontology/nieuwsgraaf.ttl" | grep -q 'skos:broader ng:Held'
}
ok "ng:Failed is an ontology term, narrower than ng:Held" t_vocabulary

finish
