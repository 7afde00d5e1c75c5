#!/usr/bin/env bash
# Record what ZooKeeper 3.8.0's TxnLogToolkit (the successor of LogFormatter; Debian ships no
# zkTxnLogToolkit.sh, so the class is run directly) prints for the transaction log of a real
# standalone server after a known sequence of writes. The lab's `lab txnlog S` is tested against
# the result (src/cli/txnLog.test.ts).
#
#   1. a fresh standalone server (ZooKeeperServerMain, tickTime=2000 so zkCli's 30000 ms session
#      timeout is granted unchanged, extendedTypesEnabled=true for create -t), 127.0.0.1:$PORT;
#   2. zkCli (no JLine, slf4j-nop) runs $SCRIPT from stdin and quits (createSession … closeSession);
#   3. a second session from a tiny Java client (zkCli 3.8 has no multi command) runs one multi
#      that commits and one that fails, and closes;
#   4. the server is killed (every txn was fsynced before its reply) and TxnLogToolkit dumps
#      version-2/log.1 in en_US / UTC.
#
# Usage: scripts/real-zk/txnlog.sh      (≈ 10 s; output: src/cli/testdata/txnlog/real-standalone.txt)
# TXNLOG_OUT=/tmp/x.txt scripts/real-zk/txnlog.sh   to record elsewhere. Uses port 33050 only.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
REPO=$(cd "$HERE/../.." && pwd)
OUT=${TXNLOG_OUT:-$REPO/src/cli/testdata/txnlog/real-standalone.txt}
PORT=${TXNLOG_PORT:-33050}
DIR=$ZKREC_ROOT/txnlog
rm -rf "$DIR"; mkdir -p "$DIR/data" "$(dirname "$OUT")"

SCRIPT='create /test_log v1
set /test_log v2
create /test_log/c v1
delete /test_log/c
create /test_log v3
set -v 7 /test_log v3
create -e /test_log/eph e1
create -s /test_log/seq- s1
create -c /test_cont
create -t 5000 /test_ttl t1
setAcl /test_log world:anyone:cdrwa
quit'

cat > "$DIR/zoo.cfg" <<EOF
tickTime=2000
dataDir=$DIR/data
clientPort=$PORT
clientPortAddress=127.0.0.1
admin.enableServer=false
extendedTypesEnabled=true
4lw.commands.whitelist=*
EOF

cat > "$DIR/Multi.java" <<'EOF'
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.apache.zookeeper.*;

public class Multi {
    public static void main(String[] args) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 30000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
        });
        connected.await();
        byte[] m1 = "m1".getBytes(StandardCharsets.UTF_8);
        byte[] v4 = "v4".getBytes(StandardCharsets.UTF_8);
        zk.multi(Arrays.asList(
            Op.create("/test_log/m", m1, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData("/test_log", v4, -1),
            Op.check("/test_log", 2),
            Op.delete("/test_log/m", -1)));
        System.out.println("multi 1 ok");
        try {
            zk.multi(Arrays.asList(
                Op.create("/test_log/m2", m1, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.check("/test_log", 0),
                Op.delete("/test_log", -1)));
        } catch (KeeperException e) {
            System.out.println("multi 2 failed: " + e.code());
        }
        zk.close();
    }
}
EOF

SRV_PID=""
trap '[[ -n $SRV_PID ]] && kill -9 $SRV_PID 2>/dev/null; exit 1' INT TERM
java "${JAVA_OPTS_COMMON[@]}" -Dzookeeper.jmx.log4j.disable=true -cp "$CP_SERVER" \
  org.apache.zookeeper.server.ZooKeeperServerMain "$DIR/zoo.cfg" > "$DIR/server.log" 2>&1 &
SRV_PID=$!
for ((k = 0; k < 150; k++)); do
  [[ $(fourlw "$PORT" srvr) == *"Mode: standalone"* ]] && break
  sleep 0.1
done

printf '%s\n' "$SCRIPT" | LANG=C.UTF-8 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" \
  org.apache.zookeeper.ZooKeeperMain -server 127.0.0.1:"$PORT" > "$DIR/zkcli.out" 2>&1
LANG=C.UTF-8 java "${JAVA_OPTS_COMMON[@]}" -cp "$CP_CLI" "$DIR/Multi.java" 127.0.0.1:"$PORT" > "$DIR/multi.out" 2>&1
kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null

{
  echo "# TxnLogToolkit output for a real standalone ZooKeeper 3.8.0 (Debian 3.8.0-11, Java 17), recorded"
  echo "# by scripts/real-zk/txnlog.sh: fresh dataDir, tickTime=2000, extendedTypesEnabled=true; zkCli ran"
  printf '#   %s\n' "$(tr '\n' ';' <<<"$SCRIPT" | sed 's/;/ ; /g')"
  echo "# then a Java client (second session) ran multi(create /test_log/m, setData /test_log v4, check /test_log v2,"
  echo "# delete /test_log/m) and multi(create /test_log/m2, check /test_log v0 -> BadVersion, delete /test_log), and closed."
  echo "# Dumped with: TZ=UTC LANG=C.UTF-8 java -Duser.language=en -Duser.country=US -cp <zookeeper jars>"
  echo "#   org.apache.zookeeper.server.persistence.TxnLogToolkit <dataDir>/version-2/log.1"
  echo "# Lines below this header are the tool's exact stdout (the multi lines hold raw jute bytes, NULs included)."
  TZ=UTC LANG=C.UTF-8 java "${JAVA_OPTS_COMMON[@]}" -Duser.timezone=UTC -Duser.language=en -Duser.country=US \
    -cp "$CP_CLI" org.apache.zookeeper.server.persistence.TxnLogToolkit "$DIR/data/version-2/log.1"
} > "$OUT"
echo "recorded $OUT ($(grep -vc '^#' "$OUT") lines); zkCli output in $DIR/zkcli.out, multi client in $DIR/multi.out"
