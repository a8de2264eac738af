#include "services/cognito/password.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "services/cognito/errors.h"

namespace preflight::cognito {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string pbkdf2(std::string_view password, std::string_view salt, int iterations) {
  std::string out(kHashBytes, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

// Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and space.
bool is_symbol(char c) {
  return std::string_view("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ").find(c) != std::string_view::npos;
}

}  // namespace

void check_password_policy(const PasswordPolicy& policy, std::string_view password) {
  const auto fail = [](const char* why) {
    throw errors::invalid_password(std::string("Password did not conform with policy: ") + why);
  };
  if (static_cast<std::int64_t>(password.size()) < policy.minimum_length) {
    fail("Password not long enough");
  }
  bool upper = false, lower = false, digit = false, symbol = false;
  for (const char c : password) {
    const auto u = static_cast<unsigned char>(c);
    upper |= std::isupper(u) != 0;
    lower |= std::islower(u) != 0;
    digit |= std::isdigit(u) != 0;
    symbol |= is_symbol(c);
  }
  if (policy.lowercase && !lower) {
    fail("Password must have lowercase characters");
  }
  if (policy.uppercase && !upper) {
    fail("Password must have uppercase characters");
  }
  if (policy.numbers && !digit) {
    fail("Password must have numeric characters");
  }
  if (policy.symbols && !symbol) {
    fail("Password must have symbol characters");
  }
}

std::string hash_password(std::string_view password, int iterations) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  iterations = std::max(iterations, 1);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64_encode(salt) + "$" +
         base64_encode(pbkdf2(password, salt, iterations));
}

bool verify_password(std::string_view hash, std::string_view password) {
  const auto parts = split(hash, '$');
  if (parts.size() != 4 || parts[0] != kScheme) {
    return false;
  }
  int iterations = 0;
  const auto [end, ec] =
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  const auto salt = base64_decode(parts[2]);
  const auto expected = base64_decode(parts[3]);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 || !salt ||
      !expected) {
    return false;
  }
  return constant_time_equals(pbkdf2(password, *salt, iterations), *expected);
}

}  // namespace preflight::cognito
