#pragma once
// A small blocking HTTP/1.1 test client on raw POSIX sockets (no Beast), for tests that talk to
// a real server on 127.0.0.1: send raw bytes, read one response (Content-Length or chunked),
// detect that the server closed the connection. Header-only so other test binaries can use it.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kn::test {

struct RawResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string raw_head;  ///< Status line and header block as received.

  /// First header value with this name (case-insensitive), or empty optional.
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < k.size(); ++i) {
        auto lo = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lo(k[i]) != lo(name[i])) same = false;
      }
      if (same) return v;
    }
    return std::nullopt;
  }
};

class TestClient {
 public:
  /// Connects to 127.0.0.1:port; throws std::runtime_error if that fails.
  explicit TestClient(std::uint16_t port) {
    if (!try_connect(port)) throw std::runtime_error("connect failed");
  }
  TestClient() = default;
  ~TestClient() { close(); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;
  TestClient(TestClient&& o) noexcept : fd_(std::exchange(o.fd_, -1)), buf_(std::move(o.buf_)) {}

  /// Connects; false (errno set) if refused.
  bool try_connect(std::uint16_t port) {
    close();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close();
      return false;
    }
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return true;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buf_.clear();
  }

  /// Sends all bytes; false if the peer closed or reset the connection.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  /// Reads one response; empty optional on timeout, close before a full response, or reset.
  /// `head_request`: the response to a HEAD has no body even with Content-Length.
  std::optional<RawResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::milliseconds(3000),
      bool head_request = false) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t head_end;
    while ((head_end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(deadline)) return std::nullopt;
    }
    RawResponse r;
    r.raw_head = buf_.substr(0, head_end + 2);
    std::string_view head(r.raw_head);
    const auto eol = head.find("\r\n");
    const std::string_view status_line = head.substr(0, eol);
    if (status_line.size() < 12 || status_line.substr(0, 5) != "HTTP/") return std::nullopt;
    r.status = std::stoi(std::string(status_line.substr(9, 3)));
    r.reason = std::string(status_line.substr(std::min<std::size_t>(13, status_line.size())));
    head.remove_prefix(eol + 2);
    while (!head.empty()) {
      const auto e = head.find("\r\n");
      const std::string_view line = head.substr(0, e);
      head.remove_prefix(e + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
      r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(v));
    }
    buf_.erase(0, head_end + 4);
    if (head_request || r.status == 204 || r.status == 304 || r.status < 200) return r;
    if (const auto te = r.header("Transfer-Encoding");
        te && te->find("chunked") != std::string::npos) {
      for (;;) {
        std::size_t e;
        while ((e = buf_.find("\r\n")) == std::string::npos) {
          if (!fill(deadline)) return std::nullopt;
        }
        const std::size_t size = std::stoul(buf_.substr(0, e), nullptr, 16);
        while (buf_.size() < e + 2 + size + 2) {
          if (!fill(deadline)) return std::nullopt;
        }
        r.body += buf_.substr(e + 2, size);
        buf_.erase(0, e + 2 + size + 2);
        if (size == 0) return r;
      }
    }
    const auto cl = r.header("Content-Length");
    if (cl) {
      const std::size_t n = std::stoul(*cl);
      while (buf_.size() < n) {
        if (!fill(deadline)) return std::nullopt;
      }
      r.body = buf_.substr(0, n);
      buf_.erase(0, n);
      return r;
    }
    while (fill(deadline)) {
    }
    r.body = std::move(buf_);
    buf_.clear();
    return r;
  }

  /// Sends a request and reads its response.
  std::optional<RawResponse> request(
      std::string_view raw, std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
    if (!send(raw)) return std::nullopt;
    return read_response(timeout, raw.substr(0, 5) == "HEAD ");
  }

  /// True if the server closes (EOF or reset) within `timeout`; data received before is dropped.
  bool wait_closed(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const int r = wait_readable(deadline);
      if (r <= 0) return false;
      char tmp[4096];
      const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return true;
    }
  }

  [[nodiscard]] int fd() const { return fd_; }

 private:
  int wait_readable(std::chrono::steady_clock::time_point deadline) const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 0;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(left.count()));
  }

  bool fill(std::chrono::steady_clock::time_point deadline) {
    if (wait_readable(deadline) <= 0) return false;
    char tmp[16384];
    const ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buf_;
};

/// One request on a fresh connection.
inline std::optional<RawResponse> http_request(std::uint16_t port, std::string_view raw) {
  TestClient c(port);
  return c.request(raw);
}

}  // namespace kn::test
