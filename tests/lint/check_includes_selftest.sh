#!/usr/bin/env bash
# The include lint itself: in a scratch repository, a library including a
# folder it does not declare (kiosk/store -> kiosk/sync) fails, Beast outside
# a network library fails, and the same tree with the dependency declared passes.
set -euo pipefail
lint=${1:?usage: check_includes_selftest.sh CHECK_INCLUDES_SH}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
git init -q .
mkdir -p kiosk/store kiosk/sync kiosk/gate
echo '#include "kiosk/sync/backoff.hpp"' >kiosk/store/outbox.cpp
echo '#pragma once' >kiosk/sync/backoff.hpp
echo '#include <boost/beast/http.hpp>' >kiosk/gate/tap.cpp

printf 'kiosk/store kiosk/store\nkiosk/sync kiosk/sync\nkiosk/gate kiosk/gate\n' >layering.txt
if out=$(bash "$lint" . layering.txt); then
  echo "self-test: the lint passed a tree it must refuse:"; echo "$out"; exit 1
fi
grep -q 'kiosk/store/outbox.cpp (kiosk/store) includes kiosk/sync/backoff.hpp' <<<"$out" ||
  { echo "self-test: undeclared dependency not reported:"; echo "$out"; exit 1; }
grep -q 'kiosk/gate/tap.cpp includes Beast' <<<"$out" ||
  { echo "self-test: Beast outside a network library not reported:"; echo "$out"; exit 1; }

rm kiosk/gate/tap.cpp
printf 'kiosk/store kiosk/store kiosk/sync\nkiosk/sync kiosk/sync\nkiosk/gate kiosk/gate\n' >layering.txt
bash "$lint" . layering.txt >/dev/null || { echo "self-test: a declared dependency was refused"; exit 1; }
echo "self-test: the include lint refuses what it must and accepts what it may"
