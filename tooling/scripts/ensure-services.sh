#!/usr/bin/env bash
# Makes sure the services the tests need are up: MariaDB on 127.0.0.1:3306 (root, empty password) and
# Redis on 127.0.0.1:6379. Starts a stopped one with the machine's own command, installs a missing one
# from Debian's packages, and waits for each to answer (readiness is checked, never assumed).
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }

wait_for() { # name, command; up to 60 s
  local name=$1; shift
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then log "$name is ready"; return 0; fi
    sleep 0.5
  done
  log "$name did not become ready"; return 1
}

redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
mariadb_up() { mariadb -uroot -h127.0.0.1 -P3306 -e 'select 1' >/dev/null 2>&1; }

if ! command -v redis-server >/dev/null || ! [ -x /usr/sbin/mariadbd ]; then
  log 'installing redis-server and mariadb-server from Debian'
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq redis-server mariadb-server >/dev/null
fi

if ! redis_up; then
  log 'starting Redis'
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
wait_for Redis redis_up

if ! mariadb_up; then
  log 'starting MariaDB'
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  # A fresh Debian install lets root in through the socket only; allow the empty password over TCP too.
  for _ in $(seq 1 60); do mariadb -uroot -e 'select 1' >/dev/null 2>&1 && break; sleep 0.5; done
  mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')" \
    >/dev/null 2>&1 || true
fi
wait_for MariaDB mariadb_up
mariadb -uroot -h127.0.0.1 -e 'CREATE DATABASE IF NOT EXISTS test'
