"""Minimal HTTP client for the KlimaNetze survey server (stdlib only), shared by the kill test
(tests/durability/kill_test.py) and the load benchmark preparation (bench/load/prepare.py).

- start_server(): runs `klimanetze serve` with its output in a log file, waits for /healthz.
- AdminSession: demo admin login, roster import, invitations, "new links for all" (mail-merge
  CSV, docs/admin.md) -> respondent links.
- Respondent: opens a personal link (cookie __Host-kn_resp), consents, posts survey pages with
  the session's CSRF token (docs/survey.md).

Cookies are handled by hand: the server sets `__Host-` cookies with the Secure attribute, which
a cookie jar would not send over plain http on loopback.
"""

import csv
import http.client
import io
import os
import re
import socket
import subprocess
import time
import urllib.parse
import uuid

RESP_COOKIE = "__Host-kn_resp"
USER_COOKIE = "__Host-kn_user"
LOGIN_COOKIE = "__Host-kn_login"


def free_port():
    """A currently free TCP port on 127.0.0.1 (bound and released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, cookies=None, source_ip=None,
            timeout=10.0):
    """One request on a fresh connection. Returns (status, headers list, body bytes).
    Raises OSError / http.client.HTTPException on connection problems."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source_ip, 0) if source_ip else None)
    try:
        h = {"Connection": "close"}
        if headers:
            h.update(headers)
        if cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if isinstance(body, (list, tuple)):
            body = urllib.parse.urlencode(body)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if isinstance(body, str):
            body = body.encode()
        conn.request(method, path, body=body, headers=h)
        res = conn.getresponse()
        data = res.read()
        return res.status, res.getheaders(), data
    finally:
        conn.close()


def set_cookies(headers):
    """name -> value of every Set-Cookie header (deletions give an empty value)."""
    out = {}
    for k, v in headers:
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            out[name.strip()] = rest.split(";", 1)[0]
    return out


def header(headers, name):
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


CSRF_RE = re.compile(rb'name="csrf" value="([^"]+)"')


def csrf_of(body):
    m = CSRF_RE.search(body)
    if not m:
        raise RuntimeError("no csrf field in page")
    return m.group(1).decode()


def healthy(port):
    try:
        status, _, _ = request(port, "GET", "/healthz", timeout=2.0)
        return status == 200
    except (OSError, http.client.HTTPException):
        return False


