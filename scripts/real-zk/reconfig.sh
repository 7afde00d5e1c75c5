#!/usr/bin/env bash
# Record dynamic reconfiguration on a real ZooKeeper 3.8.0 ensemble, the way
# /work/shared/conformance/reconfig/README.md describes: per script a fresh 3-voter ensemble
# (tickTime=200, reconfigEnabled=true, super digest for `addauth digest super:admin`), zkCli
# connected to server 1, a marker `stat /zz-mark-NN` after every script line, a final `quit`,
# stdout and stderr interleaved; then, 4 s after zkCli has quit, `srvr` on every server.
# Usage: scripts/real-zk/reconfig.sh [NAME.zk ...]   (default: every *.zk)
# Reads NAME.zk from src/protocol/testdata/real-reconfig/ and writes NAME.out and NAME.real there
# (or into $CLI_OUT, to record a second run elsewhere and spot racy output).
# Header lines (not typed):
#   #observer4  a 4th server is started first, as an observer whose config holds the three
#               members plus itself (`:observer`, peerType=observer); zkCli starts once it
#               reports a Mode. NB: it reports `follower`, not `observer`, until it is added:
#               FLE hands it the ensemble's config (version 0x100000000 > its own 0), it adopts
#               that config, which does not name it, and runs as a non-voting follower.
#   #voter4     the same, but as a participant (`:participant`)
#   #disabled   reconfigEnabled=false on every server
# Placeholders: {QN} = server N's quorum:election address 127.0.0.1:331NN:332NN,
#               {CN} = its client address 127.0.0.1:330NN (any N in 1..9).
# NAME.real: one line per server 1..max(4, highest started): `N MODE ZXID` from srvr, or
#   `N down` (no process), `N not-serving` (srvr says "This ZooKeeper instance is not currently
#   serving requests"), `N no-answer` (process alive, srvr gave no Mode).
# before.txt (in the output dir): the ensemble's srvr line just before zkCli started.
set -u
shopt -s extglob
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
REPO=$(cd "$HERE/../.." && pwd)
DIR=$REPO/src/protocol/testdata/real-reconfig
OUTDIR=${CLI_OUT:-$DIR}
SETTLE_S=${SETTLE_S:-4}
SUPER_DIGEST='super:xQJmxLMiHGwaqBvst5y6rkB6HQs='   # super:admin
mkdir -p "$ZKREC_ROOT/reconfig" "$OUTDIR"
trap 'zk_kill_all; exit 1' INT TERM

wait_ready() { # servers 1..3 have a Mode and one is leader, or 15 s
  local t0; t0=$(now_ms)
  while (( $(now_ms) - t0 < 15000 )); do
    local s; s=$(snapshot)
    if [[ $s == *leader* && $s != *not-serving* && $s != *no-answer* && $s != *down* ]]; then return 0; fi
    sleep 0.1
  done
  echo "ensemble not ready: $(snapshot)" >&2; return 1
}

wait_learner() { # N: follower or observer, 15 s
  local t0; t0=$(now_ms)
  while (( $(now_ms) - t0 < 15000 )); do
    [[ $(zk_state "$1") == @(follower|observer)" "* ]] && return 0
    sleep 0.1
  done
  echo "zk$1 not a learner: $(zk_state "$1")" >&2; return 1
}

subst() { # placeholders {QN} {CN}
  local line=$1 n
  for n in 1 2 3 4 5 6 7 8 9; do
    line=${line//"{Q$n}"/127.0.0.1:$(quorum_port $n):$(election_port $n)}
    line=${line//"{C$n}"/127.0.0.1:$(client_port $n)}
  done
  printf '%s' "$line"
}

if (($#)); then scripts=("$@"); else
  scripts=(); for f in "$DIR"/*.zk; do scripts+=("$(basename "$f")"); done
fi

BASE_JAVA_OPTS=("${JAVA_OPTS_COMMON[@]}")
SERVER_JAVA_OPTS=("${BASE_JAVA_OPTS[@]}" "-Dzookeeper.DigestAuthenticationProvider.superDigest=$SUPER_DIGEST")
T_ALL=$(now_ms)
for s in "${scripts[@]}"; do
  name=${s%.zk}
  T_S=$(now_ms)
  join_role="" enabled=true
  while IFS= read -r line; do
    [[ $line == '#'* ]] || break
    case $line in
      '#observer4'*) join_role=observer ;;
      '#voter4'*) join_role=participant ;;
      '#disabled'*) enabled=false ;;
    esac
  done < "$DIR/$s"
  ensemble_dyn "$ZKREC_ROOT/reconfig/$name" 3 "reconfigEnabled=$enabled"
  JAVA_OPTS_COMMON=("${SERVER_JAVA_OPTS[@]}")
  zk_start 1 2 3
  ok=1
  wait_ready || ok=0
  if ((ok)) && [[ -n $join_role ]]; then
    zk_join 4 "$join_role"
    zk_start 4
    wait_learner 4 || ok=0
  fi
  JAVA_OPTS_COMMON=("${BASE_JAVA_OPTS[@]}")
  ((ok)) || { zk_kill_all; echo "$name: ensemble not ready, skipped" >&2; continue; }
  before=$(snapshot)
  marked=$ENS_DIR/marked.zk
  : > "$marked"
  n=0 header=1
  while IFS= read -r line || [[ -n $line ]]; do
    if ((header)) && [[ $line == '#'* ]]; then continue; fi
    header=0
    n=$((n + 1))
    printf '%s\nstat /zz-mark-%02d\n' "$(subst "$line")" "$n" >> "$marked"
  done < "$DIR/$s"
  echo quit >> "$marked"
  LANG=C.UTF-8 timeout 120 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" \
    org.apache.zookeeper.ZooKeeperMain -server 127.0.0.1:$(client_port 1) \
    < "$marked" > "$OUTDIR/$name.out" 2>&1
  rc=$?
  sleep "$SETTLE_S"
  last=$ENS_N; ((last < 4)) && last=4
  : > "$OUTDIR/$name.real"
  for ((i = 1; i <= last; i++)); do
    if ((i > ENS_N)); then echo "$i down"; else echo "$i $(zk_state "$i")"; fi >> "$OUTDIR/$name.real"
  done
  zk_kill_all
  touch "$OUTDIR/before.txt"
  { grep -v "^$name: " "$OUTDIR/before.txt"; echo "$name: $before"; } | sort -V > "$OUTDIR/before.txt.new"
  mv "$OUTDIR/before.txt.new" "$OUTDIR/before.txt"
  echo "$name: exit $rc, $(( $(now_ms) - T_S )) ms" | tee -a "$ZKREC_ROOT/reconfig/timing.txt"
done
echo "total: $(( $(now_ms) - T_ALL )) ms" | tee -a "$ZKREC_ROOT/reconfig/timing.txt"
