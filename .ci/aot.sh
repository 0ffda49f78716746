#!/usr/bin/env bash
# Proves that the demo runs in Spring's AOT mode (docs/aot.md): processes it ahead of time
# (spring-boot:process-aot, the demo's `aot` profile), starts the repackaged jar with
# -Dspring.aot.enabled=true on a free port with the embedded H2 database, and checks what
# scripts answer through the demo's endpoints. No GraalVM native image is built here.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v curl >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }

mvn -B -pl demo-app -am -DskipTests -Paot package

jar=$(ls demo-app/target/luayield-demo-app-*.jar | head -n 1)
log=$(mktemp)
pid=""
stop() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop EXIT
fail() {
  echo "aot: $*" >&2
  echo "--- the demo's log ---" >&2
  cat "$log" >&2
  exit 1
}

ls demo-app/target/spring-aot/main/sources/dev/luayield/demo/*__ApplicationContextInitializer.java >/dev/null 2>&1 \
  || fail "process-aot generated no application context initializer under demo-app/target/spring-aot"

# Port 0: the server takes a free port and logs it. Ready once the application runners (the
# demo's world seeder) have run: the readiness group then reports UP.
java -Dspring.aot.enabled=true -jar "$jar" --server.port=0 >"$log" 2>&1 &
pid=$!
port=""
ready=""
for _ in $(seq 1 180); do
  kill -0 "$pid" 2>/dev/null || fail "the demo exited before it was ready"
  [ -n "$port" ] || port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -n 1)
  if [ -n "$port" ]; then
    case "$(curl -fsS --max-time 5 "http://127.0.0.1:${port}/actuator/health/readiness" 2>/dev/null || true)" in
      *'"status":"UP"'*) ready=yes; break ;;
    esac
  fi
  sleep 1
done
[ -n "$ready" ] || fail "the demo was not ready after 180 s"
grep -q "Starting AOT-processed DemoApplication" "$log" || fail "the demo did not start from the AOT-generated code"
base="http://127.0.0.1:${port}"

expect() {
  local what=$1 answer=$2
  shift 2
  for fragment in "$@"; do
    case "$answer" in
      *"$fragment"*) ;;
      *) fail "$what answered '$answer', without '$fragment'" ;;
    esac
  done
}

health=$(curl -sS --max-time 30 "$base/actuator/health") || fail "GET /actuator/health failed"
expect "GET /actuator/health" "$health" '"status":"UP"' '"lua":{'

# Named scripts are found on the class path, as the generated context configured them.
scripts=$(curl -sS --max-time 30 "$base/api/console/scripts") || fail "GET /api/console/scripts failed"
expect "GET /api/console/scripts" "$scripts" '"combat/on_hit"' '"turn"'

# A named script that requires a module and calls the world endpoint: Snag (1) cannot reach Mira (5).
hit=$(curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' -d '[1, 5]' \
  "$base/api/scripts/combat/on_hit?seed=1") || fail "POST /api/scripts/combat/on_hit failed"
expect "POST /api/scripts/combat/on_hit" "$hit" '"hit":false' '"reason":"out of reach"'

# A console script: its result and the endpoint call it made, as the trace records it.
run=$(curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' \
  -d '{"source":"return world:name(1) .. \" rolls \" .. dice:roll(6)"}' "$base/api/console/run") \
  || fail "POST /api/console/run failed"
expect "POST /api/console/run" "$run" '"result":"Snag rolls ' '"method":"world.name"' '"method":"dice.roll"'

echo "AOT mode: the demo started from its AOT-processed context on port ${port} and ran its scripts"
