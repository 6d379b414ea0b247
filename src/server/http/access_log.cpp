// Access log formatting with control-character escaping, and the stderr/file log sinks.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/access_log.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace kn::http {

std::string escape_log_value(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\r':
        out += "\\r";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          out += fmt::format("\\x{:02X}", u);
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

std::string format_utc(std::chrono::system_clock::time_point t) {
  const auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count();
  const std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string format_access_log(const AccessLogEntry& e) {
  const double ms = static_cast<double>(e.duration.count()) / 1000.0;
  return fmt::format("{} {} \"{} {}\" {} {} {:.1f}ms", format_utc(e.time),
                     escape_log_value(e.remote_address), escape_log_value(e.method),
                     escape_log_value(e.path), e.status, e.bytes, ms);
}

AccessLogFn stderr_access_log() {
  auto m = std::make_shared<std::mutex>();
  return [m](const AccessLogEntry& e) {
    const std::string line = format_access_log(e) + "\n";
    std::lock_guard lock(*m);
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

AccessLogFn file_access_log(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (!f) throw std::runtime_error("cannot open access log " + path);
  auto file = std::shared_ptr<std::FILE>(f, [](std::FILE* p) { std::fclose(p); });
  auto m = std::make_shared<std::mutex>();
  return [file, m](const AccessLogEntry& e) {
    const std::string line = format_access_log(e) + "\n";
    std::lock_guard lock(*m);
    std::fwrite(line.data(), 1, line.size(), file.get());
    std::fflush(file.get());
  };
}

ErrorLogFn stderr_error_log() {
  auto m = std::make_shared<std::mutex>();
  return [m](std::string_view msg) {
    const std::string line =
        format_utc(std::chrono::system_clock::now()) + " error: " + std::string(msg) + "\n";
    std::lock_guard lock(*m);
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

}  // namespace kn::http
