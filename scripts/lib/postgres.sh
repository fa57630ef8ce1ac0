# Throw-away PostgreSQL clusters on loopback, for the test command and the benchmarks.
# Source it, then: pg_start DIR PORT [extra server settings...]; pg_stop DIR.
# As root the cluster runs as the postgres user (initdb refuses root).

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sh -c "$*"; fi
}

pg_start() {
  local dir="$1" port="$2"; shift 2
  local bin settings="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300"
  bin="$(pg_bin)"
  for setting in "$@"; do settings="$settings -c $setting"; done
  mkdir -p "$dir"
  chmod 755 "$(dirname "$dir")"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  pg_as_owner "$bin/initdb -D $dir/db -U postgres --auth=trust -E UTF8 >/dev/null"
  pg_as_owner "$bin/pg_ctl -D $dir/db -o '$settings' -l $dir/pg.log -w start >/dev/null"
}

pg_stop() {
  local dir="$1"
  pg_as_owner "$(pg_bin)/pg_ctl -D $dir/db -m fast -w stop >/dev/null" || true
}
