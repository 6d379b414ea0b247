#pragma once
// Thin RAII layer between kn::Graph and the igraph C library (libigraph 0.10, Debian).
//
// igraph is built without thread safety (IGRAPH_THREAD_SAFE == 0): its error handler, finally
// stack and default RNG are process-global. Therefore
//   - every igraph call must happen while holding the lock returned by igraph_lock();
//   - igraph_lock() installs, once, an error handler that records the message, lets igraph free
//     its temporaries (IGRAPH_FINALLY_FREE) and *returns* the error code (it never aborts and
//     never longjmps or throws through C frames); callers pass the code to igraph_check(), which
//     throws std::runtime_error with igraph's message. Warnings are recorded, not printed.
// Internal to the analysis layer; nothing outside src/analysis includes igraph.
#include <igraph.h>

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/graph/graph_view.hpp"

namespace kn::detail {

/// Locks the global igraph mutex (installing the handlers on first use).
[[nodiscard]] std::unique_lock<std::mutex> igraph_lock();

/// Throws std::runtime_error("igraph: <what>: <message>") unless code == IGRAPH_SUCCESS.
void igraph_check(igraph_error_t code, const char* what);

/// Message of the last igraph warning (empty if none since the last call); lock must be held.
std::string take_igraph_warning();

/// Seeds igraph's default RNG (lock must be held).
void seed_igraph_rng(std::uint64_t seed);

class IgraphVector {
 public:
  explicit IgraphVector(std::size_t size = 0);
  explicit IgraphVector(std::span<const double> values);
  ~IgraphVector();
  IgraphVector(const IgraphVector&) = delete;
  IgraphVector& operator=(const IgraphVector&) = delete;
  igraph_vector_t* get() { return &v_; }
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] double operator[](std::size_t i) const;
  [[nodiscard]] std::vector<double> to_std() const;

 private:
  igraph_vector_t v_;
};

class IgraphIntVector {
 public:
  explicit IgraphIntVector(std::size_t size = 0);
  ~IgraphIntVector();
  IgraphIntVector(const IgraphIntVector&) = delete;
  IgraphIntVector& operator=(const IgraphIntVector&) = delete;
  igraph_vector_int_t* get() { return &v_; }
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] igraph_integer_t operator[](std::size_t i) const;
  void set(std::size_t i, igraph_integer_t value);

 private:
  igraph_vector_int_t v_;
};

/// How a kn::Graph becomes an igraph graph.
enum class IgraphShape {
  AsIs,        ///< directed view -> directed igraph graph with every arc; undirected view ->
               ///< undirected igraph graph, one edge per connected pair
  Symmetrised  ///< undirected simple graph, one edge per connected pair (mutual weights summed)
};

/// An igraph_t built from a kn::Graph (the lock must be held while constructing, using and
/// destroying it). `weights()` holds the edge weights parallel to igraph's edge ids, or is
/// empty for an unweighted graph.
class IgraphGraph {
 public:
  IgraphGraph(const Graph& g, IgraphShape shape);
  ~IgraphGraph();
  IgraphGraph(const IgraphGraph&) = delete;
  IgraphGraph& operator=(const IgraphGraph&) = delete;
  [[nodiscard]] const igraph_t* get() const { return &g_; }
  /// nullptr when the source graph is unweighted.
  [[nodiscard]] const igraph_vector_t* weights() const { return has_weights_ ? &w_ : nullptr; }
  [[nodiscard]] std::size_t edge_count() const { return edges_; }

 private:
  igraph_t g_;
  igraph_vector_t w_;
  bool has_weights_ = false;
  std::size_t edges_ = 0;
};

}  // namespace kn::detail
