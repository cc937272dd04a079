#!/usr/bin/env bash
# Runs a command against a temporary PostgreSQL cluster: initdb in a fresh directory, start on
# a free loopback port as a non-root user, export TAILOR_EDGE_STORE=postgresql://... and
# TAILOR_PG_CONTROL (a script: `$TAILOR_PG_CONTROL stop|start`), run the command, stop the
# cluster and delete it (also on failure or interrupt).
#   tests/edge/with-postgres.sh python3 test_store.py
# As root, the cluster runs as the system user "tailor-pg" (created when missing), because
# PostgreSQL refuses to run as root.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (tools/install-deps installs them)" >&2
  exit 1
fi

as_user=()
if [ "$(id -u)" -eq 0 ]; then
  id tailor-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin tailor-pg
  as_user=(runuser -u tailor-pg --)
fi

dir=$(mktemp -d /tmp/tailor-pg.XXXXXX)
chmod 755 "$dir"
[ ${#as_user[@]} -eq 0 ] || chown tailor-pg "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

cleanup() {
  "${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"${as_user[@]}" "$bindir/initdb" -D "$dir/data" -U tailor --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# pg-control start|stop: starts or stops this cluster, for this script and for tests that take
# the database away and bring it back (TAILOR_PG_CONTROL, e.g. test_readiness.py).
pg_ctl=("${as_user[@]}" "$bindir/pg_ctl" -D "$dir/data" -w -t 60)
options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on"
cat >"$dir/pg-control" <<EOF
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  start) exec $(printf '%q ' "${pg_ctl[@]}") -l $(printf %q "$dir/server.log") -o $(printf %q "$options") start ;;
  stop) exec $(printf '%q ' "${pg_ctl[@]}") -m fast stop ;;
  *) echo "usage: pg-control start|stop" >&2; exit 2 ;;
esac
EOF
chmod 755 "$dir/pg-control"
"$dir/pg-control" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export TAILOR_EDGE_STORE="postgresql://tailor@127.0.0.1:$port/postgres"
export TAILOR_PG_CONTROL="$dir/pg-control"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port"
"$@"
