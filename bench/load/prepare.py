#!/usr/bin/python3
"""Prepares respondent sessions for the survey load benchmark (bench/load/run_load.sh).

Against a running `klimanetze serve --demo` (credentials read from its log): logs in as the demo
admin, imports a roster of fictional extra actors so the project has at least SESSIONS actors
(the demo seeds 150), creates their invitations, creates new links for all invitations (the
mail-merge CSV, docs/admin.md), and opens SESSIONS links, one session per invitation, each from
one of several loopback source addresses (the link limiter allows 20 per address). Every
session consents if needed. Writes one line per session for the wrk scripts:

    COOKIE CSRF ID1,ID2,ID3      (respondent cookie, CSRF form token, three roster actor ids)

and FILE.asset: the path of a static asset of the survey pages (warm-up request).

Usage: prepare.py --port P --log SERVER_LOG --sessions N --out FILE
"""

import argparse
import os
import random
import re
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "durability"))
import kn_client as kc  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--sessions", type=int, default=600)
    p.add_argument("--out", required=True)
    p.add_argument("--workers", type=int, default=8)
    a = p.parse_args()
    t0 = time.monotonic()
    email, password = kc.demo_credentials(a.log)
    admin = kc.AdminSession(a.port, email, password)
    wave = admin.wave_id()
    links = admin.renew_all_links(wave)
    if len(links) < a.sessions:
        admin.import_roster(kc.roster_csv(a.sessions - len(links)))
        admin.create_invitations(wave)
        links = admin.renew_all_links(wave)
    if len(links) < a.sessions:
        raise SystemExit(f"only {len(links)} links after the import")
    print(f"prepare: {len(links)} links in {time.monotonic() - t0:.1f} s", flush=True)

    links = links[:a.sessions]
    out = [None] * len(links)
    errors = []
    rng = random.Random(7)

    def work(w):
        for i in range(w, len(links), a.workers):
            try:
                r = kc.Respondent(a.port, links[i][1], kc.source_ip(i // 15))
                ids = rng.sample(r.roster, 3)
                out[i] = f"{r.cookie} {r.csrf} {','.join(map(str, ids))}"
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(f"{links[i][0]}: {e}")
    ts = [threading.Thread(target=work, args=(w,)) for w in range(a.workers)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise SystemExit(f"{len(errors)} sessions failed, first: {errors[0]}")
    with open(a.out, "w") as f:
        f.write("\n".join(out) + "\n")
    # A static asset of the survey pages (the wrk scripts' warm-up request).
    cookie = out[0].split(" ")[0]
    _, _, body = kc.request(a.port, "GET", "/s/p/about", cookies={kc.RESP_COOKIE: cookie})
    m = re.search(rb'"(/static/[^"]+)"', body)
    with open(a.out + ".asset", "w") as f:
        f.write(m.group(1).decode() if m else "")
    print(f"prepare: {len(out)} respondent sessions in {time.monotonic() - t0:.1f} s", flush=True)


if __name__ == "__main__":
    main()
