// Every catalogue key the web application names in its sources exists in both catalogues, so no
// page ever shows a raw key. Scans the string literals of src/server/web and src/app/survey for
// keys with the web prefixes (survey., admin., web., serve.); keys built at run time from a
// prefix (e.g. "admin.role." + role) end with '.' and are skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "app/i18n.hpp"

namespace kn::test {
namespace {

TEST(WebI18n, EveryKeyUsedInTheSourcesExists) {
  const std::filesystem::path root =
      std::filesystem::path(KN_TEST_DATA_DIR).parent_path().parent_path();
  const std::regex literal("\"((survey|admin|web|serve|map)\\.[a-z0-9_.]*[a-z0-9_])\"");
  std::set<std::string> used;
  // web/src: the map bundle's strings (map.ui.*), looked up in the catalogue island of the page.
  for (const char* dir : {"src/server/web", "src/app/survey", "src/cli", "web/src"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp" && ext != ".js") continue;
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      for (std::sregex_iterator it(s.begin(), s.end(), literal), end; it != end; ++it)
        if (const std::string key = (*it)[1]; key != "map.js" && key != "map.css") used.insert(key);
    }
  }
  ASSERT_GT(used.size(), 100U) << "the scan found too few keys: wrong source root " << root;
  for (const auto lang : {app::Lang::De, app::Lang::En}) {
    const auto keys = app::catalogue_keys(lang);
    for (const auto& key : used)
      EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), key))
          << key << " is missing in " << app::lang_code(lang);
  }
}

}  // namespace
}  // namespace kn::test
