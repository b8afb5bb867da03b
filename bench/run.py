"""`make bench`: measures the portal on the scale data (docs/performance.md).

Gunicorn (bench settings: production with DEBUG off, 2 workers) on 127.0.0.1; wrk with 16
connections against the baseline view and each key page, found by URL name (a page whose
URL does not exist yet is skipped with a note); then article search, PDFs, billing and the
load run with invariants. Prints a table, writes bench/results.json; the last line is
`bench: worst page ratio R, search p50 S ms, suggestions p50 G ms, pdf ratio P, billing T s`
and, above it, the export of every article of Sök artikel as CSV and Excel (BEY-10: time and
peak memory, each in a process of its own, bench/exports.py)
(G: BEY-12's Brukar förskrivas med query for 40110, target ≤ 20 ms)."""

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import get_commands  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
USER = "audionom"
TARGETS = {
    "ratio": 0.40, "p50_ms": 25, "search_ms": 20, "pdf_ratio": 1.5, "billing_s": 60,
    "suggestions_ms": 20,
    "recall_ms": 1000, "export_s": 60,
}  # fmt: skip


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(values):
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def key_pages(user):
    """(label, url) for each key page; None as url where the page does not exist (yet)."""
    from bench.fixtures import bench_objects

    o = bench_objects(user)

    def url(name, *args, query=None):
        try:
            path = reverse(name, args=args)
        except NoReverseMatch:
            return None
        return path + ("?" + urlencode(query) if query else "")

    def first_url(pattern):
        from tests.security.walk import routes

        for route in routes():
            if re.search(pattern, route.name) and not route.kwargs:
                return "/" + route.route
        return None

    return [
        ("Baslinje (en rad)", url("bench_baseline")),
        ("Start", url("start")),
        ("Sök artikel (två ord)", url("inventory:article_search", query={"q": o["terms"]})),
        ("Artikel", url("inventory:article_detail", o["article_number"])),
        ("Mottagare", url("recipients:detail", o["recipient_pk"])),
        ("Beställning: ny", url("orders:new")),
        ("Beställning: artiklar", url("orders:add_articles", query={"q": o["terms"]})),
        ("Beställning: artikelrad", url("orders:line_dialog", o["article_pk"])),
        ("Beställning: varukorg", url("orders:cart")),
        ("Beställning: leverans", url("orders:delivery")),
        ("Sök → Beställning", url("orders:search")),
        ("Beställningen", url("orders:detail", o["order_number"])),
        ("Kvittera direktleverans", url("orders:receive")),
        ("Sök → Aktivitet", first_url(r"^activities:.*search(?!.*pickup)")),
        ("Sök → Hämtorder", first_url(r"pickup.*search|search.*pickup")),
    ]


class Server:
    def __init__(self, log):
        self.port, self.log = _free_port(), log
        env = {**os.environ, "BENCH_LOG": str(log), "DJANGO_SETTINGS_MODULE": "bench.settings"}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.errors = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115 — lives as long as the server
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "sesam.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(WORKERS), "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=self.errors, stderr=self.errors,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait()

    def _wait(self):
        import urllib.request

        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/tillganglighet/", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"gunicorn did not start: {Path(self.errors.name).read_text()}")

    def server_errors(self):
        return Path(self.errors.name).read_text().count("Internal Server Error")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url, cookie, seconds=SECONDS):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
         "-H", f"Cookie: {settings.SESSION_COOKIE_NAME}={cookie}", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    return rps, int(bad.group(1)) if bad else 0


def measure_pages(pages, cookie):
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "requests.log"
        server = Server(log)
        try:
            wrk(server.url + pages[0][1], cookie, seconds=1)  # warm both workers
            rows = []
            for label, path in pages:
                if path is None:
                    print(f"  {label}: finns inte ännu — hoppas över")
                    continue
                log.write_text("")
                rps, bad = wrk(server.url + path, cookie)
                lines = [line.split("\t") for line in log.read_text().splitlines()]
                times = [float(ms) for _, _, ms, _ in lines]
                queries = [int(q) for *_, q in lines]
                statuses = sorted({status for _, status, _, _ in lines})
                p50, p95, p99 = _percentiles(times)
                rows.append({
                    "page": label, "path": path, "rps": rps, "p50_ms": p50, "p95_ms": p95,
                    "p99_ms": p99, "queries": max(queries, default=0), "statuses": statuses,
                    "non_2xx_3xx": bad,
                })  # fmt: skip
            errors = server.server_errors()
        finally:
            server.stop()
    baseline = rows[0]["rps"]
    for row in rows:
        row["ratio"] = row["rps"] / baseline if baseline else 0
    return rows, errors


