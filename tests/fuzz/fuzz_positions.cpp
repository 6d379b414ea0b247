// libFuzzer target: positions files (kn::io::read_positions, core/io/positions.hpp) against a
// fixed network whose actor ids include umlauts, a quote, a separator and a space.
// Contract: Positions or kn::ParseError (naming file, line or "end of file", and a field); on
// success every coordinate read is finite, actors without a row are NaN (require_all = false),
// with require_all every actor has a row; and write_positions -> read_positions gives the same
// coordinates bit for bit.
#include <cmath>
#include <cstring>
#include <string>

#include "core/io/positions.hpp"
#include "fuzz_common.hpp"

namespace {

const kn::Network& network() {
  static const kn::Network n = [] {
    kn::Network net;
    for (const char* id : {"a", "b", "Bürgerverein Süd", "x;y", "q\"uote", "sp ace", "7"})
      net.add_actor(id);
    return net;
  }();
  return n;
}

void check_parse_error(const kn::ParseError& e) {
  kn::fuzz::check(!e.file().empty() && !e.field().empty(), "errors name the file and a field",
                  e.what());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  const kn::Network& net = network();
  for (const bool require_all : {false, true}) {
    kn::io::Positions p;
    try {
      p = kn::io::read_positions(text, "fuzz.csv", net, require_all);
    } catch (const kn::ParseError& e) {
      check_parse_error(e);
      continue;
    } catch (const std::exception& e) {
      kn::fuzz::violated("unexpected exception", e.what());
    }
    kn::fuzz::check(p.x.size() == net.actor_count() && p.y.size() == net.actor_count(),
                    "one entry per actor");
    bool all = true;
    for (std::size_t a = 0; a < p.x.size(); ++a) {
      kn::fuzz::check(std::isnan(p.x[a]) == std::isnan(p.y[a]), "x and y set together");
      if (std::isnan(p.x[a])) {
        all = false;
        continue;
      }
      kn::fuzz::check(std::isfinite(p.x[a]) && std::isfinite(p.y[a]), "coordinates finite");
    }
    if (require_all) kn::fuzz::check(all, "require_all: every actor has a row");
    if (!all) continue;
    const std::string written = kn::io::write_positions(net, p.x, p.y);
    kn::io::Positions back;
    try {
      back = kn::io::read_positions(written, "written.csv", net, true);
    } catch (const std::exception& e) {
      kn::fuzz::violated("written positions do not read back",
                         std::string(e.what()) + "\n" + written);
    }
    for (std::size_t a = 0; a < p.x.size(); ++a)
      kn::fuzz::check(std::memcmp(&back.x[a], &p.x[a], sizeof(double)) == 0 &&
                          std::memcmp(&back.y[a], &p.y[a], sizeof(double)) == 0,
                      "round trip is bit-identical", written);
  }
  return 0;
}
