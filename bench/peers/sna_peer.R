#!/usr/bin/Rscript
# R sna peer (bench/compare_peers.sh): brokerage, betweenness, closeness with sna's own functions.
#   Rscript sna_peer.R TIES.csv ACTORS.csv MEASURES OUT      MEASURES from brokerage,betweenness,closeness
# The graph is an sna edgelist (source, target, 1; attr n) of the simple directed graph: read with
# base R, loops dropped, duplicate arcs collapsed, every actor of ACTORS.csv a vertex.
#   brokerage   sna::brokerage(g, sector)$raw.nli (Gould-Fernandez raw counts, = klimanetze)
#   betweenness sna::betweenness(g, gmode="digraph", cmode="directed") (raw, = klimanetze)
#   closeness   sna::closeness(g, gmode="digraph", cmode="suminvdir") (sna's harmonic-type
#               closeness: sna's default cmode is 0 on disconnected graphs; the work is the
#               same all-pairs BFS)
suppressMessages(library(sna))
args_all <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args_all[grep("^--file=", args_all)])))
source(file.path(here, "common.R"))
args <- peer_args()
want <- function(k) k %in% args$measures

d <- read_pair(args)
ids <- d$actors$id
s <- match(d$ties$source, ids)
t <- match(d$ties$target, ids)
keep <- s != t
el <- unique(cbind(s[keep], t[keep]))
g <- cbind(el, 1)
attr(g, "n") <- length(ids)
lap("parse")

values <- list()
if (want("brokerage")) {
  values$brokerage <- brokerage(g, d$actors$sector)$raw.nli
  lap("brokerage")
}
if (want("betweenness")) {
  values$betweenness <- betweenness(g, gmode = "digraph", cmode = "directed")
  lap("betweenness")
}
if (want("closeness")) {
  values$closeness <- closeness(g, gmode = "digraph", cmode = "suminvdir")
  lap("closeness")
}
write_results(args$out, ids, values, list())
lap("write")
report("R sna")
