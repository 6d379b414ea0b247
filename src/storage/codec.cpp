// Tagged-JSON encoding of kn::Value and attribute maps (storage/codec.hpp), via nlohmann.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/codec.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "storage/repository.hpp"

namespace kn::storage::codec {

namespace {

using nlohmann::json;

json to_json(const kn::Value& value) {
  json out = json::object();
  if (const auto* s = std::get_if<std::string>(&value)) {
    out["s"] = *s;
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (std::isnan(*d))
      out["n"] = "nan";
    else if (std::isinf(*d))
      out["n"] = *d > 0 ? "inf" : "-inf";
    else
      out["n"] = *d;
  } else if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
    out["l"] = *l;
  } else {
    out["m"] = 0;
  }
  return out;
}

kn::Value from_json(const json& j) {
  if (!j.is_object() || j.size() != 1)
    throw StorageError(StorageError::Kind::Io, "storage: malformed stored attribute value");
  const auto& [tag, v] = *j.items().begin();
  if (tag == "s") return v.get<std::string>();
  if (tag == "l") return v.get<std::vector<std::string>>();
  if (tag == "m") return std::monostate{};
  if (tag == "n") {
    if (v.is_string()) {
      const auto text = v.get<std::string>();
      if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
      return text == "inf" ? std::numeric_limits<double>::infinity()
                           : -std::numeric_limits<double>::infinity();
    }
    return v.get<double>();
  }
  throw StorageError(StorageError::Kind::Io, "storage: unknown stored attribute type");
}

std::string dump(const json& j) {
  try {
    return j.dump();
  } catch (const json::type_error&) {
    throw StorageError(StorageError::Kind::Invalid, "storage: text is not valid UTF-8");
  }
}

json parse(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    throw StorageError(StorageError::Kind::Io, "storage: malformed stored JSON");
  }
}

}  // namespace

std::string encode_value(const kn::Value& value) {
  return dump(to_json(value));
}

kn::Value decode_value(const std::string& text) {
  try {
    return from_json(parse(text));
  } catch (const json::exception&) {
    throw StorageError(StorageError::Kind::Io, "storage: malformed stored attribute value");
  }
}

std::string encode_attrs(const Attributes& attrs) {
  json out = json::object();
  for (const auto& [name, value] : attrs)
    out[name] = to_json(value);
  return dump(out);
}

Attributes decode_attrs(const std::string& text) {
  Attributes out;
  if (text.empty()) return out;
  try {
    const json j = parse(text);
    for (const auto& [name, value] : j.items())
      out.emplace(name, from_json(value));
  } catch (const json::exception&) {
    throw StorageError(StorageError::Kind::Io, "storage: malformed stored attributes");
  }
  return out;
}

std::string encode_strings(const std::vector<std::string>& list) {
  return dump(json(list));
}

std::vector<std::string> decode_strings(const std::string& text) {
  if (text.empty()) return {};
  try {
    return parse(text).get<std::vector<std::string>>();
  } catch (const json::exception&) {
    throw StorageError(StorageError::Kind::Io, "storage: malformed stored list");
  }
}

}  // namespace kn::storage::codec
