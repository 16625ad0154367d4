"""`make bench`: how fast kneesite serves its public pages, and how it holds up with a big FAQ.

It prints three Markdown tables (progress goes to stderr):

1. **gunicorn, as `make run` serves it**: 2 sync workers, the checkout's db.sqlite3, the
   local-memory page cache (and the content version in files under .cache, as `make run` has
   it), on a free port on 127.0.0.1. For each public page: requests per second, p50 and p99
   latency, and its requests/s as a share of the site's own stylesheet
   (`/static/css/site.css`, served by whitenoise from the same gunicorn in the same round; pages
   inline it);
   the same page with a new random `?fbclid=` on every request (as links shared on social
   networks arrive; wrk with a Lua script) as a share of the plain URL; and the bytes on the wire
   of the page sent gzip-compressed. The two shares are also given by the server's CPU time a
   request (the CPU of gunicorn's master and workers over each wrk run, as psutil reads it from
   the kernel, divided by the requests wrk made): the yardstick's over the page's, so 1.00×
   is the same cost. wrk runs on the same two cores as the servers, so requests/s also count
   wrk's own work (more for longer headers, and its Lua script for the fbclid runs) and
   whatever else the machine runs; the server's CPU a request counts neither.
2. **The production path** (deploy/stack.py): nginx in front of 2 gunicorn instances (2 workers
   each) sharing Redis and a throwaway SQLite database. The same pages through nginx, against
   the stylesheet served by nginx itself, and against a static file of each page's own size
   (the page's gzip bytes, written under the stack's MEDIA_ROOT and served from /media/): what
   nginx takes to send those bytes as a file, so what is left is what serving them from its
   page cache costs. The CPU columns count nginx's master and workers (the pages are hits).
3. **Scale, in-process**: a throwaway SQLite database is migrated and the shipped content
   loaded (load_content), then 10,000 published FAQ entries are added with bulk_create. Django's test client
   measures the render time of pages not in the page cache (median of 9) in three cases: a URL
   nobody asked for yet, the first request after an author's save in the admin (on another
   worker), and with every cache emptied; the number of SQL queries of each, and the
   gzip-compressed size of the HTML (its styles inlined). First every Table 1 page on the
   shipped content, then the FAQ and a self-check result (which may suggest FAQ entries) at
   10,000 entries. Each table starts with a yardstick, a minimal Django page rendered the same
   way between the pages' renders (deploy/bench_urls.py), and gives every render time also as
   a multiple of it, since this machine's speed drifts and a ratio does not: each round's render
   over the yardstick's in the same round, the median over the rounds. Render time is the
   process's CPU time (SQLite runs in it), so other jobs on a shared machine do not count.
   `bench.py --render-only` prints only the table on the shipped content (about 15 s on an idle machine).

Load comes from Debian's wrk (`wrk -t2 -c32 -d4s --latency -H "Accept-Encoding: gzip" URL`, as
browsers ask), on the same machine as the servers. Every page is requested a few times before measuring (the page caches are warm), each
table takes 3 rounds over all its URLs, and the tables report each figure's median over the
rounds. Everything listens on 127.0.0.1, every server stops when its block ends (even on error),
and every external command runs with a time limit.

    DJANGO_SECRET_KEY=... .venv/bin/python deploy/bench.py   # or: make bench
"""

import contextlib
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make `deploy` and the Django project importable

from deploy.stack import HOST, Stack, free_port, wait_for  # noqa: E402

PAGES = [
    "/",
    "/faq/",
    "/faq/where-does-runners-knee-hurt/",
    "/guide/runners-knee-recovery/",
    "/exercises/glute-bridge/",
    "/self-check/",
    "/self-check/questions/?warning-signs=none",
    "/self-check/result/?warning-signs=none&where-it-hurts=kneecap&half-squat-test=moved-inward"
    "&knees-roll-in=no&training-change=none&walking=pain-free&running-pain=still-hurts&how-long=few-weeks",
]
ROUNDS = 3
WRK = ["/usr/bin/wrk", "-t2", "-c32", "-d4s", "--latency", "-H", "Accept-Encoding: gzip"]
# A new random fbclid on every request: each thread counts from its own random start.
RANDOM_FBCLID_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + id)
  counter = math.random(1, 1000000000)
