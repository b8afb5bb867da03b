from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management.base import BaseCommand
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application


class Command(BaseCommand):
    help = (
        "Serves the development IdP on 127.0.0.1 (port 0: a free one) and prints "
        "'listening on <url>' once the socket is bound: the tests start it this way."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=0)

    def handle(self, *args, port, **options):
        server = ThreadedWSGIServer(("127.0.0.1", port), WSGIRequestHandler)
        server.set_app(StaticFilesHandler(get_wsgi_application()))
        host, bound = server.server_address[:2]
        self.stdout.write(f"listening on http://{host}:{bound}")
        self.stdout.flush()
        try:
            server.serve_forever()
        finally:
            server.server_close()
