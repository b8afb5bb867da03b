"""`python -m bench.exports --format csv|xlsx [--limit N]`: BEY-10's export of Sök artikel over
every article of the scale data (~100 000; the first N with --limit) through the same code
as the page's Exportera link (the search's queryset, `values_list` in chunks, the one
writer), the file read to its end. Prints the rows, the bytes and this process's peak
resident memory (VmHWM, as bench.billing); `bench.run` times the process."""

import argparse
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.billing import peak_kb  # noqa: E402
from inventory import exports  # noqa: E402
from inventory.models import ArticleColumnChoice  # noqa: E402
from inventory.selectors import search_articles  # noqa: E402
from sesam.lib.search import export  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    articles = search_articles(query="", assortment_only=False, sort="number")
    if args.limit:
        articles = articles[: args.limit]
    columns = exports.article_columns(ArticleColumnChoice.DEFAULT)
    filters = [("Urval", "Alla artiklar")]
    with CaptureQueriesContext(connection) as queries:
        response = export(args.format, "artiklar", articles, columns, filters)
        size = sum(len(chunk) for chunk in response)
    print(f"{articles.count()} rows, {size} bytes, {len(queries)} queries")
    print(f"peak memory {peak_kb()} kB")


if __name__ == "__main__":
    main()