end
function request()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "fbclid=IwAR" .. id .. "x" .. counter)
end
"""
WRK_TIMEOUT = 30  # seconds: a 4 s run that takes this long is stuck
WARM_REQUESTS = 16  # per URL, 8 at a time, so every worker has rendered and cached each page

SEEDED_ENTRIES = 10_000
SEEDED_PERMALINK = "/faq/seeded-question-05000/"
# The FAQ list, its page 100, a permalink, a self-check result (PAGES[-1]) and a search whose
# words are in every seeded entry ("thigh" also looks for "quadriceps"), but not all of them.
SCALE_PAGES = ["/faq/", "/faq/?page=100", SEEDED_PERMALINK, PAGES[-1], "/search/?q=thigh+stretch"]
RENDERS = 9  # uncached renders per page; the median is reported
IN_PROCESS_TIMEOUT = 300

# The stylesheet as a file (pages inline it): collectstatic keeps it under its own name beside
# the hashed copy, and whitenoise and nginx serve both alike.
STYLESHEET = "/static/css/site.css"


# ---------------------------------------------------------------------------------------------
# Load tests with wrk


def label(path):
    """A page's name in the tables: a long address is cut short (a note below the table gives it)."""
    return f"`{path[:45]}…`" if len(path) > 45 else f"`{path}`"


def progress(message):
    print(message, file=sys.stderr, flush=True)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{url} answered {error.code}") from error


def gzipped_body(url):
    """The page's body as sent to a browser that takes gzip."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.headers.get("Content-Encoding") != "gzip":
            raise RuntimeError(f"{url} was not sent compressed")
        return response.read()


def wire_bytes(url):
    """The size of the page's body as sent to a browser that takes gzip."""
    return len(gzipped_body(url))


def same_size_files(base_url, media_root):
    """{page: the address of a file under /media/ holding the page's bytes as sent gzip-compressed}:
    nginx sends it as it sends any static file (sendfile, its own headers), so it costs what the
    page's bytes cost without the page cache."""
    folder = Path(media_root) / "bench"
    folder.mkdir(exist_ok=True)
    files = {}
    for number, path in enumerate(PAGES):
        (folder / f"page-{number}.html").write_bytes(gzipped_body(base_url + path))
        files[path] = f"/media/bench/page-{number}.html"
    return files


def server_processes(pid):
    """The process `pid` and every process under it (a server's master and its workers)."""
    master = psutil.Process(pid)
    return [master, *master.children(recursive=True)]


def cpu_seconds(processes):
    """User + system CPU time the `processes` (psutil.Process) have had, in seconds."""
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):  # one that ended meanwhile
            times = process.cpu_times()
            total += times.user + times.system
    return total


def warm(base_url, paths):
    """Request every path a few times, concurrently (every answer must be a 200)."""
    urls = [base_url + path for path in paths for _ in range(WARM_REQUESTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fetch, urls))


def milliseconds(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url, server_pid, script=None):
    """One wrk run (with a Lua `script` file, if given): {"rps", "p50", "p99" (ms), "cpu_us" (the
    server's CPU time a request, in microseconds: the process tree of `server_pid`), "problems"
    (non-2xx/3xx and socket errors)}."""
    options = ["-s", str(script)] if script else []
    server = server_processes(server_pid)
    cpu_before = cpu_seconds(server)
    output = subprocess.run(
        [*WRK, *options, url], capture_output=True, text=True, check=True, timeout=WRK_TIMEOUT
    ).stdout
    cpu = cpu_seconds(server) - cpu_before

    def latency(percentile):
        value, unit = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M).groups()
        return milliseconds(value, unit)

    problems = [
        line.strip() for line in output.splitlines() if line.strip().startswith(("Non-2xx", "Socket errors"))
    ]
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    requests = int(re.search(r"^\s*(\d+) requests in", output, re.M).group(1))
    return {
        "rps": rps,
        "p50": latency(50),
        "p99": latency(99),
        "cpu_us": cpu / max(requests, 1) * 1e6,
        "problems": problems,
    }


