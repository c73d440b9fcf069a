#!/bin/sh
# Parallel and sharded builds give exactly the graph of a plain build.
. "$NG_SRCDIR/tests/lib.sh"

ng() { "$NG_BIN" "$@"; }
cd "$NG_SRCDIR" || exit 1
SAMPLE="examples/sample"
MERGE="tests/data/merge"

t_jobs() {
  ng build --quiet --jobs 1 --store "$NG_TMP/j1" "$SAMPLE" "$MERGE" || return 1
  ng build --quiet --jobs 2 --store "$NG_TMP/j2" "$SAMPLE" "$MERGE" || return 1
  ng build --quiet --jobs 5 --store "$NG_TMP/j5" "$SAMPLE" "$MERGE" || return 1
  ng export --store "$NG_TMP/j1" --format nquads > "$NG_TMP/j1.nq"
  ng export --store "$NG_TMP/j2" --format nquads > "$NG_TMP/j2.nq"
  ng export --store "$NG_TMP/j5" --format nquads > "$NG_TMP/j5.nq"
  [ -s "$NG_TMP/j1.nq" ] && cmp "$NG_TMP/j1.nq" "$NG_TMP/j2.nq" && cmp "$NG_TMP/j1.nq" "$NG_TMP/j5.nq" \
    || return 1
  cp "$NG_TMP/j1.nq" "$NG_TMP/direct.nq"   # for t_shards
  # and their merge states agree with their graphs: an article more, built
  # incrementally onto each, gives the same graph again
  printf ' date 2021-05-04\nOverleg\n\nMark Rutte ontmoette Emmanuel Macron op 3 mei 2021 in Parijs.\n' \
    > "$NG_TMP/more.txt"
  for j in 1 2 5; do
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --jobs "$j" --store "$NG_TMP/j$j" "$NG_TMP/more.txt" \
      > "$NG_TMP/more.log" 2>&1 || return 1
    grep -q 'merged nodes written or removed' "$NG_TMP/more.log" \
      || { echo "--jobs $j: not incremental"; grep -i scratch "$NG_TMP/more.log"; return 1; }
    ng export --store "$NG_TMP/j$j" --format nquads > "$NG_TMP/j$j.nq"
  done
  cmp "$NG_TMP/j1.nq" "$NG_TMP/j2.nq" && cmp "$NG_TMP/j1.nq" "$NG_TMP/j5.nq"
}
ok "build --jobs 2 and --jobs 5 give the graph of --jobs 1 (and merge states that an incremental build agrees with)" t_jobs

t_shards() {
  ls "$SAMPLE"/*.txt "$MERGE"/*.txt > "$NG_TMP/all"
  n=$(wc -l < "$NG_TMP/all")
  split -n l/4 "$NG_TMP/all" "$NG_TMP/part."
  i=0
  for part in "$NG_TMP"/part.*; do
    i=$((i + 1))
    # as a batch system on another machine would run it
    ng extract --format nquads $(cat "$part") > "$NG_TMP/shard$i.nq" || return 1
  done
  [ "$i" = 4 ] || return 1
  ng build --quiet --store "$NG_TMP/sh" "$NG_TMP"/shard*.nq || return 1
  ng export --store "$NG_TMP/sh" --format nquads > "$NG_TMP/sh.nq"
  echo "$n articles in 4 shards"
  cmp "$NG_TMP/sh.nq" "$NG_TMP/direct.nq" || return 1
  "$RAPPER" -q -i nquads -c "$NG_TMP/shard1.nq"
}
ok "sharded extraction (4 parts) merged by build equals building directly" t_shards

t_bad_nquads() {
  printf '<https://a> <https://b> "c" .\n' > "$NG_TMP/default.nq"
  printf 'not n-quads at all\n' > "$NG_TMP/garbage.nq"
  printf '<https://a> <https://b> "c" <https://g> .\n' > "$NG_TMP/notarticle.nq"
  run_status 1 "$NG_TMP/o" "$NG_TMP/e" ng build --store "$NG_TMP/bad" \
    "$NG_TMP/default.nq" "$NG_TMP/garbage.nq" "$NG_TMP/notarticle.nq" "$NG_TMP/shard1.nq" || return 1
  contains "$NG_TMP/e" "default.nq: 1 statements outside a named article graph" || return 1
  contains "$NG_TMP/e" "garbage.nq:1: not valid N-Quads" || return 1
  contains "$NG_TMP/e" "is not an article graph" || return 1
  [ "$(ng stats --store "$NG_TMP/bad" -f json | sed 's/.*"articles": \([0-9]*\).*/\1/')" -gt 0 ]
}
ok "N-Quads that are not article graphs are refused, the rest is stored" t_bad_nquads

finish
