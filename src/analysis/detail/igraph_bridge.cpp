#include "analysis/detail/igraph_bridge.hpp"

#include <stdexcept>

namespace kn::detail {

namespace {

std::mutex& igraph_mutex() {
  static std::mutex m;
  return m;
}

// Guarded by igraph_mutex(): igraph calls the handlers only from within calls we make under it.
std::string& last_error() {
  static std::string s;
  return s;
}
std::string& last_warning() {
  static std::string s;
  return s;
}

void record_error(const char* reason, const char* file, int line, igraph_error_t igraph_errno) {
  last_error() = std::string(igraph_strerror(igraph_errno)) + " (" + (reason ? reason : "") + ", " +
                 (file ? file : "?") + ":" + std::to_string(line) + ")";
  // Let igraph free its temporaries, then return the code to the caller (no abort, no longjmp).
  IGRAPH_FINALLY_FREE();
}

void record_warning(const char* reason, const char* /*file*/, int /*line*/) {
  last_warning() = reason ? reason : "";
}

void install_handlers() {
  igraph_set_error_handler(&record_error);
  igraph_set_warning_handler(&record_warning);
}

}  // namespace

std::unique_lock<std::mutex> igraph_lock() {
  static std::once_flag once;
  std::unique_lock<std::mutex> lock(igraph_mutex());
  std::call_once(once, install_handlers);
  return lock;
}

void igraph_check(igraph_error_t code, const char* what) {
  if (code == IGRAPH_SUCCESS) return;
  std::string message = "igraph: " + std::string(what) + ": " + last_error();
  last_error().clear();
  if (code == IGRAPH_ENOMEM) throw std::bad_alloc();
  throw std::runtime_error(message);
}

std::string take_igraph_warning() {
  std::string w = std::move(last_warning());
  last_warning().clear();
  return w;
}

void seed_igraph_rng(std::uint64_t seed) {
  igraph_check(igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed)),
               "igraph_rng_seed");
}

IgraphVector::IgraphVector(std::size_t size) {
  igraph_check(igraph_vector_init(&v_, static_cast<igraph_integer_t>(size)), "vector_init");
}

IgraphVector::IgraphVector(std::span<const double> values) : IgraphVector(values.size()) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    VECTOR(v_)[static_cast<igraph_integer_t>(i)] = values[i];
  }
}

IgraphVector::~IgraphVector() {
  igraph_vector_destroy(&v_);
}

std::size_t IgraphVector::size() const {
  return static_cast<std::size_t>(igraph_vector_size(&v_));
}

double IgraphVector::operator[](std::size_t i) const {
  return VECTOR(v_)[static_cast<igraph_integer_t>(i)];
}

std::vector<double> IgraphVector::to_std() const {
  std::vector<double> out(size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = (*this)[i];
  return out;
}

IgraphIntVector::IgraphIntVector(std::size_t size) {
  igraph_check(igraph_vector_int_init(&v_, static_cast<igraph_integer_t>(size)), "vector_int_init");
}

IgraphIntVector::~IgraphIntVector() {
  igraph_vector_int_destroy(&v_);
}

std::size_t IgraphIntVector::size() const {
  return static_cast<std::size_t>(igraph_vector_int_size(&v_));
}

igraph_integer_t IgraphIntVector::operator[](std::size_t i) const {
  return VECTOR(v_)[static_cast<igraph_integer_t>(i)];
}

void IgraphIntVector::set(std::size_t i, igraph_integer_t value) {
  VECTOR(v_)[static_cast<igraph_integer_t>(i)] = value;
}

IgraphGraph::IgraphGraph(const Graph& g, IgraphShape shape) {
  const bool symmetrise = shape == IgraphShape::Symmetrised && g.directed();
  const Graph sym = symmetrise ? g.symmetrised() : Graph();
  const Graph& src = symmetrise ? sym : g;
  const bool directed = src.directed();
  const auto& off = src.out_offsets();
  const auto& adj = src.out_targets();
  const auto& wts = src.out_weight_array();
  std::vector<igraph_integer_t> ends;
  std::vector<double> w;
  ends.reserve(directed ? 2 * adj.size() : adj.size());
  for (std::uint32_t v = 0; v < src.n(); ++v) {
    for (std::uint32_t i = off[v]; i < off[v + 1]; ++i) {
      const std::uint32_t u = adj[i];
      if (!directed && u < v) continue;  // one edge per pair, stored twice in the view
      ends.push_back(static_cast<igraph_integer_t>(v));
      ends.push_back(static_cast<igraph_integer_t>(u));
      if (!wts.empty()) w.push_back(wts[i]);
    }
  }
  edges_ = ends.size() / 2;
  igraph_vector_int_t edge_vec;
  igraph_check(igraph_vector_int_init(&edge_vec, static_cast<igraph_integer_t>(ends.size())),
               "vector_int_init");
  for (std::size_t i = 0; i < ends.size(); ++i) {
    VECTOR(edge_vec)[static_cast<igraph_integer_t>(i)] = ends[i];
  }
  const igraph_error_t rc = igraph_create(&g_, &edge_vec, static_cast<igraph_integer_t>(src.n()),
                                          directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&edge_vec);
  igraph_check(rc, "igraph_create");
  const igraph_error_t rcw = igraph_vector_init(&w_, static_cast<igraph_integer_t>(w.size()));
  if (rcw != IGRAPH_SUCCESS) {
    igraph_destroy(&g_);
    igraph_check(rcw, "vector_init");
  }
  for (std::size_t i = 0; i < w.size(); ++i)
    VECTOR(w_)[static_cast<igraph_integer_t>(i)] = w[i];
  has_weights_ = src.weighted();
}

IgraphGraph::~IgraphGraph() {
  igraph_vector_destroy(&w_);
  igraph_destroy(&g_);
}

}  // namespace kn::detail
