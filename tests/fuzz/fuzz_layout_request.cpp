// libFuzzer target: the body of POST /api/v1/projects/{slug}/layout
// (kn::web::parse_layout_request, server/web/map_service.hpp).
// Contract: a LayoutRequest or kn::web::MapQueryError, nothing else; on success exactly one of
// seed (>= 0) and positions, every coordinate finite, at most 200,000 positions; and the request
// written back as JSON parses to the same request.
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_common.hpp"
#include "server/web/map_service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  kn::web::LayoutRequest r;
  try {
    r = kn::web::parse_layout_request(text);
  } catch (const kn::web::MapQueryError& e) {
    kn::fuzz::check(std::string(e.what()).size() > 0, "errors say what is wrong");
    return 0;
  } catch (const std::exception& e) {
    kn::fuzz::violated("unexpected exception", e.what());
  }
  if (r.seed) {
    kn::fuzz::check(*r.seed >= 0, "seed is non-negative");
    kn::fuzz::check(r.positions.empty(), "a seed comes without positions");
  }
  kn::fuzz::check(r.positions.size() <= 200000, "at most 200000 positions");
  nlohmann::json again = {{"wave", r.wave}, {"relation", r.relation}};
  if (r.seed) {
    again["seed"] = *r.seed;
  } else {
    again["positions"] = nlohmann::json::object();
    for (const auto& [id, xy] : r.positions) {
      kn::fuzz::check(std::isfinite(xy.first) && std::isfinite(xy.second), "finite coordinates");
      again["positions"][id] = {xy.first, xy.second};
    }
  }
  const auto back = kn::web::parse_layout_request(again.dump());
  kn::fuzz::check(back.wave == r.wave && back.relation == r.relation && back.seed == r.seed &&
                      back.positions == r.positions,
                  "a request written back parses to the same request", again.dump());
  return 0;
}
