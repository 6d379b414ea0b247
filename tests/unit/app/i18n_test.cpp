#include <gtest/gtest.h>

#include "app/i18n.hpp"

namespace kn::app {
namespace {

TEST(I18n, CataloguesHaveTheSameKeys) {
  const auto de = catalogue_keys(Lang::De);
  const auto en = catalogue_keys(Lang::En);
  EXPECT_GT(de.size(), 40U);
  EXPECT_EQ(de, en);
}

TEST(I18n, GermanIsUtf8AndEnglishDiffers) {
  EXPECT_EQ(tr(Lang::De, "analyze.reciprocity"), "Reziprozität");
  EXPECT_EQ(tr(Lang::En, "analyze.reciprocity"), "Reciprocity");
  EXPECT_EQ(tr(Lang::De, "analyze.size"), "Größe");
}

TEST(I18n, MissingKeyFallsBackToKey) {
  EXPECT_EQ(tr(Lang::De, "no.such.key"), "no.such.key");
}

TEST(I18n, TrOrFallsBackToTheGivenText) {
  EXPECT_EQ(tr_or(Lang::De, "sector.verwaltung", "verwaltung"), "Verwaltung");
  EXPECT_EQ(tr_or(Lang::En, "field.gebaeude_waerme", "x"), "Buildings & heat");
  EXPECT_EQ(tr_or(Lang::De, "sector.eigene_gruppe", "eigene_gruppe"), "eigene_gruppe");
}

TEST(I18n, FormatReplacesPlaceholders) {
  EXPECT_EQ(tr_format(Lang::En, "analyze.top_actors", {"10", "Betweenness"}),
            "Central actors (top 10 by Betweenness)");
  EXPECT_EQ(tr_format(Lang::De, "analyze.groups", {"sector"}), "Gruppen nach „sector“");
}

TEST(I18n, ParseLang) {
  EXPECT_EQ(parse_lang("de"), Lang::De);
  EXPECT_EQ(parse_lang("EN"), Lang::En);
  EXPECT_EQ(parse_lang("de_DE.UTF-8"), Lang::De);
  EXPECT_THROW(parse_lang("fr"), std::invalid_argument);
  EXPECT_EQ(lang_code(Lang::En), "en");
}

}  // namespace
}  // namespace kn::app
