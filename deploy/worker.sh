#!/bin/sh
# The periodic jobs in one loop (for containers without cron). Each job is
# idempotent and safe to run on several machines at once.
set -eu
minute=0
while true; do
    dialogplatform send-mail || true
    dialogplatform expire-holds || true
    if [ $((minute % 60)) -eq 0 ]; then dialogplatform send-reminders || true; fi
    if [ $((minute % 1440)) -eq 0 ]; then dialogplatform anonymise || true; fi
    minute=$((minute + 1))
    sleep 60
done
