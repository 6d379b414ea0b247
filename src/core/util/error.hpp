#pragma once
// Error for bad input files: names the file, the line (or XML element / JSON path) and the field.
// Readers throw it; the CLI prints what() and exits with code 2. A reader never returns a partial
// network after an error.

#include <stdexcept>
#include <string>

namespace kn {

class ParseError : public std::runtime_error {
 public:
  /// `location` is "line 12" / "line 12, column 3" / "element <edge id=\"e4\">" / "$.actors[3]".
  ParseError(std::string file, std::string location, std::string field, const std::string& message);

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] const std::string& location() const { return location_; }
  [[nodiscard]] const std::string& field() const { return field_; }
  /// The message alone, without file/location/field.
  [[nodiscard]] const std::string& detail() const { return detail_; }

 private:
  std::string file_, location_, field_, detail_;
};

/// Convenience: location "line N".
ParseError parse_error_at_line(const std::string& file, std::size_t line, const std::string& field,
                               const std::string& message);

}  // namespace kn