def load_table(base_url, server_pid, css_path, run_dir, same_size=None):
    """3 rounds of wrk over the stylesheet and every page, plain and with a random fbclid (and the
    page's static file of the same bytes, `same_size`: {page: its address}, if given); each
    figure's median over the rounds. The ratios compare a page with the stylesheet (or its
    same-size file), and the fbclid runs with the plain page, measured in the same round: by
    requests/s, and by the server's CPU time a request (the stylesheet's over the page's, so
    that 1.00× is the same cost and less is dearer, as with requests/s)."""
    script = Path(run_dir) / "random-fbclid.lua"
    script.write_text(RANDOM_FBCLID_LUA)
    same_size = same_size or {}
    runs = {path: [] for path in [css_path, *PAGES]}
    tracked = {path: [] for path in PAGES}
    static = {path: [] for path in same_size}
    for round_number in range(1, ROUNDS + 1):
        progress(f"  round {round_number}/{ROUNDS}")
        for path in runs:
            runs[path].append(wrk(base_url + path, server_pid))
            if path in tracked:
                tracked[path].append(wrk(base_url + path, server_pid, script))
            if path in static:
                static[path].append(wrk(base_url + same_size[path], server_pid))
    css_runs = runs[css_path]

    def ratio(runs, yardstick_runs):  # by requests/s and by CPU a request, "–" without a yardstick
        if not yardstick_runs:
            return "–", "–"
        pairs = list(zip(runs, yardstick_runs, strict=True))
        return (
            f"{statistics.median(run['rps'] / other['rps'] for run, other in pairs):.2f}×",
            f"{statistics.median(other['cpu_us'] / run['cpu_us'] for run, other in pairs):.2f}×",
        )

    rows, notes = [], []
    for path, results in runs.items():
        vs_css, cpu_vs_css = ratio(results, css_runs)
        vs_same_size, _ = ratio(results, static.get(path))
        fbclid, fbclid_cpu = ratio(tracked.get(path, []), results if path in tracked else None)
        wire = f"{wire_bytes(base_url + path) / 1024:.1f}" if path in tracked else "–"
        rows.append(
            [
                label(path),
                f"{statistics.median(run['rps'] for run in results):,.0f}",
                f"{statistics.median(run['p50'] for run in results):.2f}",
                f"{statistics.median(run['p99'] for run in results):.2f}",
                vs_css,
                vs_same_size,
                f"{statistics.median(run['cpu_us'] for run in results):.1f}",
                cpu_vs_css,
                fbclid,
                fbclid_cpu,
                wire,
            ]
        )
        notes += [f"{label(path)}: {problem}" for run in results for problem in run["problems"]]
        notes += [
            f"{label(path)} with fbclid: {problem}"
            for run in tracked.get(path, [])
            for problem in run["problems"]
        ]
        notes += [
            f"{label(path)}'s static file of its size: {problem}"
            for run in static.get(path, [])
            for problem in run["problems"]
        ]
    return rows, notes


LOAD_HEADERS = [
    "page",
    "requests/s",
    "p50 ms",
    "p99 ms",
    "vs stylesheet",
    "vs a static file of its size",
    "server CPU µs a request",
    "CPU, vs stylesheet",
    "random fbclid, vs plain",
    "random fbclid, CPU vs plain",
    "on the wire, gzip KB",
]


# ---------------------------------------------------------------------------------------------
# Servers


def clean_environment():
    """Start every process from this environment, without anything that would change what is
    measured (a DATABASE_URL, REDIS_URL, debug mode or plain static storage), with plain http and
    the checkout's own settings (.env, as `make run` uses them)."""
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "DJANGO_STATICFILES_STORAGE"):
        os.environ.pop(name, None)
    os.environ.setdefault("DJANGO_INSECURE_HTTP", "true")


