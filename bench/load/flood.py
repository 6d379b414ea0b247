#!/usr/bin/python3
"""Connection flood and slow clients against `klimanetze serve` (loopback, bounded, about 30 s):
shows that the server's limits hold (src/server/http/server.hpp ServerLimits/ServerTimeouts).

1. Connection limit: opens OPEN idle connections (default 600, above max_connections = 512);
   counts those answered with 503 and closed, checks that a normal request is refused while
   the slots are full and served again after idle connections are closed.
2. Slow clients (slowloris): SLOW connections send a request head one byte per second; the
   server must close them at the header timeout (10 s) while normal requests keep being served
   with low latency; an idle keep-alive connection must be closed after the keep-alive timeout
   (15 s).

Usage: flood.py KLIMANETZE_BINARY [--open 600] [--slow 100]
Exit status 0 if the limits held. Python 3 standard library only.
"""

import argparse
import os
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "durability"))
import kn_client as kc  # noqa: E402


def timed_get(port, path="/lang?to=en&back=/"):
    t = time.monotonic()
    try:
        status, _, _ = kc.request(port, "GET", path, timeout=5)
    except OSError as e:
        return None, time.monotonic() - t, str(e)
    return status, time.monotonic() - t, ""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("--open", type=int, default=600)
    p.add_argument("--slow", type=int, default=100)
    a = p.parse_args()
    ok = True
    work = tempfile.mkdtemp(prefix="kn-flood-")
    port = kc.free_port()
    server = kc.Server(a.binary, ["--db", os.path.join(work, "f.db"), "--lang", "en"],
                       os.path.join(work, "server.log"), port)
    try:
        server.wait_healthy(60)
        # 1. Connection limit.
        conns, refused = [], 0
        for i in range(a.open):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            conns.append(s)
        time.sleep(1.0)
        open_ones = []
        for s in conns:
            s.setblocking(False)
            try:
                data = s.recv(4096)
                if data.startswith(b"HTTP/1.1 503") or data == b"":
                    refused += 1
                    s.close()
                    continue
            except BlockingIOError:
                pass
            open_ones.append(s)
        status, dt, err = timed_get(port)
        print(f"limit: {a.open} idle connections: {refused} answered 503/closed, "
              f"{len(open_ones)} held; a normal request meanwhile: {status or err}", flush=True)
        if len(open_ones) > 512 or refused < a.open - 512:
            print("FAIL: more connections held than max_connections (512)")
            ok = False
        if server.proc.poll() is not None:
            print("FAIL: server died")
            return 1
        for s in open_ones[:300]:
            s.close()
        time.sleep(0.5)
        status, dt, err = timed_get(port)
        print(f"limit: after closing 300 of them a normal request: {status} in {dt * 1000:.1f} ms",
              flush=True)
        if status not in (200, 303):
            ok = False
        for s in open_ones[300:]:
            s.close()
        time.sleep(0.5)

        # 2. Slow clients and idle keep-alive.
        head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
        slow = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(a.slow)]
        closed_at = [None] * a.slow
        ka = socket.create_connection(("127.0.0.1", port), timeout=30)
        ka.sendall(b"GET /lang?to=en&back=/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        ka.recv(65536)
        ka_start = time.monotonic()
        ka_closed = []

        def watch_ka():
            try:
                while ka.recv(65536):
                    pass
            except OSError:
                pass
            ka_closed.append(time.monotonic() - ka_start)
        threading.Thread(target=watch_ka, daemon=True).start()
        start = time.monotonic()
        lat = []
        for i in range(len(head)):
            if time.monotonic() - start > 20:
                break
            for k, s in enumerate(slow):
                if closed_at[k] is None:
                    try:
                        s.sendall(head[i:i + 1])
                    except OSError:
                        closed_at[k] = time.monotonic() - start
            status, dt, _ = timed_get(port)
            if status in (200, 303):
                lat.append(dt)
            if all(c is not None for c in closed_at) and ka_closed:
                break
            time.sleep(1.0)
        n_closed = sum(1 for c in closed_at if c is not None)
        first = min((c for c in closed_at if c is not None), default=None)
        lat.sort()
        print(f"slow: {n_closed}/{a.slow} slow clients closed by the server"
              + (f", first after {first:.1f} s" if first else "")
              + f"; {len(lat)} normal requests meanwhile, max {max(lat, default=0) * 1000:.1f} ms"
              + (f"; idle keep-alive closed after {ka_closed[0]:.1f} s" if ka_closed else
                 "; idle keep-alive still open"), flush=True)
        if n_closed < a.slow or not lat or max(lat) > 1.0 or not ka_closed:
            print("FAIL: a limit did not hold")
            ok = False
        for s in slow:
            s.close()
        if server.proc.poll() is not None:
            print("FAIL: server died")
            ok = False
    finally:
        server.stop()
    print("PASS" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
