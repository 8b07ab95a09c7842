#!/usr/bin/env bash
# Every C++ file of ours is clang-format clean (style in .clang-format). The
# formatter is for C++ only: CMake files are laid out by hand, and a C++
# formatter run over one leaves a sign this check refuses — a path split
# around " / " (`${CMAKE_CURRENT_LIST_DIR} / ui_error.cpp` once built only
# because CMake accepts a folder and "/" as sources).
set -euo pipefail
root=${1:?usage: check_format.sh REPO_ROOT}
cd "$root"
mapfile -t sources < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' | sort -u)
existing=()
for f in "${sources[@]}"; do [ -f "$f" ] && existing+=("$f"); done
clang-format --dry-run -Werror "${existing[@]}"
echo "clang-format: ${#existing[@]} files clean"

mapfile -t cmake_files < <(git ls-files -co --exclude-standard -- 'CMakeLists.txt' '*/CMakeLists.txt' '*.cmake' | sort -u)
mangled=0
for f in "${cmake_files[@]}"; do
  [ -f "$f" ] || continue
  # "} / x" or " / name.cpp": bilingual messages ("français / English") do not match.
  if grep -nE '\}[[:space:]]+/[[:space:]]|[[:space:]]/[[:space:]]+[A-Za-z0-9_./-]+\.(cpp|hpp|cc|h|proto|sql|cmake)([[:space:])]|$)' "$f" |
    grep -vE '^[0-9]+:[[:space:]]*#'; then
    echo "FAIL: $f: a path split around \" / \" (a C++ formatter was run over a CMake file)"
    mangled=$((mangled + 1))
  fi
done
echo "cmake: ${#cmake_files[@]} files, $mangled mangled"
[ "$mangled" -eq 0 ]
