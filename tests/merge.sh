#!/bin/sh
# End-to-end tests of the merged graph (issue: one node per real thing):
# cross-article merging and near misses, provenance and status history,
# order independence, idempotence, replacement of changed articles, the
# SQLite backend, and crash safety under SIGKILL.
. "$NG_SRCDIR/tests/lib.sh"

D="$NG_SRCDIR/tests/data/merge"
S="$NG_TMP/store"
ng() { "$NG_BIN" "$@"; }
q() { ng query --store "$1" --format csv "$2" | tail -n +2 | tr -d '\r' | sort; }
sorted_nt() { ng export --store "$1" --format ntriples | sort; }

t_build() { ng build --quiet --store "$S" "$D"; }
ok "build the merge test articles" t_build

t_meetings() {
  q "$S" 'SELECT ?d ?l WHERE { ?m a ng:Meeting ; schema:attendee ?a, ?b ; schema:startDate ?d ; schema:location ?x . ?a schema:name "Donald Trump" . ?b schema:name "Kim Jong-un" . ?x schema:name ?l }' > "$NG_TMP/m"
  cat "$NG_TMP/m"
  # three articles on the Hanoi summit (a day, "last month", a plan for
  # "Vietnam") make one meeting with the day and the city; the Singapore
  # summit months earlier stays apart
  [ "$(wc -l < "$NG_TMP/m")" = 2 ] && grep -q '^2019-02-27,Hanoi$' "$NG_TMP/m" \
    && grep -q '^2018-06-12,Singapore$' "$NG_TMP/m"
}
ok "one node per meeting; near misses stay apart; most precise date and place" t_meetings

t_provenance() {
  n=$(q "$S" 'SELECT ?a WHERE { ?m a ng:Meeting ; schema:location ?x ; prov:wasDerivedFrom ?a . ?x schema:name "Hanoi" }' | wc -l)
  c=$(q "$S" 'SELECT ?c WHERE { ?m a ng:Meeting ; schema:location ?x ; ng:mentionCount ?c . ?x schema:name "Hanoi" }')
  echo "derived from $n articles, $c mentions"
  [ "$n" = 3 ] && [ "$c" -ge 3 ] || return 1
  # the status history: planned in January, held in February and March
  q "$S" 'SELECT ?d ?s WHERE { ?m a ng:Meeting ; schema:location ?x ; ng:statusReport ?r . ?x schema:name "Hanoi" . ?r ng:status ?s ; dcterms:date ?d }' > "$NG_TMP/h"
  cat "$NG_TMP/h"
  grep -q '^2019-01-20,.*#Planned$' "$NG_TMP/h" && grep -q '^2019-02-28,.*#Held$' "$NG_TMP/h" || return 1
  q "$S" 'SELECT ?s WHERE { ?m a ng:Meeting ; schema:location ?x ; ng:status ?s . ?x schema:name "Hanoi" }' | grep -q '#Held$' || return 1
  # evidence sentences point into their articles
  q "$S" 'SELECT ?t WHERE { ?m a ng:Meeting ; schema:location ?x ; ng:evidence ?e . ?x schema:name "Singapore" . ?e ng:text ?t ; ng:inArticle ?a . ?a ng:sourceFile ?f }' | grep -q "Singapore"
}
ok "provenance, mention counts, evidence and status history" t_provenance

t_entities() {
  q "$S" 'SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }' > "$NG_TMP/p"
  cat "$NG_TMP/p"
  # one node each; a bare surname never makes a person; unlisted full
  # names merge across case and articles
  [ "$(grep -c '^Donald Trump$' "$NG_TMP/p")" = 1 ] || return 1
  [ "$(grep -c '^Ingrid Vermeulen$' "$NG_TMP/p")" = 1 ] || return 1
  ! grep -qx 'Vermeulen' "$NG_TMP/p" || return 1
  ! grep -qx 'Kim' "$NG_TMP/p" || return 1
  n=$(q "$S" 'SELECT ?p WHERE { ?p schema:name ?n }' | sort -u | wc -l)
  m=$(q "$S" 'SELECT ?p ?n WHERE { ?p schema:name ?n }' | wc -l)
  [ "$n" = "$m" ] || { echo "a node with several schema:name"; return 1; }
  q "$S" 'SELECT ?alt WHERE { ?p schema:name "Kim Jong-un" ; schema:alternateName ?alt }' | grep -q 'Kim Jong Un'
}
ok "entities merge by canonical IRI, never on a bare surname" t_entities

t_sanctions() {
  q "$S" 'SELECT ?t ?i WHERE { ?s a ng:Sanction ; ng:target ?x ; ng:imposer ?y . ?x schema:name ?t . ?y schema:name ?i }' > "$NG_TMP/s"
  cat "$NG_TMP/s"
  [ "$(wc -l < "$NG_TMP/s")" = 1 ] && grep -q '^Rusland,Europese Unie$' "$NG_TMP/s"
}
ok "sanction regimes merge on (target, imposer)" t_sanctions

t_order() {
  i=0
  for order in "1 2 3 4 5 6 7 8" "8 7 6 5 4 3 2 1" "3 8 1 6 2 7 4 5"; do
    i=$((i + 1))
    for k in $order; do
      ng build --quiet --store "$NG_TMP/o$i" "$(ls "$D"/a"$k"-*.txt)" || return 1
    done
    sorted_nt "$NG_TMP/o$i" > "$NG_TMP/o$i.nt"
  done
  sorted_nt "$S" > "$NG_TMP/all.nt"
  cmp "$NG_TMP/o1.nt" "$NG_TMP/o2.nt" && cmp "$NG_TMP/o1.nt" "$NG_TMP/o3.nt"
}
ok "the merged graph does not depend on the order of the articles" t_order

t_idempotent() {
  cp "$NG_TMP/all.nt" "$NG_TMP/before.nt"
  ng build --quiet --store "$S" "$D" || return 1
  sorted_nt "$S" | cmp - "$NG_TMP/before.nt"
}
ok "building the same articles again changes nothing (same triples, same IRIs)" t_idempotent

