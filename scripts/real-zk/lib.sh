#!/usr/bin/env bash
# Shared helpers for recording ground truth from a real Debian ZooKeeper 3.8.0.
# Everything runs on 127.0.0.1 only. Ports: client 33000+N, quorum 33100+N, election 33200+N.
# Source this file; do not run it.

set -u

ZK_JARS=/usr/share/java
CP_BASE="$ZK_JARS/zookeeper.jar:$ZK_JARS/zookeeper-jute.jar:$ZK_JARS/slf4j-api.jar:$ZK_JARS/netty-all.jar:$ZK_JARS/commons-cli.jar:$ZK_JARS/metrics-core.jar:$ZK_JARS/snappy-java.jar"
# servers log through slf4j-simple (timestamps, used for the "ELECTION TOOK" numbers);
# zkCli uses slf4j-nop so its output is exactly what a user sees.
CP_SERVER="$CP_BASE:$ZK_JARS/slf4j-simple.jar"
CP_CLI="$CP_BASE:$ZK_JARS/slf4j-nop.jar"
JAVA_OPTS_COMMON=(-Xms32m -Xmx192m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true)

ZKREC_ROOT=${ZKREC_ROOT:-/tmp/zkrec}
TICK_MS=${TICK_MS:-200}

client_port()   { echo $((33000 + $1)); }
quorum_port()   { echo $((33100 + $1)); }
election_port() { echo $((33200 + $1)); }

now_ms() { date +%s%3N; }

# ensemble DIR VOTERS [OBSERVERS] [extra cfg lines...]
#   servers 1..VOTERS are participants, VOTERS+1..VOTERS+OBSERVERS observers.
#   Writes DIR/zkN/{zoo.cfg,data/myid}. Sets ENS_DIR and ENS_N.
ensemble() {
  local dir=$1 voters=$2 observers=${3:-0}; shift 3 2>/dev/null || shift $#
  local extra=("$@")
  ENS_DIR=$dir; ENS_N=$((voters + observers))
  rm -rf "$dir"; mkdir -p "$dir"
  local members="" i
  for ((i = 1; i <= ENS_N; i++)); do
    local role=participant; ((i > voters)) && role=observer
    members+="server.$i=127.0.0.1:$(quorum_port $i):$(election_port $i):$role"$'\n'
  done
  for ((i = 1; i <= ENS_N; i++)); do
    mkdir -p "$dir/zk$i/data"
    echo "$i" > "$dir/zk$i/data/myid"
    {
      echo "tickTime=$TICK_MS"
      echo "initLimit=10"
      echo "syncLimit=5"
      echo "dataDir=$dir/zk$i/data"
      echo "clientPort=$(client_port $i)"
      echo "clientPortAddress=127.0.0.1"
      echo "4lw.commands.whitelist=*"
      echo "extendedTypesEnabled=true"
      echo "standaloneEnabled=false"
      echo "admin.enableServer=false"
      ((i > voters)) && echo "peerType=observer"
      local l; for l in "${extra[@]}"; do echo "$l"; done
      printf '%s' "$members"
    } > "$dir/zk$i/zoo.cfg"
  done
}

# pid of server N if its process is alive, else empty
zk_pid() {
  local f="$ENS_DIR/zk$1/pid"
  [[ -f $f ]] || return 0
  local p; p=$(<"$f")
  if kill -0 "$p" 2>/dev/null; then echo "$p"; fi
}
zk_alive() { [[ -n $(zk_pid "$1") ]]; }

zk_start() { # N...
  local i
  for i in "$@"; do
    if zk_alive "$i"; then echo "zk$i already running" >&2; continue; fi
    java "${JAVA_OPTS_COMMON[@]}" \
      -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
      -Dzookeeper.jmx.log4j.disable=true \
      -cp "$CP_SERVER" org.apache.zookeeper.server.quorum.QuorumPeerMain \
      "$ENS_DIR/zk$i/zoo.cfg" >> "$ENS_DIR/zk$i/server.log" 2>&1 &
    echo $! > "$ENS_DIR/zk$i/pid"
    echo "$!" >> "$ZKREC_ROOT/all-pids"
  done
}

zk_kill() { # N...   (SIGKILL = crash; the txn log is fsynced before ACK so disk state survives)
  local i p
  for i in "$@"; do
    p=$(zk_pid "$i")
    [[ -n $p ]] || continue
    kill -9 "$p" 2>/dev/null
    while kill -0 "$p" 2>/dev/null; do sleep 0.02; done
    wait "$p" 2>/dev/null
  done
}

zk_kill_all() {
  local i
  for ((i = 1; i <= ${ENS_N:-0}; i++)); do zk_kill "$i"; done
}

# fourlw PORT WORD  -> raw reply on stdout (empty if nothing answers)
fourlw() {
  timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$1"' || exit 1; printf %s '"$2"' >&3; cat <&3' 2>/dev/null
}

