#!/usr/bin/Rscript
# R igraph peer of `klimanetze analyze` (bench/compare_peers.sh).
#   Rscript igraph_peer.R TIES.csv ACTORS.csv MEASURES|all OUT
# Same view and conventions as klimanetze (docs/measures.md): directed simple graph, unweighted,
# every actor of ACTORS.csv a vertex. R igraph 1.3.5 runs igraph C 0.9. Brokerage and effective
# size have no igraph function: brokerage is sna::brokerage()$raw.nli (R sna's C code) on the
# same graph, effective size Burt's formula vectorised per actor on a sparse Matrix.
suppressMessages(library(igraph))
args_all <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args_all[grep("^--file=", args_all)])))
source(file.path(here, "common.R"))
args <- peer_args()
want <- function(k) k %in% args$measures

d <- read_pair(args)
g <- graph_from_data_frame(d$ties[, c("source", "target")], directed = TRUE,
                           vertices = d$actors)
g <- simplify(g, remove.multiple = TRUE, remove.loops = TRUE)
lap("parse")

values <- list()
network <- list()
if (want("indegree")) values$indegree <- degree(g, mode = "in", loops = FALSE)
if (want("outdegree")) values$outdegree <- degree(g, mode = "out", loops = FALSE)
if (want("betweenness")) { values$betweenness <- betweenness(g, directed = TRUE); lap("betweenness") }
if (want("closeness")) {
  values$closeness <- suppressWarnings(closeness(g, mode = "out")); lap("closeness")
}
if (want("harmonic")) {
  values$harmonic <- harmonic_centrality(g, mode = "out", normalized = FALSE); lap("harmonic")
}
if (want("eigenvector") || want("community")) gu <- as.undirected(g, mode = "collapse")
if (want("eigenvector")) {
  values$eigenvector <- eigen_centrality(gu, scale = TRUE)$vector; lap("eigenvector")
}
if (want("pagerank")) { values$pagerank <- page_rank(g, directed = TRUE)$vector; lap("pagerank") }
if (want("coreness")) { values$coreness <- coreness(g, mode = "all"); lap("coreness") }
if (want("constraint")) { values$constraint <- constraint(g); lap("constraint") }
if (want("effective_size") || want("efficiency")) {
  A <- as_adjacency_matrix(g, sparse = TRUE)
  W <- methods::as(A + Matrix::t(A), "CsparseMatrix")  # a_ij + a_ji, symmetric: column = row
  n <- vcount(g)
  col <- rep(seq_len(n), diff(W@p))
  strength <- Matrix::colSums(W)
  maxw <- rep(0, n)
  mx <- tapply(W@x, col, max)
  maxw[as.integer(names(mx))] <- mx
  nb <- split(W@i + 1L, factor(col, levels = seq_len(n)))
  wt <- split(W@x, factor(col, levels = seq_len(n)))
  es <- vapply(seq_len(n), function(i) {
    N <- nb[[i]]
    if (length(N) == 0) return(NA_real_)
    p <- wt[[i]] / strength[i]
    red <- as.numeric(W[N, N, drop = FALSE] %*% p) / maxw[N]
    sum(1 - red)
  }, 0.0)
  if (want("effective_size")) values$effective_size <- es
  if (want("efficiency")) values$efficiency <- es / lengths(nb)
  lap("effective_size")
}
if (want("community")) {
  set.seed(42)
  cl <- cluster_leiden(gu, objective_function = "modularity", n_iterations = -1)
  values$community <- membership(cl)
  network$modularity <- modularity(gu, membership(cl))
  lap("community")
}
sector <- V(g)$sector
if (want("brokerage")) {
  el <- as_edgelist(g, names = FALSE)
  sel <- cbind(el, 1)
  attr(sel, "n") <- vcount(g)
  values$brokerage <- sna::brokerage(sel, sector)$raw.nli
  lap("brokerage")
}
if (want("components")) {
  network$weak_components <- count_components(g, mode = "weak")
  network$strong_components <- count_components(g, mode = "strong")
  lap("components")
}
if (want("network")) {
  el <- as_edgelist(g, names = FALSE)
  gs <- sector[el[, 1]]
  gt <- sector[el[, 2]]
  ext <- sum(gs != gt)
  int <- sum(gs == gt)
  names_sorted <- sort(unique(sector), method = "radix")
  mixing <- table(factor(gs, names_sorted), factor(gt, names_sorted))
  group_ei <- vapply(names_sorted, function(x) {
    touch <- gs == x | gt == x
    e <- sum(touch & gs != gt); i <- sum(touch & gs == gt)
    if (e + i == 0) NaN else (e - i) / (e + i)
  }, 0.0)
  network <- c(network, list(
    actors = vcount(g), ties = ecount(g), density = edge_density(g),
    reciprocity = reciprocity(g), transitivity = transitivity(g, type = "global"),
    weak_components = count_components(g, mode = "weak"),
    strong_components = count_components(g, mode = "strong"),
    diameter = diameter(g, directed = TRUE, unconnected = TRUE),
    mean_distance = mean_distance(g, directed = TRUE, unconnected = TRUE),
    ei_index = (ext - int) / (ext + int),
    assortativity = assortativity_nominal(g, match(sector, names_sorted), directed = TRUE),
    group_ei = group_ei, mixing = as.vector(mixing)))
  lap("network")
}
write_results(args$out, V(g)$name, values, network)
lap("write")
report("R igraph")
