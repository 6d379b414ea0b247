#pragma once
// Small helpers shared by the subcommands: comma-separated argument lists and writing a
// command's result to a file or stdout.

#include <string>
#include <vector>

namespace kn::cli {

/// "a, b,,c" -> {"a", "b", "c"}: split at commas, spaces around items trimmed, empty items
/// dropped.
std::vector<std::string> split_list(const std::string& text);

/// Writes `content` to `path`, or to stdout when `path` is empty or "-"; throws
/// std::runtime_error naming the file when it cannot be written completely.
void write_output(const std::string& path, const std::string& content);

}  // namespace kn::cli