# state N -> "leader 0x100000000" | "not-serving" | "down" | "no-answer"
zk_state() {
  local i=$1
  if ! zk_alive "$i"; then echo down; return; fi
  local out; out=$(fourlw "$(client_port "$i")" srvr)
  if [[ $out == *"not currently serving requests"* ]]; then echo not-serving; return; fi
  local mode zxid
  mode=$(sed -n 's/^Mode: //p' <<<"$out")
  zxid=$(sed -n 's/^Zxid: //p' <<<"$out")
  if [[ -n $mode ]]; then echo "$mode $zxid"; else echo no-answer; fi
}

snapshot() { # one "zk1 ... | zk2 ..." line
  local i s line=""
  for ((i = 1; i <= ENS_N; i++)); do
    s=$(zk_state "$i")
    [[ -n $line ]] && line+=" | "
    line+="zk$i $s"
  done
  echo "$line"
}

# --- dynamic reconfiguration (reconfig.sh) -------------------------------------------------
# Server lines in the 3.5+ form that carries the client address:
#   server.N=127.0.0.1:331NN:332NN:ROLE;127.0.0.1:330NN
server_line() { # N ROLE
  echo "server.$1=127.0.0.1:$(quorum_port "$1"):$(election_port "$1"):$2;127.0.0.1:$(client_port "$1")"
}

# ensemble_dyn DIR VOTERS [extra cfg lines...]
#   Like `ensemble`, but the member lines carry the client address (no clientPort /
#   clientPortAddress lines: the server takes its client address from its own server line).
#   Sets ENS_DIR and ENS_N (=VOTERS; zk_join raises it).
ensemble_dyn() {
  local dir=$1 voters=$2; shift 2
  local extra=("$@") i
  ENS_DIR=$dir; ENS_N=$voters; ENS_EXTRA=("${extra[@]}")
  rm -rf "$dir"; mkdir -p "$dir"
  ENS_MEMBERS=""
  for ((i = 1; i <= voters; i++)); do ENS_MEMBERS+="$(server_line $i participant)"$'\n'; done
  for ((i = 1; i <= voters; i++)); do _dyn_cfg "$i" participant "$ENS_MEMBERS"; done
}

_dyn_cfg() { # N ROLE MEMBERS
  mkdir -p "$ENS_DIR/zk$1/data"
  echo "$1" > "$ENS_DIR/zk$1/data/myid"
  {
    echo "tickTime=$TICK_MS"
    echo "initLimit=10"
    echo "syncLimit=5"
    echo "dataDir=$ENS_DIR/zk$1/data"
    echo "4lw.commands.whitelist=*"
    echo "extendedTypesEnabled=true"
    echo "standaloneEnabled=false"
    echo "admin.enableServer=false"
    [[ $2 == observer ]] && echo "peerType=observer"
    local l; for l in "${ENS_EXTRA[@]}"; do echo "$l"; done
    printf '%s' "$3"
  } > "$ENS_DIR/zk$1/zoo.cfg"
}

# zk_join N ROLE: config for a server that is not a member yet: the ensemble's members plus
# itself as ROLE (participant|observer), as the ZooKeeper manual says a joining server is started.
zk_join() {
  _dyn_cfg "$1" "$2" "$ENS_MEMBERS$(server_line "$1" "$2")"$'\n'
  (($1 > ENS_N)) && ENS_N=$1
  return 0
}

# Waits until the ensemble's `snapshot` (defined by the calling script) shows a leader and every
# server serving, or 15 s.
wait_ready() {
  local t0; t0=$(now_ms)
  while (( $(now_ms) - t0 < 15000 )); do
    local s; s=$(snapshot)
    if [[ $s == *leader* && $s != *not-serving* && $s != *no-answer* && $s != *down* ]]; then return 0; fi
    sleep 0.1
  done
  echo "ensemble not ready: $(snapshot)" >&2; return 1
}

# Writes the zkCli script $1 to $2 as it is typed: its leading `#` lines left out, every line
# (passed through the function named $3, if any) followed by `stat /zz-mark-NN`, then quit.
mark_script() {
  local src=$1 out=$2 filter=${3:-} n=0 header=1 line
  : > "$out"
  while IFS= read -r line || [[ -n $line ]]; do
    if ((header)) && [[ $line == '#'* ]]; then continue; fi
    header=0
    n=$((n + 1))
    [[ -n $filter ]] && line=$("$filter" "$line")
    printf '%s\nstat /zz-mark-%02d\n' "$line" "$n" >> "$out"
  done < "$src"
  echo quit >> "$out"
}

# Types the script $1 into zkCli connected to server 1; what it prints goes to $2. Returns zkCli's
# exit code. LANG=C.UTF-8 so Java 17 reads and prints UTF-8 like a normal terminal session.
run_zkcli() {
  LANG=C.UTF-8 timeout 120 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" \
    org.apache.zookeeper.ZooKeeperMain -server 127.0.0.1:$(client_port 1) \
    < "$1" > "$2" 2>&1
}