@contextlib.contextmanager
def make_run_server(run_dir):
    """gunicorn as `make run` starts it, on a free port: (its URL, its master's pid); stopped when
    the block ends."""
    port = free_port()
    command = [
        *(sys.executable, "-m", "gunicorn", "kneesite.wsgi"),
        *("--bind", f"{HOST}:{port}", "--workers", "2", "--no-control-socket", "--access-logfile", "-"),
    ]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{ROOT / 'db.sqlite3'}"}
    with open(Path(run_dir) / "gunicorn.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://{HOST}:{port}"
            wait_for(url + "/")
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# ---------------------------------------------------------------------------------------------
# Scale, in-process (runs in its own Python process: `bench.py --in-process RESULT_FILE`)


def in_process(result_file, *, scale=True):
    """Migrate the database of DATABASE_URL and load the shipped content, measure every page on the shipped content, seed
    10,000 FAQ entries (unless not `scale`), measure the FAQ again; write the figures to result_file as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kneesite.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from deploy.bench_urls import CALIBRATION_PATH
    from faq.models import Entry
    from kneesite import markdown
    from kneesite.cache import forget_shared_data
    from kneesite.conflicts import latest_version

    override_settings(ROOT_URLCONF="deploy.bench_urls").enable()  # the site, and the minimal page
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_content", verbosity=0)
    client = Client(HTTP_HOST=HOST)

    def get(path):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return response

    def clear_caches():  # the cached pages, the content version, and the data pages share
        for each_cache in caches.all():
            each_cache.clear()
        forget_shared_data()

    author = Client(HTTP_HOST=HOST)
    author.force_login(get_user_model().objects.create_superuser("bench-author", password=None))
    edited = Entry.objects.published().order_by("pk").first()

    def save_in_the_admin(number):
        """What an author's save does (the admin's change form, its signals and the preparing
        for readers), then forget this process's copy of the shared data: the page is then
        measured as the next request on another worker would be."""
        form = {
            "question": edited.question,
            "slug": edited.slug,
            "answer": f"{edited.answer}\n\nEdited for the benchmark ({number}).",
            "position": edited.position,
            "is_published": "on",
            "pub_date_0": "2026-01-01",
            "pub_date_1": "00:00:00",
            "loaded_version": getattr(latest_version(edited), "pk", ""),  # no edit conflict
        }
        response = author.post(f"/admin/faq/entry/{edited.pk}/change/", form)
        if response.status_code != 302:
            raise RuntimeError(f"the benchmark's admin save answered {response.status_code}")
        forget_shared_data()

    def uncached_get(path):
        """The page rendered afresh: only the page cache emptied (a URL with made-up parameters
        would be a hit: the page cache ignores parameters a page does not read)."""
        caches["default"].clear()
        return get(path)

    def timed(path, fetch=get):
        """Milliseconds of this process's CPU time (the database is SQLite, in this process):
        the other jobs of a shared machine do not count, as they would in elapsed time. The
        garbage of earlier renders is collected first, so no render pays for another's."""
        gc.collect()
        start = time.process_time()
        fetch(path)
        return (time.process_time() - start) * 1000

    def sent_gzipped(path):
        """Bytes of the page as the site sends it to a browser that accepts gzip (a cache hit)."""
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        if response.get("Content-Encoding") != "gzip":
            raise RuntimeError(f"{path} was not sent gzip-compressed")
        return len(response.content)

    minimal = []  # the minimal page's render times, taken between the pages' (bench_urls.py)

    def figures(path):
        """Three kinds of render, each of a page not in the page cache: a URL no reader has
        asked for yet in this content version (the data pages share warm); the first request
        after an author's save, on a worker other than the author's; and the first request with
        nothing cached at all (after a restart, or when a scheduled item goes live). Each round
        also renders the minimal page once, so the yardstick drifts with the machine: each
        multiple is the median over the rounds of the page's time over that round's yardstick."""
        get(path)  # first render in this process: loads templates and URL patterns
        fresh, edit, cold, yardstick = [], [], [], []
        for number in range(RENDERS):
            fresh.append(timed(path, uncached_get))
            yardstick.append(timed(CALIBRATION_PATH, uncached_get))
            save_in_the_admin(number)
            edit.append(timed(path))
            clear_caches()
            cold.append(timed(path))
        get(path)
        caches["default"].clear()
        with CaptureQueriesContext(connection) as queries:
            get(path)
        save_in_the_admin("counted")
        with CaptureQueriesContext(connection) as edit_queries:
            get(path)
        clear_caches()
        with CaptureQueriesContext(connection) as cold_queries:
            get(path)
        minimal.extend(yardstick)

        def multiple(times):
            return statistics.median(ms / base for ms, base in zip(times, yardstick, strict=True))

        return {
            "render_ms": statistics.median(fresh),
            "edit_ms": statistics.median(edit),
            "cold_ms": statistics.median(cold),
            "render_x": multiple(fresh),
            "edit_x": multiple(edit),
            "cold_x": multiple(cold),
            "queries": len(queries),
            "edit_queries": len(edit_queries),
            "cold_queries": len(cold_queries),
            "gzip_bytes": sent_gzipped(path),
        }

    def minimal_figures():
        """The minimal page's median render time over the table just measured, its queries and size."""
        caches["default"].clear()
        with CaptureQueriesContext(connection) as queries:
            get(CALIBRATION_PATH)
        figures = {
            "render_ms": statistics.median(minimal),
            "queries": len(queries),
            "gzip_bytes": sent_gzipped(CALIBRATION_PATH),
        }
        minimal.clear()
        return figures

    get(CALIBRATION_PATH)  # its first render in this process, as for every page
    results = {
        "shipped_entries": Entry.objects.published().count(),
        "shipped": {path: figures(path) for path in PAGES},
        "shipped_minimal": minimal_figures(),
    }
    if not scale:  # `--render-only`
        Path(result_file).write_text(json.dumps(results))
        return

    answer = (
        "Usually it settles with **load management** and strengthening of the hip and knee. "
        "Keep running within the pain rule, and see a professional if it does not improve.\n\n"
        "- Strengthen the glutes and quadriceps\n- Build running back up gradually\n"
    )
    answer_html = markdown.render(answer)
    Entry.objects.bulk_create(
        (
            Entry(
                question=f"Seeded question {number:05d}: is this runner's knee?",
                slug=f"seeded-question-{number:05d}",
                answer=answer,
                answer_html=answer_html,
                position=1000 + number,
                is_published=True,
            )
            for number in range(SEEDED_ENTRIES)
        ),
        batch_size=500,
    )
    results["seeded_entries"] = Entry.objects.published().count()
    results["scale"] = {path: figures(path) for path in SCALE_PAGES}
    results["scale_minimal"] = minimal_figures()
    Path(result_file).write_text(json.dumps(results))


