// Text forms of the record enums (storage/records.hpp), as stored in the database.
// SPDX-License-Identifier: GPL-3.0-or-later

#include "storage/records.hpp"

namespace kn::storage {

std::string_view to_string(WaveStatus status) {
  switch (status) {
    case WaveStatus::Draft:
      return "draft";
    case WaveStatus::Open:
      return "open";
    case WaveStatus::Closed:
      return "closed";
  }
  return "draft";
}

std::optional<WaveStatus> parse_wave_status(std::string_view text) {
  if (text == "draft") return WaveStatus::Draft;
  if (text == "open") return WaveStatus::Open;
  if (text == "closed") return WaveStatus::Closed;
  return std::nullopt;
}

std::string_view to_string(InvitationStatus status) {
  switch (status) {
    case InvitationStatus::Invited:
      return "invited";
    case InvitationStatus::Started:
      return "started";
    case InvitationStatus::Submitted:
      return "submitted";
  }
  return "invited";
}

std::optional<InvitationStatus> parse_invitation_status(std::string_view text) {
  if (text == "invited") return InvitationStatus::Invited;
  if (text == "started") return InvitationStatus::Started;
  if (text == "submitted") return InvitationStatus::Submitted;
  return std::nullopt;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Admin:
      return "admin";
    case Role::Researcher:
      return "researcher";
    case Role::Partner:
      return "partner";
  }
  return "partner";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::Admin;
  if (text == "researcher") return Role::Researcher;
  if (text == "partner") return Role::Partner;
  return std::nullopt;
}

}  // namespace kn::storage
