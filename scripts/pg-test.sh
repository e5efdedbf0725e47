#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then delete the cluster.
#
#   scripts/pg-test.sh COMMAND [ARG...]   e.g. scripts/pg-test.sh .venv/bin/pytest -q
#   scripts/pg-test.sh --bindir           print the PostgreSQL bin directory, or exit 1
#
# The cluster lives in a fresh /tmp/renda-pg.XXXXXX, listens on a Unix socket there and on no TCP
# port (so it never collides with a system PostgreSQL), runs with fsync off, and trusts local
# connections. COMMAND sees DATABASE_URL=postgresql://postgres@/renda_test?host=<socket dir>
# (and PGHOST, PGUSER for psql). The role `postgres` is a superuser, as pytest-django needs: it
# creates and drops test_renda_test (test_renda_test_gw0, ... under xdist) itself.
#
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user (Debian's
# postgresql package creates it) or, failing that, a system user `renda-pg` made here.
# PG_BINDIR overrides where the server binaries are looked for.
set -euo pipefail

find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        [[ -x "$PG_BINDIR/initdb" ]] && { echo "$PG_BINDIR"; return 0; }
        return 1
    fi
    # Debian keeps the server binaries off PATH; take the newest major version installed.
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$newest" && -x "$newest/initdb" ]]; then
        echo "$newest"
        return 0
    fi
    local initdb
    if initdb=$(command -v initdb 2>/dev/null); then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    return 1
}

if [[ "${1:-}" == "--bindir" ]]; then
    find_bindir
    exit
fi
if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]  |  $0 --bindir" >&2
    exit 2
fi

if ! bindir=$(find_bindir); then
    echo "pg-test: no PostgreSQL server binaries (initdb) found; apt-get install postgresql" >&2
    exit 1
fi

# The socket path must stay under the 107-byte limit, so no $TMPDIR here.
cluster=$(mktemp -d /tmp/renda-pg.XXXXXX)
data="$cluster/data"

as_server_user=()
if [[ $(id -u) -eq 0 ]]; then
    if id -u postgres >/dev/null 2>&1; then
        server_user=postgres
    else
        if ! id -u renda-pg >/dev/null 2>&1; then
            useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin renda-pg
        fi
        server_user=renda-pg
    fi
    chown "$server_user" "$cluster"
    as_server_user=(runuser -u "$server_user" --)
fi

# Runs a server binary as the server user, from a directory that user can enter.
pg() {
    (cd "$cluster" && "${as_server_user[@]}" "$bindir/$1" "${@:2}")
}

cleanup() {
    local status=$?
    if [[ -f "$data/postmaster.pid" ]]; then
        pg pg_ctl stop -D "$data" -m immediate -s >/dev/null 2>&1 || true
    fi
    rm -rf "$cluster"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$EPOCHREALTIME
pg initdb -D "$data" -U postgres --auth=trust --locale=C.UTF-8 --encoding=UTF8 --no-sync \
    >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }

# Throwaway data: durability settings off. No TCP listener at all, only the socket in $cluster.
cat >>"$data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$cluster'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
EOF

if ! pg pg_ctl start -D "$data" -l "$cluster/server.log" -w -t 60 -s; then
    cat "$cluster/server.log" >&2
    exit 1
fi
"$bindir/createdb" -h "$cluster" -U postgres renda_test

export DATABASE_URL="postgresql://postgres@/renda_test?host=$cluster"
export PGHOST="$cluster" PGUSER=postgres PGDATABASE=renda_test
version=$("$bindir/psql" -XAtc 'SHOW server_version')
awk -v v="$version" -v t0="$started" -v t1="$EPOCHREALTIME" -v dir="$cluster" \
    'BEGIN { printf "pg-test: PostgreSQL %s ready in %.1f s at %s\n", v, t1 - t0, dir > "/dev/stderr" }' 

set +e
"$@"
status=$?
set -e
exit "$status"
