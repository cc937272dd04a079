#!/usr/bin/env bash
# Runs a command against temporary ClickHouse servers: each in a fresh directory with a
# generated config on free loopback ports, exports TAILOR_EDGE_EVENTS_STORE (the edge's
# --events-store URL) and TAILOR_CLICKHOUSE_HTTP (the servers' HTTP addresses, space-separated),
# and TAILOR_CLICKHOUSE_CONTROL (a script: `$TAILOR_CLICKHOUSE_CONTROL stop|start|pause|resume`
# acts on the first server: SIGTERM and wait, start again, SIGSTOP, SIGCONT), runs the command,
# then stops the servers and deletes them (also on failure or interrupt).
#   tests/edge/with-clickhouse.sh python3 test_store.py               # one server
#   tests/edge/with-clickhouse.sh --shards 2 --log-queries python3 test_clickhouse_shards.py
# With --log-queries every query is logged in system.query_log (SYSTEM FLUSH LOGS writes it
# out), so that a test can see which of the edge's queries ran; off by default (benchmarks).
# With --shards N, the N servers are the N shards of a cluster named "tailor" (one replica
# each), declared in every server's config, and the URL names them all with ?cluster=tailor.
set -euo pipefail

shards=1 log_queries=0
while true; do
  case "${1:-}" in
    --shards) shards=$2; shift 2 ;;
    --log-queries) log_queries=1; shift ;;
    *) break ;;
  esac
done
if ! command -v clickhouse-server >/dev/null; then
  echo "with-clickhouse: clickhouse-server not found (tools/install-deps installs it)" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/tailor-ch.XXXXXX)
pids=()
cleanup() {
  # The control script may have restarted the first server: its pid is in a file.
  if [ -f "$dir/server0.pid" ]; then pids[0]=$(cat "$dir/server0.pid"); fi
  for p in "${pids[@]}"; do kill -CONT "$p" 2>/dev/null || true; kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

http_ports=() tcp_ports=()
for i in $(seq "$shards"); do http_ports+=("$(free_port)"); tcp_ports+=("$(free_port)"); done

remote_servers=""
if [ "$shards" -gt 1 ]; then
  remote_servers="<remote_servers><tailor>"
  for i in $(seq 0 $((shards - 1))); do
    remote_servers+="<shard><replica><host>127.0.0.1</host><port>${tcp_ports[$i]}</port></replica></shard>"
  done
  remote_servers+="</tailor></remote_servers>"
fi

hosts=()
for i in $(seq 0 $((shards - 1))); do
  d="$dir/server$i"
  mkdir -p "$d/data" "$d/tmp"
  cat >"$d/config.xml" <<X
<yandex>
  <logger><level>warning</level><log>$d/log.txt</log><errorlog>$d/err.txt</errorlog></logger>
  <http_port>${http_ports[$i]}</http_port><tcp_port>${tcp_ports[$i]}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$d/data/</path><tmp_path>$d/tmp/</tmp_path><users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile><default_database>default</default_database>
  <mark_cache_size>104857600</mark_cache_size>
  <query_log><database>system</database><table>query_log</table></query_log>
  $remote_servers
</yandex>
X
  cat >"$d/users.xml" <<X
<yandex><profiles><default><log_queries>$log_queries</log_queries></default></profiles>
<users><default><password></password><networks><ip>127.0.0.1</ip></networks>
<profile>default</profile><quota>default</quota></default></users><quotas><default/></quotas></yandex>
X
  clickhouse-server --config-file="$d/config.xml" >"$d/stdout.txt" 2>&1 &
  pids+=($!)
  echo $! >"$dir/server$i.pid"
  hosts+=("127.0.0.1:${http_ports[$i]}")
done

for i in $(seq 0 $((shards - 1))); do
  for _ in $(seq 300); do
    if curl -sf "http://${hosts[$i]}/?query=SELECT%201" >/dev/null 2>&1; then continue 2; fi
    kill -0 "${pids[$i]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "with-clickhouse: server $i on ${hosts[$i]} did not start" >&2
  cat "$dir/server$i/err.txt" "$dir/server$i/stdout.txt" >&2 2>/dev/null || true
  exit 1
done

# control stop|start|pause|resume: acts on the first server (tests that take ClickHouse away).
cat >"$dir/control" <<EOF
#!/usr/bin/env bash
set -euo pipefail
pid=\$(cat $dir/server0.pid)
case "\${1:-}" in
  stop) kill -CONT "\$pid" 2>/dev/null || true; kill -TERM "\$pid"
        for _ in \$(seq 200); do kill -0 "\$pid" 2>/dev/null || exit 0; sleep 0.05; done
        kill -KILL "\$pid" ;;
  start) clickhouse-server --config-file=$dir/server0/config.xml >>$dir/server0/stdout.txt 2>&1 &
         echo \$! >$dir/server0.pid
         for _ in \$(seq 300); do
           curl -sf "http://${hosts[0]}/?query=SELECT%201" >/dev/null && exit 0
           sleep 0.1
         done
         echo "clickhouse did not start" >&2; exit 1 ;;
  pause) kill -STOP "\$pid" ;;
  resume) kill -CONT "\$pid" ;;
  *) echo "usage: control stop|start|pause|resume" >&2; exit 2 ;;
esac
EOF
chmod 755 "$dir/control"

joined=$(IFS=,; echo "${hosts[*]}")
url="clickhouse://$joined/default"
[ "$shards" -gt 1 ] && url+="?cluster=tailor"
export TAILOR_EDGE_EVENTS_STORE="$url"
export TAILOR_CLICKHOUSE_HTTP="${hosts[*]}"
export TAILOR_CLICKHOUSE_CONTROL="$dir/control"
version=$(curl -s "http://${hosts[0]}/?query=SELECT%20version()")
echo "with-clickhouse: ClickHouse $version, $shards server(s): $url"
"$@"
