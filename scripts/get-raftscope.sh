#!/bin/sh
# Puts RaftScope (https://github.com/ongardie/raftscope, the classic Raft visualiser, ISC licence)
# where `npm run bench` looks for it: $RAFTSCOPE_DIR, or .bench/raftscope (git-ignored). The bench
# animates it next to the lab, for scale. Third-party code: it is never committed here.
#
#   scripts/get-raftscope.sh                 clone it (with its two submodules) from GitHub
#   scripts/get-raftscope.sh /path/to/raftscope   copy an existing checkout (with its submodules)
set -eu
cd "$(dirname "$0")/.."
dest=${RAFTSCOPE_DIR:-.bench/raftscope}
src=${1:-}
need="index.html script.js raft.js bootstrap-slider/js/bootstrap-slider.js bootstrap-contextmenu/bootstrap-contextmenu.js"

check() {
  for f in $need; do
    if [ ! -f "$1/$f" ]; then
      echo "get-raftscope: $1/$f is missing (a checkout needs its submodules: git submodule update --init --recursive)" >&2
      return 1
    fi
  done
}

rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
if [ -n "$src" ]; then
  check "$src"
  mkdir -p "$dest"
  # Everything but version-control metadata.
  (cd "$src" && tar cf - --exclude=.git .) | (cd "$dest" && tar xf -)
else
  git clone --quiet --recursive https://github.com/ongardie/raftscope "$dest"
fi
check "$dest"
echo "RaftScope is in $dest"
