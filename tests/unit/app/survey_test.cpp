// Questionnaire definitions and the survey payload decoder: the default questionnaire, parse
// errors naming the JSON path and field, and every decoding rule of answers.hpp.

#include <gtest/gtest.h>

#include <algorithm>

#include "app/survey/answers.hpp"
#include "app/survey/questionnaire.hpp"
#include "core/util/error.hpp"

namespace kn::app::survey {
namespace {

const Questionnaire& q() {
  return default_questionnaire();
}
const Section& sec(const char* id) {
  return *q().find_section(id);
}

TEST(Questionnaire, DefaultHasTheDomainSections) {
  std::vector<std::string> ids;
  for (const auto& s : q().sections)
    ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"about", "collaboration", "information", "desired",
                                           "innovations", "general"}));
  EXPECT_EQ(sec("collaboration").relation, "zusammenarbeit");
  EXPECT_EQ(sec("information").relation, "information");
  EXPECT_EQ(sec("desired").relation, "wunsch");
  EXPECT_EQ(q().find_list("barriers")->keys.size(), 11U);
  EXPECT_EQ(q().find_list("enablers")->keys.size(), 8U);
  EXPECT_EQ(q().find_list("fields")->keys.size(), 11U);
  EXPECT_EQ(q().find_list("conditions")->keys.size(), 8U);
}

TEST(Questionnaire, EveryLabelAndOptionHasCatalogueTextInBothLanguages) {
  for (const Lang lang : {Lang::De, Lang::En}) {
    auto check = [&](const Label& l) {
      if (l.key.empty()) return;
      EXPECT_NE(l.text(lang), l.key) << "missing catalogue key " << l.key;
    };
    check(q().consent_title);
    check(q().consent_text);
    for (const auto& s : q().sections) {
      check(s.title);
      check(s.question);
      for (const auto& item : s.items) {
        check(item.label);
        check(item.min_label);
        check(item.max_label);
      }
    }
    const auto keys = catalogue_keys(lang);
    for (const auto& [name, list] : q().lists)
      for (const auto& key : list.keys)
        EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), list.label_prefix + key))
            << name << ": no catalogue text " << list.label_prefix << key;
  }
  EXPECT_EQ(q().find_list("barriers")->label("bureaucracy", Lang::De),
            "Bürokratische oder rechtliche Hürden");
  EXPECT_EQ(q().find_list("barriers")->label("bureaucracy", Lang::En),
            "Bureaucratic or legal hurdles");
}

TEST(Questionnaire, JsonRoundTrip) {
  const auto text = to_json(q());
  const auto again = parse_questionnaire(text, "x");
  EXPECT_EQ(to_json(again), text);
  EXPECT_EQ(again.sections.size(), q().sections.size());
  EXPECT_EQ(*again.find_section("collaboration")->items[3].when_quality_at_most, 3);
}

TEST(Questionnaire, LabelOverridesPerLanguage) {
  const auto def =
      R"({"name":"n","consent_version":"v1","consent_title":{"de":"Zustimmung","en":"Consent"},
    "consent_text":"survey.consent.text","lists":{"yn":{"keys":["ja","nein"],"labels":{"ja":{"de":"Ja","en":"Yes"}}}},
    "sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"single","options":"yn","label":{"de":"Frage"}}]}]})";
  const auto parsed = parse_questionnaire(def, "p.json");
  EXPECT_EQ(parsed.consent_title.text(Lang::De), "Zustimmung");
  EXPECT_EQ(parsed.consent_title.text(Lang::En), "Consent");
  EXPECT_EQ(parsed.find_list("yn")->label("ja", Lang::En), "Yes");
  EXPECT_EQ(parsed.find_list("yn")->label("nein", Lang::En), "nein");  // no label: the key
  // Only a German override: shown in English too rather than nothing.
  EXPECT_EQ(parsed.sections[0].items[0].label.text(Lang::En), "Frage");
}

void expect_error(const std::string& def, const std::string& location, const std::string& field) {
  try {
    parse_questionnaire(def, "q.json");
    FAIL() << "no error for " << def;
  } catch (const kn::ParseError& e) {
    EXPECT_EQ(e.file(), "q.json");
    EXPECT_EQ(e.location(), location) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
  }
}

const std::string kHead =
    R"({"name":"n","consent_version":"v1","consent_title":"a","consent_text":"b","lists":{"l":{"keys":["a","b"]}},)";

