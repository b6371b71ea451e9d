# pprof_server.py — a stand-in for a Go program's /debug/pprof handlers, on 127.0.0.1 only.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Serves a copy of a real Go index page and heap profile, plus the failure
modes a window must survive: Go-style text errors, HTML pages, a slow CPU
profile, a profile that drips until released, and a handler that fails
once before it works; with a dump file, goroutine?debug=2 serves it as
Go's handler serves the full goroutine dump (text)."""

import http.server
import os
import threading
import time
import urllib.parse


class PprofServer:
    def __init__(self, data_dir, dump_path=None):
        self.dump = None
        if dump_path is not None:
            with open(dump_path, 'rb') as f:
                self.dump = f.read()
        with open(os.path.join(data_dir, 'go-index.html'), 'rb') as f:
            self.index = f.read()
        with open(os.path.join(data_dir, 'heap.pb.gz'), 'rb') as f:
            self.heap = f.read()
        with open(os.path.join(data_dir, 'cpu.pb.gz'), 'rb') as f:
            self.cpu = f.read()
        self.fail_heap = False
        self.flaky_failures = 1
        self.lock = threading.Lock()
        self.requests = []          # paths with queries, in order
        self.cpu_started = threading.Event()
        self.cpu_aborted = threading.Event()
        # /debug/pprof/drip sends the heap profile's first bytes at once and
        # the rest only once the test sets drip_release.
        self.drip_started = threading.Event()
        self.drip_release = threading.Event()

        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, fmt, *args):
                pass

            def send(self, status, body, content_type='application/octet-stream', go_error=False):
                self.send_response(status)
                self.send_header('Content-Type', content_type)
                self.send_header('Content-Length', str(len(body)))
                if go_error:
                    self.send_header('X-Go-Pprof', '1')
                    self.send_header('X-Content-Type-Options', 'nosniff')
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query)
                with server.lock:
                    server.requests.append(self.path)
                path = url.path

                if path in ('/debug/pprof/', '/debug/pprof'):
                    self.send(200, server.index, 'text/html; charset=utf-8')
                elif path == '/debug/pprof/heap':
                    if server.fail_heap:
                        self.send(500, b'Could not write heap profile: simulated failure\n',
                                  'text/plain; charset=utf-8', go_error=True)
                    else:
                        self.send(200, server.heap)
                elif path == '/debug/pprof/profile':
                    seconds = int(query.get('seconds', ['30'])[0])
                    server.cpu_started.set()
                    deadline = time.monotonic() + seconds
                    # Go sends nothing until the profile is complete; notice
                    # a client that hangs up meanwhile.
                    self.connection.settimeout(0.1)
                    while time.monotonic() < deadline:
                        try:
                            if self.connection.recv(1, 0x40) == b'':   # MSG_PEEK
                                server.cpu_aborted.set()
                                return
                        except (TimeoutError, BlockingIOError, OSError):
                            pass
                    self.connection.settimeout(None)
                    try:
                        self.send(200, server.cpu)
                    except OSError:
                        server.cpu_aborted.set()
                elif path == '/debug/pprof/drip':
                    body = server.heap
                    self.send_response(200)
                    self.send_header('Content-Type', 'application/octet-stream')
                    self.send_header('Content-Length', str(len(body)))
                    self.end_headers()
                    try:
                        self.wfile.write(body[:64])
                        self.wfile.flush()
                        server.drip_started.set()
                        server.drip_release.wait(120)
                        for i in range(64, len(body), 256):
                            self.wfile.write(body[i:i + 256])
                            self.wfile.flush()
                    except OSError:
                        pass
                elif path == '/debug/pprof/goroutine' and query.get('debug') == ['2'] and server.dump:
                    self.send(200, server.dump, 'text/plain; charset=utf-8')
                elif path == '/debug/pprof/busy':
                    self.send(500, b'Could not enable CPU profiling: cpu profiling already in use\n',
                              'text/plain; charset=utf-8', go_error=True)
                elif path == '/debug/pprof/page':
                    self.send(200, b'<!DOCTYPE html>\n<html><head><title>Sign in</title></head>'
                                   b'<body>Please sign in.</body></html>\n', 'text/html; charset=utf-8')
                elif path == '/debug/pprof/flaky':
                    with server.lock:
                        fail = server.flaky_failures > 0
                        server.flaky_failures -= 1
                    if fail:
                        self.send(500, b'Could not write heap profile: try again\n',
                                  'text/plain; charset=utf-8', go_error=True)
                    else:
                        self.send(200, server.heap)
                else:
                    self.send(404, b'Unknown profile\n', 'text/plain; charset=utf-8', go_error=True)

        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def count(self, prefix):
        with self.lock:
            return sum(1 for r in self.requests if r.startswith(prefix))
