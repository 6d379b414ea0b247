// libFuzzer target: kn::io::read_csv on a ties file alone (or an actors-only file, which
// read_csv also accepts). On success the CSV round trip must hold (fuzz_csv_common.hpp).
#include "fuzz_csv_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kn::fuzz::as_text(data, size);
  auto net = kn::fuzz::try_read([&] { return kn::io::read_csv(text, "fuzz.csv"); });
  if (net) kn::fuzz::check_csv_round_trip(*net);
  return 0;
}
