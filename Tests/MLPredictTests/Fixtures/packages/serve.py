"""Serves a directory over HTTP on 127.0.0.1, on a free port, for the model package tests.

    serve.py DIRECTORY [--delay SECONDS]

Prints ``port N`` once listening, then one ``GET /path STATUS`` line per request (flushed).
``GET /redirect?to=URL`` answers 302 with ``Location: URL``. ``--delay`` waits before every
answer, so loads that start together overlap (no test times it).
"""

import functools
import http.server
import sys
import time
import urllib.parse

DELAY = 0.0


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        print(f"{self.command} {self.path} {code}", flush=True)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(DELAY)
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", urllib.parse.parse_qs(url.query)["to"][0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


def main() -> None:
    global DELAY
    if len(sys.argv) > 3 and sys.argv[2] == "--delay":
        DELAY = float(sys.argv[3])
    handler = functools.partial(Handler, directory=sys.argv[1])
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        print(f"port {server.server_address[1]}", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
