#!/usr/bin/env bash
# Record raw four-letter-word replies from a real ZooKeeper 3.8.0 ensemble of 3 voters +
# 1 observer (server 4), loopback only, with a zkCli session on a follower that holds watches
# and an ephemeral; then from a server that is running without quorum.
# Output: src/protocol/testdata/real-4lw/<role>.<word>.txt (exact bytes)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
REPO=$(cd "$HERE/../.." && pwd)
OUT=$REPO/src/protocol/testdata/real-4lw
WORDS=(srvr stat mntr conf cons ruok dump wchs wchc wchp envi)
NOQ_WORDS=(srvr stat mntr ruok)
mkdir -p "$OUT" "$ZKREC_ROOT"
T0=$(now_ms)
CLI_PID=""
cleanup() { [[ -n $CLI_PID ]] && kill -9 "$CLI_PID" 2>/dev/null; zk_kill_all; }
trap 'cleanup; exit 1' INT TERM

ensemble "$ZKREC_ROOT/4lw" 3 1
zk_start 1 2 3 4

# wait until all four have a Mode incl. a leader, and stay so for 1.5 s
stable=""; last=""
for ((k = 0; k < 300; k++)); do
  s=$(snapshot)
  if [[ $s == *leader* && $s != *not-serving* && $s != *no-answer* && $s != *down* ]]; then
    if [[ $s == "$last" ]]; then
      [[ -z $stable ]] && stable=$(now_ms)
      (( $(now_ms) - stable >= 1500 )) && break
    else stable=""; fi
  else stable=""; fi
  last=$s; sleep 0.1
done
echo "ensemble: $s"
leader=""; followers=()
for i in 1 2 3; do
  st=$(zk_state $i)
  [[ $st == leader* ]] && leader=$i
  [[ $st == follower* ]] && followers+=("$i")
done
follower=${followers[0]}; follower2=${followers[1]}; observer=4
echo "leader=zk$leader follower(with client)=zk$follower follower2=zk$follower2 observer=zk$observer"

# zkCli on the follower, fed through a FIFO so the session stays open while we record
fifo=$ENS_DIR/cli.fifo; rm -f "$fifo"; mkfifo "$fifo"
LANG=C.UTF-8 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" org.apache.zookeeper.ZooKeeperMain \
  -server "127.0.0.1:$(client_port "$follower")" < "$fifo" > "$ENS_DIR/client.log" 2>&1 &
CLI_PID=$!
exec 7>"$fifo"
printf '%s\n' 'create /a x' 'create /b y' 'create -e /eph e' 'get -w /a' 'ls -w /' 'stat -w /b' 'stat -w /nothere' 'stat /zz-ready' >&7
for ((k = 0; k < 200; k++)); do grep -q 'zz-ready' "$ENS_DIR/client.log" && break; sleep 0.1; done
sleep 1   # let the observer receive the INFORMs

rm -f "$OUT"/*.txt
record() { # role server words...
  local role=$1 srv=$2 w; shift 2
  for w in "$@"; do fourlw "$(client_port "$srv")" "$w" > "$OUT/$role.$w.txt"; done
}
record leader "$leader" "${WORDS[@]}"
record follower "$follower" "${WORDS[@]}"
record observer "$observer" "${WORDS[@]}"
record follower2 "$follower2" "${WORDS[@]}"

printf 'quit\n' >&7; exec 7>&-
wait "$CLI_PID"; CLI_PID=""
cp "$ENS_DIR/client.log" "$OUT/follower.client-session.log"

# no quorum: kill the leader and the other follower; zk$follower (voter) and zk4 (observer) remain
zk_kill "$leader" "$follower2"
for ((k = 0; k < 100; k++)); do
  [[ $(zk_state "$follower") == not-serving && $(zk_state "$observer") == not-serving ]] && break
  sleep 0.1
done
sleep 1
record noquorum "$follower" "${NOQ_WORDS[@]}"
record noquorum-observer "$observer" "${NOQ_WORDS[@]}"
{
  echo "recorded on Debian ZooKeeper 3.8.0, tickTime=$TICK_MS, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "ensemble: 3 voters + 1 observer (server 4), client ports 33001-33004, quorum ports 33101-33104, election ports 33201-33204"
  echo "settled srvr snapshot: $s"
  echo "leader.*    = zk$leader (port $(client_port "$leader"))"
  echo "follower.*  = zk$follower (port $(client_port "$follower")), the server the zkCli session is connected to"
  echo "follower2.* = zk$follower2 (port $(client_port "$follower2")), a follower without clients"
  echo "observer.*  = zk$observer (port $(client_port "$observer"))"
  echo "zkCli session commands: create /a x; create /b y; create -e /eph e; get -w /a; ls -w /; stat -w /b; stat -w /nothere; stat /zz-ready"
  echo "noquorum.*  = zk$follower after zk$leader and zk$follower2 were SIGKILLed (zk$follower and observer zk4 still running)"
  echo "noquorum-observer.* = zk4 at the same moment"
} > "$OUT/ensemble.txt"
zk_kill_all
echo "fourlw: $(( $(now_ms) - T0 )) ms"
