// Unit tests for the router (router.hpp): params, {rest...}, 404 vs 405 with Allow, HEAD via GET,
// body limits, pattern validation.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "server/http/router.hpp"

namespace kn::http {
namespace {

Response echo(Request& r) {
  std::string out;
  for (const auto& [k, v] : r.route_params)
    out += k + "=" + v + ";";
  return Response::text(out);
}

Router make_router() {
  Router r;
  r.get("/", [](Request&) { return Response::text("root"); });
  r.get("/projects/{id}/actors/{actor}", echo);
  r.post("/projects/{id}/actors/{actor}", echo, {.max_body = 1000});
  r.get("/static/{path...}", echo);
  r.put("/upload", echo, {.max_body = kUploadBodyLimit});
  r.get("/s/{token}", echo, {.log_pattern = true});
  return r;
}

TEST(Router, MatchesParams) {
  const Router router = make_router();
  Request req = Request::make(Method::Get, "/projects/42/actors/Stadtwerke%20M%C3%BCnster");
  const Response res = router.dispatch(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, "id=42;actor=Stadtwerke Münster;");
  EXPECT_EQ(*req.param("id"), "42");
  Request root = Request::make(Method::Get, "/");
  EXPECT_EQ(router.dispatch(root).body, "root");
}

TEST(Router, RestSegment) {
  const Router router = make_router();
  Request req = Request::make(Method::Get, "/static/js/app-1234ABCD.js");
  EXPECT_EQ(router.dispatch(req).body, "path=js/app-1234ABCD.js;");
  Request none = Request::make(Method::Get, "/static/");
  EXPECT_EQ(router.dispatch(none).status, 404);
  Request bare = Request::make(Method::Get, "/static");
  EXPECT_EQ(router.dispatch(bare).status, 404);
}

TEST(Router, NotFoundVersusMethodNotAllowed) {
  const Router router = make_router();
  Request missing = Request::make(Method::Get, "/nope");
  EXPECT_EQ(router.dispatch(missing).status, 404);
  Request trailing = Request::make(Method::Get, "/projects/1/actors/2/");
  EXPECT_EQ(router.dispatch(trailing).status, 404);
  Request empty_param = Request::make(Method::Get, "/projects//actors/2");
  EXPECT_EQ(router.dispatch(empty_param).status, 404);
  Request del = Request::make(Method::Delete, "/projects/1/actors/2");
  const Response r = router.dispatch(del);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(*r.headers.get("Allow"), "GET, HEAD, POST");
  Request post_root = Request::make(Method::Post, "/upload");
  EXPECT_EQ(*router.dispatch(post_root).headers.get("Allow"), "PUT");
  Request other = Request::make(Method::Other, "/");
  EXPECT_EQ(router.dispatch(other).status, 405);
}

TEST(Router, HeadUsesGet) {
  Router router;
  int calls = 0;
  router.get("/x", [&](Request&) {
    ++calls;
    return Response::text("body");
  });
  Request head = Request::make(Method::Head, "/x");
  const Response r = router.dispatch(head);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "body");  // the server drops it and keeps Content-Length
  EXPECT_EQ(calls, 1);
  router.add(Method::Head, "/x", [](Request&) { return Response::text("own head"); });
  Request head2 = Request::make(Method::Head, "/x");
  EXPECT_EQ(router.dispatch(head2).body, "own head");
}

TEST(Router, BodyLimitsPerRoute) {
  Router router = make_router();
  EXPECT_EQ(router.body_limit(Method::Post, "/projects/1/actors/2"), 1000U);
  EXPECT_EQ(router.body_limit(Method::Put, "/upload"), kUploadBodyLimit);
  EXPECT_EQ(router.body_limit(Method::Get, "/"), kDefaultBodyLimit);
  router.set_default_body_limit(10);
  EXPECT_EQ(router.body_limit(Method::Post, "/nope"), 10U);
}

TEST(Router, LogPatternHidesSecret) {
  const Router router = make_router();
  Request req = Request::make(Method::Get, "/s/SECRET_TOKEN");
  const Response r = router.dispatch(req);
  EXPECT_EQ(r.log_path, "/s/{token}");
  Request plain = Request::make(Method::Get, "/");
  EXPECT_TRUE(router.dispatch(plain).log_path.empty());
}

TEST(Router, RejectsBadPatterns) {
  Router r;
  EXPECT_THROW(r.get("x", echo), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{rest...}/b", echo), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{}", echo), std::invalid_argument);
  EXPECT_THROW(r.get("/a/{b-c}", echo), std::invalid_argument);
  EXPECT_THROW(r.get("/a//b", echo), std::invalid_argument);
  EXPECT_THROW(r.get("/a{b}", echo), std::invalid_argument);
  EXPECT_THROW(r.add(Method::Other, "/a", echo), std::invalid_argument);
  r.get("/a", echo);
  EXPECT_THROW(r.get("/a", echo), std::invalid_argument);
  EXPECT_NO_THROW(r.post("/a", echo));
}

TEST(Router, FirstAddedWins) {
  Router r;
  r.get("/items/new", [](Request&) { return Response::text("new"); });
  r.get("/items/{id}", [](Request&) { return Response::text("id"); });
  Request a = Request::make(Method::Get, "/items/new");
  Request b = Request::make(Method::Get, "/items/7");
  EXPECT_EQ(r.dispatch(a).body, "new");
  EXPECT_EQ(r.dispatch(b).body, "id");
}

}  // namespace
}  // namespace kn::http
