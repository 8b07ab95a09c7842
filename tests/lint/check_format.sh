#!/usr/bin/env bash
# Every C++ file of ours is clang-format clean (style in .clang-format).
set -euo pipefail
root=${1:?usage: check_format.sh REPO_ROOT}
cd "$root"
mapfile -t sources < <(git ls-files -co --exclude-standard -- '*.cpp' '*.hpp' | sort -u)
existing=()
for f in "${sources[@]}"; do [ -f "$f" ] && existing+=("$f"); done
clang-format --dry-run -Werror "${existing[@]}"
echo "clang-format: ${#existing[@]} files clean"