def article_search(terms, runs=30):
    from django.db import connection

    from inventory.selectors import search_articles

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        list(search_articles(query=terms)[:50])
        times.append((time.perf_counter() - started) * 1000)
    plan = search_articles(query=terms)[:50].explain()
    scans = [line.strip(" ->") for line in plan.splitlines() if "Scan" in line]
    node = next((scan for scan in scans if "inventory_article" in scan), "; ".join(scans))
    count = connection.cursor()
    count.execute("SELECT count(*) FROM inventory_article")
    return statistics.median(times), node, count.fetchone()[0]


def accessory_suggestions(runs=30):
    """BEY-12's query (Brukar förskrivas med) for 40110 and its replacement group: p50 in ms,
    the suggestions, and the order lines it reads from."""
    from django.db import connection

    from inventory.demo import KEY_ARTICLES
    from inventory.models import Article
    from orders.suggestions import accessory_suggestions as suggest

    aid = Article.objects.get(number=KEY_ARTICLES["hearing_aid_central"])
    times, found = [], []
    for _ in range(runs):
        started = time.perf_counter()
        found = suggest([aid])
        times.append((time.perf_counter() - started) * 1000)
    count = connection.cursor()
    count.execute("SELECT count(*) FROM orders_orderline")
    return statistics.median(times), len(found), count.fetchone()[0]


def pdf_ratio(client, urls, runs=5):
    """Each PDF's full request against WeasyPrint alone on the HTML that request rendered."""
    import sesam.lib.pdf as pdf

    ratios = {}
    original = pdf.HTML
    for label, path in urls:
        if path is None:
            continue
        seen = []
        pdf.HTML = lambda string, _seen=seen, **kw: (
            _seen.append(string) or original(string=string, **kw)
        )
        try:
            full = []
            for _ in range(runs):
                started = time.perf_counter()
                response = client.get(path)
                full.append(time.perf_counter() - started)
                assert response["Content-Type"] == "application/pdf", (path, response.status_code)
        finally:
            pdf.HTML = original
        alone = []
        for _ in range(runs):
            started = time.perf_counter()
            original(string=seen[-1]).write_pdf()
            alone.append(time.perf_counter() - started)
        ratios[label] = statistics.median(full) / statistics.median(alone)
    return ratios


