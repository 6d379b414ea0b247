// Unit tests for the pure parsers (parse.hpp) and the Request helpers (message.hpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <functional>

#include "server/http/parse.hpp"

namespace kn::http {
namespace {

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const HttpError& e) {
    return e.status();
  }
  return 0;
}

TEST(PercentDecode, DecodesUtf8Umlauts) {
  EXPECT_EQ(percent_decode("M%C3%BCnster%20%C3%84"), "Münster Ä");
  EXPECT_EQ(percent_decode("a%2fb"), "a/b");
  EXPECT_TRUE(is_valid_utf8(percent_decode("%C3%9F")));
}

TEST(PercentDecode, PlusOnlyInForms) {
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");
}

TEST(PercentDecode, StrictOnInvalidEscapes) {
  for (const char* bad : {"%", "%4", "%G0", "abc%", "%%41", "%4x"}) {
    EXPECT_EQ(status_of([&] { (void)percent_decode(bad); }), 400) << bad;
  }
}

TEST(PercentEncode, RoundTrips) {
  const std::string s = "Grüße & Tschüss/?=#";
  EXPECT_EQ(percent_encode("a b"), "a%20b");
  EXPECT_EQ(percent_decode(percent_encode(s)), s);
}

TEST(Utf8, RejectsInvalid) {
  EXPECT_TRUE(is_valid_utf8("Köln €"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
}

TEST(Query, KeepsDuplicatesInOrder) {
  const Params p = parse_query("a=1&b=%C3%A4&a=2&&flag&c=x+y");
  ASSERT_EQ(p.size(), 5U);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(p[1].second, "ä");
  EXPECT_EQ(p[2], (std::pair<std::string, std::string>{"a", "2"}));
  EXPECT_EQ(p[3], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(p[4].second, "x+y");
  EXPECT_EQ(find_all_params(p, "a"), (std::vector<std::string_view>{"1", "2"}));
  EXPECT_EQ(*find_param(p, "a"), "1");
  EXPECT_FALSE(find_param(p, "z"));
}

TEST(Form, PlusIsSpaceAndLimitsHold) {
  const Params p = parse_form_urlencoded("name=Stadt+M%C3%BCnster&x=a%3Db");
  EXPECT_EQ(*find_param(p, "name"), "Stadt Münster");
  EXPECT_EQ(*find_param(p, "x"), "a=b");
  FormLimits lim;
  lim.max_fields = 2;
  EXPECT_EQ(status_of([&] { (void)parse_form_urlencoded("a=1&b=2&c=3", lim); }), 413);
  lim = {};
  lim.max_key_bytes = 3;
  EXPECT_EQ(status_of([&] { (void)parse_form_urlencoded("abcd=1", lim); }), 413);
  lim = {};
  lim.max_value_bytes = 4;
  EXPECT_EQ(status_of([&] { (void)parse_form_urlencoded("a=%41%41%41%41%41", lim); }), 413);
  EXPECT_EQ(status_of([&] { (void)parse_form_urlencoded("a=%41%41%41%41", lim); }), 0);
  EXPECT_EQ(status_of([&] { (void)parse_form_urlencoded("a=%zz"); }), 400);
}

TEST(Cookie, ParsesAndToleratesQuirks) {
  const Params c = parse_cookie_header(" a=1; b = two ;c=\"q\";noeq; =x; d=; a=dup;bad name=3");
  ASSERT_EQ(c.size(), 5U);
  EXPECT_EQ(c[0], (std::pair<std::string, std::string>{"a", "1"}));
  EXPECT_EQ(c[1], (std::pair<std::string, std::string>{"b", "two"}));
  EXPECT_EQ(c[2], (std::pair<std::string, std::string>{"c", "q"}));
  EXPECT_EQ(c[3], (std::pair<std::string, std::string>{"d", ""}));
  EXPECT_EQ(c[4], (std::pair<std::string, std::string>{"a", "dup"}));
}

TEST(Cookie, GarbageAndLimits) {
  EXPECT_TRUE(parse_cookie_header("").empty());
  EXPECT_TRUE(parse_cookie_header(";;;===;\x01\xff").empty());
  CookieLimits lim;
  lim.max_cookies = 2;
  EXPECT_EQ(parse_cookie_header("a=1;b=2;c=3", lim).size(), 2U);
  lim = {};
  lim.max_header_bytes = 8;
  const Params cut = parse_cookie_header("a=1;b=2;ccc=333", lim);  // "a=1;b=2;" kept
  ASSERT_EQ(cut.size(), 2U);
  EXPECT_EQ(cut[1].first, "b");
}

TEST(MediaType, ParsesParameters) {
  const auto mt = parse_media_type("Multipart/Form-Data; Boundary=\"abc def\"; charset=utf-8");
  ASSERT_TRUE(mt);
  EXPECT_EQ(mt->type, "multipart/form-data");
  EXPECT_EQ(*mt->param("boundary"), "abc def");
  EXPECT_EQ(*mt->param("charset"), "utf-8");
  EXPECT_FALSE(parse_media_type("text"));
  EXPECT_FALSE(parse_media_type("text/html; charset"));
  EXPECT_FALSE(parse_media_type("text/html; a=\"unterminated"));
}

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryX1"),
            "----WebKitFormBoundaryX1");
  EXPECT_FALSE(multipart_boundary("multipart/mixed; boundary=x"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

const std::string kBody =
    "preamble\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "Klimanetz M\xC3\xBCnster\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"netz.csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "a;b\r\n\r\nc;d\r\n"
    "--XyZ--\r\n";

TEST(Multipart, ParsesPartsWithFiles) {
  const auto parts = parse_multipart(kBody, "XyZ");
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_EQ(parts[0].name, "title");
  EXPECT_FALSE(parts[0].filename);
  EXPECT_EQ(parts[0].content_type, "text/plain");
  EXPECT_EQ(parts[0].data, "Klimanetz Münster");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(*parts[1].filename, "netz.csv");
  EXPECT_EQ(parts[1].content_type, "text/csv");
  EXPECT_EQ(parts[1].data, "a;b\r\n\r\nc;d");
}

TEST(Multipart, LimitsAndGarbage) {
  MultipartLimits lim;
  lim.max_parts = 1;
  EXPECT_EQ(status_of([&] { (void)parse_multipart(kBody, "XyZ", lim); }), 413);
  lim = {};
  lim.max_part_bytes = 5;
  EXPECT_EQ(status_of([&] { (void)parse_multipart(kBody, "XyZ", lim); }), 413);
  EXPECT_EQ(status_of([&] { (void)parse_multipart(kBody, "other"); }), 400);
  EXPECT_EQ(status_of([&] { (void)parse_multipart(kBody.substr(0, kBody.size() - 9), "XyZ"); }),
            400);
  EXPECT_EQ(status_of([&] {
              (void)parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b");
            }),
            400);
  EXPECT_EQ(status_of([&] {
              (void)parse_multipart(
                  "--b\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--b--", "b");
            }),
            400);
  EXPECT_EQ(status_of([&] { (void)parse_multipart("", "b"); }), 400);
  EXPECT_EQ(parse_multipart("--b--", "b").size(), 0U);
}

TEST(SetCookie, BuildsHostCookie) {
  SetCookie c;
  c.name = "__Host-kn_session";
  c.value = "abc_DEF-123";
  c.max_age = std::chrono::seconds(3600);
  c.same_site = SameSite::Strict;
  EXPECT_EQ(
      c.to_string(),
      "__Host-kn_session=abc_DEF-123; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict");
  EXPECT_EQ(c.to_delete_string(),
            "__Host-kn_session=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
}

TEST(SetCookie, EnforcesPrefixesAndValues) {
  SetCookie c;
  c.name = "__Host-x";
  c.value = "v";
  c.secure = false;
  EXPECT_THROW((void)c.to_string(), std::invalid_argument);
  c.secure = true;
  c.domain = "example.org";
  EXPECT_THROW((void)c.to_string(), std::invalid_argument);
  c.domain.clear();
  c.path = "/admin";
  EXPECT_THROW((void)c.to_string(), std::invalid_argument);
  SetCookie s;
  s.name = "__Secure-y";
  s.value = "v";
  s.secure = false;
  s.same_site = SameSite::Lax;
  EXPECT_THROW((void)s.to_string(), std::invalid_argument);
  SetCookie v;
  v.name = "a";
  for (const char* bad : {"a b", "a;b", "a,b", "\"q\"", "a\r\nSet-Cookie: x=y", "\\"}) {
    v.value = bad;
    EXPECT_THROW((void)v.to_string(), std::invalid_argument) << bad;
  }
  v.value = "ok";
  v.name = "bad name";
  EXPECT_THROW((void)v.to_string(), std::invalid_argument);
  v.name = "n";
  v.secure = false;
  v.same_site = SameSite::None;
  EXPECT_THROW((void)v.to_string(), std::invalid_argument);
}

TEST(AcceptLanguage, PicksDeOrEn) {
  EXPECT_EQ(pick_language("en-GB,en;q=0.9,de;q=0.8"), "en");
  EXPECT_EQ(pick_language("de-DE,de;q=0.9,en;q=0.8"), "de");
  EXPECT_EQ(pick_language("fr-FR,fr;q=0.9,en;q=0.5,de;q=0.4"), "en");
  EXPECT_EQ(pick_language("en;q=0, de;q=0.1"), "de");
  EXPECT_EQ(pick_language("EN"), "en");
  EXPECT_EQ(pick_language("fr"), "de");
  EXPECT_EQ(pick_language(""), "de");
  EXPECT_EQ(pick_language(";;;,q=,en;q=2,en;q=abc"), "de");
  EXPECT_EQ(pick_language("de;q=0.5, en;q=0.500"), "de");  // tie: earlier wins
  static constexpr std::string_view kOnlyEn[] = {"en"};
  EXPECT_EQ(pick_language("de", kOnlyEn, "en"), "en");
}

TEST(RequestTarget, SplitsAndDecodes) {
  Request r = Request::make(Method::Get, "/umfrage/M%C3%BCnster?token=a%2Bb&x=1+2#frag");
  EXPECT_EQ(r.path, "/umfrage/Münster");
  EXPECT_EQ(r.query_string, "token=a%2Bb&x=1+2");
  EXPECT_EQ(*r.query_param("token"), "a+b");
  EXPECT_EQ(*r.query_param("x"), "1+2");
  r.set_target("http://example.org/a/b?c=d");
  EXPECT_EQ(r.path, "/a/b");
  EXPECT_EQ(*r.query_param("c"), "d");
}

TEST(RequestTarget, RejectsBadTargets) {
  for (const char* bad :
       {"", "*", "relative", "/a%2Fb", "/a%00", "/a/../b", "/./x", "/%zz", "/a?b=%"}) {
    EXPECT_EQ(status_of([&] { (void)Request::make(Method::Get, bad); }), 400) << bad;
  }
}

TEST(RequestHelpers, HeadersCookiesForm) {
  Request r = Request::make(Method::Post, "/f", "a=1&b=Gr%C3%BC%C3%9Fe+dich");
  r.headers.add("content-type", "application/x-www-form-urlencoded; charset=UTF-8");
  r.headers.add("Cookie", "s=1; t=2");
  r.headers.add("COOKIE", "u=3");
  EXPECT_EQ(*r.header("Content-Type"), "application/x-www-form-urlencoded; charset=UTF-8");
  EXPECT_EQ(r.content_type(), "application/x-www-form-urlencoded");
  EXPECT_EQ(*find_param(r.form(), "b"), "Grüße dich");
  EXPECT_EQ(r.cookies().size(), 3U);
  EXPECT_EQ(*r.cookie("u"), "3");
  r.headers.set("Content-Type", "text/plain");
  EXPECT_EQ(status_of([&] { (void)r.form(); }), 415);
}

TEST(HeadersTest, RejectsInjection) {
  Headers h;
  EXPECT_THROW(h.set("X-A", "v\r\nSet-Cookie: a=b"), std::invalid_argument);
  EXPECT_THROW(h.set("X A", "v"), std::invalid_argument);
  EXPECT_THROW(h.add("X-A", std::string_view("a\0b", 3)), std::invalid_argument);
  h.add("X-A", "1");
  h.add("x-a", "2");
  EXPECT_EQ(h.get_all("X-a").size(), 2U);
  h.set("X-A", "3");
  EXPECT_EQ(h.size(), 1U);
  h.remove("x-A");
  EXPECT_TRUE(h.empty());
}

TEST(ResponseHelpers, ContentTypesWithCharset) {
  EXPECT_EQ(*Response::html("<p>").headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(*Response::text("x").headers.get("Content-Type"), "text/plain; charset=utf-8");
  const Response j = Response::json(nlohmann::json{{"a", 1}}, 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, "{\"a\":1}");
  EXPECT_EQ(*j.headers.get("Content-Type"), "application/json; charset=utf-8");
  const Response r = Response::redirect("/danke");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(*r.headers.get("Location"), "/danke");
  EXPECT_EQ(Response::redirect("/x", 302).status, 302);
  EXPECT_THROW((void)Response::redirect("/x", 200), std::invalid_argument);
  EXPECT_THROW((void)Response::redirect("/x\r\nSet-Cookie: a=b"), std::invalid_argument);
  EXPECT_EQ(Response::error(404).body, "Not Found\n");
  EXPECT_EQ(Response::error(400, "bad field").body, "bad field\n");
  EXPECT_EQ(Response::no_content().status, 204);
}

}  // namespace
}  // namespace kn::http
