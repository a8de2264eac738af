#pragma once

#include <string>
#include <string_view>

#include "services/cognito/pool.h"

// Passwords: the pool's policy, and how they are kept (only as salted PBKDF2-SHA256 hashes; the
// SRP verifier is kept beside it, see srp.h).
namespace preflight::cognito {

// Throws InvalidPasswordException with Cognito's message ("Password did not conform with policy:
// Password not long enough", "... Password must have uppercase characters", ...).
void check_password_policy(const PasswordPolicy& policy, std::string_view password);

// "pbkdf2-sha256$ITERATIONS$SALT$HASH" (salt and hash base64). Iterations: --option
// cognito.password-hash-iterations (a low value makes tests and benchmarks fast).
std::string hash_password(std::string_view password, int iterations);
// Constant-time; false for a malformed hash.
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace preflight::cognito