def _bill(day):
    """`bill_due_charges --date day` in its own process, rolled back (bench/billing.py):
    wall time, its peak resident memory in MB (as the child reports it), the summary."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.billing", "--date", day.isoformat()],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )  # fmt: skip
    output = process.stdout.read()
    if process.wait():
        raise SystemExit(f"bench.billing --date {day} failed ({process.returncode})")
    seconds = time.perf_counter() - started
    summary, peak = output.strip().rsplit("\n", 1)
    return seconds, int(re.search(r"(\d+) kB", peak).group(1)) / 1024, summary


def billing():
    """BIL-6 at scale (QUA-D14): the nightly run over every due charge of the scale data,
    and over the tenth of them due first, each rolled back so the next bench bills the
    same again. Constant memory: both peaks about equal."""
    if "bill_due_charges" not in get_commands():
        return None, "billing: not available"
    from django.utils import timezone

    from billing.services import due_charges

    today = timezone.localdate()
    total = due_charges(today).count()
    if not total:
        return None, "billing: no due charges (seed_demo --scale loads them)"
    due_days = due_charges(today).order_by("due_date", "pk").values_list("due_date", flat=True)
    tenth_day = due_days[total // 10]
    tenth = due_charges(tenth_day).count()
    small_s, small_mb, _ = _bill(tenth_day)
    seconds, peak_mb, summary = _bill(today)
    result = {
        "s": seconds, "charges": total, "peak_mb": peak_mb, "summary": summary,
        "tenth": {"charges": tenth, "s": small_s, "peak_mb": small_mb, "date": str(tenth_day)},
    }  # fmt: skip
    line = (
        f"billing: {seconds:.1f} s over {total} charges, peak memory {peak_mb:.0f} MB "
        f"(at {tenth}: {small_mb:.0f} MB, {small_s:.1f} s)"
    )
    if seconds > TARGETS["billing_s"] or peak_mb > 1.25 * small_mb:
        line += "  ← mål missat"
    return result, line


def _time_recall(user, article, text, runs):
    """create_recall over `text`, each run in a savepoint rolled back: the times in ms, the
    hits and blocks of the last run."""
    from django.db import transaction

    from safety import services

    times, hits, blocked = [], 0, 0
    for _ in range(runs):
        with transaction.atomic():
            started = time.perf_counter()
            made = services.create_recall(by=user, article=article, serials=text, reason="bench")
            times.append((time.perf_counter() - started) * 1000)
            hits = made.items.count()
            blocked = made.items.filter(blocked=True).count()
            transaction.set_rollback(True)
    return times, hits, blocked


def _recall_plan(article, text) -> str:
    from django.db import connection

    from safety import selectors

    criteria = selectors.parse_criteria(text)
    with connection.cursor() as cursor:
        sql, params = selectors.trace_queryset(article.pk, criteria).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    scans = re.findall(r"((?:Seq|Index|Bitmap Index|Bitmap Heap) Scan[^(]*)", plan)
    return "; ".join(scan.strip() for scan in scans)


def _many_individuals(article, size):
    """BEY-5 at its worst: `size` more individuals of the article (serials RB00000001…, half
    in stock at 70, half delivered), COPY'd inside the caller's transaction and analysed, so
    that a recall over their serials hits every one and blocks half."""
    from django.db import connection
    from django.utils import timezone

    from inventory.models import Individual, Warehouse
    from sesam.lib.bulk import copy_rows

    central, now = Warehouse.objects.get(kind=Warehouse.Kind.CENTRAL), timezone.now()
    rows = (
        {
            "number": f"RB{n:08d}",
            "serial_number": f"RB{n:08d}",
            "article_id": article.pk,
            "status": "in_stock" if n % 2 else "delivered",
            "warehouse_id": central.pk if n % 2 else None,
            "created_at": now,
        }
        for n in range(1, size + 1)
    )
    copy_rows(Individual, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE inventory_individual")
    return [f"rb{n:08d}" for n in range(1, size + 1)]


def _export(fmt, limit=0):
    """`bench.exports` in its own process: wall time, peak memory in MB, its summary."""
    started = time.perf_counter()
    argv = [sys.executable, "-m", "bench.exports", "--format", fmt, "--limit", str(limit)]
    process = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )  # fmt: skip
    output = process.stdout.read()
    if process.wait():
        raise SystemExit(f"bench.exports --format {fmt} failed ({process.returncode})")
    seconds = time.perf_counter() - started
    summary, peak = output.strip().rsplit("\n", 1)
    return seconds, int(re.search(r"(\d+) kB", peak).group(1)) / 1024, summary


def article_export():
    """BEY-10 at scale: Sök artikel's export of every article as CSV and as Excel, each in a
    process of its own (time, peak memory), against the first tenth: constant memory means
    about the same peak."""
    from inventory.models import Article

    total = Article.objects.count()
    if not total:
        return None, "export: no articles"
    result, parts, missed = {"articles": total}, [], False
    for fmt in ("csv", "xlsx"):
        small_s, small_mb, _ = _export(fmt, limit=max(total // 10, 1))
        seconds, peak_mb, summary = _export(fmt)
        result[fmt] = {
            "s": seconds, "peak_mb": peak_mb, "summary": summary,
            "tenth": {"s": small_s, "peak_mb": small_mb},
        }  # fmt: skip
        parts.append(
            f"{fmt.upper()} {seconds:.1f} s, peak {peak_mb:.0f} MB (a tenth: {small_mb:.0f} MB)"
        )
        missed |= seconds > TARGETS["export_s"] or peak_mb > 1.25 * small_mb
    line = f"Export Sök artikel ({total} artiklar, BEY-10): " + "; ".join(parts)
    return result, line + ("  ← mål missat" if missed else "")


def recall(user, runs=5, size=10_000):
    """BEY-5: a recall over `size` serials, twice, each run rolled back. (1) The most-traced
    individual article's serials (lower-cased) padded with unknown ones, plus a range — on the
    scale data an article has a few dozen individuals, so this measures parsing and the
    `= ANY` of 10 000 terms. (2) `size` individuals of that article added (COPY, in a
    transaction rolled back at the end) and recalled by their serials: every term a hit, half
    of them blocked in stock — the items' INSERT … SELECT, the blocks and their events. The
    median of each in ms, the hits and the plans' scans (the index inventory_indiv_serial_key
    where the article has many individuals)."""
    from django.db import transaction
    from django.db.models import Count

    from inventory.models import Article

    article = (
        Article.objects.filter(is_individual=True)
        .annotate(n=Count("individuals"))
        .order_by("-n")
        .first()
    )
    if article is None:
        return None, "recall: no individual articles"
    serials = list(article.individuals.values_list("serial_number", flat=True)[: size - 1])
    terms = [s.lower() for s in serials] + [f"X{n:09d}" for n in range(size - 1 - len(serials))]
    text = "\n".join([*terms, "SN000000001-SN000000999"])
    times, hits, _ = _time_recall(user, article, text, runs)
    node = _recall_plan(article, text)
    median = statistics.median(times)
    with transaction.atomic():
        many = "\n".join(_many_individuals(article, size))
        all_times, all_hits, blocked = _time_recall(user, article, many, runs)
        all_node = _recall_plan(article, many)
        transaction.set_rollback(True)
    all_median = statistics.median(all_times)
    worst = max(median, all_median)
    line = (
        f"Återkallelse över {size} serienummer ({article.number}, {hits} träffar): "
        f"p50 {median:.0f} ms; plan: {node}\n"
        f"Återkallelse över {size} serienummer som alla träffar ({all_hits} individer, "
        f"{blocked} spärrade i lager): p50 {all_median:.0f} ms; plan: {all_node}"
    )
    if worst > TARGETS["recall_ms"]:
        line += "  ← mål missat"
    return {
        "ms": worst, "hits": hits, "terms": size, "plan": node,
        "few_hits": {"ms": median, "hits": hits, "plan": node},
        "all_hits": {"ms": all_median, "hits": all_hits, "blocked": blocked, "plan": all_node},
    }, line  # fmt: skip


def main():
    from bench.fixtures import bench_objects, pdf_urls
    from sesam.models import User

    user = User.objects.get(username=USER)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    pages = key_pages(user)
    print(f"Sesam bench: {CONNECTIONS} connections, {SECONDS} s a page, {WORKERS} workers")
    rows, errors = measure_pages(pages, cookie)
    print(f"{'sida':28} {'req/s':>8} {'kvot':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'SQL':>4}")
    for r in rows:
        flag = (
            ""
            if r["ratio"] >= TARGETS["ratio"] and r["p50_ms"] <= TARGETS["p50_ms"]
            else "  ← mål missat"
        )
        times = f"{r['p50_ms']:6.1f}ms {r['p95_ms']:6.1f}ms {r['p99_ms']:6.1f}ms"
        print(f"{r['page']:28} {r['rps']:8.0f} {r['ratio']:6.2f} {times} {r['queries']:4d}{flag}")
    if any(r["ratio"] < TARGETS["ratio"] for r in rows[1:]):
        print("  (sidorna under 0.40 och varför, mätt: docs/performance.md, 'Precompiled reads')")
    terms = bench_objects(user)["terms"]
    search_ms, node, articles = article_search(terms)
    print(f"Sök artikel '{terms}' på {articles} artiklar: p50 {search_ms:.1f} ms; plan: {node}")
    if "Seq Scan on inventory_article" in node:
        print("  ← mål missat: sekventiell läsning av artiklarna")
    suggestions_ms, suggested, lines = accessory_suggestions()
    print(
        f"Brukar förskrivas med (BEY-12) på {lines} orderrader: p50 {suggestions_ms:.1f} ms, "
        f"{suggested} förslag"
        + ("  ← mål missat" if suggestions_ms > TARGETS["suggestions_ms"] else "")
    )
    ratios = pdf_ratio(client, pdf_urls(user, client))
    for label, ratio in ratios.items():
        print(f"PDF {label}: {ratio:.2f} × WeasyPrint ensam")
    billing_result, billing_line = billing()
    print(billing_line)
    recall_result, recall_line = recall(User.objects.get(username="admin"))
    print(recall_line)
    export_result, export_line = article_export()
    print(export_line)
    billing_s = billing_result["s"] if billing_result else None
    from bench.load import run_load

    load = run_load(seconds=SECONDS)
    print(load["summary"])
    worst = min(rows[1:], key=lambda r: r["ratio"]) if len(rows) > 1 else rows[0]
    pdf_worst = max(ratios.values(), default=0)
    results = {
        "pages": rows, "server_errors": errors, "worst_page": worst["page"],
        "worst_page_ratio": worst["ratio"], "search_p50_ms": search_ms, "search_plan": node,
        "suggestions_p50_ms": suggestions_ms,
        "articles": articles, "pdf_ratios": ratios, "pdf_ratio": pdf_worst,
        "billing_s": billing_s, "billing": billing_result, "load": load, "targets": TARGETS,
        "seconds_per_page": SECONDS, "recall": recall_result, "export": export_result,
    }  # fmt: skip
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    billing_text = f"{billing_s:.1f} s" if billing_s is not None else "n/a"
    print(f"bench: worst page ratio {worst['ratio']:.2f}, search p50 {search_ms:.1f} ms, "
          f"suggestions p50 {suggestions_ms:.1f} ms, "
          f"pdf ratio {pdf_worst:.2f}, billing {billing_text}")  # fmt: skip
    return 0 if errors == 0 and load["broken"] == [] else 1


if __name__ == "__main__":
    sys.exit(main())
