// libFuzzer target: raw bytes through the server's Beast request parser configuration
// (parse_raw_request: header limit, header count, per-route body limit), then the Request
// conversion (target decoding, query, cookies, form, multipart) and router dispatch through the
// server's pipeline (process_request: CSRF, handler errors, security headers). Contract: no crash,
// no exception escapes, every response has a valid status and the security headers.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/http/parse.hpp"
#include "server/http/server.hpp"

namespace {

const kn::http::Router& router() {
  static const kn::http::Router r = [] {
    using namespace kn::http;
    Router rt;
    rt.get("/", [](Request& q) { return Response::text(std::string(q.cookie("s").value_or(""))); });
    rt.get("/p/{id}/a/{actor}", [](Request& q) {
      return Response::text(std::string(q.param("id").value_or("")) +
                            std::string(q.param("actor").value_or("")));
    });
    rt.post("/form", [](Request& q) { return Response::text(std::to_string(q.form().size())); });
    rt.post("/upload",
            [](Request& q) {
              const auto b = multipart_boundary(std::string(q.header("Content-Type").value_or("")));
              if (!b) throw HttpError(400, "no boundary");
              return Response::text(std::to_string(parse_multipart(q.body, *b).size()));
            },
            {.max_body = 1 << 20});
    rt.get("/static/{path...}", [](Request& q) {
      return Response::text(pick_language(q.header("Accept-Language").value_or("")));
    });
    return rt;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kn::http;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Router& rt = router();
  static const ServerOptions options = [] {
    ServerOptions o;
    o.body_limit = [](Method m, std::string_view p) { return router().body_limit(m, p); };
    return o;
  }();
  RawParseResult parsed = parse_raw_request(bytes, options.limits, options.body_limit);
  if (parsed.status != 0) {
    if (parsed.status != 400 && parsed.status != 413 && parsed.status != 431) std::abort();
    return 0;
  }
  Request& req = parsed.request;
  if (req.body.size() > rt.body_limit(req.method, req.path)) std::abort();
  if (req.path.empty() || req.path.front() != '/') std::abort();
  (void)req.cookies();
  const Response res = process_request(req, rt.handler(), options, {});
  if (res.status < 100 || res.status > 599) std::abort();
  if (!res.headers.has("Content-Security-Policy") || !res.headers.has("X-Content-Type-Options")) {
    std::abort();
  }
  return 0;
}
