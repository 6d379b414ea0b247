#!/usr/bin/Rscript
# Computes the reference values of every measure of the CLI contract (issue 2, section 5
# "Conventions") on the classic datasets of tests/data/ and writes tests/reference/<name>.json.
#
# Run from the repository root, then run compute_reference.py (it adds the networkx values:
# effective size, efficiency, two-mode):
#     /usr/bin/Rscript tools/reference/compute_reference.R
#     /usr/bin/python3 tools/reference/compute_reference.py
# Needs Debian's r-cran-igraph 1.3.5, r-cran-sna 2.7-1, r-cran-jsonlite. Numbers are written with
# 15 significant digits (jsonlite digits=NA); NaN/NA become null.
#
# Every graph is built from the first two CSV columns only, so no `weight` attribute exists and
# R igraph cannot pick weights up silently (it does so in constraint(), page_rank() and the path
# measures when E(g)$weight is present). All measures here are the unweighted ones.

suppressMessages({
  library(igraph)
  requireNamespace("sna")
  library(jsonlite)
})

ver <- function(pkg) paste0(pkg, " ", as.character(packageVersion(pkg)), " (R ",
                            as.character(getRversion()), ")")
IGRAPH <- ver("igraph")
SNA <- ver("sna")
BASE_R <- paste0("R ", as.character(getRversion()))

src <- function(fun, pkg = IGRAPH, note = NULL) {
  s <- list("function" = fun, package = pkg)
  if (!is.null(note)) s$note <- note
  s
}
num <- function(x) as.numeric(unname(x))

datasets <- list(
  list(name = "karate", directed = FALSE, group = "club",
       citation = paste("Zachary, W. W. (1977). An information flow model for conflict and",
                        "fission in small groups. J. Anthropol. Res. 33(4):452-473."),
       copy = "networkx 2.8.8 karate_club_graph() (node attribute club; edge weights not used)"),
  list(name = "florentine", directed = FALSE, group = NULL,
       citation = paste("Padgett, J. F. & Ansell, C. K. (1993). Robust action and the rise of",
                        "the Medici, 1400-1434. Am. J. Sociol. 98(6):1259-1319. Marriage ties."),
       copy = "networkx 2.8.8 florentine_families_graph() (15 families; Pucci, an isolate, omitted)"),
  list(name = "kite", directed = FALSE, group = NULL,
       citation = paste("Krackhardt, D. (1990). Assessing the political landscape: structure,",
                        "cognition, and power in organizations. Adm. Sci. Q. 35(2):342-369."),
       copy = "networkx 2.8.8 krackhardt_kite_graph()"),
  list(name = "davis", directed = FALSE, group = "mode",
       citation = paste("Davis, A., Gardner, B. B. & Gardner, M. R. (1941). Deep South.",
                        "University of Chicago Press. 18 women x 14 events."),
       copy = paste("networkx 2.8.8 davis_southern_women_graph(); stored one-mode as woman -> event",
                    "edges, actor attribute mode = woman|event (networkx bipartite 0|1)")),
  list(name = "coleman", directed = TRUE, group = NULL,
       citation = paste("Coleman, J. S. (1964). Introduction to Mathematical Sociology.",
                        "Free Press. High-school friendship, 73 boys, fall wave."),
       copy = "r-cran-sna 2.7-1 data(coleman), slice \"Fall\""),
  list(name = "random_groups", directed = TRUE, group = "sector",
       citation = "Synthetic: seeded random directed graph with 3 sectors (no real data).",
       copy = paste("tools/reference/make_datasets.py random_groups(seed=20261125): 40 actors,",
                    "sectors A/B/C, arc p = 0.12 within / 0.05 between; r39 sink, r40 isolate"))
)

read_dataset <- function(d) {
  ties <- read.csv(file.path("tests/data", paste0(d$name, ".csv")), colClasses = "character",
                   check.names = FALSE, encoding = "UTF-8")
  actors <- read.csv(file.path("tests/data", paste0(d$name, ".actors.csv")),
                     colClasses = "character", check.names = FALSE, encoding = "UTF-8")
  g <- graph_from_data_frame(ties[, c("source", "target")], directed = d$directed,
                             vertices = actors[, "id", drop = FALSE])
  g <- simplify(g, remove.multiple = TRUE, remove.loops = TRUE)
  list(g = g, actors = actors, ties = ties)
}

