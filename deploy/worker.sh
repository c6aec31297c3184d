#!/bin/sh
# The periodic jobs in one loop (for containers without cron). Each job is
# idempotent and safe to run on several machines at once. The nightly
# backup goes to $BACKUP_DIR (default /data/backups); 30 days are kept.
set -eu
backups="${BACKUP_DIR:-/data/backups}"
minute=0
while true; do
    dialogplatform send-mail || true
    dialogplatform expire-holds || true
    if [ $((minute % 60)) -eq 0 ]; then dialogplatform send-reminders || true; fi
    if [ $((minute % 1440)) -eq 0 ]; then
        dialogplatform anonymise || true
        dialogplatform backup "$backups/dialog-$(date +%F).tar.gz" || true
        find "$backups" -name 'dialog-*.tar.gz' -mtime +30 -delete || true
    fi
    minute=$((minute + 1))
    sleep 60
done
