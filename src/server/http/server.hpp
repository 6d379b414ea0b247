#pragma once
// The HTTP/1.1 server (Boost.Beast + Asio, confined to server.cpp): limits, timeouts, keep-alive,
// maximum connections, graceful shutdown, default security headers, CSRF check, access log.
// Handlers see only message.hpp types. Also the server's per-request pipeline without I/O
// (parse_raw_request, process_request), shared by the server and the fuzz targets.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/http/access_log.hpp"
#include "server/http/message.hpp"
#include "server/http/router.hpp"
#include "server/http/security.hpp"

namespace kn::http {

struct ServerLimits {
  std::size_t header_bytes = std::size_t{8} * 1024;  ///< Request line + header fields; more: 431.
  std::size_t max_headers = 100;                     ///< Header fields per request; more: 431.
  std::size_t max_connections = 512;  ///< Open connections; more get 503 and are closed.
  std::size_t max_requests_per_connection = 1000;
};

struct ServerTimeouts {
  std::chrono::milliseconds header{10'000};      ///< Whole request head (slowloris); then close.
  std::chrono::milliseconds body{30'000};        ///< Whole request body; then close.
  std::chrono::milliseconds keep_alive{15'000};  ///< Idle between requests; then close.
  std::chrono::milliseconds write{30'000};       ///< Writing one response.
};

/// Body limit for a request line, asked after the head and before the body is read.
using BodyLimitFn = std::function<std::size_t(Method, std::string_view path)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  ///< 0: an ephemeral port; Server::port() tells which.
  unsigned threads = 0;    ///< io_context threads; 0: 2 x hardware threads + 2 (handlers block).
  ServerLimits limits;
  ServerTimeouts timeouts;
  bool keep_alive = true;
  BodyLimitFn body_limit;  ///< Empty: kDefaultBodyLimit (64 KiB) for every request.
  SecurityHeaderOptions security_headers;
  CsrfPolicy csrf;
  /// Take the client address from the last X-Forwarded-For entry (only behind a trusted proxy).
  bool trust_forwarded_for = false;
  AccessLogFn access_log;  ///< Empty: no access log.
  ErrorLogFn error_log;    ///< Empty: stderr_error_log().
};

class Server {
 public:
  /// Binds host:port (throws std::system_error if that fails); start() begins serving.
  Server(ServerOptions options, Handler handler);
  /// Uses router.handler() and router.body_limit() (unless options.body_limit is set). The
  /// router must outlive the server.
  Server(ServerOptions options, const Router& router);
  ~Server();  ///< stop(0) if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Starts the accept loop and the threads; returns at once.
  void start();
  /// The bound port (the ephemeral one if options.port was 0).
  [[nodiscard]] std::uint16_t port() const;
  /// Graceful shutdown: stops accepting (new connections are refused), closes idle keep-alive
  /// connections, lets in-flight requests finish (their responses carry Connection: close) for
  /// up to `grace`, then closes everything and joins the threads. Idempotent; blocks.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
  /// For the CLI: start() if needed, block until SIGINT or SIGTERM, then stop(grace).
  void run_until_signal(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
  [[nodiscard]] std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The request pipeline after parsing, exactly as the server runs it: CSRF check (403), the
/// handler (HttpError -> its status and message; any other exception -> 500 "Internal Server
/// Error", logged through error_log), default Content-Type for bodies, security headers.
[[nodiscard]] Response process_request(Request& request, const Handler& handler,
                                       const ServerOptions& options, const ErrorLogFn& error_log);

/// Adds the security headers (and a Content-Type for a body without one) to a response the
/// server generates itself (400, 413, 431, 503) or that a handler returned.
void finish_response(Response& response, const ServerOptions& options);

/// Result of parse_raw_request: status 0 and the request, or the error status the server would
/// send (400, 413, 431) and a short reason.
struct RawParseResult {
  int status = 0;
  std::string error;
  Request request;
};

/// Parses one request from raw bytes with the server's Beast parser configuration (header limit,
/// header count, body limit from `body_limit` after the head) and converts it to a Request. For
/// fuzzing and tests; the server parses from the socket with the same settings.
[[nodiscard]] RawParseResult parse_raw_request(std::string_view bytes, const ServerLimits& limits,
                                               const BodyLimitFn& body_limit);

}  // namespace kn::http