# E-I index and mixing matrix by hand (igraph and sna have no E-I function): one tie per edge of
# the view (arcs if directed, edges if undirected); E = ties joining different groups, I = ties
# within a group; network (E-I)/(E+I); group g: ties with at least one end in g. Mixing matrix
# M[r, c] = arcs from group r to group c, undirected edges counted in both directions (so a
# within-group edge adds 2 to the diagonal; networkx attribute_mixing_matrix(normalized=False)).
group_measures <- function(g, grp, directed) {
  names_sorted <- sort(unique(grp), method = "radix")  # byte order, locale independent
  el <- as_edgelist(g, names = FALSE)
  gs <- grp[el[, 1]]
  gt <- grp[el[, 2]]
  external <- gs != gt
  E <- sum(external)
  I <- sum(!external)
  group_ei <- sapply(names_sorted, function(x) {
    touch <- gs == x | gt == x
    e <- sum(touch & external)
    i <- sum(touch & !external)
    if (e + i == 0) NaN else (e - i) / (e + i)
  })
  k <- length(names_sorted)
  M <- matrix(0, k, k)
  ai <- match(gs, names_sorted)
  bi <- match(gt, names_sorted)
  for (t in seq_along(ai)) {
    M[ai[t], bi[t]] <- M[ai[t], bi[t]] + 1
    if (!directed) M[bi[t], ai[t]] <- M[bi[t], ai[t]] + 1
  }
  list(names = names_sorted,
       size = as.integer(sapply(names_sorted, function(x) sum(grp == x))),
       ei = if (E + I == 0) NaN else (E - I) / (E + I),
       group_ei = num(group_ei),
       mixing = lapply(seq_len(k), function(r) M[r, ]),
       assortativity = assortativity_nominal(g, types = match(grp, names_sorted),
                                             directed = TRUE))
}

leiden_reference <- function(g) {
  gu <- as.undirected(g, mode = "collapse")
  q <- numeric(0)
  best <- NULL
  for (seed in 1:100) {
    set.seed(seed)
    cl <- cluster_leiden(gu, objective_function = "modularity", n_iterations = -1)
    qq <- modularity(gu, membership(cl))
    q <- c(q, qq)
    if (is.null(best) || qq > best$q) best <- list(q = qq, membership = membership(cl), seed = seed)
  }
  set.seed(1)
  louv <- cluster_louvain(gu)
  list(
    source = src(paste("cluster_leiden(as.undirected(g, \"collapse\"),",
                       "objective_function=\"modularity\", n_iterations=-1) with set.seed(1..100);",
                       "modularity(gu, membership)")),
    leiden_max = best$q, leiden_median = median(q), leiden_min = min(q),
    best_seed = best$seed,
    best_membership = as.integer(best$membership) - 1L,
    best_modularity = modularity(gu, best$membership),
    louvain = list(source = src("cluster_louvain(gu) with set.seed(1); modularity()"),
                   modularity = modularity(louv))
  )  # compute_reference.py adds python_igraph_leiden and the test rule
}

