#pragma once
// Access and error logging for the server: one line per request with UTC time, method, path
// (never the query string: it may carry invitation tokens), status, bytes and duration. Every
// logged value has CR, LF and other control characters escaped, so a request cannot forge lines.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace kn::http {

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;  ///< When the request head was complete.
  std::string remote_address;
  std::string method;
  std::string path;  ///< Decoded path or the handler's Response::log_path; no query string.
  int status = 0;
  std::uint64_t bytes = 0;  ///< Body bytes sent.
  std::chrono::microseconds duration{0};
};

using AccessLogFn = std::function<void(const AccessLogEntry&)>;
/// Error messages (handler exceptions, I/O problems); already escaped by the caller.
using ErrorLogFn = std::function<void(std::string_view)>;

/// "\r" -> "\\r", "\n" -> "\\n", "\t" -> "\\t", '\\' -> "\\\\", other bytes < 0x20 and 0x7F as
/// "\\xHH", '"' -> "\\\"". UTF-8 above 0x7F is kept.
[[nodiscard]] std::string escape_log_value(std::string_view s);
/// "2026-11-24T10:15:30.123Z" (UTC, milliseconds).
[[nodiscard]] std::string format_utc(std::chrono::system_clock::time_point t);
/// One line without the trailing newline:
/// 2026-11-24T10:15:30.123Z 127.0.0.1 "GET /survey" 200 1234 5.2ms
[[nodiscard]] std::string format_access_log(const AccessLogEntry& e);

/// Writes format_access_log lines to stderr (serialised by a mutex).
[[nodiscard]] AccessLogFn stderr_access_log();
/// Appends lines to `path` (opened once, flushed per line); throws std::runtime_error if it
/// cannot be opened.
[[nodiscard]] AccessLogFn file_access_log(const std::string& path);
/// Writes "<UTC time> error: <message>" to stderr.
[[nodiscard]] ErrorLogFn stderr_error_log();

}  // namespace kn::http
