#!/bin/sh
# End-to-end tests of the nieuwsgraaf command line: build → query → export →
# re-read by rapper, the reader's errors, exit statuses and --help.
. "$NG_SRCDIR/tests/lib.sh"

S="$NG_TMP/store"
SAMPLE="$NG_SRCDIR/examples/sample"
ng() { "$NG_BIN" "$@"; }

t_help() {
  ng --help | grep -q "Commands:" || return 1
  for c in build extract export query serve; do
    ng "$c" --help > "$NG_TMP/h" 2>&1 || { echo "$c --help failed"; return 1; }
    grep -q "Usage:" "$NG_TMP/h" || { echo "$c --help has no usage"; return 1; }
    grep -q -- "--quiet" "$NG_TMP/h" || { echo "$c --help has no --quiet"; return 1; }
  done
}
ok "--help on every subcommand" t_help

t_usage() {
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng frobnicate || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng build --no-such-option x || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng build || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" --format pdf
}
ok "usage errors exit 2" t_usage

t_build() {
  run_status 0 "$NG_TMP/o" "$NG_TMP/build.err" ng build --store "$S" "$SAMPLE" || return 1
  contains "$NG_TMP/build.err" "merged graph"
}
ok "build the sample corpus" t_build

Q_WHO='SELECT ?a ?b WHERE { ?m a ng:Meeting ; schema:attendee ?x, ?y . ?x schema:name ?a . ?y schema:name ?b FILTER(?a < ?b) }'
t_query() {
  run_status 0 "$NG_TMP/q.csv" "$NG_TMP/q.err" ng query --store "$S" --format csv "$Q_WHO" || return 1
  head -1 "$NG_TMP/q.csv" | grep -q '^a,b' || return 1
  [ "$(wc -l < "$NG_TMP/q.csv")" -ge 3 ] || { echo "too few meetings"; cat "$NG_TMP/q.csv"; return 1; }
  run_status 0 "$NG_TMP/q.txt" "$NG_TMP/q.err" ng query --store "$S" "$Q_WHO"
}
ok "query who met whom" t_query

