#!/bin/sh
# First start of the compose PostgreSQL (docker-entrypoint-initdb.d): the tables' owner and the
# application's role, passwords from the compose environment. See README「数据库账号」.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_role=xinfang_owner -v owner_password="$XINFANG_OWNER_PASSWORD" \
  -v app_role=xinfang_app -v app_password="$XINFANG_APP_PASSWORD" \
  -f /xinfang/create-roles.sql
