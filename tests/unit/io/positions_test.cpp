// Positions files (core/io/positions.hpp): the CSV reading rules, column order, quoted ids with
// umlauts and separators, an exact round trip, and every error naming file, line and field.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>

#include "core/io/positions.hpp"
#include "core/util/error.hpp"

namespace kn::io {
namespace {

Network three() {
  Network n;
  for (const char* id : {"a", "Bürgerverein Süd", "x;y"})
    n.add_actor(id);
  return n;
}

ParseError error_of(std::string_view text, bool require_all = false) {
  try {
    read_positions(text, "pos.csv", three(), require_all);
  } catch (const ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return ParseError("", "", "", "");
}

TEST(Positions, ReadsAnyColumnOrderSeparatorBomAndQuotes) {
  const auto p = read_positions(
      "\xEF\xBB\xBFy;extra;id;x\r\n-2.5;z;\"Bürgerverein Süd\";1e3\r\n\r\n0;z;\"x;y\";-0\r\n",
      "pos.csv", three(), false);
  EXPECT_TRUE(std::isnan(p.x[0]));  // "a" has no row
  EXPECT_EQ(p.x[1], 1000.0);
  EXPECT_EQ(p.y[1], -2.5);
  EXPECT_EQ(p.x[2], 0.0);
  EXPECT_TRUE(std::signbit(p.x[2]));
}

TEST(Positions, WriteThenReadIsBitIdentical) {
  const Network n = three();
  const std::vector<double> x = {1.0 / 3.0, -1e-300, 123456.789}, y = {0.1 + 0.2, 5e300, -0.0};
  const std::string text = write_positions(n, x, y);
  EXPECT_EQ(text.rfind("id,x,y\n", 0), 0U);
  EXPECT_NE(text.find("\"x;y\""), std::string::npos);  // quoted: it holds a separator
  const auto p = read_positions(text, "w.csv", n, true);
  EXPECT_EQ(p.x, x);
  EXPECT_EQ(p.y, y);
  EXPECT_TRUE(std::signbit(p.y[2]));
}

TEST(Positions, ErrorsNameFileLineAndField) {
  auto e = error_of("id,x,y\na,1,2\n\"x;y\",zwei,3\n");
  EXPECT_EQ(e.file(), "pos.csv");
  EXPECT_EQ(e.field(), "x");
  EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  e = error_of("id,x,y\na,1,nan\n");
  EXPECT_EQ(e.field(), "y");
  e = error_of("id,x,y\na,1,1e999\n");  // overflows to infinity: not finite
  EXPECT_EQ(e.field(), "y");
  e = error_of("id,x,y\nniemand,1,2\n");
  EXPECT_EQ(e.field(), "id");
  EXPECT_NE(std::string(e.what()).find("niemand"), std::string::npos);
  e = error_of("id,x,y\na,1,2\na,3,4\n");
  EXPECT_NE(std::string(e.what()).find("repeated"), std::string::npos);
  e = error_of("id,x,y\na,1\n");
  EXPECT_EQ(e.field(), "y");
  e = error_of("name,x,y\na,1,2\n");
  EXPECT_EQ(e.field(), "header");
  e = error_of("");
  EXPECT_EQ(e.field(), "header");
  e = error_of("id,x,y\n\"a,1,2\n");  // broken quoting
  EXPECT_EQ(e.file(), "pos.csv");
  e = error_of("id,x,y\na,1,2\n", true);
  EXPECT_EQ(e.field(), "id");
  EXPECT_NE(std::string(e.what()).find("Bürgerverein Süd"), std::string::npos);
}

}  // namespace
}  // namespace kn::io
