# Shared parts of the R peer scripts (bench/compare_peers.sh): argument parsing, reading the CSV
# pair bench/make_graph writes, phase timings (KN_PEER_TIMINGS), and writing results as JSON-ish
# text (base R only: jsonlite is not part of the bench dependencies).
ALL_MEASURES <- c("indegree", "outdegree", "betweenness", "closeness", "harmonic", "eigenvector",
                  "pagerank", "coreness", "constraint", "effective_size", "efficiency",
                  "community", "brokerage", "network")

peer_args <- function() {
  a <- commandArgs(trailingOnly = TRUE)
  if (length(a) != 4) stop("usage: peer.R TIES.csv ACTORS.csv MEASURES|all OUT")
  m <- if (a[3] == "all") ALL_MEASURES else strsplit(a[3], ",")[[1]]
  list(ties = a[1], actors = a[2], measures = m, out = a[4])
}

read_pair <- function(args) {
  list(ties = read.csv(args$ties, colClasses = "character"),
       actors = read.csv(args$actors, colClasses = "character"))
}

.t0 <- proc.time()[["elapsed"]]
.last <- .t0
.phases <- list()
lap <- function(name) {
  now <- proc.time()[["elapsed"]]
  .phases[[name]] <<- now - .last
  .last <<- now
}
report <- function(tool) {
  path <- Sys.getenv("KN_PEER_TIMINGS")
  if (nzchar(path)) {
    .phases[["total"]] <<- proc.time()[["elapsed"]] - .t0
    kv <- paste0('"', names(.phases), '": ', format(unlist(.phases), digits = 6), collapse = ", ")
    cat(paste0('{"tool": "', tool, '", "phases": {', kv, "}}\n"), file = path, append = TRUE)
  }
}

# Writes the per-actor results as one JSON object of arrays (numbers with 15 digits, NA/NaN as
# null) and the network-level values.
write_results <- function(path, ids, values, network) {
  num <- function(x) {
    s <- formatC(as.numeric(x), digits = 15, format = "g")
    s[!is.finite(as.numeric(x))] <- "null"
    paste0("[", paste(s, collapse = ","), "]")
  }
  parts <- c(paste0('"id": [', paste0('"', ids, '"', collapse = ","), "]"))
  for (k in names(values)) {
    v <- values[[k]]
    if (is.matrix(v)) {
      rows <- apply(v, 1, function(r) num(r))
      parts <- c(parts, paste0('"', k, '": [', paste(rows, collapse = ","), "]"))
    } else {
      parts <- c(parts, paste0('"', k, '": ', num(v)))
    }
  }
  net <- paste0('"', names(network), '": ',
                vapply(network, function(x) num(x), ""), collapse = ", ")
  cat(paste0('{"actors": {', paste(parts, collapse = ", "), '}, "network": {', net, "}}\n"),
      file = path)
}
