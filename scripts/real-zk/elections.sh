#!/usr/bin/env bash
# Record election outcomes of a real ZooKeeper 3.8.0 ensemble (loopback only).
# Usage: scripts/real-zk/elections.sh [scenario-letter...]   (default: all)
#   RUNS=3 (default) repeats every scenario; run 1 is the recording, later runs are
#   compared with it and summarised in trailing comments.
# Output: src/protocol/scenarios/testdata/real/<scenario>.txt
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
REPO=$(cd "$HERE/../.." && pwd)
OUTDIR=$REPO/src/protocol/scenarios/testdata/real
RUNS=${RUNS:-3}
SETTLE_CAP_MS=${SETTLE_CAP_MS:-6000}     # give up waiting for modes after this
STABLE_MS=${STABLE_MS:-1200}             # a settled snapshot must hold this long (> syncLimit*tickTime)
mkdir -p "$OUTDIR" "$ZKREC_ROOT"

trap 'zk_kill_all; exit 1' INT TERM

OUT=/dev/null
REF_STEP=""; REF_MS=0; WRITE_SEQ=0

emit() { printf '%s\n' "$*" >> "$OUT"; }

# count of log lines already scanned per server
declare -A LOGPOS
election_log_lines() { # sets FLE (must not run in a subshell: it advances LOGPOS)
  local i f n res=""
  for ((i = 1; i <= ENS_N; i++)); do
    f=$ENS_DIR/zk$i/server.log
    [[ -f $f ]] || continue
    n=$(wc -l < "$f")
    local from=$(( ${LOGPOS[$i]:-0} + 1 ))
    local l
    while IFS= read -r l; do
      # "... Learner - FOLLOWING - LEADER ELECTION TOOK - 271 MS"
      local what ms
      what=$(sed -n 's/.* - \([A-Z]*\) - LEADER ELECTION TOOK - \([0-9]*\) MS.*/\1 \2/p' <<<"$l")
      [[ -n $what ]] && res+=" zk$i ${what% *} ${what#* } ms;"
    done < <(sed -n "${from},${n}p" "$f")
    LOGPOS[$i]=$n
  done
  FLE="${res%;}"
}

do_start() { REF_STEP="start $*"; REF_MS=$(now_ms); zk_start "$@"; }
do_kill()  { REF_STEP="kill $*";  REF_MS=$(now_ms); zk_kill "$@"; }

do_write() { # K via S
  local k=$1 s=$3 j script=""
  for ((j = 1; j <= k; j++)); do WRITE_SEQ=$((WRITE_SEQ + 1)); script+="create /w$WRITE_SEQ x"$'\n'; done
  script+="quit"$'\n'
  local log=$ENS_DIR/client-$WRITE_SEQ.log
  printf '%s' "$script" | timeout 60 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" \
    org.apache.zookeeper.ZooKeeperMain -server "127.0.0.1:$(client_port "$s")" > "$log" 2>&1
  local created; created=$(grep -c '^Created ' "$log")
  if [[ $created != "$k" ]]; then emit "# note: only $created of $k creates succeeded (see $log)"; fi
}

do_settle() {
  local t0 now snap last="" stable_since="" first_ok="" ok done_ms="" capped=0 leader
  t0=$(now_ms)
  while :; do
    snap=$(snapshot); now=$(now_ms)
    ok=1
    [[ $snap == *not-serving* || $snap == *no-answer* ]] && ok=0
    [[ $snap == *leader* ]] || ok=0
    if ((ok)); then
      [[ -z $first_ok ]] && first_ok=$((now - REF_MS))
      if [[ $snap == "$last" && -n $stable_since ]]; then
        if ((now - stable_since >= STABLE_MS)); then done_ms=$((stable_since - REF_MS)); break; fi
      elif [[ $snap != "$last" ]]; then
        stable_since=$now
      fi
    else
      stable_since=""
      if ((now - t0 >= SETTLE_CAP_MS)); then capped=1; break; fi
    fi
    last=$snap
    sleep 0.05
  done
  emit "srvr: $snap"
  election_log_lines
  if ((capped)); then
    emit "# timing: no leader among the running servers ${SETTLE_CAP_MS} ms into settle ($((now - REF_MS)) ms after '$REF_STEP')${FLE:+; server log ELECTION TOOK:$FLE}"
  else
    leader=$(grep -o 'zk[0-9]* leader' <<<"$snap" | head -1)
    emit "# timing: every running server had a Mode ($leader) $first_ok ms after '$REF_STEP' (wall clock, includes JVM start for started servers); unchanged from $done_ms ms on${FLE:+; server log ELECTION TOOK:$FLE}"
  fi
  SETTLED_SNAPS+=("$snap")
}

step() {
  emit "$*"
  case $1 in
    start) shift; do_start "$@" ;;
    kill)  shift; do_kill "$@" ;;
    write) shift; do_write "$@" ;;
    settle) do_settle ;;
    *) echo "unknown step $1" >&2; exit 2 ;;
  esac
}