def scale_tables(run_dir, *, scale=True):
    """Runs the in-process part in a fresh Python process on a throwaway database (without the
    10,000 FAQ entries unless `scale`): (results, scale rows or None, shipped content rows)."""
    result_file = Path(run_dir) / "in-process.json"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{Path(run_dir) / 'scale.sqlite3'}",
        "DJANGO_CACHE_DIR": str(Path(run_dir) / "scale-cache"),  # not the checkout's .cache
    }
    subprocess.run(
        [sys.executable, __file__, "--in-process", str(result_file), *([] if scale else ["--render-only"])],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=IN_PROCESS_TIMEOUT,
    )
    results = json.loads(result_file.read_text())

    def rows(figures_by_path, minimal):
        def render(ms, multiple):  # and as a multiple of the minimal page's time (figures())
            return f"{ms:.1f} ({multiple:.1f}×)"

        yardstick = ["minimal Django page, 16 KB", render(minimal["render_ms"], 1), str(minimal["queries"])]
        yardstick += ["–"] * (len(SCALE_HEADERS) - len(yardstick))
        return [yardstick] + [
            [
                label(path),
                render(figures["render_ms"], figures["render_x"]),
                str(figures["queries"]),
                render(figures["edit_ms"], figures["edit_x"]),
                str(figures["edit_queries"]),
                render(figures["cold_ms"], figures["cold_x"]),
                str(figures["cold_queries"]),
                f"{figures['gzip_bytes'] / 1024:.1f}",
            ]
            for path, figures in figures_by_path.items()
        ]

    return (
        results,
        rows(results["scale"], results["scale_minimal"]) if scale else None,
        rows(results["shipped"], results["shipped_minimal"]),
    )


SCALE_HEADERS = [
    "page",
    "render ms, page not cached",
    "SQL queries",
    "render ms, just after an edit",
    "SQL queries",
    "render ms, nothing cached",
    "SQL queries",
    "HTML gzip KB (styles inlined)",
]


# ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def server_logs_on_error(run_dir):
    """If the block fails, print the end of every server log in run_dir (why a page was a 500)."""
    try:
        yield
    except Exception:
        for log in sorted(Path(run_dir).rglob("*.log")):
            progress(f"--- {log.relative_to(run_dir)}, last lines:")
            progress("\n".join(log.read_text(errors="replace").splitlines()[-30:]))
        raise


def markdown_table(headers, rows):
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)])


