"""CPU time per request (docs/performance.md, the proxy for a shared machine): each key page
and the baseline alternated request by request with the test client on the bench settings;
for each request the Django process's `process_time` plus its PostgreSQL backend's time on
the CPU (`/proc/<pid>/schedstat`, ns), medians per round, then the median of the rounds.
The ratio is baseline CPU / page CPU (what wrk's req/s ratio measures when the CPU is the
limit). `python -m bench.cpu [--rounds 4] [--requests 30] [label substring …]`."""

import argparse
import os
import statistics
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
import django  # noqa: E402

django.setup()

from urllib.parse import urlencode  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402


def _backend_ns() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    with open(f"/proc/{pid}/schedstat") as stat:
        return pid, int(stat.read().split()[0])


def _cpu(client, path):
    """(python ms, database ms, queries) of one request."""
    pid, db0 = _backend_ns()
    py0 = time.process_time()
    response = client.get(path)
    py = (time.process_time() - py0) * 1000
    with open(f"/proc/{pid}/schedstat") as stat:
        db = (int(stat.read().split()[0]) - db0) / 1e6
    assert response.status_code == 200, (path, response.status_code)
    return py, db, int(response.get("X-Queries", 0))


def _article_pages():
    from inventory.models import Article

    article = Article.objects.filter(number__startswith="S").order_by("number").first()
    article = article or Article.objects.order_by("number").first()
    query = urlencode({"q": " ".join(article.name.split()[:2])})
    return [
        ("Baslinje (en rad)", reverse("bench_baseline")),
        (
            "Sök artikel (två ord)",
            reverse("inventory:article_search") + "?" + query,
        ),
        ("Artikel", reverse("inventory:article_detail", args=[article.number])),
    ]


def main():
    from bench.run import USER, key_pages
    from sesam.models import User

    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--articles",
        action="store_true",
        help="only the frame and the article pages, without bench.fixtures (which writes a"
        " cart and so waits for a seed_demo that is still loading)",
    )
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    user = User.objects.get(username=USER)
    client = Client()
    client.force_login(user)
    pages = _article_pages() if args.articles else key_pages(user)
    baseline = pages[0][1]
    pages = [("Ramen (Tillgänglighet)", reverse("accessibility")), *pages[1:]]
    pages = [(label, path) for label, path in pages if path is not None]
    if args.only:
        wanted = [word.lower() for word in args.only]
        pages = [(lb, p) for lb, p in pages if any(w in lb.lower() for w in wanted)]
    for _ in range(3):  # warm: templates, precompiled queries, caches
        for _label, path in pages:
            _cpu(client, path)
        _cpu(client, baseline)
    print(f"{'sida':28} {'CPU ms (py + db)':>22} {'baslinje':>9} {'kvot':>6} {'SQL':>4}")
    for label, path in pages:
        rounds = []
        for _ in range(args.rounds):
            page, base = [], []
            for _ in range(args.requests):
                base.append(_cpu(client, baseline))
                page.append(_cpu(client, path))
            rounds.append((
                statistics.median(p + d for p, d, _ in page),
                statistics.median(p for p, _, _ in page),
                statistics.median(d for _, d, _ in page),
                statistics.median(p + d for p, d, _ in base),
                max(q for *_, q in page),
            ))  # fmt: skip
        total = statistics.median(r[0] for r in rounds)
        py = statistics.median(r[1] for r in rounds)
        db = statistics.median(r[2] for r in rounds)
        base = statistics.median(r[3] for r in rounds)
        ratio = statistics.median(r[3] / r[0] for r in rounds)
        print(f"{label:28} {total:8.1f} ({py:5.1f} + {db:4.1f}) {base:9.1f} {ratio:6.2f} "
              f"{rounds[0][4]:4d}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
