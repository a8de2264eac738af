#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::core {

// Temporary credentials a service issued (STS AssumeRole / GetSessionToken). The core consults
// them to resolve a request's account and, with --strict-auth, to verify its signature.
struct IssuedCredential {
  std::string secret_access_key;
  std::string session_token;
  std::string account_id;
  std::int64_t expiration = 0;  // epoch seconds
  std::string user_id;          // the principal, as GetCallerIdentity's UserId ("AROA...:session")
};

// Temporary access key ids start with this, as on AWS; only those are looked up.
inline constexpr std::string_view kTemporaryKeyPrefix = "ASIA";

using CredentialLookup =
    std::function<std::optional<IssuedCredential>(std::string_view access_key_id)>;

}  // namespace preflight::core