t_replace() {
  W="$NG_TMP/work"; mkdir -p "$W"; cp "$D"/*.txt "$W"/
  ng build --quiet --store "$NG_TMP/r" "$W" || return 1
  printf ' date 2018-06-12\nTrump ontmoette Kim Jong-un vandaag op het eiland Sentosa in Singapore.\n' > "$W/a3-singapore.txt"
  ng build --quiet --store "$NG_TMP/r" "$W/a3-singapore.txt" || return 1
  [ "$(ng stats --store "$NG_TMP/r" -f json | sed 's/.*"articles": \([0-9]*\).*/\1/')" = 8 ] || return 1
  ng export --store "$NG_TMP/r" --format nquads > "$NG_TMP/r.nq"
  ! grep -q 'Het was de eerste ontmoeting ooit' "$NG_TMP/r.nq" && grep -q 'Sentosa' "$NG_TMP/r.nq"
}
ok "a changed article replaces its previous contribution" t_replace

t_sqlite() {
  ng build --quiet --store "$NG_TMP/sq" --store-type sqlite "$D" || return 1
  ls "$NG_TMP/sq"/merged-*.sqlite > /dev/null || return 1
  ng stats --store "$NG_TMP/sq" | grep -q 'storage *sqlite' || return 1
  sorted_nt "$NG_TMP/sq" | cmp - "$NG_TMP/all.nt" || return 1
  # the storage is fixed at creation
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng build --store "$NG_TMP/sq" --store-type hashes "$D" || return 1
  contains "$NG_TMP/e" 'uses storage “sqlite”'
}
ok "the SQLite backend gives the same graph" t_sqlite

# Crash safety: kill -9 at random moments during a build of many articles;
# the store must open and every article be wholly present or wholly absent.
gen_articles() {  # DIR N
  mkdir -p "$1"
  awk -v dir="$1" -v n="$2" 'BEGIN {
    split("Donald Trump|Kim Jong-un|Moon Jae-in|Xi Jinping|Vladimir Poetin|Emmanuel Macron|Mark Rutte|Angela Merkel", p, "|");
    split("Hanoi|Singapore|Parijs|Berlijn|Peking|Genève|Brussel|Moskou", c, "|");
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/g%04d.txt", dir, i);
      a = p[(i % 8) + 1]; b = p[((i * 3 + 1) % 8) + 1]; if (a == b) b = p[((i + 2) % 8) + 1];
      printf " date 20%02d-%02d-%02d\nOverleg in %s\n\n%s ontmoette %s op %d %s in %s. Beide leiders spraken over handel en veiligheid. Volgens %s was het gesprek nuttig.\n", 10 + i % 12, 1 + i % 12, 1 + i % 27, c[(i % 8) + 1], a, b, 1 + i % 27, (i % 2 ? "maart" : "oktober"), c[(i % 8) + 1], a > f;
      close(f)
    }
  }'
}

