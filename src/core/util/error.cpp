#include "core/util/error.hpp"

namespace kn {

namespace {
std::string compose(const std::string& file, const std::string& location, const std::string& field,
                    const std::string& message) {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (!location.empty()) out += ":" + location;
  if (!field.empty()) out += ": field '" + field + "'";
  out += ": " + message;
  return out;
}
}  // namespace

ParseError::ParseError(std::string file, std::string location, std::string field,
                       const std::string& message)
    : std::runtime_error(compose(file, location, field, message)),
      file_(std::move(file)),
      location_(std::move(location)),
      field_(std::move(field)),
      detail_(message) {}

ParseError parse_error_at_line(const std::string& file, std::size_t line, const std::string& field,
                               const std::string& message) {
  return {file, "line " + std::to_string(line), field, message};
}

}  // namespace kn
