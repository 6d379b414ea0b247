// The only translation unit with Beast/Asio code: connection handling, the request parser
// configuration, response serialisation, timeouts, limits, graceful shutdown (server.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

namespace kn::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
using Parser = bhttp::request_parser<bhttp::string_body>;

std::size_t default_body_limit(Method, std::string_view) {
  return kDefaultBodyLimit;
}

void configure_parser(Parser& p, const ServerLimits& limits) {
  p.header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(limits.header_bytes, UINT32_MAX)));
  // No limit while the head is parsed (Beast would check Content-Length against it too early);
  // the per-request limit is set once the route is known.
  p.body_limit(boost::none);
}

/// Converts the parsed head into a Request (throws HttpError 400/431).
void fill_head(Request& r, const Parser& p, const ServerLimits& limits) {
  const auto& msg = p.get();
  std::size_t count = 0;
  for (const auto& f : msg) {
    (void)f;
    ++count;
  }
  if (count > limits.max_headers) throw HttpError(431, "too many header fields");
  r.method_text = std::string(msg.method_string());
  r.method = parse_method(r.method_text);
  r.version = msg.version();
  for (const auto& f : msg) {
    r.headers.add_unchecked(std::string(f.name_string()), std::string(f.value()));
  }
  r.set_target(std::string_view(msg.target().data(), msg.target().size()));
}

int status_for(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  return 400;
}

bhttp::response<bhttp::string_body> to_beast(Response& res, bool head, bool keep_alive,
                                             unsigned version) {
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(res.status));
  out.reason(std::string(reason_phrase(res.status)));
  for (const auto& f : res.headers)
    out.insert(f.name, f.value);
  const bool no_body = res.status < 200 || res.status == 204 || res.status == 304;
  if (no_body) {
    out.erase(bhttp::field::content_length);
  } else if (head) {
    out.content_length(res.body.size());
  } else {
    out.body() = std::move(res.body);
    out.prepare_payload();
  }
  out.keep_alive(keep_alive);
  return out;
}

std::string client_address(const Request& r, const std::string& peer, bool trust_forwarded) {
  if (!trust_forwarded) return peer;
  const auto xff = r.header("X-Forwarded-For");
  if (!xff) return peer;
  std::string_view v = *xff;
  const auto comma = v.rfind(',');
  if (comma != std::string_view::npos) v = v.substr(comma + 1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  return v.empty() ? peer : std::string(v);
}

}  // namespace

void finish_response(Response& response, const ServerOptions& options) {
  if (!response.body.empty() && !response.headers.has("Content-Type")) {
    response.headers.set("Content-Type", "application/octet-stream");
  }
  apply_security_headers(response, options.security_headers);
}

Response process_request(Request& request, const Handler& handler, const ServerOptions& options,
                         const ErrorLogFn& error_log) {
  Response res;
  const std::string violation = csrf_violation(request, options.csrf);
  if (!violation.empty()) {
    if (error_log) {
      error_log("CSRF check refused " + escape_log_value(request.method_text) + " " +
                escape_log_value(request.path) + ": " + escape_log_value(violation));
    }
    res = Response::error(403);
  } else {
    try {
      res = handler(request);
    } catch (const HttpError& e) {
      res = Response::error(e.status() >= 400 && e.status() <= 599 ? e.status() : 500, e.what());
    } catch (const std::exception& e) {
      if (error_log) {
        error_log("handler exception on " + escape_log_value(request.method_text) + " " +
                  escape_log_value(request.path) + ": " + escape_log_value(e.what()));
      }
      res = Response::error(500);
    } catch (...) {
      if (error_log)
        error_log("handler threw a non-standard exception on " + escape_log_value(request.path));
      res = Response::error(500);
    }
  }
  if (res.status < 100 || res.status > 599) {
    if (error_log) error_log("handler returned invalid status " + std::to_string(res.status));
    res = Response::error(500);
  }
  finish_response(res, options);
  return res;
}

