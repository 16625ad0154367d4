"""The production path on one machine, for the tests and `make bench`: Redis, several gunicorn
instances sharing one database, one MEDIA_ROOT and the Redis cache, and nginx in front with
deploy/nginx.conf. Everything listens on 127.0.0.1 only and stops when the block ends.

    with Stack(run_dir, database_url, instances=2) as stack:
        stack.nginx_url, stack.app_urls
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
HOST = "127.0.0.1"
REDIS_MAXMEMORY = "256mb"
# gunicorn's request limits at their largest, so nginx's (smaller) refuse first, with the site's
# own error page (deploy/nginx.conf).
GUNICORN_OPTIONS = [
    "--no-control-socket",
    "--limit-request-line",
    "8190",
    "--limit-request-field_size",
    "8190",
]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError as error:
            if getattr(error, "code", None):  # an HTTP error status: the server is up
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer in {seconds} s") from error
            time.sleep(0.2)


def render_nginx_conf(run_dir, listen_port, app_ports, static_root, media_root):
    values = {
        "RUN_DIR": str(run_dir),
        "APP_SERVERS": "\n        ".join(f"server {HOST}:{port};" for port in app_ports),
        "LISTEN": f"{HOST}:{listen_port}",
        "SERVER_NAME": HOST,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "FORWARDED_PROTO": "$scheme",
    }
    text = NGINX_CONF.read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    assert "@@" not in text, "deploy/nginx.conf has a placeholder the stack does not fill"
    return text


class Stack:
    def __init__(
        self, run_dir, database_url, *, instances=2, workers=2, redis=True, nginx=True, extra_env=None
    ):
        self.run_dir = Path(run_dir)
        self.redis, self.nginx = redis, nginx
        self.database_url = database_url
        self.instances, self.workers = instances, workers
        self.extra_env = extra_env or {}
        self.processes = []
        self.static_root = ROOT / "staticfiles"  # collectstatic's, which nginx serves

    @property
    def env(self):
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://{HOST}:{self.redis_port}/0" if self.redis else "",
            "DJANGO_CACHE_DIR": str(self.run_dir / "cache-state"),
            "DJANGO_MEDIA_ROOT": str(self.media_root),
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "stack-only-not-secret"),
            "DJANGO_INSECURE_HTTP": "true",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            **self.extra_env,
        }

    def manage(self, *args, **kwargs):
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args], env=self.env, check=True, cwd=ROOT, **kwargs
        )

    def __enter__(self):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.media_root = self.run_dir / "media"
        self.media_root.mkdir(exist_ok=True)
        self.redis_port, self.nginx_port = free_port(), free_port()
        self.app_ports = [free_port() for _ in range(self.instances)]
        try:
            if self.redis:
                redis = ["redis-server", "--bind", HOST, "--port", str(self.redis_port)]
                # Bounded: when full, the least recently used pages go (README, "Caching").
                redis += ["--maxmemory", REDIS_MAXMEMORY, "--maxmemory-policy", "allkeys-lru"]
                self._start([*redis, "--save", "", "--appendonly", "no"])
            self.manage("migrate", "--noinput", "--verbosity", "0")
            self.manage("load_content", "--verbosity", "0")
            self.manage("collectstatic", "--noinput", "--verbosity", "0")
            for port in self.app_ports:
                gunicorn = [sys.executable, "-m", "gunicorn", "kneesite.wsgi", "--bind", f"{HOST}:{port}"]
                self._start([*gunicorn, "--workers", str(self.workers), *GUNICORN_OPTIONS])
            if self.nginx:
                self._start_nginx()
            for url in [*self.app_urls, *([self.nginx_url] if self.nginx else [])]:
                wait_for(url + "/")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start_nginx(self):
        conf = self.run_dir / "nginx.conf"
        conf.write_text(
            render_nginx_conf(
                self.run_dir, self.nginx_port, self.app_ports, self.static_root, self.media_root
            )
        )
        # Started as root (CI, tests), nginx's workers would run as www-data, which may not
        # write to a private run directory: keep them as the user running the stack.
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self._start([nginx, "-p", str(self.run_dir), "-c", str(conf), "-g", directives])

    def _start(self, command):
        log = open(self.run_dir / f"{Path(command[0]).name}-{len(self.processes)}.log", "wb")  # noqa: SIM115
        self.processes.append(
            (subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT), log)
        )

    def __exit__(self, *exc):
        for process, log in reversed(self.processes):
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
            log.close()
        self.processes = []

    @property
    def app_urls(self):
        return [f"http://{HOST}:{port}" for port in self.app_ports]

    @property
    def nginx_url(self):
        return f"http://{HOST}:{self.nginx_port}"