def render_only():
    """`bench.py --render-only`: only the in-process render table on the shipped content (about
    15 s on an idle machine), the same measurement as `make bench`'s, for checking a change to a page's render time."""
    started = time.monotonic()
    clean_environment()
    with tempfile.TemporaryDirectory(prefix="kneesite-bench-") as run_dir:
        progress("In-process, shipped content: migrating a throwaway database…")
        results, _, shipped_rows = scale_tables(run_dir, scale=False)
    print(f"Render time on the shipped content ({results['shipped_entries']} published FAQ entries):\n")
    print(markdown_table(SCALE_HEADERS, shipped_rows))
    print("\nThe columns and multiples are those of `make bench`'s Table 3 (this file's docstring).")
    print(f"\nTotal time: {time.monotonic() - started:.0f} s")


def main():
    started = time.monotonic()
    clean_environment()  # deploy.stack.Stack, too, starts its processes from os.environ

    with tempfile.TemporaryDirectory(prefix="kneesite-bench-") as run_dir, server_logs_on_error(run_dir):
        progress("Scale, in-process: migrating a throwaway database and seeding it…")
        results, scale_rows, shipped_rows = scale_tables(run_dir)

        progress("Table 1: gunicorn as `make run` serves it")
        with make_run_server(run_dir) as (url, pid):
            warm(url, [STYLESHEET, *PAGES])
            gunicorn_rows, gunicorn_notes = load_table(url, pid, STYLESHEET, run_dir)

        progress("Table 2: nginx, 2 gunicorn instances and Redis (deploy/stack.py)")
        stack_dir = Path(run_dir) / "stack"
        with Stack(stack_dir, f"sqlite:///{stack_dir / 'db.sqlite3'}", instances=2, workers=2) as stack:
            warm(stack.nginx_url, [STYLESHEET, *PAGES])
            nginx = next(
                process.pid for process, _ in stack.processes if Path(process.args[0]).name == "nginx"
            )
            same_size = same_size_files(stack.nginx_url, stack.media_root)
            stack_rows, stack_notes = load_table(stack.nginx_url, nginx, STYLESHEET, run_dir, same_size)

    print(
        "## Table 1: gunicorn as `make run` serves it (2 workers, db.sqlite3, pages in each worker's memory)\n"
    )
    print(markdown_table(LOAD_HEADERS, gunicorn_rows))
    for note in gunicorn_notes:
        print(f"\nNote: {note}")
    print("\n## Table 2: the production path: nginx, 2 gunicorn instances × 2 workers, Redis, SQLite\n")
    print(markdown_table(LOAD_HEADERS, stack_rows))
    for note in stack_notes:
        print(f"\nNote: {note}")
    print(
        f"\nwrk {' '.join(WRK[1:])}, median of {ROUNDS} rounds; the stylesheet is measured in each round. "
        f"The self-check result is `{PAGES[-1]}`. A static file of its size: the page's gzip bytes as a "
        "file under /media/, served by nginx in the same round. CPU: the server's processes' CPU time "
        "over each wrk run, a request; “vs” columns by CPU give the yardstick's over the page's, so "
        "1.00× is the same cost. wrk shares the machine's cores, so requests/s also count wrk's own "
        "work and other jobs; CPU a request does not."
    )
    print(
        f"\n## Table 3: scale, in-process, uncached ({results['seeded_entries']:,} published FAQ entries)\n"
    )
    print(markdown_table(SCALE_HEADERS, scale_rows))
    print(f"\nThe same on the shipped content ({results['shipped_entries']} published FAQ entries):\n")
    print(markdown_table(SCALE_HEADERS, shipped_rows))
    print(
        f"\nRender time is the median of {RENDERS} requests through Django's test client. "
        "“Page not cached”: a URL new to the page cache, with the content version and the data pages "
        "share warm (what a reader meets for a page or a self-check result nobody has asked for yet); "
        "“just after an edit”: the next request after an author's save in the admin, on another worker "
        "(the version is new; the data pages share was prepared by the save); “nothing cached”: every "
        "cache emptied first (a restart, or a scheduled item going live). Sizes are as sent gzip-compressed. "
        "In brackets, each render time as a multiple of the minimal Django page's (deploy/bench_urls.py: "
        "a function view, three queries, a template of about 16 KB), rendered once in each of the page's "
        "rounds: the median of the page's CPU time over the yardstick's in the same round. The targets "
        "are at most 1.5× for a page not cached and 3× with nothing cached."
    )
    print(f"\nTotal time: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--in-process"]:
        in_process(sys.argv[2], scale="--render-only" not in sys.argv[3:])
    elif sys.argv[1:] == ["--render-only"]:
        render_only()
    else:
        main()
