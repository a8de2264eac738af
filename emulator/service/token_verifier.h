#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/json.h"

namespace preflight::core {

// What a caller (API Gateway's COGNITO_USER_POOLS authorizer) requires of a bearer token.
struct TokenCheck {
  std::vector<std::string> issuers;     // iss must be one of these ({endpoint}/{userPoolId})
  std::vector<std::string> client_ids;  // aud (id token) or client_id (access); empty: any
  std::string token_use;                // "id", "access", or empty for either
  // When not empty, an access token carrying at least one of these in its "scope" (API Gateway's
  // rule for a method's AuthorizationScopes).
  std::vector<std::string> scopes;
  // When not empty, issued by one of these pools, whatever endpoint issued it (an authorizer
  // names pools by ARN; a token's iss depends on the Host the client signed in through).
  std::vector<std::string> pool_ids;
};

struct VerifiedToken {
  bool ok = false;
  std::string reason;  // why not, when !ok (for logs; callers answer 401 whatever it says)
  Json claims;         // the token's claims, when ok
};

// Set by the service that issues tokens (Cognito): signature, exp, the check above, revocation.
using TokenVerifier = std::function<VerifiedToken(std::string_view token, const TokenCheck& check)>;

}  // namespace preflight::core
