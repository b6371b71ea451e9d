#!/usr/bin/env python3
# forwarder.py — a TCP forwarder that drops and restores like a dying kubectl port-forward.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: forwarder.py TARGET-HOST:PORT
# Listens on 127.0.0.1 on a port the kernel picks and prints
# "listening on 127.0.0.1:PORT".  SIGUSR1 drops: open connections are
# reset and the port is closed, so new ones are refused.  SIGUSR2
# restores the same port.  Each change is printed ("dropped",
# "restored") once it has taken effect.  Exits when standard input closes, so a test
# script cannot leave it running.
import os
import select
import signal
import socket
import struct
import sys
import threading

target_host, target_port = sys.argv[1].rsplit(':', 1)
target = (target_host, int(target_port))

dropped = threading.Event()
lock = threading.Lock()
connections = []


def reset(sock):
    try:
        # Linger 0: close() sends RST, as a broken forward does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        sock.close()
    except OSError:
        pass


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def serve(client):
    try:
        upstream = socket.create_connection(target, timeout=5)
        upstream.settimeout(None)
    except OSError:
        reset(client)
        return
    with lock:
        connections.extend([client, upstream])
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
    pipe(client, upstream)


def listen(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(('127.0.0.1', port))
    sock.listen(16)
    sock.settimeout(0.05)
    return sock


def accept_loop(listener, port):
    while True:
        if dropped.is_set():
            if listener is not None:
                listener.close()
                listener = None
                with lock:
                    for sock in connections:
                        reset(sock)
                    connections.clear()
                print('dropped', flush=True)
            dropped.wait_restore()
            continue
        if listener is None:
            listener = listen(port)
            print('restored', flush=True)
        try:
            client, _ = listener.accept()
        except socket.timeout:
            continue
        except OSError:
            continue
        client.settimeout(None)
        threading.Thread(target=serve, args=(client,), daemon=True).start()


class Switch(threading.Event):
    def wait_restore(self):
        # Polls: the handlers only flip the flag.
        while self.is_set():
            threading.Event().wait(0.05)


dropped = Switch()
listener = listen(0)
port = listener.getsockname()[1]
signal.signal(signal.SIGUSR1, lambda *_: dropped.set())
signal.signal(signal.SIGUSR2, lambda *_: dropped.clear())
threading.Thread(target=accept_loop, args=(listener, port), daemon=True).start()
print('listening on 127.0.0.1:%d' % port, flush=True)

# Python runs signal handlers in this thread only, between bytecodes: a
# read blocked here would keep a signal another thread took from taking
# effect, so wait in short selects.
while True:
    readable, _, _ = select.select([sys.stdin], [], [], 0.05)
    if readable and not os.read(sys.stdin.fileno(), 4096):
        break
os._exit(0)