# ---- scenarios -------------------------------------------------------------
# each: NAME|DESCRIPTION|VOTERS|OBSERVERS|steps separated by ';'
SCENARIOS=(
  "a-three-voters-together|3 voters started together|3|0|start 1 2 3;settle"
  "b-five-voters-one-by-one|5 voters started one at a time with a settle after each|5|0|start 1;settle;start 2;settle;start 3;settle;start 4;settle;start 5;settle"
  "c-kill-leader-restart|3 voters, 3 writes via zk1, kill the leader, settle, restart it, settle|3|0|start 1 2 3;settle;write 3 via 1;kill 3;settle;start 3;settle"
  "d-five-kill-two-leaders|5 voters: kill the leader, settle, kill the new leader, settle, restart both one by one|5|0|start 1 2 3 4 5;settle;write 2 via 1;kill 5;settle;kill 4;settle;start 5;settle;start 4;settle"
  "e-newer-zxid-wins|3 voters: zk1 stopped, 5 writes via zk2 (zk2+zk3 commit), zk3 and zk2 killed, zk1 alone, then zk2 started: newer zxid leads|3|0|start 1 2 3;settle;kill 1;write 5 via 2;kill 3;kill 2;start 1;settle;start 2;settle;start 3;settle"
  "e2-newer-zxid-beats-higher-sid|3 voters: zk3 (the leader) killed, 5 writes via zk1 (zk1+zk2 commit), zk2 and zk1 killed, zk3 alone, then zk1 started: the lower sid with the newer zxid leads|3|0|start 1 2 3;settle;kill 3;settle;write 5 via 1;kill 2;kill 1;start 3;settle;start 1;settle;start 2;settle"
  "f-observer-kill-leader|3 voters + 1 observer (zk4), 2 writes via zk4, kill the leader, settle, restart it|3|1|start 1 2 3 4;settle;write 2 via 4;kill 3;settle;start 3;settle"
  "g-four-voters-lose-quorum|4 voters, kill the leader and one follower (no quorum), restart one|4|0|start 1 2 3 4;settle;kill 4 3;settle;start 3;settle;start 4;settle"
  "g2-four-voters-leader-loses-followers|4 voters, kill two followers so the leader loses its quorum, restart one|4|0|start 1 2 3 4;settle;write 1 via 4;kill 1 2;settle;start 1;settle"
)

run_scenario() { # entry runIndex outfile
  local entry=$1 run=$2 out=$3
  IFS='|' read -r name desc voters observers steps <<<"$entry"
  OUT=$out; : > "$OUT"; SETTLED_SNAPS=(); WRITE_SEQ=0; LOGPOS=()
  emit "# $desc"
  emit "# recorded on Debian ZooKeeper 3.8.0, tickTime=$TICK_MS, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  emit "# initLimit=10 syncLimit=5, loopback, kill = SIGKILL; settle = until every running server has a Mode incl. a leader and that srvr snapshot held ${STABLE_MS} ms, or ${SETTLE_CAP_MS} ms without one"
  ensemble "$ZKREC_ROOT/elections/$name/run$run" "$voters" "$observers"
  local s
  IFS=';' read -ra ss <<<"$steps"
  for s in "${ss[@]}"; do step $s; done
  zk_kill_all
}

want=("$@")
T_ALL=$(now_ms)
for entry in "${SCENARIOS[@]}"; do
  name=${entry%%|*}
  if ((${#want[@]})); then
    hit=0; for w in "${want[@]}"; do [[ $name == "$w"-* || $name == "$w" ]] && hit=1; done
    ((hit)) || continue
  fi
  T_S=$(now_ms)
  final=$OUTDIR/$name.txt
  run_scenario "$entry" 1 "$final"
  base=("${SETTLED_SNAPS[@]}")
  same=1; notes=()
  for ((r = 2; r <= RUNS; r++)); do
    run_scenario "$entry" "$r" "$ZKREC_ROOT/elections/$name-run$r.txt"
    if [[ "${SETTLED_SNAPS[*]}" == "${base[*]}" ]]; then same=$((same + 1)); else
      for ((k = 0; k < ${#base[@]}; k++)); do
        [[ "${SETTLED_SNAPS[$k]:-}" == "${base[$k]}" ]] || notes+=("# run $r, settle $((k + 1)): srvr: ${SETTLED_SNAPS[$k]:-<none>}")
      done
    fi
  done
  OUT=$final
  emit "# repeated $RUNS times: all srvr lines identical in $same of $RUNS runs"
  for n in "${notes[@]}"; do emit "$n"; done
  echo "$name: $(( $(now_ms) - T_S )) ms for $RUNS runs" | tee -a "$ZKREC_ROOT/elections/timing.txt"
done
echo "total: $(( $(now_ms) - T_ALL )) ms" | tee -a "$ZKREC_ROOT/elections/timing.txt"
