// Tests against the real server on 127.0.0.1 (port 0) through the raw-socket TestClient:
// keep-alive, limits (413, 431, max connections), header injection, slowloris, graceful
// shutdown, handler exceptions, security headers on every response, access log rules.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "server/http/server.hpp"
#include "unit/http/test_client.hpp"

namespace kn::http {
namespace {

using namespace std::chrono_literals;
using kn::test::TestClient;

struct Fixture {
  Router router;
  std::mutex log_mutex;
  std::vector<AccessLogEntry> log;
  std::vector<std::string> errors;
  ServerOptions options;

  Fixture() {
    router.get("/hello", [](Request& r) {
      return Response::text("hello " + std::string(r.query_param("name").value_or("world")));
    });
    router.post("/echo", [](Request& r) { return Response::text(r.body); });
    router.post("/upload", [](Request& r) { return Response::text(std::to_string(r.body.size())); },
                {.max_body = 1024 * 1024});
    router.get("/header", [](Request& r) {
      return Response::text(std::string(r.header("X-Test").value_or("")));
    });
    router.get("/throw", [](Request&) -> Response {
      throw std::runtime_error("secret database password in message");
    });
    router.get("/http-error", [](Request&) -> Response { throw HttpError(422, "bad field"); });
    router.get("/slow", [](Request&) {
      std::this_thread::sleep_for(600ms);
      return Response::text("done");
    });
    router.get("/s/{token}", [](Request&) { return Response::text("ok"); }, {.log_pattern = true});
    options.threads = 4;
    options.timeouts.header = 500ms;
    options.timeouts.body = 500ms;
    options.timeouts.keep_alive = 1000ms;
    options.access_log = [this](const AccessLogEntry& e) {
      std::lock_guard lock(log_mutex);
      log.push_back(e);
    };
    options.error_log = [this](std::string_view m) {
      std::lock_guard lock(log_mutex);
      errors.emplace_back(m);
    };
  }
  std::vector<AccessLogEntry> log_copy() {
    std::lock_guard lock(log_mutex);
    return log;
  }
};

void expect_security_headers(const kn::test::RawResponse& r) {
  EXPECT_EQ(r.header("Content-Security-Policy").value_or(""), kDefaultCsp) << r.status;
  EXPECT_EQ(r.header("X-Content-Type-Options").value_or(""), "nosniff") << r.status;
  EXPECT_EQ(r.header("Referrer-Policy").value_or(""), "no-referrer") << r.status;
  EXPECT_EQ(r.header("X-Frame-Options").value_or(""), "DENY") << r.status;
  EXPECT_EQ(r.header("Cross-Origin-Opener-Policy").value_or(""), "same-origin") << r.status;
  EXPECT_TRUE(r.header("Permissions-Policy")) << r.status;
}

TEST(ServerTest, KeepAliveServesSeveralRequests) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  ASSERT_NE(server.port(), 0);
  TestClient c(server.port());
  for (int i = 0; i < 5; ++i) {
    const auto r = c.request("GET /hello?name=M%C3%BCnster HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "hello Münster");
    EXPECT_EQ(r->header("Content-Type").value_or(""), "text/plain; charset=utf-8");
    expect_security_headers(*r);
  }
  // Pipelined requests are answered in order.
  ASSERT_TRUE(
      c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
             "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(c.read_response()->body, "abc");
  EXPECT_EQ(c.read_response()->body, "hello world");
  // Chunked bodies are accepted.
  const auto ch = c.request(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_TRUE(ch);
  EXPECT_EQ(ch->body, "abcde");
  const auto closing = c.request("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(closing);
  EXPECT_TRUE(c.wait_closed(1s));
}

TEST(ServerTest, HeadHasNoBodyButLength) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  TestClient c(server.port());
  const auto r = c.request("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("Content-Length").value_or(""), "11");
  EXPECT_TRUE(r->body.empty());
  const auto next = c.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");  // no stray body bytes
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello world");
}

TEST(ServerTest, NotFoundAndMethodNotAllowedCarrySecurityHeaders) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  const auto nf = kn::test::http_request(server.port(), "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->status, 404);
  expect_security_headers(*nf);
  const auto na = kn::test::http_request(server.port(), "DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(na);
  EXPECT_EQ(na->status, 405);
  EXPECT_EQ(na->header("Allow").value_or(""), "POST");
  expect_security_headers(*na);
  const auto bad = kn::test::http_request(server.port(), "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  expect_security_headers(*bad);
}

TEST(ServerTest, TooLargeBodyByContentLengthAndChunked) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  {
    TestClient c(server.port());
    const auto r = c.request("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    expect_security_headers(*r);
  }
  {
    TestClient c(server.port());
    std::string req = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(16 * 1024, 'a');
    for (int i = 0; i < 5; ++i)
      req += "4000\r\n" + chunk + "\r\n";  // 80 KiB > 64 KiB
    req += "0\r\n\r\n";
    const auto r = c.request(req);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    expect_security_headers(*r);
  }
  {
    // The upload route allows 1 MiB.
    TestClient c(server.port());
    const std::string body(200 * 1024, 'b');
    const auto r = c.request("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n" + body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "204800");
  }
  {
    // Expect: 100-continue gets the 413 before any body byte is sent.
    TestClient c(server.port());
    const auto r = c.request(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\nExpect: 100-continue\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
  }
}

TEST(ServerTest, ManyOrHugeHeadersAreRefused) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  {
    TestClient c(server.port());
    std::string req = "GET /hello HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 20000; ++i)
      req += "X-" + std::to_string(i) + ": a\r\n";
    req += "\r\n";
    c.send(req);  // the server may close before reading everything
    const auto r = c.read_response();
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 431 || r->status == 400) << r->status;
    expect_security_headers(*r);
  }
  {
    TestClient c(server.port());
    const auto r = c.request("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') +
                             "\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
  }
  {
    // 150 small headers fit in 8 KiB but exceed the header count limit.
    TestClient c(server.port());
    std::string req = "GET /hello HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i)
      req += "X" + std::to_string(i) + ": a\r\n";
    const auto r = c.request(req + "\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 431);
  }
}

TEST(ServerTest, EncodedCrLfInHeaderStaysLiteral) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  const auto r = kn::test::http_request(
      server.port(),
      "GET /header HTTP/1.1\r\nHost: x\r\nX-Test: a%0D%0ASet-Cookie: evil=1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "a%0D%0ASet-Cookie: evil=1");
  EXPECT_FALSE(r->header("Set-Cookie"));
  // A raw bare LF/CR inside a header value is a parse error, not a new header.
  const auto raw = kn::test::http_request(
      server.port(), "GET /header HTTP/1.1\r\nHost: x\r\nX-Test: a\rSet-Cookie: evil=1\r\n\r\n");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 400);
  EXPECT_FALSE(raw->header("Set-Cookie"));
}

TEST(ServerTest, SlowlorisIsClosedWithinHeaderTimeout) {
  Fixture f;
  Server server(f.options, f.router);  // header timeout 500 ms
  server.start();
  TestClient c(server.port());
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\n"));
  bool closed = false;
  for (int i = 0; i < 20 && !closed; ++i) {
    c.send("X-" + std::to_string(i) + ": a\r\n");  // one header every 100 ms, never finishing
    closed = c.wait_closed(100ms);
  }
  if (!closed) closed = c.wait_closed(1s);
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);
  // An idle keep-alive connection is closed after the keep-alive timeout (1 s).
  TestClient idle(server.port());
  ASSERT_TRUE(idle.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_TRUE(idle.wait_closed(2500ms));
}

TEST(ServerTest, SlowBodyIsClosedWithinBodyTimeout) {
  Fixture f;
  Server server(f.options, f.router);  // body timeout 500 ms
  server.start();
  TestClient c(server.port());
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
  EXPECT_TRUE(c.wait_closed(1500ms));
}

TEST(ServerTest, MaxConnectionsGives503) {
  Fixture f;
  f.options.limits.max_connections = 2;
  Server server(f.options, f.router);
  server.start();
  TestClient a(server.port());
  TestClient b(server.port());
  ASSERT_TRUE(a.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(b.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestClient third(server.port());
  const auto r = third.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  expect_security_headers(*r);
  a.close();
  // Once a slot is free, new connections are served again.
  bool served = false;
  for (int i = 0; i < 50 && !served; ++i) {
    TestClient d(server.port());
    const auto rd = d.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    served = rd && rd->status == 200;
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST(ServerTest, GracefulShutdownFinishesInFlightRequests) {
  Fixture f;
  auto server = std::make_unique<Server>(f.options, f.router);
  server->start();
  const auto port = server->port();
  TestClient idle(port);
  ASSERT_TRUE(idle.request("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestClient slow(port);
  ASSERT_TRUE(slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::this_thread::sleep_for(150ms);  // the handler is running
  std::thread stopper([&] { server->stop(3s); });
  std::this_thread::sleep_for(100ms);
  TestClient refused;
  EXPECT_FALSE(refused.try_connect(port));
  EXPECT_TRUE(idle.wait_closed(1s));
  const auto r = slow.read_response(3s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "done");
  EXPECT_EQ(r->header("Connection").value_or(""), "close");
  stopper.join();
  EXPECT_EQ(server->open_connections(), 0U);
}

TEST(ServerTest, HandlerExceptionIs500WithoutDetails) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  TestClient c(server.port());
  const auto r = c.request("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, "Internal Server Error\n");
  EXPECT_EQ(r->raw_head.find("secret"), std::string::npos);
  expect_security_headers(*r);
  const auto e = c.request("GET /http-error HTTP/1.1\r\nHost: x\r\n\r\n");  // connection survives
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 422);
  EXPECT_EQ(e->body, "bad field\n");
  std::lock_guard lock(f.log_mutex);
  ASSERT_EQ(f.errors.size(), 1U);
  EXPECT_NE(f.errors[0].find("secret database password"), std::string::npos);
}

TEST(ServerTest, CsrfRefusesCrossSitePostBeforeTheBody) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  const std::string host = "127.0.0.1:" + std::to_string(server.port());
  const auto bad = kn::test::http_request(
      server.port(), "POST /echo HTTP/1.1\r\nHost: " + host +
                         "\r\nOrigin: http://127.0.0.1:1\r\nContent-Length: 2\r\n\r\nhi");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  expect_security_headers(*bad);
  const auto site = kn::test::http_request(
      server.port(), "POST /echo HTTP/1.1\r\nHost: " + host +
                         "\r\nSec-Fetch-Site: cross-site\r\nContent-Length: 2\r\n\r\nhi");
  ASSERT_TRUE(site);
  EXPECT_EQ(site->status, 403);
  const auto good = kn::test::http_request(
      server.port(), "POST /echo HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host +
                         "\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 2\r\n\r\nhi");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  EXPECT_EQ(good->body, "hi");
}

TEST(ServerTest, AccessLogHasPathOnlyAndEscapes) {
  Fixture f;
  Server server(f.options, f.router);
  server.start();
  TestClient c(server.port());
  ASSERT_TRUE(c.request("GET /hello?token=SECRET123 HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.request("GET /missing%0D%0AFORGED?x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.request("GET /s/INVITATION_TOKEN HTTP/1.1\r\nHost: x\r\n\r\n"));
  c.close();
  server.stop(1s);
  const auto log = f.log_copy();
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0].path, "/hello");
  EXPECT_EQ(log[0].method, "GET");
  EXPECT_EQ(log[0].status, 200);
  EXPECT_EQ(log[0].bytes, 11U);
  EXPECT_EQ(log[0].remote_address, "127.0.0.1");
  EXPECT_EQ(log[1].status, 404);
  EXPECT_EQ(log[2].path, "/s/{token}");
  std::string all;
  for (const auto& e : log)
    all += format_access_log(e) + "\n";
  EXPECT_EQ(all.find("SECRET123"), std::string::npos);
  EXPECT_EQ(all.find("INVITATION_TOKEN"), std::string::npos);
  EXPECT_NE(all.find("/missing\\r\\nFORGED"), std::string::npos);
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 3);
}

TEST(ServerTest, ParseRawRequestMatchesServerLimits) {
  const ServerLimits limits;
  const auto ok = parse_raw_request(
      "POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi", limits, {});
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(ok.request.body, "hi");
  EXPECT_EQ(*ok.request.query_param("b"), "1");
  const auto big =
      parse_raw_request("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n", limits, {});
  EXPECT_EQ(big.status, 413);
  const auto huge =
      parse_raw_request("GET / HTTP/1.1\r\nX: " + std::string(9000, 'a') + "\r\n\r\n", limits, {});
  EXPECT_EQ(huge.status, 431);
  EXPECT_EQ(parse_raw_request("garbage\r\n\r\n", limits, {}).status, 400);
  EXPECT_EQ(parse_raw_request("GET / HTTP/1.1\r\n", limits, {}).status, 400);
  // Found by fuzz_http_request: a declared body that never arrives used to loop forever.
  EXPECT_EQ(parse_raw_request("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\n", limits, {}).status,
            400);
}

TEST(ServerTest, BindFailureThrows) {
  Fixture f;
  Server first(f.options, f.router);
  ServerOptions same = f.options;
  same.port = first.port();
  EXPECT_THROW(Server(same, f.router), std::system_error);
}

}  // namespace
}  // namespace kn::http