# Incremental builds: a store built from A, then given B, a changed article
# of A and an unchanged one again, holds exactly the graph a build of the
# final articles from scratch gives (both storages); and the second build
# took the incremental path (it wrote only the nodes that changed).
t_incremental() {
  for type in hashes sqlite; do
    A="$NG_TMP/inc-$type-a"; B="$NG_TMP/inc-$type-b"; rm -rf "$A" "$B"
    gen_articles "$A" 40 || return 1
    mkdir -p "$B"; cp "$D"/*.txt "$B"/
    mv "$A/g0031.txt" "$A/g0032.txt" "$B"/
    ng build --quiet --store "$NG_TMP/inc-$type" --store-type "$type" "$A" || return 1
    # a changed article: other people, another city
    printf ' date 2017-05-02\nOverleg in Brussel\n\nMark Rutte ontmoette Emmanuel Macron op 2 mei in Brussel.\n' > "$A/g0007.txt"
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/inc-$type" \
      "$A/g0007.txt" "$A/g0012.txt" "$B" > "$NG_TMP/inc.log" 2>&1 || { cat "$NG_TMP/inc.log"; return 1; }
    grep -q 'merged nodes written or removed' "$NG_TMP/inc.log" || { echo "$type: not incremental"; cat "$NG_TMP/inc.log"; return 1; }
    grep -q ' 11 article files parsed' "$NG_TMP/inc.log" || { echo "$type: parsed more than the new articles"; grep parsed "$NG_TMP/inc.log"; return 1; }
    ng build --quiet --store "$NG_TMP/inc-$type-full" --store-type "$type" "$A" "$B" || return 1
    sorted_nt "$NG_TMP/inc-$type" > "$NG_TMP/inc.nt"
    sorted_nt "$NG_TMP/inc-$type-full" > "$NG_TMP/full.nt"
    echo "$type: $(wc -l < "$NG_TMP/inc.nt") triples incrementally, $(wc -l < "$NG_TMP/full.nt") from scratch"
    cmp "$NG_TMP/inc.nt" "$NG_TMP/full.nt" || { diff "$NG_TMP/inc.nt" "$NG_TMP/full.nt" | head; return 1; }
    ng stats --store "$NG_TMP/inc-$type" > "$NG_TMP/inc.stats" || return 1
    grep -q 'up to date' "$NG_TMP/inc.stats" || return 1
    # the triple count (from the merge index) is the storage's
    grep -q "^triples *$(wc -l < "$NG_TMP/inc.nt")\$" "$NG_TMP/inc.stats" || { cat "$NG_TMP/inc.stats"; return 1; }
    # the same articles again: nothing changes, not even the generation
    cur=$(head -n 1 "$NG_TMP/inc-$type/CURRENT")
    ng build --quiet --store "$NG_TMP/inc-$type" "$A" "$B" || return 1
    [ "$(head -n 1 "$NG_TMP/inc-$type/CURRENT")" = "$cur" ] || { echo "$type: a new generation for nothing"; return 1; }
    sorted_nt "$NG_TMP/inc-$type" | cmp - "$NG_TMP/full.nt" || return 1
    # one more article: this build takes the first generation as its spare
    printf ' date 2018-02-03\nOverleg in Genève\n\nXi Jinping ontmoette Angela Merkel op 2 februari 2018 in Genève.\n' > "$B/extra.txt"
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/inc-$type" "$B/extra.txt" \
      > "$NG_TMP/inc.log" 2>&1 || { cat "$NG_TMP/inc.log"; return 1; }
    contains "$NG_TMP/inc.log" 'spare generation 1 taken' || return 1
    ng build --quiet --store "$NG_TMP/inc-$type-full2" --store-type "$type" "$A" "$B" || return 1
    sorted_nt "$NG_TMP/inc-$type-full2" > "$NG_TMP/full2.nt"
    sorted_nt "$NG_TMP/inc-$type" | cmp - "$NG_TMP/full2.nt" \
      || { echo "$type: the spare's result differs from scratch"; return 1; }
  done
}
ok "incremental build = build from scratch (new, changed and unchanged articles, then through the spare; hashes and sqlite)" t_incremental

# The incremental merge replays the meeting clustering only where it can
# change; each step below must still give the graph of a build from scratch
# of the same articles, through the incremental path: a mention that joins
# an existing meeting, one that bridges two meetings (it sorts first and
# founds a meeting both earlier ones join, so their IRIs change), the
# removal of that bridge and of the only article naming a person, and a
# person named in many articles gaining one more, a failed meeting of one
# leader.
t_incremental_cases() {
  I="$NG_TMP/ic"; rm -rf "$I" "$NG_TMP/ic-store"; mkdir -p "$I"
  gen_articles "$I" 60 || return 1
  printf ' date 2021-05-04\nOverleg in Parijs\n\nMark Rutte ontmoette Emmanuel Macron op 3 mei 2021 in Parijs.\n' > "$I/x1.txt"
  printf ' date 2021-05-04\nGesprek in Parijs\n\nAngela Merkel sprak op 3 mei 2021 in Parijs met Emmanuel Macron.\n' > "$I/x2.txt"
  printf ' date 2021-06-01\nTerugblik\n\nMark Rutte en Emmanuel Macron hebben elkaar in mei in Parijs gesproken.\n' > "$NG_TMP/ic-join.txt"
  printf ' date 2021-05-05\nDrie leiders\n\nMark Rutte, Angela Merkel en Emmanuel Macron kwamen op 3 mei 2021 bijeen in Parijs.\n' > "$NG_TMP/ic-bridge.txt"
  printf ' date 2021-07-01\nBezoek\n\nJacinda Ardern ontmoette Mark Rutte op 30 juni 2021 in Brussel.\n' > "$NG_TMP/ic-only.txt"
  printf ' date 2019-11-20\nWeer overleg\n\nDonald Trump ontmoette Xi Jinping op 19 november 2019 in Peking.\n' > "$NG_TMP/ic-more.txt"
  ng build --quiet --store "$NG_TMP/ic-store" "$I" || return 1
  step=0
  # step DESCRIPTION FILE…: build FILE… onto the store, compare with scratch
  step() {
    step=$((step + 1)); what=$1; shift
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/ic-store" "$@" > "$NG_TMP/ic.log" 2>&1 \
      || { cat "$NG_TMP/ic.log"; return 1; }
    grep -q 'merged nodes written or removed' "$NG_TMP/ic.log" \
      || { echo "$what: not incremental"; grep -i 'scratch' "$NG_TMP/ic.log"; return 1; }
    # the entities' articles were written as a delta (only the articles
    # that changed), which the graph agreed with
    grep -q '[1-9][0-9]* changed nodes written with a delta of their articles' "$NG_TMP/ic.log" \
      || { echo "$what: no entity written with a delta"; grep -i 'delta' "$NG_TMP/ic.log"; return 1; }
    rm -rf "$NG_TMP/ic-full"
    ng build --quiet --store "$NG_TMP/ic-full" "$I" || return 1
    sorted_nt "$NG_TMP/ic-store" > "$NG_TMP/ic.nt"
    sorted_nt "$NG_TMP/ic-full" > "$NG_TMP/ic-full.nt"
    echo "$what: $(grep -c 'meeting mentions changed' "$NG_TMP/ic.log") merge, $(sed -n 's/.*meeting mentions changed, \([0-9]*\) replayed.*/\1/p' "$NG_TMP/ic.log") replayed"
    cmp -s "$NG_TMP/ic.nt" "$NG_TMP/ic-full.nt" || { echo "$what: differs from scratch"; diff "$NG_TMP/ic.nt" "$NG_TMP/ic-full.nt" | head; return 1; }
  }
  # remove FILE: the store forgets the article built from FILE
  remove() {
    grep -l "\"$1\"" "$NG_TMP/ic-store"/articles/*.nq | xargs rm -f
    rm -f "$1"
  }
  cp "$NG_TMP/ic-join.txt" "$I/" && step "a mention joins a meeting" "$I/ic-join.txt" || return 1
  n=$(q "$NG_TMP/ic-store" 'SELECT ?m WHERE { ?m a ng:Meeting ; schema:startDate ?d ; schema:location ?l . ?l schema:name "Parijs" FILTER (STR (?d) = "2021-05-03") }' | wc -l)
  [ "$n" = 2 ] || { echo "expected 2 meetings in Parijs on 3 May 2021, found $n"; return 1; }
  cp "$NG_TMP/ic-bridge.txt" "$I/" && step "a mention bridges two meetings" "$I/ic-bridge.txt" || return 1
  n=$(q "$NG_TMP/ic-store" 'SELECT ?m WHERE { ?m a ng:Meeting ; schema:startDate ?d ; schema:location ?l . ?l schema:name "Parijs" FILTER (STR (?d) = "2021-05-03") }' | wc -l)
  [ "$n" = 1 ] || { echo "expected 1 meeting in Parijs on 3 May 2021, found $n"; return 1; }
  remove "$I/ic-bridge.txt" && step "the bridge removed" "$I/x1.txt" || return 1
  cp "$NG_TMP/ic-only.txt" "$I/" && step "a person in one article" "$I/ic-only.txt" || return 1
  grep -q 'Jacinda Ardern' "$NG_TMP/ic.nt" || { echo "no Ardern"; return 1; }
  remove "$I/ic-only.txt" && step "the only article naming her removed" "$I/x2.txt" || return 1
  ! grep -q 'Jacinda Ardern' "$NG_TMP/ic.nt" || { echo "Ardern is still there"; return 1; }
  cp "$NG_TMP/ic-more.txt" "$I/" && step "a person named in many articles gains one" "$I/ic-more.txt" || return 1
  # a changed article: the joining one now names another month
  sed -i 's/in mei/in april/' "$I/ic-join.txt" && step "a mention leaves its meeting" "$I/ic-join.txt" || return 1
  # and now names someone else: it leaves Rutte's list of mentions
  sed -i 's/Mark Rutte en/Angela Merkel en/' "$I/ic-join.txt" \
    && step "a mention changes its participants" "$I/ic-join.txt" || return 1
  # a failed summit of one leader took place: a meeting of its own, also
  # when it arrives in an incremental build
  printf ' date 2022-02-02\nMislukt\n\nDe top van Jacinda Ardern in Brussel is mislukt.\n' > "$I/ic-failed.txt"
  step "a failed meeting with one participant" "$I/ic-failed.txt" || return 1
  grep -q 'Jacinda Ardern' "$NG_TMP/ic.nt" || { echo "the failed meeting is missing"; return 1; }
}
ok "incremental merges equal merges from scratch (join, bridge, removals, a frequent person, a failed meeting of one)" t_incremental_cases

# The articles directory's stamp: onto a store whose directory is as the
# last build left it, a build looks only at the files it writes; a file
# removed or added behind the store's back changes the directory, and the
# next build looks at every file; a file rewritten in place does not, so
# `stats` (which always looks at every file) says the graph is out of date
# and `build --rescan` merges it; no stamp is written while the directory's
# time is not older than the stamp's own file.
t_stamp() {
  T="$NG_TMP/stm"; O="$NG_TMP/stm-other"; rm -rf "$T" "$O" "$NG_TMP/stm-store"; mkdir -p "$T"
  gen_articles "$T" 30 || return 1
  ng build --quiet --store "$NG_TMP/stm-store" "$T"/g000*.txt "$T"/g001*.txt || return 1
  [ -f "$NG_TMP/stm-store/articles.stamp" ] || { echo "no stamp"; return 1; }
  # scratch FILE…: the store equals a build from scratch of FILE…
  scratch() {
    rm -rf "$NG_TMP/stm-full"
    ng build --quiet --store "$NG_TMP/stm-full" "$@" || return 1
    sorted_nt "$NG_TMP/stm-full" > "$NG_TMP/stm-full.nt"
    sorted_nt "$NG_TMP/stm-store" | cmp -s - "$NG_TMP/stm-full.nt" \
      || { echo "differs from scratch"; sorted_nt "$NG_TMP/stm-store" | diff - "$NG_TMP/stm-full.nt" | head; return 1; }
  }
  sbuild() {
    G_MESSAGES_DEBUG=all "$NG_BIN" build --store "$NG_TMP/stm-store" "$@" > "$NG_TMP/stm.log" 2>&1 \
      || { cat "$NG_TMP/stm.log"; return 1; }
  }
  # copy_during_build FILE: a build of the named pipe's text runs while the
  # article file of FILE (built in a store of its own) is copied in by hand
  copy_during_build() {
    rm -rf "$O"; ng build --quiet --store "$O" "$1" || return 1
    sbuild "$NG_TMP/stm-fifo" &
    pid=$!
    sleep 1
    cp "$O"/articles/*.nq "$NG_TMP/stm-store/articles/"
    cat "$NG_TMP/stm-fifo.txt" > "$NG_TMP/stm-fifo"
    wait $pid
  }
  # own_scratch: the store equals a merge from scratch of its own article files
  own_scratch() {
    rm -rf "$NG_TMP/stm-full"
    ng build --quiet --store "$NG_TMP/stm-full" "$NG_TMP/stm-store"/articles/*.nq || return 1
    sorted_nt "$NG_TMP/stm-full" > "$NG_TMP/stm-full.nt"
    sorted_nt "$NG_TMP/stm-store" | cmp -s - "$NG_TMP/stm-full.nt" || { echo "differs from scratch"; return 1; }
  }
  # 1. new articles: only they are looked at
  sbuild "$T"/g002*.txt || return 1
  contains "$NG_TMP/stm.log" ' 10 article files parsed, 19 as recorded (only the files written looked at)' || return 1
  contains "$NG_TMP/stm.log" '; 29 articles in the store;' || return 1
  contains "$NG_TMP/stm.log" 'merged nodes written or removed' || return 1
  scratch "$T"/g00[0-2]*.txt || return 1
  # 2. a file removed by hand, then one more article: every file looked at,
  #    the removed article is gone, incrementally
  grep -l "\"$T/g0003.txt\"" "$NG_TMP/stm-store"/articles/*.nq | xargs rm -f
  mv "$T/g0003.txt" "$NG_TMP/stm-g0003.txt"
  sbuild "$T/g0030.txt" || return 1
  contains "$NG_TMP/stm.log" ' 1 article files parsed, 28 as recorded$' || return 1
  contains "$NG_TMP/stm.log" '; 29 articles in the store;' || return 1
  contains "$NG_TMP/stm.log" 'merged nodes written or removed' || return 1
  scratch "$T"/g00*.txt || return 1
  # 3. an article file added by hand (built in another store): the next
  #    build, though it writes nothing new, takes it in
  printf ' date 2020-01-09\nBezoek\n\nMark Rutte ontmoette Angela Merkel op 8 januari 2020 in Berlijn.\n' > "$T/x.txt"
  ng build --quiet --store "$O" "$T/x.txt" || return 1
  cp "$O"/articles/*.nq "$NG_TMP/stm-store/articles/"
  sbuild "$T/g0030.txt" || return 1
  contains "$NG_TMP/stm.log" ' 1 article files parsed, 29 as recorded$' || return 1
  contains "$NG_TMP/stm.log" '; 30 articles in the store;' || return 1
  scratch "$T"/g00*.txt "$T/x.txt" || return 1
  # 4. that file rewritten in place (same inode, the directory unchanged):
  #    a build that writes nothing new does not see it, stats does, and
  #    build --rescan merges it
  printf ' date 2020-01-09\nBezoek\n\nMark Rutte ontmoette Emmanuel Macron op 8 januari 2020 in Parijs.\n' > "$T/x.txt"
  ng build --quiet --store "$O" "$T/x.txt" || return 1
  k=$(basename "$(ls "$O"/articles/*.nq)")
  ino=$(stat -c %i "$NG_TMP/stm-store/articles/$k")
  cat "$O/articles/$k" > "$NG_TMP/stm-store/articles/$k"
  [ "$(stat -c %i "$NG_TMP/stm-store/articles/$k")" = "$ino" ] || return 1
  gen=$(head -n 1 "$NG_TMP/stm-store/CURRENT")
  sbuild "$T/g0030.txt" || return 1
  [ "$(head -n 1 "$NG_TMP/stm-store/CURRENT")" = "$gen" ] || { echo "a new generation"; return 1; }
  ng stats --store "$NG_TMP/stm-store" > "$NG_TMP/stm.stats" || return 1
  contains "$NG_TMP/stm.stats" 'out of date: run nieuwsgraaf build --rescan' || return 1
  sbuild --rescan || return 1
  contains "$NG_TMP/stm.log" ' 1 article files parsed, 29 as recorded$' || return 1
  contains "$NG_TMP/stm.log" 'merged nodes written or removed' || return 1
  ng stats --store "$NG_TMP/stm-store" > "$NG_TMP/stm.stats" || return 1
  contains "$NG_TMP/stm.stats" 'up to date' || return 1
  scratch "$T"/g00*.txt "$T/x.txt" || return 1
  # 5. the directory's time not older than the stamp's (here: in the
  #    future): no stamp, and the next build looks at every file
  rm -f "$NG_TMP/stm-store/articles.stamp"
  touch -d '+1 hour' "$NG_TMP/stm-store/articles"; sleep 0.1
  sbuild --rescan || return 1
  [ ! -e "$NG_TMP/stm-store/articles.stamp" ] || { echo "a stamp of a directory changed later"; return 1; }
  sbuild "$T/g0030.txt" || return 1
  lacks "$NG_TMP/stm.log" 'only the files written looked at' || return 1
  touch -d '-1 hour' "$NG_TMP/stm-store/articles"; sleep 0.1
  sbuild --rescan || return 1
  [ -e "$NG_TMP/stm-store/articles.stamp" ] || { echo "no stamp"; return 1; }
  # 6. a stamp of another generation is no stamp
  cp "$NG_TMP/stm-g0003.txt" "$T/g0003.txt"
  sbuild "$T/g0003.txt" || return 1
  contains "$NG_TMP/stm.log" 'only the files written looked at' || return 1
  sed -i '2s/^[0-9]*/1/' "$NG_TMP/stm-store/articles.stamp"
  printf ' date 2020-02-09\nBezoek\n\nXi Jinping ontmoette Angela Merkel op 8 februari 2020 in Peking.\n' > "$T/y.txt"
  sbuild "$T/y.txt" || return 1
  lacks "$NG_TMP/stm.log" 'only the files written looked at' || return 1
  scratch "$T"/g00*.txt "$T/x.txt" "$T/y.txt" || return 1
  # 7. a file copied in by hand while a build runs (the build waits on a
  #    named pipe for its input): that build looks at every file, and the
  #    stamp it leaves covers the copy
  printf ' date 2020-03-09\nBezoek\n\nMoon Jae-in ontmoette Xi Jinping op 8 maart 2020 in Peking.\n' > "$T/z.txt"
  printf ' date 2020-04-09\nBezoek\n\nVladimir Poetin ontmoette Xi Jinping op 8 april 2020 in Moskou.\n' > "$NG_TMP/stm-fifo.txt"
  rm -f "$NG_TMP/stm-fifo"; mkfifo "$NG_TMP/stm-fifo" || return 1
  copy_during_build "$T/z.txt" || return 1
  lacks "$NG_TMP/stm.log" 'only the files written looked at' || return 1
  contains "$NG_TMP/stm.log" ' 2 article files parsed, 32 as recorded$' || return 1
  ng stats --store "$NG_TMP/stm-store" > "$NG_TMP/stm.stats" || return 1
  contains "$NG_TMP/stm.stats" 'up to date' || return 1
  own_scratch || return 1
  sorted_nt "$NG_TMP/stm-store" | grep -q 'Moon Jae-in' || { echo "the copied article is missing"; return 1; }
  # 8. the same, while a build runs that writes nothing (the same text
  #    again through the pipe): the merge itself notices the copy
  printf ' date 2020-05-09\nBezoek\n\nMark Rutte ontmoette Moon Jae-in op 8 mei 2020 in Brussel.\n' > "$T/w.txt"
  copy_during_build "$T/w.txt" || return 1
  contains "$NG_TMP/stm.log" ' 1 article files parsed, 34 as recorded$' || return 1
  own_scratch || return 1
  # 9. a copy of the store (cp -a: every file a new inode, the same bytes):
  #    its first build records the files as they are now, in a generation
  #    of its own with the same graph; the next has nothing to do
  rm -rf "$NG_TMP/stm-copy"; cp -a "$NG_TMP/stm-store" "$NG_TMP/stm-copy" || return 1
  gen=$(head -n 1 "$NG_TMP/stm-copy/CURRENT")
  G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --rescan --store "$NG_TMP/stm-copy" > "$NG_TMP/stm.log" 2>&1 || return 1
  contains "$NG_TMP/stm.log" ' 35 article files are not the files recorded (the same bytes); recording them' || return 1
  [ "$(head -n 1 "$NG_TMP/stm-copy/CURRENT")" = $((gen + 1)) ] || { echo "no generation recording them"; return 1; }
  sorted_nt "$NG_TMP/stm-copy" | cmp -s - "$NG_TMP/stm-full.nt" || { echo "the copy's graph differs"; return 1; }
  G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --rescan --store "$NG_TMP/stm-copy" > "$NG_TMP/stm.log" 2>&1 || return 1
  lacks "$NG_TMP/stm.log" 'recording them' || return 1
  [ "$(head -n 1 "$NG_TMP/stm-copy/CURRENT")" = $((gen + 1)) ] || { echo "a generation for nothing"; return 1; }
}
ok "the articles directory's stamp: a build looks at the files it writes, every file after a change behind the store's back (also during a build), --rescan for a file changed in place" t_stamp