TEST(Questionnaire, ErrorsNameThePathAndField) {
  expect_error("{", "byte 2", "");
  expect_error("[]", "$", "");
  expect_error(R"({"name":"n"})", "$", "consent_version");
  expect_error(kHead + R"("sections":[]})", "$", "sections");
  expect_error(kHead + R"("sections":[{"id":"s","kind":"wat","title":"t"}]})", "$.sections[0]",
               "kind");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"single","options":"nope","label":"l"}]}]})",
      "$.sections[0].items[0]", "options");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"scale","min":5,"max":1,"label":"l"}]}]})",
      "$.sections[0].items[0]", "max");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"text","label":"l"},{"key":"x","type":"text","label":"l"}]}]})",
      "$.sections[0].items[1]", "key");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"text","label":"l","colour":"red"}]}]})",
      "$.sections[0].items[0]", "colour");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"text","label":"l","when_quality_at_most":3}]}]})",
      "$.sections[0].items[0]", "when_quality_at_most");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"roster","relation":"r","title":"t"},{"id":"u","kind":"roster","relation":"r","title":"t"}]})",
      "$.sections[1]", "relation");
  expect_error(
      kHead +
          R"("sections":[{"id":"s","kind":"items","title":"t","items":[{"key":"x","type":"text","label":"l"}]},{"id":"s","kind":"items","title":"t","items":[{"key":"y","type":"text","label":"l"}]}]})",
      "$.sections[1]", "id");
  expect_error(kHead + R"("sections":[{"id":"s","kind":"innovations","title":"t"}]})",
               "$.sections[0]", "kind");
  expect_error(kHead + R"("sections":[{"id":"Bad Id","kind":"items","title":"t","items":[]}]})",
               "$.sections[0]", "id");
}

// --- decoder ----------------------------------------------------------------------------------

const std::set<std::int64_t> kRoster = {1, 2, 3, 4, 5};
constexpr std::int64_t kSelf = 5;

SectionAnswers decode(const char* section, const FormFields& f) {
  return decode_section(q(), sec(section), f, kRoster, kSelf);
}

TEST(Decoder, ItemsSection) {
  const auto a = decode("about", {{"i.position", "  Klimaschutzmanagerin \r\n"},
                                  {"i.own_fields", "mobilitaet"},
                                  {"i.own_fields", "energie"},
                                  {"i.own_fields", "mobilitaet"},
                                  {"i.own_role", "planning"}});
  ASSERT_TRUE(a.errors.empty());
  EXPECT_TRUE(a.missing.empty());
  ASSERT_EQ(a.items.size(), 3U);
  EXPECT_EQ(a.items[0].first, "position");
  EXPECT_EQ(std::get<std::string>(a.items[0].second), "Klimaschutzmanagerin");
  // Multi answers: de-duplicated, in the option list's order.
  EXPECT_EQ(std::get<std::vector<std::string>>(a.items[1].second),
            (std::vector<std::string>{"energie", "mobilitaet"}));
  EXPECT_EQ(std::get<std::string>(a.items[2].second), "planning");
}

TEST(Decoder, RequiredItemMissingIsNotAnError) {
  const auto a = decode("about", {{"i.own_fields", ""}});
  EXPECT_TRUE(a.errors.empty());
  ASSERT_EQ(a.missing.size(), 1U);
  EXPECT_EQ(a.missing[0].field, "i.own_fields");
  EXPECT_TRUE(is_missing(a.items[1].second));
}

TEST(Decoder, InvalidItemValues) {
  EXPECT_EQ(decode("about", {{"i.own_role", "boss"}}).errors.at(0),
            (FieldError{"i.own_role", "survey.error.unknown_option", {}}));
  EXPECT_EQ(decode("about", {{"i.own_role", "planning"}, {"i.own_role", "funding"}})
                .errors.at(0)
                .message_key,
            "survey.error.one_choice");
  EXPECT_EQ(decode("general", {{"i.network_satisfaction", "6"}}).errors.at(0),
            (FieldError{"i.network_satisfaction", "survey.error.range", {"1", "5"}}));
  EXPECT_EQ(decode("general", {{"i.network_satisfaction", "2.5"}}).errors.size(), 1U);
  EXPECT_EQ(decode("general", {{"i.network_satisfaction", "0x3"}}).errors.size(), 1U);
  EXPECT_EQ(decode("general", {{"i.suggestions", std::string(4001, 'x')}}).errors.at(0).message_key,
            "survey.error.text");
  EXPECT_TRUE(decode("general", {{"i.suggestions", std::string(4000, 'x')}}).errors.empty());
  // 4000 umlauts are 4000 characters (8000 bytes).
  std::string umlauts;
  for (int i = 0; i < 4000; ++i)
    umlauts += "ä";
  EXPECT_TRUE(decode("general", {{"i.suggestions", umlauts}}).errors.empty());
  EXPECT_EQ(decode("general", {{"i.suggestions", "\xC3"}}).errors.size(), 1U);          // truncated
  EXPECT_EQ(decode("general", {{"i.suggestions", "\xC0\xAF"}}).errors.size(), 1U);      // overlong
  EXPECT_EQ(decode("general", {{"i.suggestions", "\xED\xA0\x80"}}).errors.size(), 1U);  // surrogate
}

