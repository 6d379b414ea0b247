// libFuzzer target: actors CSV files.
//   1. The input is split at the first "%%" into an actors part and a ties part (without "%%"
//      the whole input is the actors part and the ties part is a fixed small file) and given to
//      kn::io::read_csv(ties, ..., actors, ...); on success the CSV round trip must hold.
//   2. The whole input is joined onto a small fixed network with join_actors_csv: on success
//      every existing attribute column keeps its type and no actor is lost; on error the
//      network must be unchanged (csv.hpp).
#include "core/io/json_format.hpp"
#include "fuzz_csv_common.hpp"

namespace {

kn::Network fixed_network() {
  kn::Network net;
  const kn::ActorIndex a = net.add_actor("a");
  const kn::ActorIndex b = net.add_actor("b");
  const kn::ActorIndex c = net.add_actor("Jürgen Groß");
  net.add_actor("7");
  net.set_actor_attr(a, "sector", std::string("Verwaltung"));
  net.set_actor_attr(c, "sector", std::string("Zivilgesellschaft"));
  net.set_actor_attr(a, "size", 12.0);
  net.set_actor_attr(b, "tags", std::vector<std::string>{"energie", "verkehr"});
  net.add_tie(a, b);
  net.add_tie(c, a);
  return net;
}

constexpr std::string_view kFixedTies = "source,target\na,b\nb,Jürgen Groß\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);

  std::string_view actors = text, ties = kFixedTies;
  if (const auto mark = text.find("%%"); mark != std::string_view::npos) {
    actors = text.substr(0, mark);
    ties = text.substr(mark + 2);
  }
  if (auto net = kn::fuzz::try_read(
          [&] { return kn::io::read_csv(ties, "fuzz.csv", actors, "fuzz.actors.csv"); })) {
    kn::fuzz::check_csv_round_trip(*net);
  }

  static const kn::Network base = fixed_network();
  static const std::string base_json = kn::io::write_json(base);
  kn::Network net = base;
  auto joined = kn::fuzz::try_read([&] {
    kn::io::join_actors_csv(net, text, "fuzz.actors.csv");
    return kn::Network{};
  });
  if (!joined) {
    kn::fuzz::check(kn::io::write_json(net) == base_json,
                    "join_actors_csv leaves the network unchanged on error");
    return 0;
  }
  kn::fuzz::check(net.actor_count() >= base.actor_count(), "join_actors_csv keeps the actors");
  for (kn::ActorIndex i = 0; i < base.actor_count(); ++i) {
    kn::fuzz::check(net.actor_id(i) == base.actor_id(i), "join_actors_csv keeps the actor order");
  }
  for (const auto& col : base.actor_attrs().columns()) {
    const kn::AttrColumn* now = net.actor_attrs().find(col.name);
    kn::fuzz::check(now != nullptr && now->type == col.type,
                    "join_actors_csv keeps existing attribute types");
  }
  kn::fuzz::check(net.tie_count() == base.tie_count(), "join_actors_csv keeps the ties");
  return 0;
}