RawParseResult parse_raw_request(std::string_view bytes, const ServerLimits& limits,
                                 const BodyLimitFn& body_limit) {
  RawParseResult out;
  Parser p;
  configure_parser(p, limits);
  beast::error_code ec;
  bool head_done = false;
  auto fail = [&](int status, std::string why) {
    out.status = status;
    out.error = std::move(why);
    return out;
  };
  while (!p.is_done() && !bytes.empty()) {
    const std::size_t n = p.put(asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(n);
    if (ec == bhttp::error::need_more) {
      ec = {};
    } else if (ec) {
      return fail(status_for(ec), ec.message());
    }
    if (!head_done && p.is_header_done()) {
      head_done = true;
      try {
        fill_head(out.request, p, limits);
      } catch (const HttpError& e) {
        return fail(e.status(), e.what());
      }
      const std::size_t limit =
          (body_limit ? body_limit : default_body_limit)(out.request.method, out.request.path);
      if (p.content_length() && *p.content_length() > limit) {
        return fail(413, "Content-Length over the limit");
      }
      p.body_limit(limit);
    }
    if (n == 0) break;  // needs more than the input has (found by fuzz_http_request)
  }
  if (!p.is_done()) {
    p.put_eof(ec);
    if (ec || !p.is_done()) return fail(400, ec ? ec.message() : "incomplete request");
  }
  if (!head_done) {
    try {
      fill_head(out.request, p, limits);
    } catch (const HttpError& e) {
      return fail(e.status(), e.what());
    }
  }
  out.request.body = std::move(p.get().body());
  return out;
}

// ---------------------------------------------------------------------------------------------

struct Server::Impl {
  struct Conn {
    explicit Conn(tcp::socket s) : stream(std::move(s)) {}
    beast::tcp_stream stream;
    std::atomic<bool> busy{false};
  };

  ServerOptions opts;
  Handler handler;
  ErrorLogFn error_log;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> threads;
  std::atomic<bool> started{false};
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};
  std::atomic<std::size_t> rejecting{0};
  std::uint16_t bound_port = 0;

  mutable std::mutex mutex;
  std::condition_variable cv;
  std::unordered_map<std::uint64_t, std::weak_ptr<Conn>> conns;
  std::uint64_t next_id = 0;

  Impl(ServerOptions o, Handler h)
      : opts(std::move(o)), handler(std::move(h)), acceptor(asio::make_strand(ioc)) {
    error_log = opts.error_log ? opts.error_log : stderr_error_log();
    if (!opts.body_limit) opts.body_limit = default_body_limit;
    beast::error_code ec;
    const auto addr = asio::ip::make_address(opts.host, ec);
    if (ec) throw std::invalid_argument("invalid listen address: " + opts.host);
    const tcp::endpoint ep(addr, opts.port);
    const std::string where = opts.host + ":" + std::to_string(opts.port);
    auto check = [&](const char* what) {
      if (ec) {
        throw std::system_error(ec.value(), std::system_category(),
                                std::string(what) + " " + where);
      }
    };
    acceptor.open(ep.protocol(), ec);
    check("cannot open socket for");
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    check("cannot set SO_REUSEADDR on");
    acceptor.bind(ep, ec);
    check("cannot bind");
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
    check("cannot listen on");
    bound_port = acceptor.local_endpoint(ec).port();
    check("cannot read the bound port of");
  }

  void log_error(std::string_view msg) const {
    try {
      error_log(msg);
    } catch (...) {  // a failing logger must not take the connection down
    }
  }

  void log_access(const AccessLogEntry& e) const {
    if (!opts.access_log) return;
    try {
      opts.access_log(e);
    } catch (...) {
    }
  }

  static void close_stream(const std::shared_ptr<Conn>& c) {
    asio::post(c->stream.get_executor(), [c] {
      beast::error_code ec;
      c->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
      c->stream.socket().close(ec);
    });
  }

  /// Closes the connections that are idle (or all of them).
  void close_connections(bool all) {
    std::lock_guard lock(mutex);
    for (auto& [id, weak] : conns) {
      if (auto c = weak.lock(); c && (all || !c->busy.load())) close_stream(c);
    }
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, sock] = co_await acceptor.async_accept(asio::make_strand(ioc), kTok);
      if (stopping.load()) co_return;
      if (ec) {
        if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) co_return;
        // EMFILE and friends: back off briefly instead of spinning.
        asio::steady_timer t(acceptor.get_executor(), std::chrono::milliseconds(50));
        co_await t.async_wait(kTok);
        continue;
      }
      std::shared_ptr<Conn> c;
      {
        std::lock_guard lock(mutex);
        if (conns.size() < opts.limits.max_connections) {
          c = std::make_shared<Conn>(std::move(sock));
          conns.emplace(next_id, c);
          asio::co_spawn(c->stream.get_executor(), session(c, next_id), asio::detached);
          ++next_id;
        }
      }
      if (!c) {
        if (rejecting.load() < 64) {
          asio::co_spawn(sock.get_executor(), reject(std::move(sock)), asio::detached);
        } else {
          beast::error_code ignored;
          sock.close(ignored);
        }
      }
    }
  }

  asio::awaitable<void> reject(tcp::socket sock) {
    ++rejecting;
    beast::tcp_stream stream(std::move(sock));
    Response res = Response::error(503, "Too many connections");
    res.headers.set("Retry-After", "1");
    finish_response(res, opts);
    auto msg = to_beast(res, false, false, 11);
    stream.expires_after(std::chrono::seconds(1));
    co_await bhttp::async_write(stream, msg, kTok);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.socket().close(ec);
    --rejecting;
  }

  /// Sends a response the server generated itself (400/413/431) and closes the connection,
  /// draining what the client still sends so it sees the response rather than a reset.
  asio::awaitable<void> send_error_and_close(Conn& c, beast::flat_buffer& buf, Response res,
                                             unsigned version, const Request* req,
                                             std::chrono::steady_clock::time_point t0,
                                             std::chrono::system_clock::time_point wall) {
    finish_response(res, opts);
    const std::uint64_t bytes = res.body.size();
    const int status = res.status;
    auto msg = to_beast(res, false, false, version == 10 ? 10 : 11);
    c.stream.expires_after(opts.timeouts.write);
    auto [ec, n] = co_await bhttp::async_write(c.stream, msg, kTok);
    (void)n;
    AccessLogEntry e;
    e.time = wall;
    e.remote_address = req ? req->remote_address : peer_address(c);
    e.method = req ? req->method_text : "-";
    e.path = req ? req->path : "-";
    e.status = status;
    e.bytes = ec ? 0 : bytes;
    e.duration = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - t0);
    log_access(e);
    if (!ec) {
      beast::error_code ignored;
      c.stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      c.stream.expires_after(std::chrono::milliseconds(500));
      std::size_t drained = 0;
      buf.clear();
      while (drained < 1024 * 1024) {
        auto [rec, got] = co_await c.stream.async_read_some(buf.prepare(16 * 1024), kTok);
        if (rec) break;
        drained += got;
      }
    }
  }

  static std::string peer_address(Conn& c) {
    beast::error_code ec;
    const auto ep = c.stream.socket().remote_endpoint(ec);
    return ec ? std::string("-") : ep.address().to_string();
  }

  asio::awaitable<void> session(std::shared_ptr<Conn> c, std::uint64_t id) {
    struct Deregister {
      Impl* self;
      std::uint64_t id;
      ~Deregister() {
        std::lock_guard lock(self->mutex);
        self->conns.erase(id);
        self->cv.notify_all();
      }
    } dereg{this, id};

    beast::error_code peer_ec;
    const auto peer_ep = c->stream.socket().remote_endpoint(peer_ec);
    const std::string peer = peer_ec ? std::string("-") : peer_ep.address().to_string();
    const std::uint16_t peer_port = peer_ec ? 0 : peer_ep.port();
    beast::flat_buffer buf;
    std::size_t served = 0;

    while (!stopping.load()) {
      // Idle phase: wait for the first byte of the next request.
      if (buf.size() == 0) {
        c->stream.expires_after(served == 0 ? opts.timeouts.header : opts.timeouts.keep_alive);
        auto [ec, n] = co_await c->stream.async_read_some(buf.prepare(4096), kTok);
        if (ec) break;
        buf.commit(n);
      }
      const auto t0 = std::chrono::steady_clock::now();
      const auto wall = std::chrono::system_clock::now();
      Parser parser;
      configure_parser(parser, opts.limits);
      c->stream.expires_after(opts.timeouts.header);
      {
        auto [ec, n] = co_await bhttp::async_read_header(c->stream, buf, parser, kTok);
        (void)n;
        if (ec) {
          if (ec == beast::error::timeout || ec == asio::error::operation_aborted ||
              ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
              ec == asio::error::connection_reset || stopping.load()) {
            break;
          }
          const int status = status_for(ec);
          co_await send_error_and_close(*c, buf, Response::error(status), 11, nullptr, t0, wall);
          break;
        }
      }
      c->busy.store(true);
      Request req;
      req.remote_address = peer;
      req.remote_port = peer_port;
      int head_error = 0;
      try {
        fill_head(req, parser, opts.limits);
      } catch (const HttpError& e) {
        head_error = e.status();
      }
      if (head_error != 0) {
        co_await send_error_and_close(*c, buf, Response::error(head_error), parser.get().version(),
                                      nullptr, t0, wall);
        break;
      }
      req.remote_address = client_address(req, peer, opts.trust_forwarded_for);

      // CSRF before the body is read: a refused request never uploads.
      if (const std::string v = csrf_violation(req, opts.csrf); !v.empty()) {
        log_error("CSRF check refused " + escape_log_value(req.method_text) + " " +
                  escape_log_value(req.path) + ": " + escape_log_value(v));
        co_await send_error_and_close(*c, buf, Response::error(403), req.version, &req, t0, wall);
        break;
      }
      const std::size_t limit = opts.body_limit(req.method, req.path);
      if (parser.content_length() && *parser.content_length() > limit) {
        co_await send_error_and_close(*c, buf, Response::error(413), req.version, &req, t0, wall);
        break;
      }
      parser.body_limit(limit);
      if (!parser.is_done()) {
        if (const auto expect = req.header("Expect")) {
          if (!iequals(*expect, "100-continue")) {
            co_await send_error_and_close(*c, buf, Response::error(417), req.version, &req, t0,
                                          wall);
            break;
          }
          if (req.version == 11) {
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            c->stream.expires_after(opts.timeouts.write);
            auto [wec, wn] = co_await asio::async_write(
                c->stream, asio::buffer(kContinue.data(), kContinue.size()), kTok);
            (void)wn;
            if (wec) break;
          }
        }
        c->stream.expires_after(opts.timeouts.body);
        auto [ec, n] = co_await bhttp::async_read(c->stream, buf, parser, kTok);
        (void)n;
        if (ec) {
          if (ec == bhttp::error::body_limit) {
            co_await send_error_and_close(*c, buf, Response::error(413), req.version, &req, t0,
                                          wall);
          } else if (ec != beast::error::timeout && ec != asio::error::operation_aborted &&
                     ec != asio::error::eof && ec != bhttp::error::end_of_stream &&
                     ec != asio::error::connection_reset && ec != bhttp::error::partial_message) {
            co_await send_error_and_close(*c, buf, Response::error(400), req.version, &req, t0,
                                          wall);
          }
          break;
        }
      }
      req.body = std::move(parser.get().body());
      ++served;
      const bool keep = opts.keep_alive && parser.get().keep_alive() && !stopping.load() &&
                        served < opts.limits.max_requests_per_connection;

      Response res = process_request(req, handler, opts, error_log);
      const int status = res.status;
      const bool head = req.method == Method::Head;
      const std::uint64_t bytes = head ? 0 : res.body.size();
      std::string log_path = res.log_path.empty() ? req.path : res.log_path;
      const bool keep_now = keep && !stopping.load();
      auto msg = to_beast(res, head, keep_now, req.version == 10 ? 10 : 11);
      c->stream.expires_after(opts.timeouts.write);
      auto [wec, wn] = co_await bhttp::async_write(c->stream, msg, kTok);
      (void)wn;
      AccessLogEntry e;
      e.time = wall;
      e.remote_address = req.remote_address;
      e.method = req.method_text;
      e.path = std::move(log_path);
      e.status = status;
      e.bytes = wec ? 0 : bytes;
      e.duration = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - t0);
      log_access(e);
      c->busy.store(false);
      if (wec || !keep_now) break;
    }
    beast::error_code ignored;
    c->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    c->stream.socket().close(ignored);
  }

  void start() {
    if (started.exchange(true)) return;
    work.emplace(asio::make_work_guard(ioc));
    asio::co_spawn(acceptor.get_executor(), accept_loop(), asio::detached);
    unsigned n = opts.threads;
    if (n == 0) n = 2 * std::max(1U, std::thread::hardware_concurrency()) + 2;
    for (unsigned i = 0; i < n; ++i) {
      threads.emplace_back([this] {
        for (;;) {
          try {
            ioc.run();
            return;
          } catch (const std::exception& e) {
            log_error(std::string("io thread: ") + escape_log_value(e.what()));
          }
        }
      });
    }
  }

  void stop(std::chrono::milliseconds grace) {
    if (stopped.exchange(true)) return;
    stopping.store(true);
    if (started.load()) {
      std::promise<void> closed;
      asio::post(acceptor.get_executor(), [&] {
        beast::error_code ec;
        acceptor.close(ec);
        closed.set_value();
      });
      closed.get_future().wait();
    } else {
      beast::error_code ec;
      acceptor.close(ec);
    }
    close_connections(false);
    {
      std::unique_lock lock(mutex);
      cv.wait_for(lock, grace, [&] { return conns.empty(); });
    }
    close_connections(true);
    {
      std::unique_lock lock(mutex);
      cv.wait_for(lock, std::chrono::seconds(2), [&] { return conns.empty(); });
    }
    work.reset();
    ioc.stop();
    for (auto& t : threads) {
      if (t.joinable()) t.join();
    }
  }
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::Server(ServerOptions options, const Router& router) {
  if (!options.body_limit) {
    options.body_limit = [&router](Method m, std::string_view p) {
      return router.body_limit(m, p);
    };
  }
  impl_ = std::make_unique<Impl>(std::move(options), router.handler());
}

Server::~Server() {
  stop(std::chrono::milliseconds(0));
}

void Server::start() {
  impl_->start();
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::stop(std::chrono::milliseconds grace) {
  impl_->stop(grace);
}

void Server::run_until_signal(std::chrono::milliseconds grace) {
  start();
  asio::io_context sig_ioc;
  asio::signal_set signals(sig_ioc, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  sig_ioc.run();
  stop(grace);
}

std::size_t Server::open_connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->conns.size();
}

}  // namespace kn::http