TEST(Decoder, UnknownFieldsAreIgnoredInItemsSections) {
  const auto a = decode("general", {{"i.unknown", "x"}, {"csrf", "abc"}});
  EXPECT_TRUE(a.errors.empty());
}

TEST(Decoder, RosterSectionTiesAndConditionalBarriers) {
  const auto a = decode("collaboration", {{"a", "1"},
                                          {"a", "2"},
                                          {"t.1.frequency", "monthly"},
                                          {"t.1.quality", "2"},
                                          {"t.1.barriers", "bureaucracy"},
                                          {"t.1.barriers", "lack_of_time"},
                                          {"t.2.frequency", "weekly"},
                                          {"t.2.quality", "5"},
                                          {"t.2.barriers", "bureaucracy"},  // quality 5: dropped
                                          {"t.2.enablers", "trust"},
                                          {"t.3.quality", "1"}});  // 3 not named: ignored
  ASSERT_TRUE(a.errors.empty());
  ASSERT_EQ(a.ties.size(), 2U);
  EXPECT_EQ(a.ties[0].target, 1);
  EXPECT_EQ(std::get<double>(a.ties[0].attrs.at("quality")), 2.0);
  EXPECT_EQ(std::get<std::vector<std::string>>(a.ties[0].attrs.at("barriers")),
            (std::vector<std::string>{"lack_of_time", "bureaucracy"}));
  EXPECT_EQ(a.ties[1].target, 2);
  EXPECT_FALSE(a.ties[1].attrs.contains("barriers"));
  EXPECT_EQ(std::get<std::vector<std::string>>(a.ties[1].attrs.at("enablers")),
            (std::vector<std::string>{"trust"}));
  EXPECT_TRUE(a.missing.empty());
}

TEST(Decoder, RosterRejectsUnknownActorsAndSelf) {
  EXPECT_EQ(decode("collaboration", {{"a", "99"}}).errors.at(0).message_key,
            "survey.error.unknown_actor");
  EXPECT_EQ(decode("collaboration", {{"a", "5"}}).errors.at(0).message_key,
            "survey.error.unknown_actor");
  EXPECT_EQ(decode("collaboration", {{"a", "-1"}}).errors.size(), 1U);
  EXPECT_EQ(decode("collaboration", {{"a", "1 "}}).errors.size(), 1U);
  EXPECT_EQ(decode("collaboration", {{"a", "99999999999999999999"}}).errors.size(), 1U);
}

TEST(Decoder, RosterMissingRequiredTieItems) {
  const auto a = decode("collaboration", {{"a", "3"}, {"t.3.quality", "4"}});
  EXPECT_TRUE(a.errors.empty());
  ASSERT_EQ(a.missing.size(), 1U);
  EXPECT_EQ(a.missing[0].field, "t.3.frequency");
}

TEST(Decoder, FreeAdditions) {
  const auto a = decode("collaboration", {{"n.0.name", " Lastenrad-Initiative Süd "},
                                          {"n.0.frequency", "yearly"},
                                          {"n.0.quality", "3"},
                                          {"n.1.name", ""},
                                          {"n.2.name", "Lastenrad-Initiative Süd"}});
  ASSERT_EQ(a.free_additions.size(), 1U);
  EXPECT_EQ(a.free_additions[0].name, "Lastenrad-Initiative Süd");
  EXPECT_EQ(std::get<std::string>(a.free_additions[0].attrs.at("frequency")), "yearly");
  ASSERT_EQ(a.errors.size(), 1U);
  EXPECT_EQ(a.errors[0].message_key, "survey.error.duplicate_name");
  EXPECT_EQ(decode("collaboration", {{"n.10.name", "x"}}).errors.at(0).message_key,
            "survey.error.free_addition");
  EXPECT_EQ(decode("collaboration", {{"n.x.name", "x"}}).errors.size(), 1U);
}

TEST(Decoder, TooManyActors) {
  Section s = sec("information");
  s.max_ties = 2;
  const auto a = decode_section(q(), s, {{"a", "1"}, {"a", "2"}, {"a", "3"}}, kRoster, kSelf);
  EXPECT_EQ(a.errors.at(0).message_key, "survey.error.too_many_actors");
}

