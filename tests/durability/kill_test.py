#!/usr/bin/python3
"""Durability (kill) test of `klimanetze serve` on SQLite (docs/storage.md, "Durability test").

1. Starts `klimanetze serve --db DIR/k.db --demo --port P --lang en`, logs in as the demo admin,
   creates new links for all invitations (mail-merge CSV) and opens CLIENTS x LINKS respondent
   sessions (each client from its own loopback address, as the link limiter counts per address).
2. Load: every client thread posts the `about` page (i.position = "kill-<client>-<link>-<seq>",
   i.own_fields, i.own_role) and the collaboration rate page (named actors with frequency and
   quality) in turn, and logs every attempt as acknowledged (303 to the expected next page),
   rejected (429: nothing stored) or unknown (connection lost, timeout, 5xx).
3. Meanwhile the server is SIGKILLed at random moments (KILLS times, 0.3-1.5 s apart) and
   restarted on the same database and port (without --demo); sessions live in the database, so
   the clients keep their cookies. The last kill ends the load.
4. Checks on the database (Python sqlite3, server down): PRAGMA integrity_check = ok, no
   foreign_key_check rows, and for every (invitation, page) the stored answers equal the last
   acknowledged write, or a later write whose outcome is unknown (never an older one, never a
   mix of two writes). The checker is also run against a tampered client log and must object.
5. Restart: /healthz is ok and every client's about page shows the stored position.
6. Full disk (unprivileged): the server runs with RLIMIT_FSIZE just above the current file
   sizes (SIGXFSZ ignored, so writes past the limit fail with EFBIG like on a full file system).
   Writes must fail cleanly (an HTTP error, no crash, reads still served); after a restart
   without the limit the database is intact, every write acknowledged under the limit is there,
   and writing works again.

Usage: kill_test.py KLIMANETZE_BINARY [--dir DIR] [--clients 16] [--links 4] [--kills 6]
       [--seed N] [--no-full-disk]
Exit status 0 if every check passes. Python 3 standard library only.
"""

import argparse
import http.client
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kn_client as kc  # noqa: E402

FIELDS = ["energie", "gebaeude_waerme", "mobilitaet", "wirtschaft_gewerbe", "private_haushalte",
          "klimaanpassung", "bildung_oeffentlichkeit", "stadtentwicklung", "beschaffung",
          "abfall_wasser", "ernaehrung"]
ROLES = ["planning", "implementing", "funding", "advising", "communicating"]
FREQ = ["weekly", "monthly", "quarterly", "yearly"]
ABOUT_ITEMS = ("position", "own_fields", "own_role")
NEXT = {"about": "/s/p/collaboration", "rate": "/s/p/information"}

# Outcomes of a write: acknowledged (303), rejected (429: nothing stored), unknown (connection
# lost, e.g. by a kill, or 5xx), late (client timeout: the server may still apply it at any
# later moment, even after a later write was acknowledged).
ACKED, REJECTED, UNKNOWN, LATE = "acked", "rejected", "unknown", "late"


def canonical(obj):
    return json.dumps(obj, sort_keys=True)


