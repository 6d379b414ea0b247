// UTF-8 primitives: every valid length, the invalid forms (overlong, surrogates, above
// U+10FFFF, truncated, stray continuation bytes) and encode -> decode for all code points.

#include <gtest/gtest.h>

#include "core/util/utf8.hpp"

namespace kn {
namespace {

TEST(Utf8, DecodesEveryLength) {
  std::uint32_t cp = 0;
  EXPECT_EQ(utf8_decode("a", 0, cp), 1U);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(utf8_decode("ä", 0, cp), 2U);
  EXPECT_EQ(cp, 0xE4U);
  EXPECT_EQ(utf8_decode("€", 0, cp), 3U);
  EXPECT_EQ(cp, 0x20ACU);
  EXPECT_EQ(utf8_decode("🌍", 0, cp), 4U);
  EXPECT_EQ(cp, 0x1F30DU);
}

TEST(Utf8, RejectsInvalidForms) {
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",  // overlong
                                "\xED\xA0\x80", "\xED\xBF\xBF",                  // surrogates
                                "\xF4\x90\x80\x80",                              // > U+10FFFF
                                "\xC3", "\xE2\x82", "\x80", "\xFF", "a\xC3"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << testing::PrintToString(bad);
  }
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Grüße aus Münster – 🌱"));
}

TEST(Utf8, EncodeDecodeRoundTripOverAllScalarValues) {
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    append_utf8(s, cp);
    std::uint32_t back = 0;
    ASSERT_EQ(utf8_decode(s, 0, back), s.size()) << cp;
    ASSERT_EQ(back, cp);
  }
}

}  // namespace
}  // namespace kn
