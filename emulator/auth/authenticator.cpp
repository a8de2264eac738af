#include "emulator/auth/authenticator.h"

#include <algorithm>
#include <vector>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"

namespace preflight::core {
namespace {

enum class Failure { Missing, Incomplete, UnknownKey, Mismatch, Expired, ExpiredToken };

constexpr std::string_view kInvalidToken = "The security token included in the request is invalid.";

// The code and status each protocol family uses for each failure.
AwsError auth_error(Protocol protocol, Failure failure, std::string message) {
  const bool query = protocol == Protocol::Query;
  const int status = protocol == Protocol::Json ? 400 : 403;
  switch (failure) {
    case Failure::Missing:
      return {query ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException",
              std::move(message), status};
    case Failure::Incomplete:
      return {query ? "IncompleteSignature" : "IncompleteSignatureException", std::move(message),
              query ? 400 : status};
    case Failure::UnknownKey:
      return {query ? "InvalidClientTokenId" : "UnrecognizedClientException", std::move(message),
              status};
    case Failure::ExpiredToken:
      return {query ? "ExpiredToken" : "ExpiredTokenException", std::move(message),
              protocol == Protocol::RestJson ? 403 : 400};
    case Failure::Mismatch:
    case Failure::Expired:
      return {query ? "SignatureDoesNotMatch" : "InvalidSignatureException", std::move(message),
              status};
  }
  return errors::internal_failure();
}

}  // namespace

Identity resolve_identity(const sigv4::ParseResult& auth, std::string_view default_region,
                          const CredentialLookup& issued) {
  Identity id{"", std::string(kDefaultAccountId), std::string(default_region), ""};
  if (const auto* a = std::get_if<sigv4::Authorization>(&auth)) {
    const auto& key = a->credential.access_key_id;
    id.access_key_id = key;
    if (key.size() == 12 && is_all_digits(key)) {
      id.account_id = key;
    } else if (issued && key.starts_with(kTemporaryKeyPrefix)) {
      if (auto credential = issued(key)) {
        id.account_id = std::move(credential->account_id);
        id.user_id = std::move(credential->user_id);
      }
    }
    if (!a->credential.region.empty()) {
      id.region = a->credential.region;
    }
  }
  if (id.user_id.empty()) {
    id.user_id = id.account_id;  // long-term keys act as the account's root user
  }
  return id;
}

std::string Authenticator::secret_for(const sigv4::Authorization& auth, Protocol protocol,
                                      std::int64_t now) const {
  const auto& key = auth.credential.access_key_id;
  if (const auto it = credentials_.find(key); it != credentials_.end()) {
    return it->second;
  }
  if (issued_ != nullptr && *issued_ && key.starts_with(kTemporaryKeyPrefix)) {
    if (auto credential = (*issued_)(key)) {
      if (!constant_time_equals(auth.security_token, credential->session_token)) {
        throw auth_error(protocol, Failure::UnknownKey, std::string(kInvalidToken));
      }
      if (now >= credential->expiration) {
        throw auth_error(protocol, Failure::ExpiredToken,
                         "The security token included in the request is expired");
      }
      return std::move(credential->secret_access_key);
    }
  }
  throw auth_error(protocol, Failure::UnknownKey, std::string(kInvalidToken));
}

void Authenticator::verify(const HttpRequest& request, const sigv4::ParseResult& parsed,
                           Protocol protocol, std::int64_t now) const {
  if (std::holds_alternative<sigv4::NotSigned>(parsed)) {
    throw auth_error(protocol, Failure::Missing, "Request is missing Authentication Token");
  }
  if (const auto* m = std::get_if<sigv4::Malformed>(&parsed)) {
    throw auth_error(protocol, Failure::Incomplete, m->message);
  }
  const auto& auth = std::get<sigv4::Authorization>(parsed);
  const auto signed_at = parse_amz_date(auth.amz_date);
  if (!signed_at) {
    throw auth_error(protocol, Failure::Incomplete,
                     "Authorization header requires existence of either a 'X-Amz-Date' or a "
                     "'Date' header.");
  }
  const std::string secret = secret_for(auth, protocol, now);
  if (auth.presigned && auth.expires && now > *signed_at + *auth.expires) {
    throw auth_error(protocol, Failure::Expired, "Request has expired.");
  }
  if (!auth.presigned && now - *signed_at > kMaxClockSkewSeconds) {
    throw auth_error(protocol, Failure::Expired,
                     "Signature expired: " + auth.amz_date + " is now earlier than " +
                         amz_date(now - kMaxClockSkewSeconds) + " (" + amz_date(now) +
                         " - 15 min.)");
  }
  if (*signed_at - now > kMaxClockSkewSeconds) {
    throw auth_error(protocol, Failure::Expired,
                     "Signature not yet current: " + auth.amz_date + " is still later than " +
                         amz_date(now + kMaxClockSkewSeconds) + " (" + amz_date(now) +
                         " + 15 min.)");
  }

  if (auth.credential.date != std::string_view(auth.amz_date).substr(0, 8)) {
    throw auth_error(protocol, Failure::Mismatch,
                     "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                     "date from HTTP: '" +
                         auth.credential.date + "' != '" + auth.amz_date.substr(0, 8) +
                         "', from '" + auth.amz_date + "'.");
  }

  // The payload hash is the body's, unless the client signed an x-amz-content-sha256 of
  // UNSIGNED-PAYLOAD (or presigned the URL). An unsigned header is never trusted: it would let
  // anyone swap the body.
  std::vector<std::string> payload_hashes{sha256_hex(request.body)};
  const bool hash_header_signed = std::find(auth.signed_headers.begin(), auth.signed_headers.end(),
                                            "x-amz-content-sha256") != auth.signed_headers.end();
  if (auth.presigned || (hash_header_signed && request.headers.get_or("x-amz-content-sha256") ==
                                                   sigv4::kUnsignedPayload)) {
    payload_hashes.emplace_back(sigv4::kUnsignedPayload);
  }

  // Clients differ on empty path segments; accept either canonical form.
  const auto key = sigv4::signing_key(secret, auth.credential.date, auth.credential.region,
                                      auth.credential.service);
  for (const bool collapse : {false, true}) {
    for (const auto& payload : payload_hashes) {
      const auto creq =
          sigv4::canonical_request(request, auth.signed_headers, payload, collapse, auth.presigned);
      const auto sts = sigv4::string_to_sign(auth.amz_date, auth.credential.scope(), creq);
      if (constant_time_equals(sigv4::signature(key, sts), auth.signature)) {
        return;
      }
    }
  }
  throw auth_error(protocol, Failure::Mismatch,
                   "The request signature we calculated does not match the signature you "
                   "provided. Check your AWS Secret Access Key and signing method. Consult the "
                   "service documentation for details.");
}

}  // namespace preflight::core