class Client:
    """One simulated respondent device with several invitations (sessions)."""

    def __init__(self, test, index, links, rng_seed):
        self.name = f"client-{index}"
        self.test = test
        self.index = index
        self.links = links  # [(key, path)]
        self.rng = random.Random(rng_seed)
        self.ip = kc.source_ip(index)
        self.sessions = []  # Respondent per link
        self.log = []  # (link index, kind, state, outcome, status)
        self.statuses = {}
        self.error = None

    def setup(self):
        for key, path in self.links:
            self.sessions.append(kc.Respondent(self.test.port, path, self.ip))

    def about_write(self, j, seq):
        fields = sorted(self.rng.sample(range(len(FIELDS)), self.rng.randint(1, 3)))
        role = ROLES[seq % len(ROLES)]
        position = f"kill-{self.index}-{j}-{seq}"
        form = [("i.position", position)] + [("i.own_fields", FIELDS[f]) for f in fields] + \
               [("i.own_role", role), ("go", "next")]
        state = {"position": {"s": position}, "own_fields": {"l": [FIELDS[f] for f in fields]},
                 "own_role": {"s": role}}
        return "/s/p/about", form, state

    def rate_write(self, j):
        roster = self.sessions[j].roster
        targets = sorted(self.rng.sample(roster, self.rng.randint(1, 4)))
        form, state = [], {}
        for t in targets:
            f, q = self.rng.choice(FREQ), self.rng.randint(4, 5)
            form += [("a", str(t)), (f"t.{t}.frequency", f), (f"t.{t}.quality", str(q))]
            state[str(t)] = {"frequency": {"s": f}, "quality": {"n": float(q)}}
        form.append(("go", "next"))
        return "/s/p/collaboration/rate", form, state

    def load(self):
        """Posts pages until the test's stop_load event is set (run in a thread)."""
        try:
            seq = 0
            while not self.test.stop_load.is_set():
                j = seq % len(self.sessions)
                kind = "about" if (seq // len(self.sessions)) % 2 == 0 else "rate"
                if kind == "about":
                    path, form, state = self.about_write(j, seq)
                else:
                    path, form, state = self.rate_write(j)
                seq += 1
                late = False
                try:
                    status, h, _ = self.sessions[j].post(path, form, timeout=30.0)
                except TimeoutError:
                    status, h, late = None, [], True
                except (OSError, http.client.HTTPException):
                    status, h = None, []
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 303 and kc.header(h, "Location") == NEXT[kind]:
                    outcome = ACKED
                elif status == 429:
                    outcome = REJECTED
                elif late:
                    outcome = LATE
                elif status is None or status >= 500:
                    outcome = UNKNOWN
                else:
                    raise RuntimeError(f"{path}: unexpected status {status} "
                                       f"(Location {kc.header(h, 'Location')})")
                self.log.append((j, kind, state, outcome, status))
                if status is None:
                    time.sleep(0.03)  # server down: retry soon
                else:
                    time.sleep(self.test.pause)
        except Exception as e:  # reported by the main thread
            self.error = e


class KillTest:
    def __init__(self, args):
        self.args = args
        self.binary = os.path.abspath(args.binary)
        self.dir = args.dir or tempfile.mkdtemp(prefix="kn-kill-")
        os.makedirs(self.dir, exist_ok=True)
        self.db = os.path.join(self.dir, "k.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        self.port = kc.free_port()
        self.rng = random.Random(args.seed)
        self.stop_load = threading.Event()
        self.pause = 0.06
        self.server = None
        self.starts = 0
        self.failures = []
        self.checks = 0

    # --- server -------------------------------------------------------------------------------
    def start(self, demo=False, preexec_fn=None):
        self.starts += 1
        args = ["--db", self.db, "--lang", "en"] + (["--demo"] if demo else [])
        self.server = kc.Server(self.binary, args, os.path.join(self.dir, "server.log"), self.port,
                                preexec_fn=preexec_fn)
        self.server.wait_healthy(60.0)

    def fail(self, text):
        self.failures.append(text)
        print("FAIL:", text, flush=True)

    # --- database -----------------------------------------------------------------------------
    def open_db(self, readonly=True):
        uri = f"file:{self.db}?mode=ro" if readonly else f"file:{self.db}"
        return sqlite3.connect(uri, uri=True)

    def read_states(self, con, wave, invitations):
        """{(key, kind): canonical state} for the given {key: (invitation id, actor id)}."""
        out = {}
        for key, (inv, actor) in invitations.items():
            rows = con.execute("SELECT item, value FROM item_answers WHERE invitation_id = ? AND "
                               "item IN ('position', 'own_fields', 'own_role')", (inv,)).fetchall()
            out[(key, "about")] = canonical({item: json.loads(v) for item, v in rows})
            rows = con.execute("SELECT target, attrs FROM ties WHERE wave_id = ? AND "
                               "relation = 'zusammenarbeit' AND source = ?", (wave, actor)).fetchall()
            out[(key, "rate")] = canonical({str(t): json.loads(a) for t, a in rows})
        return out

    def invitations(self, con, wave, keys):
        out = {}
        for key in keys:
            row = con.execute("SELECT i.id, a.id FROM invitations i JOIN actors a ON a.id = "
                              "i.actor_id WHERE a.key = ? AND i.wave_id = ?", (key, wave)).fetchone()
            out[key] = row
        return out

    def integrity(self, con, when):
        ic = con.execute("PRAGMA integrity_check").fetchall()
        self.checks += 1
        if ic != [("ok",)]:
            self.fail(f"{when}: integrity_check {ic[:5]}")
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        self.checks += 1
        if fk:
            self.fail(f"{when}: foreign_key_check {fk[:5]}")

    @staticmethod
    def allowed_states(attempts, initial):
        """Database states consistent with a client's attempts (oldest first) for one page."""
        last = max((i for i, a in enumerate(attempts) if a[1] == ACKED), default=None)
        allowed = {} if last is not None else {initial: "initial"}
        if last is not None:
            allowed[attempts[last][0]] = "last acknowledged"
        for state, outcome in attempts[(last + 1) if last is not None else 0:]:
            if outcome == UNKNOWN:
                allowed.setdefault(state, "later, outcome unknown")
        for state, outcome in attempts:
            if outcome == LATE:
                allowed.setdefault(state, "timed out, may apply late")
        return allowed

    def compare(self, clients, stored, initial, report=True):
        """Returns (mismatches, counts of how each page matched)."""
        attempts = {}
        for c in clients:
            for j, kind, state, outcome, status in c.log:
                attempts.setdefault((c.links[j][0], kind), []).append((canonical(state), outcome))
        mismatches, how = [], {}
        for c in clients:
            for key, _ in c.links:
                for kind in ("about", "rate"):
                    allowed = self.allowed_states(attempts.get((key, kind), []),
                                                  initial[(key, kind)])
                    got = stored[(key, kind)]
                    if got in allowed:
                        how[allowed[got]] = how.get(allowed[got], 0) + 1
                    else:
                        mismatches.append((key, kind, got, list(allowed)[:2]))
                        if report:
                            self.fail(f"{key} {kind}: database holds {got}, expected one of "
                                      f"{list(allowed)[:3]}")
        return mismatches, how

    # --- phases -------------------------------------------------------------------------------
    def run(self):
        t0 = time.monotonic()
        a = self.args
        self.start(demo=True)
        email, password = kc.demo_credentials(self.server.log_path)
        admin = kc.AdminSession(self.port, email, password)
        wave = admin.wave_id()
        links = admin.renew_all_links(wave)
        need = a.clients * a.links
        if len(links) < need:
            raise RuntimeError(f"only {len(links)} links, need {need}")
        self.rng.shuffle(links)
        clients = [Client(self, i, links[i * a.links:(i + 1) * a.links], self.rng.random())
                   for i in range(a.clients)]
        errors = []

        def setup(c):
            try:
                c.setup()
            except Exception as e:
                errors.append(e)
        ts = [threading.Thread(target=setup, args=(c,)) for c in clients]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        if errors:
            raise RuntimeError(f"respondent setup: {errors[0]}")
        keys = [k for c in clients for k, _ in c.links]
        with self.open_db() as con:
            invs = self.invitations(con, wave, keys)
            initial = self.read_states(con, wave, invs)
        t_setup = time.monotonic() - t0
        print(f"setup: {len(keys)} respondent sessions in {t_setup:.1f} s", flush=True)

        # Load with kills.
        threads = [threading.Thread(target=c.load, daemon=True) for c in clients]
        for t in threads:
            t.start()
        downtimes = []
        for k in range(a.kills):
            time.sleep(self.rng.uniform(0.3, 1.5))
            self.server.kill()
            if k == a.kills - 1:
                break
            t = time.monotonic()
            self.start()
            downtimes.append(time.monotonic() - t)
        self.stop_load.set()
        for t in threads:
            t.join(10)
        for c in clients:
            if c.error:
                self.fail(f"{c.name}: {c.error}")
        t_load = time.monotonic() - t0 - t_setup

        # Offline checks.
        with self.open_db(readonly=False) as con:
            self.integrity(con, "after the last kill")
            stored = self.read_states(con, wave, invs)
        mismatches, how = self.compare(clients, stored, initial)
        self.checks += len(keys) * 2
        # The checker must notice a lost acknowledged write: pretend a client's last acknowledged
        # about write had other content.
        tampered = False
        for c in clients:
            for i in range(len(c.log) - 1, -1, -1):
                j, kind, state, outcome, status = c.log[i]
                later = [e for e in c.log[i + 1:] if e[0] == j and e[1] == kind]
                if outcome == ACKED and not later:
                    c.log[i] = (j, kind, {"position": {"s": "never-written"}}, outcome, status)
                    bad, _ = self.compare(clients, stored, initial, report=False)
                    c.log[i] = (j, kind, state, outcome, status)
                    tampered = True
                    self.checks += 1
                    if not bad:
                        self.fail("checker did not notice a tampered acknowledged write")
                    break
            if tampered:
                break
        if not tampered:
            self.fail("no acknowledged write to tamper with")

        # Restart: healthz and the pages show what is stored.
        self.start()
        self.checks += 1
        shown = 0
        for c in clients:
            for j, (key, _) in enumerate(c.links):
                status, _, body = c.sessions[j].get("/s/p/about")
                pos = json.loads(stored[(key, "about")]).get("position", {}).get("s")
                self.checks += 1
                if status != 200 or (pos and f'value="{pos}"'.encode() not in body):
                    self.fail(f"{key}: about page after restart ({status}) does not show {pos}")
                shown += 1

        # Totals and sanity: the load must have been real.
        total = sum(len(c.log) for c in clients)
        acked = sum(1 for c in clients for e in c.log if e[3] == ACKED)
        unknown = sum(1 for c in clients for e in c.log if e[3] == UNKNOWN)
        rejected = sum(1 for c in clients for e in c.log if e[3] == REJECTED)
        late = sum(1 for c in clients for e in c.log if e[3] == LATE)
        statuses = {}
        for c in clients:
            for s, n in c.statuses.items():
                statuses[s] = statuses.get(s, 0) + n
        five = sum(n for s, n in statuses.items() if s is not None and s >= 500)
        if five:
            self.fail(f"{five} responses with status 5xx during the kill load")
        if acked < 10 * a.kills:
            self.fail(f"only {acked} acknowledged writes: the load did not run")
        shown_statuses = {str(k): v for k, v in sorted(statuses.items(), key=lambda x: str(x[0]))}
        print(f"load: {total} writes in {t_load:.1f} s: {acked} acknowledged, {rejected} "
              f"rate-limited (429), {unknown} unknown (connection lost by a kill), {late} timed "
              f"out; statuses {shown_statuses}", flush=True)
        print(f"kills: {a.kills} (SIGKILL), restarts {len(downtimes)}, restart time "
              f"{min(downtimes):.2f}-{max(downtimes):.2f} s" if downtimes else "", flush=True)
        print(f"pages checked: {len(keys) * 2}; matched {how}; mismatches {len(mismatches)}; "
              f"pages shown after restart {shown}", flush=True)

        if not a.no_full_disk:
            self.full_disk(clients[:4], wave, invs, stored)
        self.server.stop()
        print(f"checks: {self.checks}, failures: {len(self.failures)}, total "
              f"{time.monotonic() - t0:.1f} s", flush=True)
        return not self.failures

    def full_disk(self, clients, wave, invs, before):
        """Writes with a file size limit: clean errors, nothing acknowledged lost."""
        self.server.stop()
        # Empty the WAL, then let it grow to 768 KiB only: below SQLite's automatic checkpoint
        # (1000 pages, about 4 MiB), so the WAL reaches the limit before a checkpoint could
        # reset it; the database file is read beyond the limit but not written in this phase.
        with self.open_db(readonly=False) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        limit = 768 * 1024

        def limited():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # stays ignored across exec
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        self.start(preexec_fn=limited)
        for c in clients:
            c.log, c.statuses = [], {}
        self.stop_load.clear()
        self.pause = 0.04
        end = time.monotonic() + 15.0
        threads = [threading.Thread(target=c.load, daemon=True) for c in clients]
        for t in threads:
            t.start()
        while time.monotonic() < end:
            errors = sum(n for c in clients for s, n in c.statuses.items() if s and s >= 500)
            if errors >= 20 or self.server.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop_load.set()
        for t in threads:
            t.join(10)
        statuses = {}
        for c in clients:
            for s, n in c.statuses.items():
                statuses[str(s)] = statuses.get(str(s), 0) + n
            if c.error:
                self.fail(f"full disk, {c.name}: {c.error}")
        alive = self.server.proc.poll() is None
        self.checks += 3
        if not alive:
            self.fail(f"full disk: the server died (exit {self.server.proc.returncode})")
        five = sum(n for s, n in statuses.items() if s not in ("None", "303", "429"))
        if five == 0:
            self.fail(f"full disk: no write failed under a {limit} byte file size limit "
                      f"(statuses {statuses})")
        if alive:
            status, _, _ = clients[0].sessions[0].get("/s/p/about")
            if status != 200:
                self.fail(f"full disk: reading a page gave {status}")
        acked = sum(1 for c in clients for e in c.log if e[3] == ACKED)
        print(f"full disk: limit {limit} bytes, {sum(statuses.values())} writes, statuses "
              f"{statuses}, acknowledged {acked}, server alive {alive}", flush=True)
        self.server.kill()
        with self.open_db(readonly=False) as con:
            self.integrity(con, "after the full disk")
            keys = {k for c in clients for k, _ in c.links}
            stored = self.read_states(con, wave, {k: invs[k] for k in keys})
        # The starting point of this phase is what the database held after the kill phase.
        self.compare(clients, stored, before)
        self.checks += len(keys) * 2
        self.start()
        path, form, state = clients[0].about_write(0, 999999)
        status, h, _ = clients[0].sessions[0].post(path, form)
        self.checks += 1
        if status != 303:
            self.fail(f"after the full disk, a write gave {status}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("binary")
    p.add_argument("--dir")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--links", type=int, default=4, help="invitations per client")
    p.add_argument("--kills", type=int, default=8)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--no-full-disk", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the directory")
    a = p.parse_args()
    if a.kills < 1 or a.clients * a.links < 1:
        p.error("need at least one kill and one link")
    print(f"kill_test: seed {a.seed}, {a.clients} clients x {a.links} links, {a.kills} kills",
          flush=True)
    test = KillTest(a)
    ok = False
    try:
        ok = test.run()
    finally:
        if test.server and test.server.proc.poll() is None:
            test.server.kill()
        if ok and not a.keep and not a.dir:
            shutil.rmtree(test.dir, ignore_errors=True)
        elif not ok:
            print(f"kept {test.dir} (server.log, k.db)", flush=True)
    print("PASS" if ok else "FAILED", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
