#pragma once
// Lossless text encoding of typed attribute values for the database (storage-internal): JSON
// with a type tag per value, {"s": "text"}, {"n": 1.5}, {"l": ["a", "b"]}, {"m": 0} (missing);
// non-finite numbers as {"n": "nan" | "inf" | "-inf"}. Invalid UTF-8 is refused (Invalid).

#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kn::storage::codec {

std::string encode_value(const kn::Value& value);
kn::Value decode_value(const std::string& text);
/// Attributes as one JSON object name -> tagged value.
std::string encode_attrs(const Attributes& attrs);
Attributes decode_attrs(const std::string& text);
std::string encode_strings(const std::vector<std::string>& list);
std::vector<std::string> decode_strings(const std::string& text);

}  // namespace kn::storage::codec
