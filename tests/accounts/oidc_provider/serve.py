"""What the test provider's process runs: a fresh database, the people and Comptoir's client
application from the environment, then a threaded WSGI server on 127.0.0.1, any free port.

The first line written to stdout is the port. Stopped by its pid (SIGTERM).
"""

from __future__ import annotations

import json
import os
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def bootstrap() -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import get_application_model

    call_command("migrate", verbosity=0, interactive=False)
    password = os.environ["OIDC_PROVIDER_PASSWORD"]
    for username in json.loads(os.environ["OIDC_PROVIDER_PEOPLE"]):
        get_user_model().objects.create_user(username=username, password=password)
    Application = get_application_model()
    Application.objects.create(
        name="Comptoir",
        client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
        client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],  # hashed when saved
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        redirect_uris=" ".join(json.loads(os.environ["OIDC_PROVIDER_REDIRECT_URIS"])),
    )


def main() -> None:
    import django

    django.setup()
    bootstrap()
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        0,
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