TEST(Decoder, TooManyFields) {
  FormFields f(20001, {"x", "y"});
  EXPECT_EQ(decode("general", f).errors.at(0).message_key, "survey.error.too_many_fields");
}

TEST(Decoder, Innovations) {
  const auto a = decode("innovations", {{"v.0.title", "Solardach-Börse"},
                                        {"v.0.stage", "pilot"},
                                        {"v.0.field", "energie"},
                                        {"v.0.conditions", "permits"},
                                        {"v.0.conditions", "funding"},
                                        {"v.0.partners", "2"},
                                        {"v.0.partners", "5"},  // self: dropped
                                        {"v.1.title", ""},
                                        {"v.2.description", "ohne Titel"}});
  ASSERT_TRUE(a.errors.empty());
  ASSERT_EQ(a.innovations.size(), 1U);
  EXPECT_EQ(a.innovations[0].title, "Solardach-Börse");
  EXPECT_EQ(a.innovations[0].conditions, (std::vector<std::string>{"funding", "permits"}));
  EXPECT_EQ(a.innovations[0].partners, (std::vector<std::int64_t>{2}));
  ASSERT_EQ(a.missing.size(), 1U);
  EXPECT_EQ(a.missing[0].field, "v.2.title");
  EXPECT_EQ(decode("innovations", {{"v.0.title", "x"}, {"v.0.stage", "dreaming"}}).errors.size(),
            1U);
  EXPECT_EQ(decode("innovations", {{"v.99.title", "x"}}).errors.size(), 1U);
  EXPECT_EQ(decode("innovations", {{"v.0.title", "x"}, {"v.0.partners", "42"}}).errors.size(), 1U);
}

TEST(Encoder, DecodeOfEncodeIsIdentity) {
  Attributes items = {{"position", std::string("Leitung Klimaschutz – Büro")},
                      {"own_fields", std::vector<std::string>{"energie", "mobilitaet"}},
                      {"own_role", std::string("advising")}};
  const auto a = decode("about", encode_items(sec("about"), items));
  ASSERT_TRUE(a.errors.empty());
  for (const auto& [key, value] : a.items)
    EXPECT_EQ(value, items.at(key)) << key;

  std::vector<DecodedTie> ties(2);
  ties[0].target = 1;
  ties[0].attrs = {{"frequency", std::string("weekly")},
                   {"quality", 2.0},
                   {"barriers", std::vector<std::string>{"bureaucracy"}},
                   {"kind", std::vector<std::string>{"information", "funding"}}};
  ties[1].target = 4;
  ties[1].attrs = {{"frequency", std::string("yearly")}, {"quality", 5.0}};
  const auto r = decode("collaboration", encode_ties(sec("collaboration"), ties));
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.ties.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.ties[i].target, ties[i].target);
    EXPECT_EQ(r.ties[i].attrs, ties[i].attrs);
  }

  std::vector<DecodedInnovation> inns(1);
  inns[0] = {"Quartierswärme", "Nahwärme für 40 Häuser", "gebaeude_waerme",
             "planning",       {"funding", "permits"},   {2, 3}};
  const auto v = decode("innovations", encode_innovations(inns));
  ASSERT_TRUE(v.errors.empty());
  ASSERT_EQ(v.innovations.size(), 1U);
  EXPECT_EQ(v.innovations[0].title, inns[0].title);
  EXPECT_EQ(v.innovations[0].description, inns[0].description);
  EXPECT_EQ(v.innovations[0].conditions, inns[0].conditions);
  EXPECT_EQ(v.innovations[0].partners, inns[0].partners);
}

TEST(CleanText, Rules) {
  std::string out;
  EXPECT_TRUE(
      clean_text("a\x01"
                 "b\x7F"
                 "c\r\nd\re\tf",
                 100, out));
  EXPECT_EQ(out, "abc\nd\ne\tf");
  EXPECT_TRUE(clean_text("  \n ", 0, out));
  EXPECT_EQ(out, "");
  EXPECT_TRUE(clean_text("😀ß", 2, out));
  EXPECT_FALSE(clean_text("😀ßx", 2, out));
  EXPECT_FALSE(clean_text("\xF4\x90\x80\x80", 10, out));  // above U+10FFFF
  // Lone CRs become LFs and count towards the limit like every other character.
  EXPECT_FALSE(clean_text("a\r\r\rb", 4, out));
  EXPECT_TRUE(clean_text("a\r\r\rb", 5, out));
  EXPECT_EQ(out, "a\n\n\nb");
  EXPECT_TRUE(clean_text("a\r\nb", 3, out));  // CRLF is one LF
}

}  // namespace
}  // namespace kn::app::survey
