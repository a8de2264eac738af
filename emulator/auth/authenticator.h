#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "emulator/common/http_message.h"
#include "emulator/common/sigv4.h"
#include "emulator/service/credentials.h"
#include "emulator/service/service.h"

namespace preflight::core {

inline constexpr std::string_view kDefaultAccountId = "000000000000";
inline constexpr std::int64_t kMaxClockSkewSeconds = 15 * 60;

// Who a request is from, as far as an emulator cares.
struct Identity {
  std::string access_key_id;
  std::string account_id;
  std::string region;
  std::string user_id;  // GetCallerIdentity's UserId: the account (root) or the assumed role
};

// The account is 000000000000 unless the access key id is itself a 12-digit account number or
// temporary credentials issued for another account; the region comes from the credential scope,
// else the emulator's default.
Identity resolve_identity(const sigv4::ParseResult& auth, std::string_view default_region,
                          const CredentialLookup& issued = {});

// --strict-auth: checks a request's SigV4 signature against configured credentials (and issued
// temporary ones), throwing the AwsError AWS sends for that protocol (missing, incomplete,
// unknown key, mismatch, expired signature, expired token).
class Authenticator {
 public:
  explicit Authenticator(std::map<std::string, std::string> credentials,
                         const CredentialLookup* issued = nullptr)
      : credentials_(std::move(credentials)), issued_(issued) {}

  void verify(const HttpRequest& request, const sigv4::ParseResult& auth, Protocol protocol,
              std::int64_t now) const;

 private:
  std::string secret_for(const sigv4::Authorization& auth, Protocol protocol,
                         std::int64_t now) const;

  std::map<std::string, std::string> credentials_;
  const CredentialLookup* issued_;
};

}  // namespace preflight::core
