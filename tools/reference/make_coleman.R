#!/usr/bin/Rscript
# Writes tests/data/coleman.csv and coleman.actors.csv: Coleman (1964) high-school friendship
# network, fall wave ("Fall" slice), 73 boys, directed, from r-cran-sna 2.7-1 data(coleman).
# Actor ids are the dimnames of the sna array ("1".."73"); arcs in row-major order (source asc,
# then target asc). Run: /usr/bin/Rscript tools/reference/make_coleman.R (from the repo root).
suppressMessages(library(sna))
data(coleman)
fall <- coleman["Fall", , ]
ids <- dimnames(coleman)[[2]]
arcs <- which(fall == 1, arr.ind = TRUE)
arcs <- arcs[order(arcs[, 1], arcs[, 2]), , drop = FALSE]
ties <- data.frame(source = ids[arcs[, 1]], target = ids[arcs[, 2]])
write.csv(ties, "tests/data/coleman.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(id = ids), "tests/data/coleman.actors.csv", row.names = FALSE, quote = FALSE)
cat("coleman fall:", length(ids), "actors,", nrow(ties), "arcs\n")
