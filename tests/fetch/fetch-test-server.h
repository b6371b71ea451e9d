/* fetch-test-server.h — misbehaving HTTP(S) servers on 127.0.0.1 for the fetch tests.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts one plain and one TLS SoupServer in a thread of their own (so that
 * a client may block its own thread, as ppv_fetch_uri_sync() does), each on
 * a port the kernel picks.  Paths served (the query is ignored unless said):
 *   /debug/pprof/heap          heap.pb.gz of the Go capture, application/octet-stream
 *   /debug/pprof/              go-index.html of the Go capture, text/html
 *   /debug/pprof/profile       500, X-Go-Pprof: 1, "Could not enable CPU profiling: ..."
 *   /debug/pprof/nosuch        404, X-Go-Pprof: 1, "Unknown profile"
 *   /gone                      404 with a text/plain "404 page not found"
 *   /missing                   404 with an HTML body
 *   /html                      200 text/html page
 *   /html-sniff                200 application/octet-stream starting "<!DOCTYPE html>"
 *   /encoded                   200, Content-Encoding: gzip of FETCH_TEST_ENCODED_SIZE 'a's
 *   /big                       200 with Content-Length FETCH_TEST_BIG_SIZE
 *   /big-chunked               the same bytes, chunked
 *   /drip                      200 chunked, one byte every 200 ms, for 10 s
 *   /stall                     200 chunked, 10 bytes, then nothing with the body open
 *   /delay?ms=N                answers the heap profile after N ms (headers included)
 *   /early-end                 Content-Length 100000, 1000 bytes, then a clean close
 *   /reset                     Content-Length 100000, 1000 bytes, then a TCP reset
 *   /close                     closes the connection without answering
 *   /loop                      302 to /loop
 *   /to-heap                   302 to /debug/pprof/heap
 *   /not-http                  302 to ftp://127.0.0.1/x
 */

#define FETCH_TEST_ENCODED_SIZE (200 * 1024)
#define FETCH_TEST_BIG_SIZE     (1024 * 1024)

void        fetch_test_server_start          (void);
void        fetch_test_server_stop           (void);
/* "http://127.0.0.1:PORT" and "https://127.0.0.1:PORT" (no trailing slash). */
const char *fetch_test_server_get_base       (void);
const char *fetch_test_server_get_tls_base   (void);
/* "127.0.0.1:PORT", as error messages name the plain server. */
const char *fetch_test_server_get_authority  (void);
/* Contents of a file in tests/fetch/data. */
GBytes     *fetch_test_load_data             (const char *name);
/* Contents of a file of the capture of a real Go server that the window
 * tests serve too ($PPV_GO_CAPTURE_DIR: tests/ui-window/data, made by its
 * capture.go): heap.pb.gz, cpu.pb.gz, go-index.html. */
GBytes     *fetch_test_load_capture          (const char *name);
/* A port on 127.0.0.1 with nothing listening. */
guint16     fetch_test_unused_port           (void);

G_END_DECLS
