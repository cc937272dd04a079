#!/bin/sh
# End-to-end: tailor screen --audit, audit verify (JSON lines and CSV), tamper detection with the
# first bad record named and exit 1, review records, coverage. Usage: cli_test.sh path/to/tailor
set -eu
tailor=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > msgs.jsonl <<'JSON'
{"id":"v1","subject":"Spring edit","body":"Take 20% off everything. Unsubscribe anytime.","context":{"approved_claims":["20% off everything"],"has_unsubscribe_required":true}}
{"id":"=cmd|' /C calc'!A0","subject":"Hi {{first_name}}","body":"New stock. Unsubscribe here.","context":{"has_unsubscribe_required":true}}
{"id":"v3","body":"Save 70% today!"}
JSON
"$tailor" screen --audit trail.jsonl --campaign spring --ts 2026-11-23T16:00:00Z < msgs.jsonl > out.jsonl
[ "$(grep -c '"decision":"allow"' out.jsonl)" = 1 ] || fail "v1 should be allowed"
grep -q '"id":"v3","decision":"review"' out.jsonl || fail "v3 should go to review"
"$tailor" audit verify trail.jsonl > /dev/null || fail "fresh trail does not verify"
"$tailor" audit export trail.jsonl --to csv > trail.csv
"$tailor" audit verify trail.csv > /dev/null || fail "CSV export does not verify"
grep -q "'=cmd" trail.csv || fail "formula cell not neutralised"

sed '2s/"severity":4/"severity":3/' trail.jsonl > edited.jsonl
if "$tailor" audit verify edited.jsonl > report.txt; then fail "edited trail verified"; fi
grep -q "record 2 (line 2)" report.txt || fail "edited record not named: $(cat report.txt)"
sed '3s/,block,/,allow,/' trail.csv > edited.csv
if "$tailor" audit verify edited.csv > report.txt; then fail "edited CSV verified"; fi
grep -q "record 2 (line 3)" report.txt || fail "edited CSV row not named: $(cat report.txt)"
sed '1d' trail.jsonl > removed.jsonl
if "$tailor" audit verify removed.jsonl > /dev/null; then fail "removed record not caught"; fi

cat > send.jsonl <<'JSON'
{"campaign":"spring","id":"v1","subject":"Spring edit","body":"Take 20% off everything. Unsubscribe anytime."}
{"campaign":"spring","id":"v3","subject":"","body":"Save 70% today!"}
JSON
if "$tailor" audit coverage trail.jsonl --messages send.jsonl > cov.txt; then fail "pending review covered"; fi
grep -q "UNCOVERED spring/v3: review pending" cov.txt || fail "coverage reason: $(cat cov.txt)"
"$tailor" audit append trail.jsonl --kind review --campaign spring --id v3 \
  --ts 2026-11-23T16:30:00Z --actor reviewer:alice --decision approved --subject "" \
  --body "Save 70% today!" > /dev/null
"$tailor" audit coverage trail.jsonl --messages send.jsonl > /dev/null || fail "approved review not covered"
"$tailor" audit verify trail.jsonl --count 4 > /dev/null || fail "trail after append does not verify"
echo "safety CLI: ok"
