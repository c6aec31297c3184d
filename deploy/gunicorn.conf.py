"""gunicorn settings for production: threads per worker suit an app that
waits on PostgreSQL; workers = cores."""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 30
graceful_timeout = 20
accesslog = None  # the reverse proxy logs requests; no personal data here
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Check the settings once in the master before any worker starts: a
    wrong value or a missing production setting stops gunicorn with one
    line (dialogplatform/settings.py), not one per worker."""
    from dialogplatform import create_app

    create_app()