count_nt() { grep -c ' \.$' "$1"; }
t_export_roundtrip() {
  run_status 0 "$NG_TMP/o" "$NG_TMP/e" ng export --store "$S" -o "$NG_TMP/g.ttl" || return 1
  run_status 0 "$NG_TMP/g.nt" "$NG_TMP/e" ng export --store "$S" --format ntriples || return 1
  n_nt=$(count_nt "$NG_TMP/g.nt")
  n_ttl=$("$RAPPER" -q -i turtle -c "$NG_TMP/g.ttl" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  [ -z "$n_ttl" ] && n_ttl=$("$RAPPER" -i turtle -c "$NG_TMP/g.ttl" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  n_q=$(ng query --store "$S" --format csv 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | tail -1 | tr -d '\r')
  echo "ntriples $n_nt turtle $n_ttl query $n_q"
  [ "$n_nt" -gt 50 ] && [ "$n_nt" = "$n_ttl" ] && [ "$n_nt" = "$n_q" ]
}
ok "turtle export re-read by rapper with the same triple count" t_export_roundtrip

t_rdfxml_nquads() {
  ng export --store "$S" --format rdfxml -o "$NG_TMP/g.rdf" || return 1
  n_x=$("$RAPPER" -i rdfxml -c "$NG_TMP/g.rdf" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  [ "$n_x" = "$(count_nt "$NG_TMP/g.nt")" ] || { echo "rdfxml $n_x"; return 1; }
  ng export --store "$S" --format nquads -o "$NG_TMP/g.nq" || return 1
  n_q=$("$RAPPER" -i nquads -c "$NG_TMP/g.nq" 2>&1 | sed -n 's/.*returned \([0-9]*\) triples.*/\1/p')
  [ "$n_q" -gt "$n_x" ] || { echo "nquads $n_q"; return 1; }
  # every article is a named graph
  n_g=$(awk '{print $(NF-1)}' "$NG_TMP/g.nq" | grep -c '/article/' )
  [ "$n_g" -gt 0 ]
}
ok "rdfxml and nquads exports parse" t_rdfxml_nquads

t_idempotent() {
  before=$(count_nt "$NG_TMP/g.nt")
  ng build --quiet --store "$S" "$SAMPLE" || return 1
  ng export --store "$S" --format ntriples > "$NG_TMP/g2.nt" || return 1
  after=$(count_nt "$NG_TMP/g2.nt")
  echo "before $before after $after"
  [ "$before" = "$after" ] && cmp -s "$NG_TMP/g.nt" "$NG_TMP/g2.nt"
}
ok "building the same articles again changes nothing" t_idempotent

t_bad_inputs() {
  B="$NG_TMP/batch"; mkdir -p "$B/sub"
  printf ' date 2019-06-30\nDonald Trump ontmoette Kim Jong-un in Panmunjom.\n' > "$B/good.txt"
  printf 'Eerste zin.\nDan fo\377ut.\n' > "$B/bad-utf8.txt"
  : > "$B/empty.txt"
  printf '%%PDF-1.4 binary' > "$B/sub/doc.pdf"
  printf ' date 2019-13 Kapotte datum.\n' > "$B/bad-date.txt"
  run_status 1 "$NG_TMP/o" "$NG_TMP/bad.err" ng build --store "$NG_TMP/s2" "$B" "$NG_TMP/does-not-exist.txt" || return 1
  contains "$NG_TMP/bad.err" "bad-utf8.txt:2:7: invalid UTF-8 at byte 18" || return 1
  contains "$NG_TMP/bad.err" "empty.txt: empty article" || return 1
  contains "$NG_TMP/bad.err" "doc.pdf: not a text article: looks like a PDF" || return 1
  contains "$NG_TMP/bad.err" "bad-date.txt:1:7: malformed date line" || return 1
  contains "$NG_TMP/bad.err" "does-not-exist.txt" || return 1
  contains "$NG_TMP/bad.err" "1 article stored, 5 failed" || return 1
  ng query --store "$NG_TMP/s2" --format csv "$Q_WHO" > "$NG_TMP/o2" || return 1
  contains "$NG_TMP/o2" "Donald Trump,Kim Jong-un"
}
ok "bad inputs are reported, the rest is stored, exit 1" t_bad_inputs

# The walk decides from the types the directory lists (a stat only for
# links and unknown types), and a thread reads ahead of the extraction
# threads: both must keep what is read, and in which order, as it was.
t_walk() {
  W="$NG_TMP/walk"
  mkdir -p "$W/in/sub" "$W/out/dir" || return 1
  for f in in/a.txt in/sub/b.txt in/.hidden.txt out/c.txt out/dir/d.txt; do
    printf ' date 2020-03\nMark Rutte sprak in Den Haag met Emmanuel Macron (%s).\n' "$f" \
      > "$W/$f" || return 1
  done
  ln -s ../out/c.txt "$W/in/filelink.txt" && ln -s ../out/dir "$W/in/dirlink" &&
    mkfifo "$W/in/pipe" || return 1
  for j in 1 2; do
    timeout -k 5 60 "$NG_BIN" build --verbose --jobs $j --store "$W/s$j" "$W/in" \
      > "$NG_TMP/o" 2> "$NG_TMP/walk.err" || { cat "$NG_TMP/walk.err"; return 1; }
    sed -n "s|^nieuwsgraaf build: $W/in/\([^:]*\): [0-9]* sentences.*|\1|p" \
      "$NG_TMP/walk.err" > "$NG_TMP/walk.got"
    printf 'a.txt\ndirlink/d.txt\nfilelink.txt\nsub/b.txt\n' > "$NG_TMP/walk.want"
    cmp -s "$NG_TMP/walk.got" "$NG_TMP/walk.want" \
      || { echo "--jobs $j read:"; cat "$NG_TMP/walk.got"; return 1; }
    contains "$NG_TMP/walk.err" "4 articles stored, 0 failed" || return 1
  done
}
ok "a directory is walked in name order: subdirectories and links followed, hidden files and pipes skipped" t_walk

t_stdin_extract() {
  printf ' date 2018-04-27\nKim Jong-un ontmoette Moon Jae-in in Panmunjom.\n' > "$NG_TMP/in.txt"
  ng build --quiet --store "$NG_TMP/s3" - < "$NG_TMP/in.txt" || return 1
  ng query --store "$NG_TMP/s3" --format csv "$Q_WHO" | grep -q "Kim Jong-un,Moon Jae-in" || return 1
  ng extract "$NG_TMP/in.txt" > "$NG_TMP/one.ttl" || return 1
  "$RAPPER" -q -i turtle -c "$NG_TMP/one.ttl" || return 1
  contains "$NG_TMP/one.ttl" "MeetingMention" || return 1
  ng extract --merged "$NG_TMP/in.txt" > "$NG_TMP/one-m.ttl" || return 1
  contains "$NG_TMP/one-m.ttl" "ng:Meeting"
}
ok "build from standard input; extract prints Turtle" t_stdin_extract

t_query_errors() {
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng query --store "$S" 'SELECT ?x WHERE { ?x ?y }' || return 1
  contains "$NG_TMP/e" "malformed query" || return 1
  # OPTIONAL after a two-triple pattern: one row per (meeting, attendee), as
  # each meeting has at most one location (Rasqal 0.9.33 alone gives rows of
  # other meetings here)
  plain=$(ng query --store "$S" --format csv 'SELECT ?m ?a WHERE { ?m a ng:Meeting ; schema:attendee ?a }' | tail -n +2 | wc -l)
  opt=$(ng query --store "$S" --format csv 'SELECT ?m ?a ?l WHERE { ?m a ng:Meeting ; schema:attendee ?a . OPTIONAL { ?m schema:location ?l } }' | tail -n +2 | wc -l)
  echo "plain $plain optional $opt"
  [ "$plain" -gt 0 ] && [ "$plain" = "$opt" ] || return 1
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng query --store "$NG_TMP/none" "$Q_WHO" || return 1
  contains "$NG_TMP/e" "no nieuwsgraaf store here"
}
ok "query errors are clear and never wrong rows" t_query_errors

t_solution_limit() {
  # the whole graph counted: refused under a small limit (exit 1, the
  # message names the limit and the option), answered under the default
  Q_ALL='SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng query --store "$S" --max-solutions 50 "$Q_ALL" || return 1
  contains "$NG_TMP/e" "more than 50 intermediate solutions" || return 1
  contains "$NG_TMP/e" "--max-solutions" || return 1
  [ ! -s "$NG_TMP/o" ] || return 1
  n=$(ng query --store "$S" --format csv "$Q_ALL" | tail -n 1 | tr -d '\r')
  echo "triples: $n"
  [ "$n" -gt 50 ] || return 1
  run_status 2 "$NG_TMP/o" "$NG_TMP/e" ng query --store "$S" --max-solutions 0 "$Q_ALL"
}
ok "query --max-solutions: over the limit a clear error, never a partial answer" t_solution_limit

finish
