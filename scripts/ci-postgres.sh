#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with the role the PostgreSQL test run uses
# (tsunagu_ci, password tsunagu_ci, may create databases). Debian's PostgreSQL: installed if missing, its
# cluster started if stopped. Run as root (CI); on a developer's machine, create such a role by hand instead.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "[ci] installing Debian postgresql"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
fi
if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
  echo "[ci] starting PostgreSQL $version/$cluster"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
# A throw-away test server: no fsync, so the thousands of databases the tests create and drop cost little. Never on a
# server that holds a council's data.
su postgres -c "psql -qc \"alter system set fsync = off\" -c \"alter system set synchronous_commit = off\" -c \"alter system set full_page_writes = off\" -c \"select pg_reload_conf()\"" >/dev/null
# The multi-instance test runs three service processes (two pools of 10 connections each) beside the other test
# files: more than the default 100 connections. The setting takes a restart.
if [ "$(su postgres -c "psql -qtAc 'show max_connections'")" -lt 300 ]; then
  su postgres -c "psql -qc \"alter system set max_connections = 300\"" >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart
  for _ in $(seq 1 30); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
fi
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'tsunagu_ci'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role tsunagu_ci login password 'tsunagu_ci' createdb\""
# Dropping a test database ends the sessions still on it, autovacuum's among them, which only a member of
# pg_signal_backend may end.
su postgres -c "psql -qc \"grant pg_signal_backend to tsunagu_ci\"" >/dev/null
echo "[ci] PostgreSQL $version/$cluster is up on 127.0.0.1:5432"
