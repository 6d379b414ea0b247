// Tokens, hashes and passwords with libsodium (see secrets.hpp).

#include "server/web/secrets.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace kn::web {

namespace {

/// Frequently used passwords and patterns that must never be accepted (a short, hand-written
/// list of the most common ones; length >= 12 already excludes most of the public top lists).
constexpr std::array<std::string_view, 40> kCommon = {
    "123456789012", "1234567890123", "12345678901234", "123456789abc",     "qwertyuiopas",
    "qwertzuiopü",  "password1234",  "passwort1234",   "passwordpassword", "passwortpasswort",
    "iloveyou1234", "111111111111",  "000000000000",   "abcdefghijkl",     "abc123abc123",
    "qwerty123456", "1q2w3e4r5t6y",  "1qaz2wsx3edc",   "asdfghjklöä",      "asdfghjkl123",
    "letmein12345", "welcome12345",  "willkommen123",  "hallo1234567",     "geheim123456",
    "admin1234567", "administrator", "klimaschutz1",   "klimaschutz123",   "klimanetze123",
    "changeme1234", "sommer2026!!",  "winter2026!!",   "dragon123456",     "monkey123456",
    "football1234", "fussball1234",  "superman1234",   "trustno1trustno1", "zaq12wsxcde3"};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

void init_secrets() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string new_token(std::size_t bytes) {
  if (bytes < 16) throw std::invalid_argument("tokens need at least 128 bits");
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  sodium_memzero(buf.data(), buf.size());
  return out;
}

std::string token_hash(std::string_view token) {
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool equal_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password, PasswordStrength strength) {
  char out[crypto_pwhash_STRBYTES];
  const auto ops = strength == PasswordStrength::Moderate ? crypto_pwhash_OPSLIMIT_MODERATE
                                                          : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const auto mem = strength == PasswordStrength::Moderate ? crypto_pwhash_MEMLIMIT_MODERATE
                                                          : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(new_token(24));
  return hash;
}

std::string password_problem(std::string_view password, std::string_view email) {
  const auto n = code_points(password);
  if (n < 12) return "admin.password.too_short";
  if (n > 128) return "admin.password.too_long";
  const auto low = lower(password);
  for (const auto common : kCommon)
    if (low == common) return "admin.password.common";
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; }))
    return "admin.password.common";
  if (!email.empty()) {
    const auto mail = lower(email);
    const auto local = mail.substr(0, mail.find('@'));
    if (low == mail || (local.size() >= 4 && low.find(local) != std::string::npos))
      return "admin.password.like_email";
  }
  return {};
}

}  // namespace kn::web
