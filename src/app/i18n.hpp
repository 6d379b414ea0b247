#pragma once
// The one i18n mechanism: key -> text catalogues in i18n/<lang>.properties (UTF-8), embedded
// into the binary at build time. German is the default language, English the second.
// Placeholders {0}, {1}, ... are replaced by format().

#include <string>
#include <string_view>
#include <vector>

namespace kn::app {

enum class Lang { De, En };

/// "de"/"en" (case-insensitive, also "de_DE.UTF-8"-style); throws std::invalid_argument otherwise.
Lang parse_lang(std::string_view text);
std::string_view lang_code(Lang lang);

/// Text for `key` in `lang`; the key itself if it is missing (a test keeps catalogues complete).
const std::string& tr(Lang lang, std::string_view key);
/// Text for `key`, or `fallback` when the catalogue has none (labels of data keys such as
/// sectors and fields of action, which may come from any file).
std::string tr_or(Lang lang, std::string_view key, const std::string& fallback);
/// tr() with {0}, {1}, ... replaced by args.
std::string tr_format(Lang lang, std::string_view key, const std::vector<std::string>& args);
/// All keys of a catalogue, sorted.
std::vector<std::string> catalogue_keys(Lang lang);

}  // namespace kn::app
