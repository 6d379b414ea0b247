#pragma once
// Helpers for the admin-area tests (admin_*_test.cpp): users with roles and project
// memberships, logging in a Browser, multipart uploads, reading test data files, and checks
// that a text holds none of the demo actors' names or contact addresses.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "server/web/html.hpp"
#include "server/web/secrets.hpp"
#include "unit/web/web_fixture.hpp"

namespace kn::test {

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(KN_TEST_DATA_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A multipart/form-data body with text fields and one file part "file".
struct Multipart {
  std::string boundary = "----kn-test-boundary-7d2f";
  std::string body;
  void add_field(const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  }
  void add_file(const std::string& filename, const std::string& content, const std::string& type) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + content + "\r\n";
  }
  [[nodiscard]] std::string finish() const { return body + "--" + boundary + "--\r\n"; }
  [[nodiscard]] std::string content_type() const {
    return "multipart/form-data; boundary=" + boundary;
  }
};

class AdminFixture : public WebFixture {
 protected:
  static constexpr const char* kPassword = "Lange-Testphrase-2026";

  /// Creates a user; with `project` also a membership with `member_role` there.
  storage::User make_user(const std::string& email, storage::Role role, storage::Id project = 0,
                          storage::Role member_role = storage::Role::Researcher) {
    storage::User u;
    u.email = email;
    u.display_name = "Test " + email.substr(0, email.find('@'));
    u.role = role;
    u.password_hash = web::hash_password(kPassword);
    u = repo_->create_user(u);
    if (project != 0) repo_->set_membership(project, u.id, member_role);
    return u;
  }

  Browser login(const std::string& email, const std::string& password = kPassword) {
    Browser b = browser();
    b.get("/admin/login");
    const auto r = b.post_form("/admin/login", {{"email", email}, {"password", password}});
    EXPECT_EQ(r.status, 303) << r.body;
    b.get("/admin/projects");  // a page with the session's CSRF token
    return b;
  }

  /// Uploads a roster file to the project's import route.
  RawResponse upload(Browser& b, const std::string& filename, const std::string& content,
                     const std::string& sheet = {}, const std::string& slug = {}) {
    Multipart m;
    m.add_field("csrf", b.csrf());
    if (!sheet.empty()) m.add_field("sheet", sheet);
    const bool xlsx = filename.size() > 5 && filename.substr(filename.size() - 5) == ".xlsx";
    m.add_file(
        filename, content,
        xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
    return b.request("POST", "/admin/p/" + (slug.empty() ? seed_.project_slug : slug) + "/import",
                     m.finish(), m.content_type());
  }

  std::string base() const { return "/admin/p/" + seed_.project_slug; }

  /// Every demo actor name (raw and HTML-escaped) and contact address that occurs in `text`.
  std::vector<std::string> personal_data_in(const std::string& text) {
    std::vector<std::string> found;
    for (const auto& a : repo_->list_actors(seed_.project_id, true)) {
      for (const auto& s : {a.name, web::esc(a.name), a.contact_email, a.contact_name})
        if (!s.empty() && text.find(s) != std::string::npos) found.push_back(s);
    }
    if (text.find("@musterstadt.example") != std::string::npos)
      found.emplace_back("@musterstadt.example");
    return found;
  }

  /// Splits a ';' CSV line (no quoted separators in the test data).
  static std::vector<std::string> split(const std::string& line, char sep = ';') {
    std::vector<std::string> out;
    std::string cur;
    for (const char c : line) {
      if (c == sep) {
        out.push_back(cur);
        cur.clear();
      } else if (c != '\r') {
        cur.push_back(c);
      }
    }
    out.push_back(cur);
    return out;
  }

  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
      if (!line.empty() && line != "\r") out.push_back(line);
    return out;
  }
};

}  // namespace kn::test
