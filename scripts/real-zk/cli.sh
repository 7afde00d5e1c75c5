#!/usr/bin/env bash
# Record zkCli conformance transcripts from a real ZooKeeper 3.8.0 ensemble, the way
# /work/shared/conformance/README.md describes: fresh 3-voter ensemble per script, zkCli
# (no JLine) connected to server 1 (127.0.0.1:33001), a marker `stat /zz-mark-NN` after every
# script line, a final `quit`, stdout and stderr interleaved (2>&1).
# Usage: scripts/real-zk/cli.sh [NN-name.zk ...]   (default: every NN-name.zk with NN >= 30)
# Reads and writes src/cli/testdata/conformance/.
# Header lines: a script may start with lines beginning with `#`; they are not sent to zkCli.
#   #lab key=value ...     lab URL settings the transcript needs; the ones a real server has are
#                          passed to every server's JVM:
#                          superDigest=user:hash -> -Dzookeeper.DigestAuthenticationProvider.superDigest=user:hash
#   #ensemble-only reason  (only read by the lab's tests: the standalone harness skips the script)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh"
REPO=$(cd "$HERE/../.." && pwd)
DIR=$REPO/src/cli/testdata/conformance
OUTDIR=${CLI_OUT:-$DIR}   # set CLI_OUT to record a second run elsewhere (to spot racy output)
mkdir -p "$ZKREC_ROOT/cli"
trap 'zk_kill_all; exit 1' INT TERM


if (($#)); then scripts=("$@"); else
  scripts=(); for f in "$DIR"/[3-9][0-9]-*.zk; do scripts+=("$(basename "$f")"); done
fi

BASE_JAVA_OPTS=("${JAVA_OPTS_COMMON[@]}")
T_ALL=$(now_ms)
for s in "${scripts[@]}"; do
  name=${s%.zk}
  T_S=$(now_ms)
  # JVM properties for the servers from the script's `#lab` header
  server_opts=()
  while IFS= read -r line; do
    [[ $line == '#'* ]] || break
    [[ $line == '#lab '* ]] || continue
    for kv in ${line#'#lab '}; do
      case ${kv%%=*} in
        superDigest) server_opts+=("-Dzookeeper.DigestAuthenticationProvider.superDigest=${kv#*=}") ;;
        *) echo "$name: no server property for lab setting ${kv%%=*}" >&2 ;;
      esac
    done
  done < "$DIR/$s"
  ensemble "$ZKREC_ROOT/cli/$name" 3 0
  JAVA_OPTS_COMMON=("${BASE_JAVA_OPTS[@]}" "${server_opts[@]}")
  zk_start 1 2 3
  JAVA_OPTS_COMMON=("${BASE_JAVA_OPTS[@]}")
  wait_ready || { zk_kill_all; continue; }
  marked=$ENS_DIR/marked.zk
  mark_script "$DIR/$s" "$marked"
  run_zkcli "$marked" "$OUTDIR/$name.out"
  rc=$?
  zk_kill_all
  echo "$name: exit $rc, $(( $(now_ms) - T_S )) ms" | tee -a "$ZKREC_ROOT/cli/timing.txt"
done
echo "total: $(( $(now_ms) - T_ALL )) ms" | tee -a "$ZKREC_ROOT/cli/timing.txt"
