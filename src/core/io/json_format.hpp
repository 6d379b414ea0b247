#pragma once
// KlimaNetze JSON network format ("klimanetze-network", version 1): lossless for the whole
// model. Schema (documented in docs/formats.md):
//
// {
//   "format": "klimanetze-network", "version": 1,
//   "title": "...",                                   (optional)
//   "directed": true,                                 (optional, default true)
//   "attributes": { "actors": {"sector": "string", "size": "number", "tags": "list"},
//                   "ties":   {"weight": "number"} }  (optional type declarations)
//   "actors": [ {"id": "a", "attributes": {"sector": "Verwaltung", "tags": ["x", "y"]}} ],
//   "relations": ["zusammenarbeit", "wunsch"],        (optional; ties may add more)
//   "waves": ["2024"],                                (optional; ties may add more)
//   "ties": [ {"source": "a", "target": "b", "relation": "wunsch", "wave": "2024",
//              "attributes": {"weight": 2}} ],
//   "affiliations": [ {"name": "field", "items": ["energy"],
//                      "memberships": [ {"actor": "a", "item": "energy",
//                                        "attributes": {"role": "lead"}} ],
//                      "attributes": {"role": "string"}} ]  (optional type declarations)
// }
// Attribute values: string, number, array of strings, or null (missing). Non-finite numbers
// are written as the strings "NaN", "Inf", "-Inf" in columns declared "number". Without a
// declaration a column's type comes from its values. Ties must name existing actors (an error
// otherwise); relation/wave default to the first one (created as "").

#include <string>
#include <string_view>

#include "core/graph/network.hpp"

namespace kn::io {

/// Throws kn::ParseError with the JSON path (e.g. "$.ties[3].target") or the line of a syntax
/// error.
Network read_json(std::string_view text, const std::string& filename);
/// Pretty-printed (indent 1) UTF-8 JSON.
std::string write_json(const Network& network);

}  // namespace kn::io