# The same text saved in two files is one article: merged once, whether the
# files are built together or one after the other, and the article stays
# while any copy is left.
t_duplicate() {
  U="$NG_TMP/dup"; rm -rf "$U" "$NG_TMP/dup-a" "$NG_TMP/dup-b"; mkdir -p "$U"
  printf ' date 2021-05-04\nOverleg in Parijs\n\nMark Rutte ontmoette Emmanuel Macron op 3 mei 2021 in Parijs.\n' > "$U/a.txt"
  printf ' date 2021-06-01\nTerugblik\n\nMark Rutte en Emmanuel Macron hebben elkaar in mei in Parijs gesproken.\n' > "$U/b.txt"
  ng build --quiet --store "$NG_TMP/dup-a" "$U/a.txt" "$U/b.txt" || return 1
  cp "$U/a.txt" "$U/c.txt"
  ng build --quiet --store "$NG_TMP/dup-a" "$U/c.txt" || return 1
  ng build --quiet --store "$NG_TMP/dup-b" "$U" || return 1
  sorted_nt "$NG_TMP/dup-a" > "$NG_TMP/dup-a.nt"
  sorted_nt "$NG_TMP/dup-b" > "$NG_TMP/dup-b.nt"
  cmp -s "$NG_TMP/dup-a.nt" "$NG_TMP/dup-b.nt" || { diff "$NG_TMP/dup-a.nt" "$NG_TMP/dup-b.nt" | head; return 1; }
  n=$(q "$NG_TMP/dup-b" 'SELECT ?a WHERE { ?a a ng:Article }' | wc -l)
  [ "$n" = 2 ] || { echo "expected 2 articles, found $n"; return 1; }
  n=$(q "$NG_TMP/dup-b" 'SELECT ?n WHERE { ?m a ng:Meeting ; ng:mentionCount ?n }')
  [ "$n" = 2 ] || { echo "expected one meeting of 2 mentions, found: $n"; return 1; }
  # then each copy in turn is rewritten and removed, incrementally: the
  # other copy keeps the article (a store knows every file holding a text);
  # the rewritten text is the only one naming Berlijn, which goes again
  # (a place no article names lies nowhere)
  for f in a c; do
    printf ' date 2021-05-09\nAnders\n\nAngela Merkel ontmoette Mark Rutte op 8 mei 2021 in Berlijn.\n' > "$U/$f.txt"
    dup_step "$f.txt rewritten" "$U/$f.txt" || return 1
    cp "$U/b.txt" "$U/$f.txt"
    dup_step "$f.txt a copy of b.txt" "$U/$f.txt" || return 1
    grep -l "\"$U/$f.txt\"" "$NG_TMP/dup-a"/articles/*.nq | xargs rm -f
    rm -f "$U/$f.txt"
    dup_step "$f.txt removed" "$U/b.txt" || return 1
  done
}
# dup_step WHAT FILE…: build FILE… onto dup-a, incrementally, and compare
# with the files of $U from scratch
dup_step() {
  what=$1; shift
  G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/dup-a" "$@" > "$NG_TMP/dup.log" 2>&1 \
    || { cat "$NG_TMP/dup.log"; return 1; }
  grep -q 'merged nodes written or removed' "$NG_TMP/dup.log" \
    || { echo "$what: not incremental"; grep -i scratch "$NG_TMP/dup.log"; return 1; }
  rm -rf "$NG_TMP/dup-b"
  ng build --quiet --store "$NG_TMP/dup-b" "$U" || return 1
  sorted_nt "$NG_TMP/dup-a" > "$NG_TMP/dup-a.nt"
  sorted_nt "$NG_TMP/dup-b" > "$NG_TMP/dup-b.nt"
  cmp -s "$NG_TMP/dup-a.nt" "$NG_TMP/dup-b.nt" \
    || { echo "$what: differs from scratch"; diff "$NG_TMP/dup-a.nt" "$NG_TMP/dup-b.nt" | head; return 1; }
}
ok "the same text in two files is one article, merged once (together or one after the other; either copy changed or removed, incrementally)" t_duplicate

# The generation before the current one stays as a spare: the next
# incremental build takes its files, redoes the journal of what the build
# before did, and applies its own changes, instead of copying the whole
# graph.  Each result equals a build from
# scratch; the store keeps at most two generations; a generation a reader
# still has open is never taken (that build copies instead); a server lets
# go of a generation once it serves the next one.
t_spare() {
  P="$NG_TMP/sp"; rm -rf "$P" "$NG_TMP/sp-store"; mkdir -p "$P"
  gen_articles "$P/all" 50 || return 1
  for k in 1 2 3 4 5; do mkdir -p "$P/$k"; done
  mv "$P"/all/g000*.txt "$P"/all/g001*.txt "$P/1/"
  mv "$P"/all/g002*.txt "$P/2/"; mv "$P"/all/g003*.txt "$P/3/"
  mv "$P"/all/g004[0-4].txt "$P/4/"; mv "$P"/all/g004*.txt "$P"/all/g0050.txt "$P/5/"
  sb() {  # sb PART…: build the parts onto the store, log in sp.log
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/sp-store" "$@" \
      > "$NG_TMP/sp.log" 2>&1 || { cat "$NG_TMP/sp.log"; return 1; }
    grep -q 'merged nodes written or removed' "$NG_TMP/sp.log" \
      || { echo "$*: not incremental"; grep -i scratch "$NG_TMP/sp.log"; return 1; }
  }
  same_as_scratch() {  # same_as_scratch PART…
    rm -rf "$NG_TMP/sp-full"
    ng build --quiet --store "$NG_TMP/sp-full" "$@" || return 1
    sorted_nt "$NG_TMP/sp-full" > "$NG_TMP/sp-full.nt"
    sorted_nt "$NG_TMP/sp-store" | cmp -s - "$NG_TMP/sp-full.nt" \
      || { echo "differs from scratch after $*"; return 1; }
  }
  gens() { ls "$NG_TMP/sp-store" | sed -n 's/^merged-\([0-9]*\)-sp2o\.db$/\1/p' | sort -n | tr '\n' ' '; }
  ng build --quiet --store "$NG_TMP/sp-store" "$P/1" || return 1
  sb "$P/2" && grep -q 'copied' "$NG_TMP/sp.log" || { echo "no spare yet: expected a copy"; return 1; }
  sb "$P/3" && contains "$NG_TMP/sp.log" 'spare generation 1 taken' || return 1
  same_as_scratch "$P/1" "$P/2" "$P/3" || return 1
  [ "$(gens)" = "2 3 " ] || { echo "generations on disk: $(gens)"; return 1; }
  # a server reads generation 3 and holds its lock; the next build (4)
  # takes spare 2, and the server, once it has seen generation 4, lets go
  # of 3
  ng_serve "$NG_TMP/sp-serve.err" "$NG_TMP/sp-store" --workers 2 || return 1
  L3="$NG_TMP/sp-store/merged-3.lock"
  ! flock -n -x "$L3" true || { echo "the server holds no lock on generation 3"; stop_server; return 1; }
  Q='SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  served() {  # the server's count, from the graph it serves
    "$CURL" -s -G -H 'Accept: text/csv' --data-urlencode "query=$Q" "$URL/sparql" | tail -n 1 | tr -d '\r'
  }
  n3=$(served)
  sb "$P/4" && contains "$NG_TMP/sp.log" 'spare generation 2 taken' || { stop_server; return 1; }
  i=0
  until flock -n -x "$L3" true; do
    [ $i -lt 50 ] || { echo "the server still holds generation 3"; stop_server; return 1; }
    sleep 0.2; i=$((i + 1))
  done
  # another reader has generation 3 open: the build after (5) must not
  # take it, and copies
  ( exec 9< "$L3"; flock -s 9; exec sleep 60 ) > /dev/null 2>&1 & holder=$!
  i=0
  until ! flock -n -x "$L3" true; do [ $i -lt 50 ] || break; sleep 0.1; i=$((i + 1)); done
  sb "$P/5" && contains "$NG_TMP/sp.log" 'open elsewhere; copying' || { kill $holder; stop_server; return 1; }
  kill $holder; wait $holder 2>/dev/null
  same_as_scratch "$P/1" "$P/2" "$P/3" "$P/4" "$P/5" || { stop_server; return 1; }
  [ "$(gens)" = "4 5 " ] || { echo "generations on disk: $(gens)"; stop_server; return 1; }
  # the server answers from the new graph within seconds
  n5=$(ng query --store "$NG_TMP/sp-store" --format csv "$Q" | tail -n 1 | tr -d '\r')
  [ "$n3" != "$n5" ] || { echo "the builds changed nothing?"; stop_server; return 1; }
  i=0
  until [ "$(served)" = "$n5" ]; do
    [ $i -lt 50 ] || { echo "server still answers $(served), expected $n5"; cat "$NG_TMP/sp-serve.err"; stop_server; return 1; }
    sleep 0.2; i=$((i + 1))
  done
  # the next build takes spare 4, which the server has let go of
  printf ' date 2022-03-01\nOverleg in Berlijn\n\nMark Rutte ontmoette Angela Merkel op 28 februari 2022 in Berlijn.\n' > "$P/5/extra.txt"
  sb "$P/5/extra.txt" && contains "$NG_TMP/sp.log" 'spare generation 4 taken' || { stop_server; return 1; }
  stop_server
  same_as_scratch "$P/1" "$P/2" "$P/3" "$P/4" "$P/5" || return 1
  # a damaged journal: the spare is given up, the build still right
  cur=$(head -n 1 "$NG_TMP/sp-store/CURRENT")
  printf '<urn:a> <urn:b> "broken' >> "$NG_TMP/sp-store/merged-$cur.redo"
  printf ' date 2022-03-02\nOverleg in Moskou\n\nVladimir Poetin ontmoette Xi Jinping op 1 maart 2022 in Moskou.\n' > "$P/5/extra2.txt"
  G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/sp-store" "$P/5/extra2.txt" \
    > "$NG_TMP/sp.log" 2>&1 || { cat "$NG_TMP/sp.log"; return 1; }
  contains "$NG_TMP/sp.log" 'could not be redone' || return 1
  same_as_scratch "$P/1" "$P/2" "$P/3" "$P/4" "$P/5"
}
ok "incremental builds take the previous generation as a spare (never one a reader has open), results equal to scratch" t_spare

t_crash() {
  G="$NG_TMP/gen"; gen_articles "$G" 300
  ng build --quiet --store "$NG_TMP/ref" "$G" || return 1
  sorted_nt "$NG_TMP/ref" > "$NG_TMP/ref.nt"
  fails=0
  for i in $(seq 1 20); do
    C="$NG_TMP/c$i"
    # half of the runs start from a store that already holds articles
    # (and of those, every other one has two generations: the killed
    # build takes the spare)
    if [ $((i % 2)) = 0 ]; then ng build --quiet --store "$C" "$D" || return 1; fi
    if [ $((i % 4)) = 0 ]; then ng build --quiet --store "$C" "$G"/g000*.txt || return 1; fi
    # the binary itself in the background (not the ng function, whose
    # subshell would be killed instead of the build)
    "$NG_BIN" build --quiet --store "$C" "$G" > /dev/null 2>&1 &
    pid=$!
    delay=$(awk -v s="$i" 'BEGIN { srand(s * 7919); printf "%.3f", rand() * 2.0 }')
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # the store opens (or, killed before anything was written, is absent)
    if [ -f "$C/store.ini" ]; then
      ng stats --store "$C" > "$NG_TMP/st" 2>&1 || [ ! -f "$C/CURRENT" ] || { echo "run $i: store does not open"; cat "$NG_TMP/st"; fails=$((fails + 1)); continue; }
    fi
    # every article file is one whole article graph, byte-identical to the
    # uninterrupted build's
    for f in "$C"/articles/*.nq; do
      [ -e "$f" ] || continue
      b=$(basename "$f")
      if [ -f "$NG_TMP/ref/articles/$b" ]; then
        cmp -s "$f" "$NG_TMP/ref/articles/$b" || { echo "run $i: $b differs"; fails=$((fails + 1)); }
      fi
    done
    # building again completes the store and yields the reference graph
    timeout -k 5 120 "$NG_BIN" build --quiet --store "$C" "$G" 2> "$NG_TMP/rebuild.err" \
      || { echo "run $i: rebuild failed"; cat "$NG_TMP/rebuild.err"; fails=$((fails + 1)); }
    # temporary files of interrupted writes are gone
    if ls "$C"/articles/ | grep -v '\.nq$' | grep -q .; then
      echo "run $i: temporary files left"; ls "$C/articles" | grep -v '\.nq$'; fails=$((fails + 1))
    fi
    if [ $((i % 2)) = 1 ]; then
      sorted_nt "$C" | cmp -s - "$NG_TMP/ref.nt" || { echo "run $i: graph differs after rebuild"; fails=$((fails + 1)); }
    fi
    ng stats --store "$C" | grep -q 'up to date' || { echo "run $i: not up to date"; fails=$((fails + 1)); }
    rm -rf "$C"
  done
  echo "$fails failures in 20 kills"
  [ "$fails" = 0 ]
}
ok "SIGKILL at 20 random moments: the store opens, articles whole or absent" t_crash

# A build of more articles than a batch of renames (128) renames the full
# batches while it goes on extracting (the store's flusher thread); the
# merge renames the rest.  The store then holds every article, nothing is
# left in its temporary directory, and the graph is the one of builds in
# parts smaller than a batch (where the merge alone renames).
renamed_before_merge() {  # LOG: batches renamed before the merge said so
  sed -n '/: merging$/q; /article files synced and renamed into place/p' "$1" | wc -l
}
t_flusher() {
  G="$NG_TMP/flush-gen"; gen_articles "$G" 400
  G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --jobs 2 --store "$NG_TMP/flush" "$G" \
    > "$NG_TMP/flush.log" 2>&1 || { cat "$NG_TMP/flush.log"; return 1; }
  early=$(renamed_before_merge "$NG_TMP/flush.log")
  # the merge renames the last batch itself, just before it says so
  [ "$early" -ge 2 ] || { echo "no batch renamed while extracting"; grep -E 'renamed|merging' "$NG_TMP/flush.log"; return 1; }
  [ "$(ls "$NG_TMP/flush/articles" | grep -c '\.nq$')" = 400 ] || { echo "not 400 article files"; return 1; }
  [ -z "$(ls -A "$NG_TMP/flush/tmp" 2>/dev/null)" ] || { echo "temporary files left"; ls "$NG_TMP/flush/tmp"; return 1; }
  ng stats --store "$NG_TMP/flush" | grep -q 'up to date' || { echo "not up to date"; return 1; }
  for part in 00 01 02 03 04; do
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$NG_TMP/flush-parts" "$G"/g"$part"*.txt \
      > "$NG_TMP/flush-part.log" 2>&1 || { cat "$NG_TMP/flush-part.log"; return 1; }
    early=$(renamed_before_merge "$NG_TMP/flush-part.log")
    [ "$early" = 1 ] || { echo "part $part: a batch renamed while extracting"; return 1; }
  done
  sorted_nt "$NG_TMP/flush" > "$NG_TMP/flush.nt"
  [ -s "$NG_TMP/flush.nt" ] && sorted_nt "$NG_TMP/flush-parts" | cmp -s - "$NG_TMP/flush.nt" \
    || { echo "the graph differs from the one built in parts"; return 1; }
}
ok "a build of 400 articles renames full batches while it extracts; the graph equals builds in parts" t_flusher

# An article file that cannot be put in place (a directory stands in its
# way) is told, with its path, and the build goes on: the other files of
# its batch are renamed and the merge takes them (exit 1).  Once the way
# is clear the next build completes the store: the graph of the articles
# built at once.
t_rename_fails() {
  G="$NG_TMP/flush-gen"; E="$NG_TMP/rename-fails"
  f=$(grep -l '/g0005.txt"' "$NG_TMP/flush/articles/"*.nq | head -n 1)
  [ -n "$f" ] || { echo "no article file of g0005.txt"; return 1; }
  key=$(basename "$f")
  ng build --quiet --store "$E" "$G/g0001.txt" || return 1
  mkdir -p "$E/articles/$key/in-the-way"
  "$NG_BIN" build --quiet --jobs 2 --store "$E" "$G" > /dev/null 2> "$NG_TMP/rename.err"
  st=$?
  [ "$st" = 1 ] || { echo "exit status $st, not 1"; cat "$NG_TMP/rename.err"; return 1; }
  grep -q "$key: cannot rename the article file into place" "$NG_TMP/rename.err" \
    || { echo "the failed rename is not told"; cat "$NG_TMP/rename.err"; return 1; }
  [ "$(find "$E/articles" -maxdepth 1 -type f -name '*.nq' | wc -l)" = 399 ] \
    || { echo "not the 399 other article files"; return 1; }
  ng stats --store "$E" > "$NG_TMP/rename.stats" 2> /dev/null
  grep -q '^articles  *399$' "$NG_TMP/rename.stats" && grep -q 'up to date' "$NG_TMP/rename.stats" \
    || { echo "the merge did not take the 399"; cat "$NG_TMP/rename.stats"; return 1; }
  rm -rf "$E/articles/$key"
  ng build --quiet --store "$E" "$G" || return 1
  ng stats --store "$E" | grep -q 'up to date' || { echo "not up to date"; return 1; }
  sorted_nt "$E" | cmp -s - "$NG_TMP/flush.nt" || { echo "the graph differs from the one built at once"; return 1; }
}
ok "an article file that cannot be put in place is told; the others are stored and merged; the next build completes the store" t_rename_fails

t_lock() {
  G="$NG_TMP/gen"
  "$NG_BIN" build --quiet --store "$NG_TMP/locked" "$G" > /dev/null 2>&1 &
  pid=$!
  # wait (bounded) until the first build holds the store
  for _ in $(seq 1 100); do [ -f "$NG_TMP/locked/LOCK" ] && break; sleep 0.05; done
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng build --store "$NG_TMP/locked" "$D"
  st=$?
  wait "$pid"
  [ "$st" = 0 ] && contains "$NG_TMP/e" "another nieuwsgraaf process is writing"
}
ok "a second build on the same store is refused while the first runs" t_lock

finish
