#!/bin/sh
# Randomised incremental merges: articles about a few persons and cities
# (so that meetings merge, bridge and split a lot), with dates of every
# precision and none, held, failed, planned and cancelled, added to a
# store in random steps, some steps also rewriting an article that is
# already there, saving one again under another name or removing one.
# After every step the store must hold exactly the merged graph of a build
# from scratch of the same files, and the step must have been
# incremental.  A failure names the seed and the step (rerun with
# NG_RANDOM_SEEDS=SEED).
. "$NG_SRCDIR/tests/lib.sh"

ng() { "$NG_BIN" "$@"; }
sorted_nt() { ng export --store "$1" --format ntriples | sort; }

# gen SEED N DIR: N articles, seeded
gen() {
  mkdir -p "$3"
  awk -v seed="$1" -v n="$2" -v dir="$3" 'BEGIN {
    srand(seed)
    np = split("Mark Rutte|Emmanuel Macron|Angela Merkel|Xi Jinping|Vladimir Poetin|Donald Trump", p, "|")
    nc = split("Parijs|Berlijn|Brussel|Peking|", c, "|")
    split("januari|februari|maart|april", m, "|")
    for (i = 0; i < n; i++) {
      k = int (rand () * 5); k = k == 0 ? 1 : k == 4 ? 3 : 2
      for (j = 1; j <= np; j++) used[j] = 0
      for (j = 1; j <= k; j++) { do x = 1 + int (rand () * np); while (used[x]); used[x] = 1; who[j] = p[x] }
      city = c[1 + int (rand () * nc)]
      mon = 1 + int (rand () * 4)
      d = rand ()
      if (d < 0.4) when = sprintf (" op %d %s 2021", 1 + int (rand () * 3), m[mon])
      else if (d < 0.6) when = sprintf (" in %s 2021", m[mon])
      else if (d < 0.7) when = " in 2021"
      else when = ""
      where = city == "" ? "" : " in " city
      s = rand ()   # the status: held, or failed, planned, cancelled
      if (k == 1 && s < 0.35) body = sprintf ("De top van %s%s%s is mislukt.", who[1], where, when)
      else if (k == 1) body = sprintf ("%s was aanwezig bij de top%s%s.", who[1], where, when)
      else if (k == 2 && s < 0.15) body = sprintf ("%s zal %s%s%s ontmoeten.", who[1], who[2], when, where)
      else if (k == 2 && s < 0.25)
        body = sprintf ("De ontmoeting van %s en %s%s%s is afgelast.", who[1], who[2], where, when)
      else if (k == 2) body = sprintf ("%s ontmoette %s%s%s.", who[1], who[2], when, where)
      else body = sprintf ("%s, %s en %s kwamen%s bijeen%s.", who[1], who[2], who[3], when, where)
      f = sprintf ("%s/a%04d.txt", dir, i)
      printf " date 2021-%02d-%02d\nOverleg %d\n\n%s\n", mon + int (rand () * 2), 1 + int (rand () * 28), i, body > f
      close (f)
    }
  }'
}

# one SEED: the steps of one seed
one() {
  seed=$1 W="$NG_TMP/r$1"
  rm -rf "$W"; mkdir -p "$W/in"
  gen "$seed" 120 "$W/all" || return 1
  # a random order and random step sizes (1-12), from the seed too
  ls "$W/all" | awk -v seed="$seed" 'BEGIN { srand (seed + 7) } { print rand (), $0 }' \
    | sort -n | awk '{ print $2 }' > "$W/order"
  total=$(wc -l < "$W/order") i=0 step=0
  awk -v seed="$seed" -v n="$total" 'BEGIN { srand (seed + 13); i = 0
      while (i < n) { k = 1 + int (rand () * 12); r = rand ()
        # besides the new articles: 1 an article changed, 2 one saved again
        # under another name, 3 one removed
        print k, r < 0.2 ? 1 : r < 0.35 ? 2 : r < 0.45 ? 3 : 0, 1 + int (rand () * n); i += k } }' \
    > "$W/steps"
  while read -r k action pick; do
    step=$((step + 1))
    sed -n "$((i + 1)),$((i + k))p" "$W/order" | while read -r f; do cp "$W/all/$f" "$W/in/"; done
    i=$((i + k))
    victim=$(ls "$W/in" | head -n "$(( (pick % $(ls "$W/in" | wc -l)) + 1 ))" | tail -n 1)
    case $action in
      1)  # an article already there gets the text of another one
          src=$(sed -n "${pick}p" "$W/order")
          sed "s/^Overleg .*/Overleg $step/" "$W/all/$src" > "$W/in/$victim" ;;
      2)  cp "$W/in/$victim" "$W/in/d$step-$victim" ;;
      3)  if [ "$step" -gt 1 ]; then
            grep -l "\"$W/in/$victim\"" "$W/inc"/articles/*.nq | xargs rm -f
            rm -f "$W/in/$victim"
          fi ;;
    esac
    G_MESSAGES_DEBUG=all "$NG_BIN" build --quiet --store "$W/inc" "$W/in" > "$W/log" 2>&1 \
      || { echo "seed $seed step $step: build failed"; tail "$W/log"; return 1; }
    # every step after the first merges incrementally (the same text in
    # two files too)
    if [ "$step" -gt 1 ] && ! grep -q 'merged nodes written or removed' "$W/log"; then
      echo "seed $seed step $step (action $action): not incremental"
      grep -i 'scratch' "$W/log" | sed 's/.*DEBUG: [0-9:.]*: //'
      return 1
    fi
    rm -rf "$W/scr"
    ng build --quiet --store "$W/scr" "$W/in" || return 1
    sorted_nt "$W/inc" > "$W/inc.nt"
    sorted_nt "$W/scr" > "$W/scr.nt"
    cmp -s "$W/inc.nt" "$W/scr.nt" || {
      echo "seed $seed step $step: the incremental graph differs from scratch"
      grep -E 'replayed|scratch' "$W/log" | sed 's/.*DEBUG: [0-9:.]*: //'
      diff "$W/inc.nt" "$W/scr.nt" | head; return 1; }
    grep 'replayed' "$W/log" | sed 's/.*DEBUG: [0-9:.]*: //' >> "$W/replays"
  done < "$W/steps"
  echo "seed $seed: $step steps, $(grep -c '' "$W/replays") incremental merges"
}

t_random() {
  for seed in ${NG_RANDOM_SEEDS:-1 2 3}; do one "$seed" || return 1; done
}
ok "incremental merges equal merges from scratch at every step (random articles, random steps)" t_random

finish
