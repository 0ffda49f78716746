#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages and starts it on 127.0.0.1:5432 with a
# database, user and password all named `luayield`, for the demo's PostgreSQL tests.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^${version} main"; then
  pg_createcluster "${version}" main >/dev/null
fi
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "/etc/postgresql/${version}/main/postgresql.conf"
pg_ctlcluster "${version}" main start 2>/dev/null || pg_ctlcluster "${version}" main restart

for _ in $(seq 1 30); do
  su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done

su postgres -c "psql -qAt" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'luayield') THEN
    CREATE ROLE luayield LOGIN PASSWORD 'luayield';
  END IF;
END $$;
SQL
su postgres -c "psql -qAtc \"select 1 from pg_database where datname = 'luayield'\"" | grep -q 1 \
  || su postgres -c "createdb -O luayield luayield"
echo "PostgreSQL ${version} is up on 127.0.0.1:5432 (database luayield)"
