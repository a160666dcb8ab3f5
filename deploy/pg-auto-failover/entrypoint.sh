#!/bin/bash
# One member of a pg_auto_failover formation, set up as docs/production.md's runbook does on a machine
# ("High availability: PostgreSQL with pg_auto_failover"), then supervised by `pg_autoctl run`:
#   pgaf-entrypoint monitor   the monitor
#   pgaf-entrypoint node      a PostgreSQL node: the first to register is the primary, the next its copy
# The first start creates the member; every start writes ~/.pgpass and sets the passwords again (so a
# changed one takes effect on restart). A create that fails (the other node not ready yet) exits non-zero
# and the container's restart policy runs it again: pg_autoctl continues where it stopped.
#
# Settings (environment):
#   AUTOCTL_NODE_PASSWORD   nodes -> monitor (role autoctl_node)                     all members
#   REPLICATION_PASSWORD    node <-> node (role pgautofailover_replicator)           nodes
#   APP_DB_PASSWORD         Opsdesk -> nodes (role and database opsdesk)             nodes
#   PGAF_HOSTNAME           the name the others reach this member by                 all members
#   PGAF_NAME               the node's name in pg_autoctl show state                 nodes
#   PGAF_MONITOR_HOST       the monitor's name (default monitor)                     nodes
#   PGAF_MONITOR_PORT       the monitor's port (default PGPORT)                      nodes
#   PGAF_APP_NETWORK        where Opsdesk connects from (CIDR, default samenet)      nodes
#   PGDATA, PGPORT          the data folder and the port of every member (the image sets them)
set -euo pipefail

role=${1:?usage: pgaf-entrypoint monitor|node}
: "${PGDATA:?}" "${PGPORT:?}" "${PGAF_HOSTNAME:?}" "${AUTOCTL_NODE_PASSWORD:?}"
export PGPASSFILE=$HOME/.pgpass
created=$HOME/.pgaf-created
monitor_host=${PGAF_MONITOR_HOST:-monitor}
monitor_port=${PGAF_MONITOR_PORT:-$PGPORT}
monitor_url="postgres://autoctl_node@$monitor_host:$monitor_port/pg_auto_failover?sslmode=require"

# initdb trusts every connection from the machine itself: local ones become peer (postgres may act as
# pg_autoctl's roles), the trusting host lines go; pg_autoctl's own scram-sha-256 lines stay.
close_trust() {
  sed -i -E -e '/^host\s.*\strust$/d' -e 's/^(local\s+\S+\s+all\s+)trust$/\1peer map=pgaf/' "$PGDATA/pg_hba.conf"
  grep -q '^pgaf ' "$PGDATA/pg_ident.conf" ||
    printf 'pgaf postgres %s\n' postgres autoctl_node pgautofailover_monitor pgautofailover_replicator >> "$PGDATA/pg_ident.conf"
}

write_pgpass() {
  (umask 077 && printf '%s\n' "$@" > "$PGPASSFILE")
}

create_monitor() {
  pg_autoctl create monitor --pgdata "$PGDATA" --pgport "$PGPORT" --hostname "$PGAF_HOSTNAME" \
    --auth scram-sha-256 --ssl-self-signed
  close_trust
}

# Opsdesk's hosts may connect to the database; pg_rewind (rejoining a lost primary) to `postgres`.
create_node() {
  pg_autoctl create postgres --pgdata "$PGDATA" --pgport "$PGPORT" --hostname "$PGAF_HOSTNAME" \
    --name "${PGAF_NAME:?}" --monitor "$monitor_url" --auth scram-sha-256 --ssl-self-signed --dbname opsdesk
  pg_autoctl config set replication.password "$REPLICATION_PASSWORD" > /dev/null
  close_trust
  # The second node's pg_hba.conf is a copy of the first's: the lines are there already.
  grep -q '^hostssl "opsdesk" "opsdesk"' "$PGDATA/pg_hba.conf" ||
    printf '%s\n' "hostssl \"opsdesk\" \"opsdesk\" ${PGAF_APP_NETWORK:-samenet} scram-sha-256" \
      'hostssl "postgres" "pgautofailover_replicator" samenet scram-sha-256' >> "$PGDATA/pg_hba.conf"
}

# On the primary: the replicator's password (pg_autoctl 2.0 leaves it unset, and the other node cannot
# copy this one without it), and Opsdesk's role owning its database. Roles reach the secondary by replication.
set_node_passwords() {
  [ "$(psql -d postgres -Atc 'select pg_is_in_recovery()')" = f ] || return 0
  psql -d postgres -q -v ON_ERROR_STOP=1 -v repl="$REPLICATION_PASSWORD" -v app="$APP_DB_PASSWORD" <<'SQL'
alter role pgautofailover_replicator password :'repl';
select 'create role "opsdesk" login' where not exists (select from pg_roles where rolname = 'opsdesk') \gexec
alter role "opsdesk" password :'app';
alter database "opsdesk" owner to "opsdesk";
SQL
}

case $role in
  monitor)
    write_pgpass "$PGAF_HOSTNAME:$PGPORT:pg_auto_failover:autoctl_node:$AUTOCTL_NODE_PASSWORD"
    if [ ! -e "$created" ]; then create_monitor; touch "$created"; fi
    ;;
  node)
    : "${REPLICATION_PASSWORD:?}" "${APP_DB_PASSWORD:?}"
    write_pgpass "$monitor_host:$monitor_port:pg_auto_failover:autoctl_node:$AUTOCTL_NODE_PASSWORD" \
      "*:*:*:pgautofailover_replicator:$REPLICATION_PASSWORD"
    if [ ! -e "$created" ]; then create_node; touch "$created"; fi
    ;;
  *) echo "pgaf-entrypoint: unknown role $role (monitor or node)" >&2; exit 2 ;;
esac

pg_autoctl run &
keeper=$!
trap 'kill -TERM $keeper 2>/dev/null' TERM INT
until pg_isready -q -h /var/run/postgresql -p "$PGPORT"; do
  kill -0 $keeper 2>/dev/null || { wait $keeper; exit; }
  sleep 1
done
if [ "$role" = monitor ]; then
  psql -d pg_auto_failover -q -v pw="$AUTOCTL_NODE_PASSWORD" <<<"alter role autoctl_node password :'pw';"
else
  set_node_passwords
fi
status=0
wait $keeper || status=$?
# A signal ends the first wait at once: wait for the keeper to have stopped PostgreSQL.
if kill -0 $keeper 2>/dev/null; then wait $keeper || status=$?; fi
exit $status
