#!/bin/bash
# The seed's growth from 10,000 to 100,000 articles, as docs/performance.md
# measures it (rounds 7 on): one 100,000-article seed of KB, and seeds of the
# same binary at 10,000 beside it until it ends, so both sizes share the
# machine's load; growth is the big seed's processor time (user + system)
# over the mean of the small ones'. Each seed goes into a file fresh from
# `kb migrate`.
#
#   scripts/seed_growth.sh KB SMALL_CORPUS BIG_CORPUS TAG [WORKDIR]
#
# Corpora: `cargo run --release --example seed_timing -- corpus DIR N`.
# Prints one line per seed to WORKDIR/TAG-{small,big}.txt, then a summary.
set -eu
kb=$1 small=$2 big=$3 tag=$4 work=${5:-${TMPDIR:-/tmp}}
mkdir -p "$work"

# One seed: prints processor time, user, system, peak RSS (MiB), elapsed,
# the load average when it started, the page size and the file's bytes.
seed() {
    local corpus=$1 db="$work/growth-$tag-$BASHPID.sqlite3" t="$work/growth-$tag-$BASHPID.time"
    rm -f "$db" "$db-wal" "$db-shm"
    "$kb" --db "$db" -q migrate >/dev/null
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%U %S %M %e" -o "$t" "$kb" --db "$db" -q seed "$corpus" >/dev/null
    local u s m e
    read -r u s m e <"$t"
    local page
    page=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA page_size').fetchone()[0])" "$db")
    echo "cpu=$(echo "$u+$s" | bc) user=$u sys=$s rss=$(echo "scale=1; $m/1024" | bc) elapsed=$e load=$load page=$page bytes=$(stat -c %s "$db")"
    rm -f "$db" "$db-wal" "$db-shm" "$t"
}

seed "$big" >"$work/$tag-big.txt" &
pid=$!
: >"$work/$tag-small.txt"
sleep 1
while kill -0 "$pid" 2>/dev/null; do seed "$small" >>"$work/$tag-small.txt"; done
wait "$pid"
echo "$tag big: $(cat "$work/$tag-big.txt")"
big_cpu=$(sed 's/^cpu=\([0-9.]*\).*/\1/' "$work/$tag-big.txt")
awk -v big="$big_cpu" -v tag="$tag" '
    { split($1, c, "="); split($4, r, "="); s += c[2]; n++; rss = rss " " r[2]
      if (min == "" || c[2] < min) min = c[2]; if (c[2] > max) max = c[2] }
    END { printf "%s small: mean %.2f s (%.2f to %.2f), %d runs; growth %.2fx; peaks%s MiB\n",
          tag, s / n, min, max, n, big / (s / n), rss }' "$work/$tag-small.txt"
