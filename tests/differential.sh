#!/bin/sh
# differential.sh — generated queries over a news graph (the samples and, when
# present, the shared seed articles), answered by `nieuwsgraaf query` and by
# rdflib (Debian's python3-rdflib under /usr/bin/python3); every answer must
# agree.  tests/differential.py generates, runs and compares.
. "$NG_SRCDIR/tests/lib.sh"

PY=/usr/bin/python3
if ! "$PY" -c 'import rdflib' 2>/dev/null; then
  echo "1..0 # SKIP $PY has no rdflib"
  exit 0
fi

set -- "$NG_SRCDIR"/examples/sample
[ -d "$NG_SHARED/corpus/seeds" ] && set -- "$@" "$NG_SHARED/corpus/seeds"
"$NG_BIN" build --quiet --store "$NG_TMP/store" "$@" > "$NG_TMP/build.out" 2>&1
rc=$?
if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
  echo "1..1"; echo "not ok 1 - build the news graph"; sed 's/^/# /' "$NG_TMP/build.out"
  exit 1
fi
"$NG_BIN" export --store "$NG_TMP/store" --format turtle -o "$NG_TMP/graph.ttl" || exit 1

# Prints its own TAP; a fixed seed keeps the queries the same run to run.
"$PY" "$NG_SRCDIR/tests/differential.py" "$NG_BIN" "$NG_TMP/store" "$NG_TMP/graph.ttl" \
  "${NG_DIFFERENTIAL_COUNT:-250}" 20190228
