#!/usr/bin/env bash
# Records a failed run of the test app's always-fails function (event acc/fail), and for comparison a completed
# run of ship-order (shop/order.paid), from a real Dev Server with the test app of ../shared/inngest-dev, in the
# format of ../shared/inngest-dev/record.sh (request line, ---, the response as sent, Date removed).
# Run from this folder: DEV=http://127.0.0.1:8288 ./record.sh
set -u
DEV=${DEV:-http://127.0.0.1:8288}
OUT=${OUT:-.}
rec() { # NAME METHOD PATH
  local name=$1 method=$2 path=$3
  local f="$OUT/$name.http"
  { echo "$method $path"; echo; } > "$f.req"
  curl -s -i -X "$method" "$DEV$path" > "$f.tmp"
  { cat "$f.req"; echo "---"; grep -v -i '^Date:' "$f.tmp" | tr -d '\r'; echo; } > "$f"
  rm -f "$f.req" "$f.tmp"
  echo "recorded $name"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
fev=$(curl -s -X POST "$DEV/e/dev-key" --data-binary "{\"name\":\"acc/fail\",\"data\":{\"by\":\"fake-recorder-$(date +%s%N)\"}}" | json 'd["ids"][0]')
sleep 6
frun=$(curl -s "$DEV/v1/events/$fev/runs?_=1" | json 'd["data"][0]["run_id"]')
rec failedRun-v1-eventRuns GET "/v1/events/$fev/runs"
rec failedRun-v1 GET "/v1/runs/$frun"
rec failedRun-v2 GET "/v2/runs/$frun?includeOutput=true"
rec failedRun-v2-eventRuns GET "/v2/events/$fev/runs?includeOutput=true"
# the same runs in the v2 run listing, and a completed run of ship-order in both listings, for comparison
rec failedRun-v2-runs GET "/v2/runs?includeOutput=true&status=FAILED&limit=1"
cev=$(curl -s -X POST "$DEV/e/dev-key" --data-binary "{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"fake-recorder-$(date +%s)\"}}" | json 'd["ids"][0]')
sleep 6
rec completedRun-v2-eventRuns GET "/v2/events/$cev/runs?includeOutput=true"
rec completedRun-v2-runs GET "/v2/runs?includeOutput=true&status=COMPLETED&limit=1"
