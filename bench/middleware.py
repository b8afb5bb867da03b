"""Each request's server time and SQL query count, as response headers (`Server-Timing`,
`X-Queries`) and, when BENCH_LOG is set, one line in that file (path, status, ms, queries)
for the benchmark's percentiles."""

import os
import time

from django.db import connection

LOG = os.environ.get("BENCH_LOG")


def measure(get_response):
    def middleware(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = get_response(request)
        ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={ms:.2f}"
        response["X-Queries"] = str(queries)
        if LOG:
            with open(LOG, "a") as log:
                log.write(
                    f"{request.get_full_path()}\t{response.status_code}\t{ms:.3f}\t{queries}\n"
                )
        return response

    return middleware
