#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "emulator/common/json.h"
#include "emulator/common/rsa_key.h"

// JSON Web Tokens as Cognito issues them: compact JWS signed with RS256 (RFC 7515, 7519).
// Only RS256 is ever accepted; the token's own header cannot choose another algorithm or key.
namespace preflight::jwt {

// Longer tokens are refused before any parsing (API Gateway's whole header limit is 10 KB).
inline constexpr std::size_t kMaxTokenBytes = 64 * 1024;

// base64url(header).base64url(claims).base64url(signature) with Cognito's header,
// {"kid":key.kid(),"alg":"RS256"}. Throws std::logic_error when key has no private part.
std::string sign(const RsaKey& key, const Json& claims);
// The same over header and payload JSON text taken verbatim (tests craft hostile headers).
std::string sign_compact(const RsaKey& key, std::string_view header_json,
                         std::string_view payload_json);

struct Verification {
  bool ok = false;
  // Why not, when !ok: "token too large", "malformed token" (not three strict base64url parts),
  // "malformed header", "unsupported alg", "unsupported critical header", "missing kid",
  // "unknown kid", "invalid signature", "malformed claims", "missing exp", "invalid exp",
  // "invalid nbf", "token expired", "token not yet valid".
  std::string reason;
  Json header;  // only when ok (an unverified header is never handed out)
  Json claims;  // only when ok
};

// The key a token's kid names, if any.
using KeyLookup = std::function<std::optional<RsaKey>(std::string_view kid)>;

// Checks, in order: size, structure, header (alg must be exactly "RS256"; "crit" is refused),
// kid, the signature over the token's first two parts, then the claims: exp is required and must
// be later than now; nbf, when present, must not be later than now (no leeway; epoch seconds).
// Never throws on any input (only a throwing KeyLookup could) and parses the claims only once
// the signature is good.
Verification verify(std::string_view token, const KeyLookup& keys, std::int64_t now);
Verification verify(std::string_view token, std::span<const RsaKey> keys, std::int64_t now);

}  // namespace preflight::jwt
