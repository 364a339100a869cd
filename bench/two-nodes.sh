#!/usr/bin/env bash
# Issue 16's load test of two app nodes: a fresh PostgreSQL database, Redis, node A and node B on loopback, 2,000 SignalR
# viewers spread over both, 40 changes made through node A, node B killed after 20 (its viewers move to node A).
# Usage: bench/two-nodes.sh "Host=127.0.0.1;Port=5432;Username=postgres" 127.0.0.1:6379 [viewers] [changes]
set -euo pipefail
cd "$(dirname "$0")/.."
PG_SERVER=$1; REDIS=$2; VIEWERS=${3:-2000}; CHANGES=${4:-40}
DB="parley_two_nodes"
PGDB="$PG_SERVER;Database=$DB"
WEB=src/Parley.Web/bin/Release/net10.0/Parley.Web.dll
dotnet build Parley.slnx -c Release -v q -nologo | grep -E " error " && exit 1 || true
dotnet run -c Release --no-build --project bench/Parley.Bench -- drop-db "$PGDB"
start_node() { # port, folder
  mkdir -p "$2"
  (cd "$2" && exec env Database__Provider=Postgres "ConnectionStrings__Parley=$PGDB" Redis__Connection="$REDIS" RateLimits__SignInPerMinute=1000 \
    dotnet "$OLDPWD/$WEB" --urls "http://127.0.0.1:$1" >"$2/app.log" 2>&1) &
  echo $!
}
wait_ready() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0; sleep 0.5; done; echo "node on $1 not ready"; exit 1; }
A=$(start_node 5101 /tmp/parley-node-a); wait_ready 5101          # node A creates the database
dotnet run -c Release --no-build --project bench/Parley.Bench -- meetings-db "$PGDB"
B=$(start_node 5102 /tmp/parley-node-b); wait_ready 5102
trap 'kill $A $B 2>/dev/null || true' EXIT
dotnet run -c Release --no-build --project bench/Parley.Bench -- projector-nodes http://127.0.0.1:5101,http://127.0.0.1:5102 1 "$VIEWERS" "$CHANGES" "$B" $((CHANGES / 2))
