#pragma once
// Secrets of the web application, all from libsodium (../shared/design/stack.md §2, §4):
//   - invitation and session tokens: 32 bytes from the CSPRNG (256 bits), base64url without
//     padding (43 characters); only their BLAKE2b-256 hash (hex) is stored;
//   - passwords: Argon2id via crypto_pwhash_str (opslimit/memlimit "interactive" by default:
//     t=2, m=64 MiB), verified in constant time by libsodium;
//   - the password policy of ASVS 6.2: 12 to 128 characters, not a common password, not the
//     e-mail address.
// init_secrets() must be called once before any other function (sodium_init).

#include <cstddef>
#include <string>
#include <string_view>

namespace kn::web {

void init_secrets();

/// A fresh random token: `bytes` random bytes (>= 16), base64url without padding.
std::string new_token(std::size_t bytes = 32);
/// Hex BLAKE2b-256 of a token: what the database stores.
std::string token_hash(std::string_view token);
/// Constant-time comparison of two strings of equal length (false if lengths differ).
bool equal_secret(std::string_view a, std::string_view b);

enum class PasswordStrength { Interactive, Moderate };
/// Argon2id hash string ($argon2id$v=19$m=65536,t=2,p=1$...). Throws std::runtime_error when
/// libsodium cannot allocate the memory.
std::string hash_password(std::string_view password,
                          PasswordStrength strength = PasswordStrength::Interactive);
bool verify_password(const std::string& hash, std::string_view password);
/// A hash of a random password, for constant-time failures on unknown users.
const std::string& dummy_password_hash();

/// Empty when acceptable; otherwise the i18n key of the reason (admin.password.*).
std::string password_problem(std::string_view password, std::string_view email);

}  // namespace kn::web
