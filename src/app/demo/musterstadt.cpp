// Musterstadt demo generator; the model is documented in docs/demo.md.
#include "app/demo/musterstadt.hpp"

#include <algorithm>
#include <limits>
#include <random>
#include <set>
#include <span>
#include <stdexcept>
#include <string>

namespace kn::app {
namespace {

// ---- deterministic randomness -------------------------------------------------------------
// std::mt19937_64 is specified bit-exactly by the standard; the helpers below use only integer
// arithmetic and exact IEEE operations, so the stream of decisions is the same everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// Uniform integer in [0, n), n > 0, unbiased (rejection of the 2^64 mod n lowest values).
  std::uint32_t below(std::uint32_t n) {
    const std::uint64_t range = n;
    const std::uint64_t threshold = (0 - range) % range;
    std::uint64_t x = engine_();
    while (x < threshold)
      x = engine_();
    return static_cast<std::uint32_t>(x % range);
  }
  /// Uniform double in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  /// Index drawn with probability proportional to integer weights (at least one positive).
  std::size_t weighted(std::span<const std::uint32_t> weights) {
    std::uint32_t total = 0;
    for (std::uint32_t w : weights)
      total += w;
    std::uint32_t r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;  // unreachable
  }
  /// Up to k distinct indices drawn without replacement proportional to weights; ascending.
  std::vector<std::size_t> distinct(std::span<const std::uint32_t> weights, std::size_t k) {
    std::vector<std::uint32_t> w(weights.begin(), weights.end());
    std::vector<std::size_t> out;
    for (std::size_t drawn = 0; drawn < k; ++drawn) {
      bool any = false;
      for (std::uint32_t x : w)
        any = any || x > 0;
      if (!any) break;
      const std::size_t i = weighted(w);
      out.push_back(i);
      w[i] = 0;
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::mt19937_64 engine_;
};

// ---- static tables --------------------------------------------------------------------------
enum Sector : std::uint32_t { kV = 0, kP, kKU, kW, kZ, kWB, kM, kSectors };
constexpr std::array<const char*, kSectors> kIdPrefix = {"V", "P", "KU", "W", "Z", "WB", "M"};
/// Sector shares per 150 actors.
constexpr std::array<std::uint32_t, kSectors> kShare = {22, 14, 12, 36, 40, 16, 10};

struct NameEntry {
  const char* name;
  bool person;
};

// Curated fictional names per sector. Index 0 of V, KU(5), Z and WB are the planted brokers.
const std::array<std::vector<NameEntry>, kSectors>& curated_names() {
  static const std::array<std::vector<NameEntry>, kSectors> names = {{
      {{"Klimaschutzmanagement der Stadt Musterstadt", false},
       {"Amt für Umwelt und Klimaschutz", false},
       {"Stadtplanungsamt", false},
       {"Hochbauamt", false},
       {"Tiefbauamt", false},
       {"Amt für Mobilität und Verkehr", false},
       {"Kämmerei", false},
       {"Liegenschaftsamt", false},
       {"Grünflächenamt", false},
       {"Bauordnungsamt", false},
       {"Amt für Wirtschaftsförderung", false},
       {"Schulverwaltungsamt", false},
       {"Zentrales Gebäudemanagement", false},
       {"Ordnungsamt", false},
       {"Amt für Stadtentwicklung", false},
       {"Zentrale Vergabestelle", false},
       {"Sozialamt", false},
       {"Stabsstelle Bürgerbeteiligung", false},
       {"Untere Wasserbehörde", false},
       {"Referat Digitalisierung", false},
       {"Bezirksamt Nordstadt", false},
       {"Bezirksamt Südstadt", false}},
      {{"Oberbürgermeisterin der Stadt Musterstadt", true},
       {"Rat der Stadt Musterstadt", false},
       {"Ausschuss für Umwelt und Klimaschutz", false},
       {"Ausschuss für Stadtentwicklung und Bauen", false},
       {"Ausschuss für Mobilität", false},
       {"Fraktion Zukunft Musterstadt", false},
       {"Fraktion Bürgerliste Musterstadt", false},
       {"Fraktion Soziale Mitte", false},
       {"Wählergemeinschaft Rosental", false},
       {"Bezirksvertretung Nordstadt", false},
       {"Bezirksvertretung Südstadt", false},
       {"Bezirksvertretung Altstadt", false},
       {"Klimabeirat der Stadt Musterstadt", false},
       {"Ratsmitglied, Sprecherin für Energie (parteilos)", true}},
      {{"Stadtwerke Musterstadt", false},
       {"Musterstädter Verkehrsbetriebe", false},
       {"Wohnungsbaugesellschaft Musterstadt", false},
       {"Entsorgungsbetriebe Musterstadt", false},
       {"Stadtentwässerung Musterstadt", false},
       {"Energieagentur Musterstadt", false},
       {"Sparkasse Musterstadt", false},
       {"Bäderbetriebe Musterstadt", false},
       {"Musterstadt Marketing GmbH", false},
       {"Netzgesellschaft Musterstadt", false},
       {"Hafen- und Logistikgesellschaft Musterstadt", false},
       {"Städtische Kliniken Musterstadt", false}},
      {{"Industrie- und Handelskammer Musterstadt", false},
       {"Handwerkskammer Musterstadt", false},
       {"Kreishandwerkerschaft Musterstadt", false},
       {"Unternehmerverband Musterstadt", false},
       {"Einzelhandelsverband Innenstadt", false},
       {"SHK-Innung Musterstadt", false},
       {"Elektro-Innung Musterstadt", false},
       {"Solartechnik Sonnenhang GmbH", false},
       {"Dachdeckerei Schieferblau", false},
       {"Holzbau Eichenau GmbH", false},
       {"Bäckerei Sonnenkorn", false},
       {"Gärtnerei Lindenhof", false},
       {"Chemiewerk Musterstadt AG", false},
       {"Papierfabrik am Mühlbach", false},
       {"Autohaus Nordring", false},
       {"Logistikzentrum Musterstadt-Ost", false},
       {"Ingenieurbüro Wärme & Plan", false},
       {"Architekturbüro Grünraum", false},
       {"Energieberatung Südlicht", false},
       {"Lastenradverleih Flinke Speiche", false},
       {"Brauhaus am Markt", false},
       {"Hotel Rosengarten", false},
       {"Wohnungsgenossenschaft Eichenau eG", false},
       {"Biomarkt Grüner Korb", false},
       {"Carsharing Musterstadt eG", false},
       {"Technologiepark Musterstadt", false},
       {"Druckerei Weststadt", false},
       {"Stahlbau Ostfeld GmbH", false},
       {"Möbelhaus Birkenfeld", false},
       {"Windpark Musterhöhe GmbH & Co. KG", false},
       {"Biohof Rosental", false},
       {"Softwareschmiede Hafenviertel", false},
       {"Kaufhaus am Markt", false},
       {"Freie Energieberaterin (selbstständig)", true},
       {"Fahrradhandel Speichenwerk", false},
       {"Baustoffhandel Ostfeld", false}},
      {{"Klimabündnis Musterstadt e.V.", false},
       {"Bürgerenergie Musterstadt eG", false},
       {"Fahrradinitiative Südstadt", false},
       {"Naturschutzverein Musterstadt e.V.", false},
       {"Umweltzentrum Musterstadt", false},
       {"Repair-Café Nordstadt", false},
       {"Foodsharing-Initiative Altstadt", false},
       {"Solidarische Landwirtschaft Rosental", false},
       {"Initiative Stadt im Wandel", false},
       {"Schülerinitiative Klima Musterstadt", false},
       {"Eltern fürs Klima Musterstadt", false},
       {"Evangelische Kirchengemeinde Südstadt", false},
       {"Katholische Pfarrei St. Martin", false},
       {"Moscheegemeinde Nordstadt", false},
       {"Mieterverein Musterstadt", false},
       {"Verbraucherberatung Musterstadt", false},
       {"Stadtteilverein Nordstadt", false},
       {"Bürgerverein Altstadt", false},
       {"Heimatverein Lindenhof", false},
       {"Gemeinschaftsgarten Weststadt", false},
       {"Kleingartenverein Am Mühlbach", false},
       {"Sportverein Eintracht Musterstadt", false},
       {"Jugendring Musterstadt", false},
       {"Seniorenrat Musterstadt", false},
       {"Nachbarschaftsinitiative Hafenviertel", false},
       {"Initiative Autofreie Altstadt", false},
       {"Verkehrswende-Bündnis Musterstadt", false},
       {"Energiegenossenschaft Südstadt", false},
       {"Lastenradinitiative Nordstadt", false},
       {"Baumpatenschaften Weststadt", false},
       {"Tafel Musterstadt e.V.", false},
       {"Wohnprojekt Eichenau", false},
       {"Imkerverein Musterstadt", false},
       {"Kulturzentrum Alte Weberei", false},
       {"Frauennetzwerk Klima Musterstadt", false},
       {"Interkultureller Verein Südstadt", false},
       {"Gemeinwohl-Netzwerk Musterstadt", false},
       {"Zero-Waste-Initiative Musterstadt", false},
       {"Stadtteilzentrum Oststadt", false},
       {"Pfadfinderstamm Lindenhof", false}},
      {{"Hochschule Musterstadt, Transferstelle", false},
       {"Universität Musterstadt, Institut für Raumplanung", false},
       {"Universität Musterstadt, Lehrstuhl für Energiesysteme", false},
       {"Hochschule Musterstadt, Fachbereich Bauingenieurwesen", false},
       {"Volkshochschule Musterstadt", false},
       {"Gymnasium am Schlossberg", false},
       {"Gesamtschule Nordstadt", false},
       {"Grundschule Lindenhof", false},
       {"Berufskolleg Technik Musterstadt", false},
       {"Umweltbildungszentrum Rosental", false},
       {"Forschungsinstitut für Klimafolgen Musterstadt", false},
       {"Stadtbibliothek Musterstadt", false},
       {"Kita-Verbund Musterstadt", false},
       {"Realschule Weststadt", false},
       {"Naturkundemuseum Musterstadt", false},
       {"Schülerlabor Energie Musterstadt", false}},
      {{"Musterstädter Tageblatt", false},
       {"Radio Musterwelle", false},
       {"Stadtmagazin Musterstadt Live", false},
       {"Lokalfernsehen Musterstadt TV", false},
       {"Onlineportal Musterstadt Aktuell", false},
       {"Wochenspiegel Musterstadt", false},
       {"Bürgerfunk Südstadt", false},
       {"Stadtteilzeitung Nordstadt-Echo", false},
       {"Campusradio Musterstadt", false},
       {"Klimablog Musterstadt", false}},
  }};
  return names;
}

// Fallback name templates for more actors than curated names: "<template> <district>".
constexpr std::array<std::array<const char*, 3>, kSectors> kTemplates = {{
    {"Bürgerbüro", "Abteilung Umwelt, Außenstelle", "Servicestelle Bauen"},
    {"Ortsbeirat", "Ortsverband Zukunft", "Bürgerforum"},
    {"Quartiersstrom", "Nahwärme", "Mobilstation"},
    {"Handwerksbetrieb", "Einzelhandel", "Gewerbeverein"},
    {"Nachbarschaftsinitiative", "Klimatreff", "Gemeinschaftsgarten"},
    {"Grundschule", "Familienzentrum", "Jugendkunstschule"},
    {"Stadtteilblatt", "Podcast", "Bürgerradio"},
}};
constexpr std::array<const char*, 12> kDistricts = {
    "Altstadt",  "Nordstadt", "Südstadt",   "Weststadt", "Oststadt",    "Hafenviertel",
    "Lindenhof", "Eichenau",  "Birkenfeld", "Rosental",  "Schlossberg", "Am Mühlbach"};

// Sector affinities of the block model (symmetric; order V P KU W Z WB M).
constexpr std::array<std::array<double, kSectors>, kSectors> kAffinity = {{
    {1.00, 0.60, 0.50, 0.25, 0.20, 0.25, 0.15},
    {0.60, 0.80, 0.30, 0.20, 0.20, 0.10, 0.30},
    {0.50, 0.30, 0.80, 0.35, 0.15, 0.20, 0.15},
    {0.25, 0.20, 0.35, 0.70, 0.08, 0.20, 0.10},
    {0.20, 0.20, 0.15, 0.08, 1.00, 0.20, 0.20},
    {0.25, 0.10, 0.20, 0.20, 0.20, 0.80, 0.10},
    {0.15, 0.30, 0.15, 0.10, 0.20, 0.10, 0.30},
}};

// Degree heterogeneity: activity levels and their integer weights.
constexpr std::array<double, 6> kActivity = {0.5, 0.75, 1.0, 1.5, 2.0, 3.0};
constexpr std::array<std::uint32_t, 6> kActivityWeight = {20, 25, 25, 15, 10, 5};

// Field-of-action preference per sector (order of kFieldKeys).
constexpr std::array<std::array<std::uint32_t, 11>, kSectors> kFieldWeight = {{
    {3, 3, 3, 2, 1, 3, 2, 4, 3, 2, 1},
    {3, 2, 3, 2, 2, 2, 2, 3, 1, 1, 1},
    {5, 3, 4, 1, 2, 2, 1, 2, 1, 4, 0},
    {3, 4, 2, 5, 1, 1, 1, 1, 1, 1, 2},
    {2, 1, 3, 0, 4, 2, 4, 1, 0, 2, 4},
    {3, 2, 2, 1, 1, 3, 5, 2, 0, 1, 1},
    {1, 1, 1, 1, 2, 1, 5, 1, 0, 0, 1},
}};
constexpr std::array<std::uint32_t, 4> kExtraFieldsWeight = {30, 40, 20, 10};  // 1..4 fields
// Role per sector (order of kRoleKeys).
constexpr std::array<std::array<std::uint32_t, 5>, kSectors> kRoleWeight = {{
    {5, 2, 2, 1, 1},
    {4, 0, 3, 1, 2},
    {2, 5, 1, 1, 1},
    {1, 5, 1, 2, 1},
    {1, 4, 0, 1, 4},
    {1, 1, 0, 5, 3},
    {0, 0, 0, 1, 5},
}};

constexpr std::array<std::uint32_t, 4> kFrequencyWeight = {15, 35, 35, 15};
constexpr std::array<std::uint32_t, 4> kTieKindWeight = {35, 35, 10, 20};
constexpr std::array<std::uint32_t, 5> kQualityWeight = {3, 7, 20, 40, 30};  // 1..5
constexpr std::array<std::uint32_t, 5> kDifficultQualityWeight = {30, 45, 25, 0, 0};
constexpr std::array<std::uint32_t, 11> kBarrierWeight = {30, 20, 15, 10, 10, 15, 5, 8, 5, 5, 5};
constexpr std::array<std::uint32_t, 11> kWishBarrierWeight = {30, 15, 10, 5, 5, 5, 3, 3, 2, 30, 3};
constexpr std::array<std::uint32_t, 8> kEnablerWeight = {30, 25, 10, 10, 15, 20, 8, 15};
constexpr std::size_t kBureaucracy = 3;  // index in kBarrierKeys

constexpr double kCollabMeanDegree = 6.0;
constexpr double kInfoExtraMeanDegree = 2.0;
constexpr double kFieldHomophily = 1.5;    // factor if the two share a field
constexpr double kFieldHeterophily = 0.5;  // factor otherwise
constexpr double kClosureProbability = 0.3;
constexpr double kCollabMutual = 0.65;  // both sides report a collaboration
constexpr double kInfoFromCollab = 0.7;
constexpr double kInfoMutual = 0.45;
constexpr std::uint32_t kFragments = 3;
constexpr std::size_t kMutualWishPairs = 6;
constexpr std::uint32_t kMinActors = 40;
constexpr std::size_t kGapField = 5;  // klimaanpassung

std::string make_id(Sector s, std::uint32_t number, std::uint32_t count) {
  std::string digits = std::to_string(number);
  const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
  while (digits.size() < width)
    digits.insert(digits.begin(), '0');
  return std::string(kIdPrefix[s]) + digits;
}

std::array<std::uint32_t, kSectors> sector_counts(std::uint32_t n) {
  std::array<std::uint32_t, kSectors> count{};
  std::array<std::uint32_t, kSectors> remainder{};
  std::uint32_t assigned = 0;
  for (std::uint32_t s = 0; s < kSectors; ++s) {
    count[s] = n * kShare[s] / 150;
    remainder[s] = n * kShare[s] % 150;
    assigned += count[s];
  }
  while (assigned < n) {  // largest remainder first, ties by sector order
    std::uint32_t best = 0;
    for (std::uint32_t s = 1; s < kSectors; ++s) {
      if (remainder[s] > remainder[best]) best = s;
    }
    ++count[best];
    remainder[best] = 0;
    ++assigned;
  }
  for (std::uint32_t s = 0; s < kSectors; ++s) {  // at least 3 per sector
    while (count[s] < 3) {
      const auto largest =
          static_cast<std::size_t>(std::max_element(count.begin(), count.end()) - count.begin());
      --count[largest];
      ++count[s];
    }
  }
  return count;
}

/// Undirected simple graph on n vertices with an adjacency matrix for O(1) lookups.
class EdgeSet {
 public:
  explicit EdgeSet(std::uint32_t n) : n_(n), matrix_(std::size_t{n} * n, false), adj_(n) {}
  [[nodiscard]] bool has(std::uint32_t a, std::uint32_t b) const {
    return matrix_[std::size_t{a} * n_ + b];
  }
  bool add(std::uint32_t a, std::uint32_t b) {
    if (a == b || has(a, b)) return false;
    matrix_[std::size_t{a} * n_ + b] = true;
    matrix_[std::size_t{b} * n_ + a] = true;
    adj_[a].push_back(b);
    adj_[b].push_back(a);
    return true;
  }
  void remove(std::uint32_t a, std::uint32_t b) {
    if (!has(a, b)) return;
    matrix_[std::size_t{a} * n_ + b] = false;
    matrix_[std::size_t{b} * n_ + a] = false;
    std::erase(adj_[a], b);
    std::erase(adj_[b], a);
  }
  [[nodiscard]] const std::vector<std::uint32_t>& neighbours(std::uint32_t v) const {
    return adj_[v];
  }
  /// Edges (a < b) in ascending order.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> edges() const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (std::uint32_t a = 0; a < n_; ++a) {
      for (std::uint32_t b : adj_[a]) {
        if (a < b) out.emplace_back(a, b);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::uint32_t n_;
  std::vector<bool> matrix_;
  std::vector<std::vector<std::uint32_t>> adj_;
};

struct Arc {
  std::uint32_t source, target;
};

class Generator {
 public:
  explicit Generator(const MusterstadtOptions& options)
      : options_(options), rng_(options.seed), n_(options.actors), collab_(n_), info_(n_) {}

  MusterstadtData run() {
    make_actors();
    make_fields();
    if (options_.plant) plan_fragments();
    block_model(collab_, kCollabMeanDegree);
    if (options_.plant) plant_brokers();
    triadic_closure();
    if (options_.plant) plant_gap();
    const std::vector<Arc> collab_arcs = report(collab_, kCollabMutual);
    make_information();
    const std::vector<Arc> info_arcs = report(info_, kInfoMutual);
    std::vector<Arc> wish_arcs = make_wishes();
    if (options_.plant) plant_mutual_wishes(wish_arcs);
    return emit(collab_arcs, info_arcs, wish_arcs);
  }

 private:
  void make_actors() {
    const auto counts = sector_counts(n_);
    const auto& names = curated_names();
    std::set<std::string> used;
    for (const auto& sector_names : names) {
      for (const NameEntry& entry : sector_names)
        used.insert(entry.name);
    }
    std::array<std::size_t, kSectors> fallback{};
    for (std::uint32_t s = 0; s < kSectors; ++s) {
      for (std::uint32_t k = 0; k < counts[s]; ++k) {
        const auto sector = static_cast<Sector>(s);
        sector_.push_back(sector);
        ids_.push_back(make_id(sector, k + 1, counts[s]));
        if (k < names[s].size()) {
          names_.emplace_back(names[s][k].name);
          person_.push_back(names[s][k].person);
        } else {  // "<template> <district>[ <round>]", skipping names already used
          std::string name;
          do {
            const std::size_t extra = fallback[s]++;
            name = std::string(kTemplates[s][extra % kTemplates[s].size()]) + " " +
                   kDistricts[(extra / kTemplates[s].size()) % kDistricts.size()];
            const std::size_t round = extra / (kTemplates[s].size() * kDistricts.size());
            if (round > 0) name += " " + std::to_string(round + 1);
          } while (used.count(name) > 0);
          names_.push_back(std::move(name));
          person_.push_back(false);
        }
        used.insert(names_.back());
        activity_.push_back(kActivity[rng_.weighted(kActivityWeight)]);
      }
    }
    first_of_sector_.fill(0);
    for (std::uint32_t s = 1; s < kSectors; ++s) {
      first_of_sector_[s] = first_of_sector_[s - 1] + counts[s - 1];
    }
    counts_ = counts;
    fragment_.assign(n_, -1);
  }

  void make_fields() {
    fields_.assign(n_, {});
    for (std::uint32_t v = 0; v < n_; ++v) {
      auto weights = kFieldWeight[sector_[v]];
      if (options_.plant) weights[kGapField] = 0;  // the gap field belongs to the gap actors
      const std::size_t k = 1 + rng_.weighted(kExtraFieldsWeight);
      for (std::size_t f : rng_.distinct(weights, k))
        fields_[v].push_back(f);
    }
  }

  [[nodiscard]] bool share_field(std::uint32_t a, std::uint32_t b) const {
    for (std::size_t f : fields_[a]) {
      if (std::find(fields_[b].begin(), fields_[b].end(), f) != fields_[b].end()) return true;
    }
    return false;
  }

  [[nodiscard]] bool is_broker(std::uint32_t v) const {
    return std::find(plant_.brokers.begin(), plant_.brokers.end(), v) != plant_.brokers.end();
  }
  [[nodiscard]] bool is_gap(std::uint32_t v) const {
    return std::find(plant_.gap_actors.begin(), plant_.gap_actors.end(), v) !=
           plant_.gap_actors.end();
  }
  /// May a collaboration/information tie join a and b?
  [[nodiscard]] bool allowed(std::uint32_t a, std::uint32_t b) const {
    if (fragment_[a] >= 0 && fragment_[b] >= 0 && fragment_[a] != fragment_[b]) return false;
    if (is_gap(a) && is_gap(b)) return false;
    return true;
  }

  void plan_fragments() {
    // Brokers: the first actor of verwaltung, zivilgesellschaft and wissenschaft_bildung and the
    // sixth of kommunale_unternehmen (Energieagentur) — fixed positions, see docs/demo.md.
    plant_.brokers = {first_of_sector_[kV], first_of_sector_[kKU] + std::min(5u, counts_[kKU] - 1),
                      first_of_sector_[kZ], first_of_sector_[kWB]};
    std::sort(plant_.brokers.begin(), plant_.brokers.end());
    plant_.fragmented_sector = std::string(kSectorKeys[kZ]);
    plant_.fragments.assign(kFragments, {});
    std::uint32_t k = 0;
    for (std::uint32_t v = first_of_sector_[kZ]; v < first_of_sector_[kZ] + counts_[kZ]; ++v) {
      if (is_broker(v)) continue;
      fragment_[v] = static_cast<int>(k % kFragments);
      plant_.fragments[k % kFragments].push_back(v);
      ++k;
    }
    plant_.difficult_pair = {std::string(kSectorKeys[kV]), std::string(kSectorKeys[kW])};
  }

  [[nodiscard]] double pair_weight(std::uint32_t a, std::uint32_t b) const {
    return activity_[a] * activity_[b] * kAffinity[sector_[a]][sector_[b]] *
           (share_field(a, b) ? kFieldHomophily : kFieldHeterophily);
  }

  /// Sector block model with degree heterogeneity: P(a-b) = min(1, c * w_ab), c chosen so the
  /// expected mean degree is `mean_degree` (pairs already joined stay as they are).
  void block_model(EdgeSet& edges, double mean_degree) {
    double total = 0.0;
    for (std::uint32_t a = 0; a < n_; ++a) {
      for (std::uint32_t b = a + 1; b < n_; ++b) {
        if (allowed(a, b)) total += pair_weight(a, b);
      }
    }
    const double scale = mean_degree * static_cast<double>(n_) / 2.0 / total;
    for (std::uint32_t a = 0; a < n_; ++a) {
      for (std::uint32_t b = a + 1; b < n_; ++b) {
        if (!allowed(a, b)) continue;
        const double p = std::min(1.0, scale * pair_weight(a, b));
        if (rng_.chance(p)) edges.add(a, b);
      }
    }
  }

  /// Random actor of sector s that is not a broker and passes `ok`; n_ if none after tries.
  template <typename Pred>
  std::uint32_t pick_in_sector(std::uint32_t s, Pred ok) {
    for (int attempt = 0; attempt < 200; ++attempt) {
      const std::uint32_t v = first_of_sector_[s] + rng_.below(counts_[s]);
      if (!is_broker(v) && ok(v)) return v;
    }
    return n_;
  }

  void plant_brokers() {
    for (std::size_t i = 0; i < plant_.brokers.size(); ++i) {
      for (std::size_t j = i + 1; j < plant_.brokers.size(); ++j) {
        collab_.add(plant_.brokers[i], plant_.brokers[j]);
      }
    }
    for (std::uint32_t b : plant_.brokers) {
      for (std::uint32_t s = 0; s < kSectors; ++s) {
        if (s == kZ) {  // two contacts in every fragment
          for (const auto& fragment : plant_.fragments) {
            for (int k = 0; k < 2; ++k) {
              collab_.add(b, fragment[rng_.below(static_cast<std::uint32_t>(fragment.size()))]);
            }
          }
          continue;
        }
        const int contacts = s == sector_[b] ? 2 : 4;
        for (int k = 0; k < contacts; ++k) {
          const std::uint32_t v =
              pick_in_sector(s, [&](std::uint32_t x) { return !collab_.has(b, x); });
          if (v < n_) collab_.add(b, v);
        }
      }
    }
  }

  /// Triadic closure: for each actor v (brokers excepted: they keep their structural holes),
  /// deg(v)/2 attempts, each closes a random pair of v's contacts with kClosureProbability.
  void triadic_closure() {
    for (std::uint32_t v = 0; v < n_; ++v) {
      if (is_broker(v)) continue;
      const auto degree = static_cast<std::uint32_t>(collab_.neighbours(v).size());
      for (std::uint32_t attempt = 0; attempt < degree / 2; ++attempt) {
        const std::uint32_t a = collab_.neighbours(v)[rng_.below(degree)];
        const std::uint32_t b = collab_.neighbours(v)[rng_.below(degree)];
        const bool close = rng_.chance(kClosureProbability);
        if (a != b && close && allowed(a, b)) collab_.add(a, b);
      }
    }
  }

  /// Coordination gap: one actor from each of verwaltung, politik, kommunale_unternehmen,
  /// wirtschaft, zivilgesellschaft and wissenschaft_bildung (not a broker, >= 3 contacts) becomes
  /// the only member of the gap field; ties among them are removed.
  void plant_gap() {
    plant_.gap_field = std::string(kFieldKeys[kGapField]);
    for (std::uint32_t s : {kV, kP, kKU, kW, kZ, kWB}) {
      const std::uint32_t v =
          pick_in_sector(s, [&](std::uint32_t x) { return collab_.neighbours(x).size() >= 3; });
      if (v < n_) plant_.gap_actors.push_back(v);
    }
    std::sort(plant_.gap_actors.begin(), plant_.gap_actors.end());
    for (std::uint32_t a : plant_.gap_actors) {
      for (std::uint32_t b : plant_.gap_actors)
        collab_.remove(a, b);
      fields_[a].push_back(kGapField);
      std::sort(fields_[a].begin(), fields_[a].end());
    }
    for (std::uint32_t a : plant_.gap_actors) {  // keep every gap actor tied to someone
      if (collab_.neighbours(a).empty()) {
        const std::uint32_t v = pick_in_sector(
            sector_[a], [&](std::uint32_t x) { return !is_gap(x) && allowed(a, x); });
        if (v < n_) collab_.add(a, v);
      }
    }
  }

  /// Turns undirected edges into reported arcs: both directions with p_mutual, else one
  /// direction chosen at random.
  std::vector<Arc> report(const EdgeSet& edges, double p_mutual) {
    std::vector<Arc> arcs;
    for (const auto& [a, b] : edges.edges()) {
      if (rng_.chance(p_mutual)) {
        arcs.push_back({a, b});
        arcs.push_back({b, a});
      } else if (rng_.chance(0.5)) {
        arcs.push_back({a, b});
      } else {
        arcs.push_back({b, a});
      }
    }
    return arcs;
  }

  void make_information() {
    for (const auto& [a, b] : collab_.edges()) {
      if (rng_.chance(kInfoFromCollab)) info_.add(a, b);
    }
    block_model(info_, kInfoExtraMeanDegree);
  }

  /// Desired collaboration: each actor names 0-3 others, mostly outside its sector and mostly
  /// actors it does not yet collaborate with. Never the reverse of an existing wish, so without
  /// planting there are no mutual wishes at all.
  std::vector<Arc> make_wishes() {
    constexpr std::array<std::uint32_t, 4> kWishCount = {25, 35, 25, 15};
    std::vector<Arc> arcs;
    wish_.assign(std::size_t{n_} * n_, false);
    for (std::uint32_t i = 0; i < n_; ++i) {
      const std::size_t k = rng_.weighted(kWishCount);
      std::size_t named = 0;
      for (int attempt = 0; attempt < 40 && named < k; ++attempt) {
        const std::uint32_t j = rng_.below(n_);
        const bool keep_same_sector = rng_.chance(0.4);
        const bool keep_partner = rng_.chance(0.3);
        if (j == i || wished(i, j) || wished(j, i)) continue;
        if (is_gap(i) && is_gap(j)) continue;
        if (sector_[i] == sector_[j] && !keep_same_sector) continue;
        if (collab_.has(i, j) && !keep_partner) continue;
        wish_[std::size_t{i} * n_ + j] = true;
        arcs.push_back({i, j});
        ++named;
      }
    }
    return arcs;
  }
  [[nodiscard]] bool wished(std::uint32_t i, std::uint32_t j) const {
    return wish_[std::size_t{i} * n_ + j];
  }

  void plant_mutual_wishes(std::vector<Arc>& arcs) {
    std::vector<bool> used(n_, false);
    for (int attempt = 0; attempt < 2000 && plant_.mutual_wishes.size() < kMutualWishPairs;
         ++attempt) {
      std::uint32_t a = rng_.below(n_);
      std::uint32_t b = rng_.below(n_);
      if (a == b || used[a] || used[b] || sector_[a] == sector_[b]) continue;
      if (is_broker(a) || is_broker(b) || is_gap(a) || is_gap(b)) continue;
      if (collab_.has(a, b) || wished(a, b) || wished(b, a)) continue;
      if (a > b) std::swap(a, b);
      used[a] = used[b] = true;
      wish_[std::size_t{a} * n_ + b] = wish_[std::size_t{b} * n_ + a] = true;
      arcs.push_back({a, b});
      arcs.push_back({b, a});
      plant_.mutual_wishes.emplace_back(a, b);
    }
    std::sort(plant_.mutual_wishes.begin(), plant_.mutual_wishes.end());
  }

  static std::vector<std::string> keys(std::span<const std::string_view> table,
                                       const std::vector<std::size_t>& index) {
    std::vector<std::string> out;
    out.reserve(index.size());
    for (std::size_t i : index)
      out.emplace_back(table[i]);
    return out;
  }

  [[nodiscard]] bool difficult(std::uint32_t a, std::uint32_t b) const {
    if (!options_.plant) return false;
    return (sector_[a] == kV && sector_[b] == kW) || (sector_[a] == kW && sector_[b] == kV);
  }

  void set_frequency(Network& net, TieIndex t, std::size_t frequency) {
    net.set_tie_attr(t, "frequency", std::string(kFrequencyKeys[frequency]));
    net.set_tie_attr(t, "weight", static_cast<double>(4 - frequency));
  }

  MusterstadtData emit(const std::vector<Arc>& collab, const std::vector<Arc>& info,
                       const std::vector<Arc>& wishes) {
    MusterstadtData data;
    Network& net = data.network;
    net.directed = true;
    net.title = "Musterstadt 2026 (fiktives Demo-Netzwerk)";
    const RelationIndex r_collab = net.relation("zusammenarbeit");
    const RelationIndex r_info = net.relation("information");
    const RelationIndex r_wish = net.relation("wunsch");
    const WaveIndex wave = net.wave("2026");
    net.reserve(n_, collab.size() + info.size() + wishes.size());

    for (std::string_view key : kFieldKeys)
      net.affiliation("field").items.emplace_back(key);
    for (std::uint32_t v = 0; v < n_; ++v) {
      const ActorIndex a = net.add_actor(ids_[v]);
      net.set_actor_attr(a, "name", names_[v]);
      net.set_actor_attr(a, "sector", std::string(kSectorKeys[sector_[v]]));
      net.set_actor_attr(a, "headline_sector",
                         std::string(headline_sector(kSectorKeys[sector_[v]])));
      net.set_actor_attr(a, "kind", std::string(person_[v] ? "person" : "organisation"));
      net.set_actor_attr(a, "fields", keys(kFieldKeys, fields_[v]));
      for (std::size_t f : fields_[v]) {
        const std::size_t row = net.add_membership("field", a, kFieldKeys[f]);
        const std::size_t role = rng_.weighted(kRoleWeight[sector_[v]]);
        net.affiliation("field").attrs.set("role", row, std::string(kRoleKeys[role]), row + 1);
      }
    }

    // Collaboration: frequency per pair (both reports agree), quality per pair with a 25 %
    // chance that the second report differs by one step, kind/barriers/enablers per report.
    std::vector<std::int8_t> pair_quality(std::size_t{n_} * n_, 0);
    std::vector<std::int8_t> pair_frequency(std::size_t{n_} * n_, -1);
    for (const Arc& arc : collab) {
      const std::size_t key =
          std::size_t{std::min(arc.source, arc.target)} * n_ + std::max(arc.source, arc.target);
      const bool hard = difficult(arc.source, arc.target);
      int quality = 0;
      if (pair_quality[key] == 0) {
        quality =
            1 + static_cast<int>(rng_.weighted(hard ? kDifficultQualityWeight : kQualityWeight));
        pair_quality[key] = static_cast<std::int8_t>(quality);
        pair_frequency[key] = static_cast<std::int8_t>(rng_.weighted(kFrequencyWeight));
      } else {
        quality = pair_quality[key];  // NOLINT(bugprone-signed-char-misuse): int8 holds 1..5
        if (rng_.chance(0.25)) quality += rng_.chance(0.5) ? 1 : -1;
        quality = std::clamp(quality, 1, hard ? 3 : 5);
      }
      const TieIndex t = net.add_tie(arc.source, arc.target, r_collab, wave);
      set_frequency(net, t, static_cast<std::size_t>(pair_frequency[key]));
      net.set_tie_attr(t, "kind", std::string(kTieKindKeys[rng_.weighted(kTieKindWeight)]));
      net.set_tie_attr(t, "quality", static_cast<double>(quality));
      std::vector<std::size_t> barriers;
      if (hard) {
        auto weights = kBarrierWeight;
        weights[kBureaucracy] = 0;
        barriers = rng_.distinct(weights, rng_.below(3));
        barriers.push_back(kBureaucracy);
        std::sort(barriers.begin(), barriers.end());
      } else if (quality <= 3) {
        barriers = rng_.distinct(kBarrierWeight, 1 + rng_.below(3));
      } else if (rng_.chance(0.1)) {
        barriers = rng_.distinct(kBarrierWeight, 1);
      }
      net.set_tie_attr(t, "barriers", keys(kBarrierKeys, barriers));
      const std::size_t enablers = quality >= 4 ? 1 + rng_.below(3) : rng_.below(2);
      net.set_tie_attr(t, "enablers", keys(kEnablerKeys, rng_.distinct(kEnablerWeight, enablers)));
    }
    for (const Arc& arc : info) {
      const TieIndex t = net.add_tie(arc.source, arc.target, r_info, wave);
      set_frequency(net, t, rng_.weighted(kFrequencyWeight));
    }
    for (const Arc& arc : wishes) {
      const TieIndex t = net.add_tie(arc.source, arc.target, r_wish, wave);
      const auto& target_fields =
          fields_[arc.target].empty() ? fields_[arc.source] : fields_[arc.target];
      std::vector<std::uint32_t> weights(kFieldKeys.size(), 0);
      for (std::size_t f : target_fields)
        weights[f] = 1;
      net.set_tie_attr(t, "fields", keys(kFieldKeys, rng_.distinct(weights, 1 + rng_.below(2))));
      net.set_tie_attr(t, "barriers",
                       keys(kBarrierKeys, rng_.distinct(kWishBarrierWeight, rng_.below(3))));
    }
    data.plant = plant_;
    return data;
  }

  MusterstadtOptions options_;
  Rng rng_;
  std::uint32_t n_;
  std::vector<Sector> sector_;
  std::vector<std::string> ids_, names_;
  std::vector<bool> person_;
  std::vector<double> activity_;
  std::vector<std::vector<std::size_t>> fields_;
  std::vector<int> fragment_;
  std::array<std::uint32_t, kSectors> first_of_sector_{}, counts_{};
  EdgeSet collab_, info_;
  std::vector<bool> wish_;
  MusterstadtPlant plant_;
};

}  // namespace

std::string_view headline_sector(std::string_view sector) {
  if (sector == "verwaltung" || sector == "politik") return "politik_verwaltung";
  if (sector == "kommunale_unternehmen" || sector == "wirtschaft") return "wirtschaft";
  if (sector == "zivilgesellschaft" || sector == "wissenschaft_bildung" || sector == "medien") {
    return "zivilgesellschaft";
  }
  return {};
}

MusterstadtData generate_musterstadt_data(const MusterstadtOptions& options) {
  if (options.actors < kMinActors) {
    throw std::invalid_argument("Musterstadt needs at least " + std::to_string(kMinActors) +
                                " actors, got " + std::to_string(options.actors));
  }
  return Generator(options).run();
}

Network generate_musterstadt(const MusterstadtOptions& options) {
  return generate_musterstadt_data(options).network;
}

}  // namespace kn::app