class Server:
    """One `klimanetze serve` process (stdout+stderr in log_path)."""

    def __init__(self, binary, args, log_path, port, preexec_fn=None):
        self.port = port
        self.log_path = log_path
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen([binary, "serve", *args, "--port", str(port)],
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, preexec_fn=preexec_fn)

    def wait_healthy(self, timeout=30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            if healthy(self.port):
                return
            time.sleep(0.02)
        raise RuntimeError(f"server not healthy after {timeout} s; see {self.log_path}")

    def kill(self):
        """SIGKILL and reap."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.log.close()

    def stop(self, timeout=10.0):
        """SIGTERM (graceful) and reap; SIGKILL if it does not stop."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


DEMO_LOGIN_RE = re.compile(r"(?:Demo login|Demo-Anmeldung)[^:]*: [^ ]+ (\S+), [^ ]+ (\S+)")


def demo_credentials(log_path, timeout=30.0):
    """(email, password) from the --demo output in the server log (the last one printed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            found = DEMO_LOGIN_RE.findall(f.read())
        if found:
            return found[-1]
        time.sleep(0.05)
    raise RuntimeError(f"no demo login in {log_path}")


class AdminSession:
    """A logged-in administrator (demo credentials)."""

    def __init__(self, port, email, password, project="musterstadt"):
        self.port = port
        self.project = project
        status, h, body = request(port, "GET", "/admin/login")
        login = set_cookies(h).get(LOGIN_COOKIE)
        if status != 200 or not login:
            raise RuntimeError(f"GET /admin/login: {status}")
        status, h, body = request(port, "POST", "/admin/login",
                                  [("csrf", login), ("email", email), ("password", password)],
                                  cookies={LOGIN_COOKIE: login})
        user = set_cookies(h).get(USER_COOKIE)
        if status != 303 or not user:
            raise RuntimeError(f"POST /admin/login: {status} {body[:200]!r}")
        self.cookies = {USER_COOKIE: user}

    def get(self, path):
        status, h, body = request(self.port, "GET", path, cookies=self.cookies, timeout=60)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return body

    def post(self, path, fields, expect=200):
        status, h, body = request(self.port, "POST", path, fields, cookies=self.cookies, timeout=120)
        if status != expect:
            raise RuntimeError(f"POST {path}: {status} {body[:300]!r}")
        return h, body

    def wave_id(self):
        body = self.get(f"/admin/p/{self.project}")
        m = re.search(rf"/admin/p/{self.project}/waves/(\d+)/invitations".encode(), body)
        if not m:
            raise RuntimeError("no wave on the project page")
        return int(m.group(1))

    def import_roster(self, csv_text, filename="roster.csv"):
        """Uploads a roster CSV (multipart, as the import form does)."""
        csrf = csrf_of(self.get(f"/admin/p/{self.project}/import"))
        boundary = "kn" + uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
                 .encode(),
                 f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                 + csv_text.encode() + b"\r\n",
                 f"--{boundary}--\r\n".encode()]
        status, h, body = request(self.port, "POST", f"/admin/p/{self.project}/import",
                                  b"".join(parts), cookies=self.cookies, timeout=120,
                                  headers={"Content-Type":
                                           f"multipart/form-data; boundary={boundary}"})
        if status != 200:
            raise RuntimeError(f"roster import: {status} {body[:300]!r}")

    def create_invitations(self, wave):
        """Invitations for every roster actor without one (the CSV is not needed here)."""
        base = f"/admin/p/{self.project}/waves/{wave}/invitations"
        csrf = csrf_of(self.get(base))
        self.post(base, [("csrf", csrf)])

    def renew_all_links(self, wave):
        """"New links" for all invitations: returns [(key, link path '/s/TOKEN')]."""
        base = f"/admin/p/{self.project}/waves/{wave}/invitations"
        csrf = csrf_of(self.get(base))
        h, body = self.post(base + "/renew", [("csrf", csrf), ("scope", "all")])
        if "text/csv" not in (header(h, "Content-Type") or ""):
            raise RuntimeError("renew did not return the mail-merge CSV")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        head = rows[0]
        k, l = head.index("key"), head.index("link")
        out = []
        for row in rows[1:]:
            if not row:
                continue
            key = row[k][1:] if row[k].startswith("'") else row[k]
            out.append((key, urllib.parse.urlsplit(row[l]).path))
        return out


ACTOR_RE = re.compile(rb'name="a" id="a-(\d+)" value="(\d+)"')


class Respondent:
    """A respondent session (cookie + CSRF token) of one invitation."""

    def __init__(self, port, link_path, source_ip=None):
        self.port = port
        self.source_ip = source_ip
        status, h, _ = request(port, "GET", link_path, source_ip=source_ip)
        cookie = set_cookies(h).get(RESP_COOKIE)
        if status != 303 or not cookie:
            raise RuntimeError(f"GET link: {status}")
        self.cookie = cookie
        self.cookies = {RESP_COOKIE: cookie}
        status, h, body = self.get("/s")
        if status == 200 and b'action="/s/consent"' in body:
            status, h, body = self.post("/s/consent", [("csrf", csrf_of(body)), ("answer", "yes")],
                                        csrf=False)
            if status != 303:
                raise RuntimeError(f"consent: {status}")
        status, h, body = self.get("/s/p/collaboration")
        if status != 200:
            raise RuntimeError(f"GET /s/p/collaboration: {status}")
        self.csrf = csrf_of(body)
        self.roster = sorted(int(m.group(2)) for m in ACTOR_RE.finditer(body))

    def get(self, path, timeout=10.0):
        return request(self.port, "GET", path, cookies=self.cookies, source_ip=self.source_ip,
                       timeout=timeout)

    def post(self, path, fields, csrf=True, timeout=10.0):
        if csrf:
            fields = [("csrf", self.csrf), *fields]
        return request(self.port, "POST", path, fields, cookies=self.cookies,
                       source_ip=self.source_ip, timeout=timeout)


def source_ip(n):
    """A distinct loopback source address per client (the link limiter counts per address)."""
    return f"127.0.{1 + n // 250}.{1 + n % 250}"


def roster_csv(count, prefix="L"):
    """A roster of `count` fictional actors for a larger survey (formats.md, roster files)."""
    sectors = ["verwaltung", "politik", "kommunale_unternehmen", "wirtschaft",
               "zivilgesellschaft", "wissenschaft_bildung", "medien"]
    lines = ["key;name;sector;contact;email"]
    for i in range(count):
        lines.append(f"{prefix}{i:04d};Lastakteur {prefix}{i:04d};{sectors[i % 7]};"
                     f"Kontakt {i};last-{prefix.lower()}{i}@musterstadt.example")
    return "\n".join(lines) + "\n"


def env_float(name, default):
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default
