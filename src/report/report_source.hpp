#pragma once
// Where a report's input comes from: a stored project (storage/repository.hpp). Loads the
// network with names or pseudonyms, the survey status of the wave, the innovations reported in
// that wave (or without a wave) and the map's stored layout when it still fits the network (the
// fingerprint of app::map_layout_input); the report then shows the same picture as the map.
// SPDX-License-Identifier: GPL-3.0-or-later

#include <string>

#include "report/report_model.hpp"
#include "storage/repository.hpp"

namespace kn::report {

struct ReportSource {
  std::string project;   ///< project slug, else its display name (exact)
  std::string wave;      ///< wave name; empty = the latest
  std::string relation;  ///< for the stored layout's scope; empty = as the map
  bool names = false;    ///< researcher view with names; default pseudonyms
};

/// Throws storage::StorageError(NotFound) naming a missing project or wave.
ReportInput load_report_input(storage::Repository& repo, const ReportSource& source);

}  // namespace kn::report
