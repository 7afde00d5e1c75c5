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
#   #kill2      server 2 is killed (SIGKILL) once the three are ready, before the 4th starts: the
#               joiner's zoo.cfg names a voter that is down
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


wait_learner() { # N: follower or observer, 15 s
  local t0; t0=$(now_ms)
  while (( $(now_ms) - t0 < 15000 )); do
    [[ $(zk_state "$1") == @(follower|observer)" "* ]] && return 0
    sleep 0.1
  done
  echo "zk$1 not a learner: $(zk_state "$1")" >&2; return 1
}

# A port of ours may be taken as an ephemeral local port (32768-60999 on this box) by some live
# connection, most often the election port of server 4, which starts last: it then dies with
# "BindException: Address already in use" and "Exiting JVM with code 14". So check before starting
# a server and retry on a fresh ensemble.
ports_free() { # N...
  local i p
  for i in "$@"; do
    for p in $(client_port "$i") $(quorum_port "$i") $(election_port "$i"); do
      if ss -tanH "( sport = :$p or dport = :$p )" | grep -v -q TIME-WAIT 2>/dev/null; then
        echo "port $p in use: $(ss -tanH "( sport = :$p )" | head -2 | tr -s ' ')" >&2; return 1
      fi
    done
  done
}
no_bind_error() { # N
  if grep -q BindException "$ENS_DIR/zk$1/server.log" 2>/dev/null; then
    echo "zk$1: BindException" >&2; return 1
  fi
}
wait_listen() { # PORT, 15 s
  local t0; t0=$(now_ms)
  while (( $(now_ms) - t0 < 15000 )); do
    ss -tlnH "( sport = :$1 )" | grep -q . && return 0
    sleep 0.1
  done
  return 1
}
# start_ensemble: zk3 first, then zk1 (they elect zk3, the highest sid), then zk2, so that zk3
# always leads (starting all three at once on a busy box sometimes let zk1+zk2 elect zk2 before
# zk3's JVM was up); then the joining zk4 if the header asks for one.
start_ensemble() {
  ensemble_dyn "$ZKREC_ROOT/reconfig/$name" 3 "reconfigEnabled=$enabled"
  ports_free 1 2 3 || return 1
  JAVA_OPTS_COMMON=("${SERVER_JAVA_OPTS[@]}")
  zk_start 3
  wait_listen "$(election_port 3)" || return 1
  zk_start 1
  local t0; t0=$(now_ms)
  while [[ $(zk_state 3) != "leader "* ]]; do
    (( $(now_ms) - t0 < 15000 )) || return 1
    sleep 0.1
  done
  zk_start 2
  JAVA_OPTS_COMMON=("${BASE_JAVA_OPTS[@]}")
  wait_ready || return 1
  [[ $(zk_state 3) == "leader "* ]] || { echo "zk3 not leader: $(snapshot)" >&2; return 1; }
  no_bind_error 2 || return 1
  if ((kill2)); then zk_kill 2; sleep 0.5; fi
  if [[ -n $join_role ]]; then
    ports_free 4 || return 1
    zk_join 4 "$join_role"
    JAVA_OPTS_COMMON=("${SERVER_JAVA_OPTS[@]}")
    zk_start 4
    JAVA_OPTS_COMMON=("${BASE_JAVA_OPTS[@]}")
    wait_learner 4 || return 1
    sleep 0.5
  fi
  no_bind_error 1 && no_bind_error 3 && { [[ -z $join_role ]] || no_bind_error 4; }
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
  join_role="" enabled=true kill2=0
  while IFS= read -r line; do
    [[ $line == '#'* ]] || break
    case $line in
      '#observer4'*) join_role=observer ;;
      '#voter4'*) join_role=participant ;;
      '#disabled'*) enabled=false ;;
      '#kill2'*) kill2=1 ;;
    esac
  done < "$DIR/$s"
  ok=0
  for attempt in 1 2 3 4 5 6; do
    if start_ensemble; then ok=1; break; fi
    zk_kill_all
    echo "$name: attempt $attempt failed, retrying on a fresh ensemble" >&2
    sleep 1
  done
  ((ok)) || { echo "$name: ensemble not ready, skipped" >&2; continue; }
  before=$(snapshot)
  marked=$ENS_DIR/marked.zk
  mark_script "$DIR/$s" "$marked" subst
  run_zkcli "$marked" "$OUTDIR/$name.out"
  rc=$?
  sleep "$SETTLE_S"
  last=$ENS_N; ((last < 4)) && last=4
  : > "$OUTDIR/$name.real"
  for ((i = 1; i <= last; i++)); do
    if ((i > ENS_N)); then echo "$i down"; else echo "$i $(zk_state "$i")"; fi >> "$OUTDIR/$name.real"
  done
  bind_note=""
  for ((i = 1; i <= ENS_N; i++)); do no_bind_error "$i" 2>/dev/null || bind_note+=" zk$i:BindException"; done
  zk_kill_all
  [[ -n $bind_note ]] && echo "$name: WARNING after the script:$bind_note" >&2
  touch "$OUTDIR/before.txt"
  { grep -v "^$name: " "$OUTDIR/before.txt"; echo "$name: $before"; } | sort -V > "$OUTDIR/before.txt.new"
  mv "$OUTDIR/before.txt.new" "$OUTDIR/before.txt"
  echo "$name: exit $rc, $(( $(now_ms) - T_S )) ms" | tee -a "$ZKREC_ROOT/reconfig/timing.txt"
done
echo "total: $(( $(now_ms) - T_ALL )) ms" | tee -a "$ZKREC_ROOT/reconfig/timing.txt"
