"""Run callables at the same moment in threads, each with its own database connection and
real transactions (tests using it need `transactional_db`)."""

import threading

from django.db import connection


def race(*functions, timeout: float = 30):
    """Starts every function in its own thread behind a barrier; returns one result per
    function: its return value or the exception it raised."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(timeout)
            results[index] = function()
        except Exception as error:  # the race's loser is an expected outcome
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results
