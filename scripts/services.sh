#!/usr/bin/env bash
# Makes sure the engines the tests run generated SQL on are there: PostgreSQL and
# MariaDB on 127.0.0.1 (installed from Debian and started when absent), and DuckDB's
# Python package in a virtual environment under ~/.cache/truthline. Sourced by test.sh;
# exports TRUTHLINE_PYTHON. Fails loudly rather than letting a test skip.
set -euo pipefail

apt_install() {
    command -v apt-get >/dev/null || { echo "error: $* is needed and this machine has no apt-get; install it and rerun" >&2; exit 1; }
    echo "== installing $* (Debian)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/dev/null
}

ensure_postgres() {
    command -v psql >/dev/null || apt_install postgresql postgresql-client
    if ! psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        [ -d /etc/postgresql ] || apt_install postgresql
        version=$(ls /etc/postgresql | sort -n | tail -n 1)
        hba="/etc/postgresql/$version/main/pg_hba.conf"
        # The tests connect as postgres over TCP without a password, as CI's server allows.
        grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
        echo "== starting PostgreSQL $version"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
            || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
        for _ in $(seq 30); do psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1 && break; sleep 1; done
    fi
    psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null \
        || { echo "error: PostgreSQL is not reachable on 127.0.0.1:5432 as postgres" >&2; exit 1; }
}

ensure_mariadb() {
    command -v mariadb >/dev/null || apt_install mariadb-server mariadb-client
    if ! mariadb -h 127.0.0.1 -u root -e 'select 1' >/dev/null 2>&1; then
        [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
        echo "== starting MariaDB"
        start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
        for _ in $(seq 30); do mariadb -u root -e 'select 1' >/dev/null 2>&1 && break; sleep 1; done
        # Debian's root logs in through the socket only; the tests use TCP with no password.
        mariadb -u root -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;" 2>/dev/null || true
    fi
    mariadb -h 127.0.0.1 -u root -e 'select 1' >/dev/null \
        || { echo "error: MariaDB is not reachable on 127.0.0.1:3306 as root" >&2; exit 1; }
}

ensure_duckdb() {
    venv="$HOME/.cache/truthline/venv"
    if ! "$venv/bin/python" -c 'import duckdb' >/dev/null 2>&1; then
        echo "== installing duckdb (PyPI) into $venv"
        python3 -m venv "$venv" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$venv"; }
        "$venv/bin/pip" install -q 'duckdb>=1.4' \
            || { echo "error: cannot install duckdb from PyPI" >&2; exit 1; }
    fi
    export TRUTHLINE_PYTHON="$venv/bin/python"
}

ensure_postgres
ensure_mariadb
ensure_duckdb