for (d in datasets) {
  r <- read_dataset(d)
  g <- r$g
  n <- vcount(g)
  ids <- V(g)$name
  stopifnot(identical(ids, r$actors$id))
  dir <- is_directed(g)

  am <- list()
  am$indegree <- list(source = src("degree(g, mode=\"in\", loops=FALSE)"),
                      values = num(degree(g, mode = "in", loops = FALSE)))
  am$outdegree <- list(source = src("degree(g, mode=\"out\", loops=FALSE)"),
                       values = num(degree(g, mode = "out", loops = FALSE)))
  am$betweenness <- list(
    source = src("betweenness(g, directed=TRUE, normalized=FALSE, weights=NA)"),
    values = num(betweenness(g, directed = TRUE, normalized = FALSE, weights = NA)))
  am$closeness <- list(
    source = src("closeness(g, mode=\"out\", normalized=FALSE, weights=NA)",
                 note = paste("1/sum of distances to reachable actors; R igraph 1.3.5 returns NaN",
                              "when none is reachable (checked), written as null")),
    values = num(closeness(g, mode = "out", normalized = FALSE, weights = NA)))
  am$harmonic <- list(
    source = src("harmonic_centrality(g, mode=\"out\", normalized=FALSE, weights=NA)"),
    values = num(harmonic_centrality(g, mode = "out", normalized = FALSE, weights = NA)))
  am$eigenvector <- list(
    source = src("eigen_centrality(as.undirected(g, \"collapse\"), scale=TRUE, weights=NA)$vector"),
    values = num(eigen_centrality(as.undirected(g, mode = "collapse"), scale = TRUE,
                                  weights = NA)$vector))
  am$pagerank <- list(
    source = src("page_rank(g, directed=TRUE, damping=0.85, weights=NA)$vector (PRPACK)"),
    values = num(page_rank(g, directed = TRUE, damping = 0.85, weights = NA)$vector))
  am$coreness <- list(source = src("coreness(g, mode=\"all\")"),
                      values = num(coreness(g, mode = "all")))
  am$constraint <- list(
    source = src("constraint(g) (no weight attribute present)",
                 note = "NaN for isolates, written as null"),
    values = num(constraint(g)))

  net <- list()
  net$actors <- list(source = src("vcount(g)"), value = n)
  net$ties <- list(source = src("ecount(g)"), value = ecount(g))
  net$directed <- list(source = src("is_directed(g)"), value = dir)
  net$density <- list(source = src("edge_density(g, loops=FALSE)"),
                      value = edge_density(g, loops = FALSE))
  net$reciprocity <- list(source = src("reciprocity(g) (mode=\"default\", ignore.loops=TRUE)"),
                          value = reciprocity(g))
  net$transitivity <- list(
    source = src("transitivity(as.undirected(g, \"collapse\"), type=\"global\")"),
    value = transitivity(as.undirected(g, mode = "collapse"), type = "global"))
  net$weak_components <- list(source = src("count_components(g, mode=\"weak\")"),
                              value = count_components(g, mode = "weak"))
  net$strong_components <- list(source = src("count_components(g, mode=\"strong\")"),
                                value = count_components(g, mode = "strong"))
  net$diameter <- list(
    source = src("diameter(g, directed=TRUE, unconnected=TRUE, weights=NA)"),
    value = diameter(g, directed = TRUE, unconnected = TRUE, weights = NA))
  net$mean_distance <- list(source = src("mean_distance(g, directed=TRUE, unconnected=TRUE)"),
                            value = mean_distance(g, directed = TRUE, unconnected = TRUE))
  if (dir) {
    dc <- dyad_census(g)
    net$dyad_census <- list(source = src("dyad_census(g)"),
                            mutual = dc$mut, asymmetric = dc$asym, null = dc$null)
  }

  out <- list(
    dataset = list(name = d$name, ties = paste0(d$name, ".csv"),
                   actors = paste0(d$name, ".actors.csv"), directed = d$directed,
                   group = if (is.null(d$group)) NULL else d$group,
                   citation = d$citation, copy_from = d$copy),
    generated_by = "tools/reference/compute_reference.R, tools/reference/compute_reference.py",
    software = list(igraph = IGRAPH, igraph_c_version_string = igraph_version(), sna = SNA,
                    R = BASE_R),
    actors = ids,
    actor_measures = am,
    network = net
  )

  if (!is.null(d$group)) {
    grp <- r$actors[[d$group]]
    gm <- group_measures(g, grp, dir)
    out$network$ei_index <- list(
      source = src("(E-I)/(E+I) computed by hand in R from the edge list (no package function)",
                   pkg = BASE_R), value = gm$ei)
    out$network$assortativity <- list(
      source = src("assortativity_nominal(g, types=group index, directed=TRUE)"),
      value = gm$assortativity)
    out$groups <- list(
      source = src(paste("by hand in R: per group, ties with at least one end in it;",
                         "(E-I)/(E+I)"), pkg = BASE_R),
      names = gm$names, size = gm$size, ei_index = gm$group_ei)
    out$mixing <- list(
      source = src(paste("by hand in R: arcs from group r to group c; undirected edges counted",
                         "both ways"), pkg = BASE_R),
      groups = gm$names, ties = gm$mixing)

    adj <- as_adjacency_matrix(g, sparse = FALSE)
    b <- sna::brokerage(adj, grp)
    roles <- c(coordinator = "w_I", itinerant = "w_O", representative = "b_IO",
               gatekeeper = "b_OI", liaison = "b_O", total = "t")
    col <- function(m, k) num(m[, k])
    out$brokerage <- list(
      source = src(paste("sna::brokerage(as_adjacency_matrix(g), cl=group)",
                         "$raw.nli/$z.nli/$raw.gli/$z.gli; undirected graphs as symmetric",
                         "adjacency"), pkg = SNA),
      columns = as.list(roles),
      raw = lapply(roles, function(k) col(b$raw.nli, k)),
      z = lapply(roles, function(k) col(b$z.nli, k)),
      raw_total = lapply(roles, function(k) num(b$raw.gli[k])),
      z_total = lapply(roles, function(k) num(b$z.gli[k])))
  }

  out$community <- leiden_reference(g)

  path <- file.path("tests/reference", paste0(d$name, ".json"))
  writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE,
                    null = "null"), path, useBytes = TRUE)
  cat("wrote", path, "\n")
}
