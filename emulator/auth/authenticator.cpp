#include "emulator/auth/authenticator.h"

#include <vector>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"
#include "emulator/service/aws_error.h"

namespace preflight::core {
namespace {

enum class Failure { Missing, Incomplete, UnknownKey, Mismatch, Expired };

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
    case Failure::Mismatch:
    case Failure::Expired:
      return {query ? "SignatureDoesNotMatch" : "InvalidSignatureException", std::move(message),
              status};
  }
  return errors::internal_failure();
}

}  // namespace

Identity resolve_identity(const sigv4::ParseResult& auth, std::string_view default_region) {
  Identity id{"", std::string(kDefaultAccountId), std::string(default_region)};
  if (const auto* a = std::get_if<sigv4::Authorization>(&auth)) {
    id.access_key_id = a->credential.access_key_id;
    if (a->credential.access_key_id.size() == 12 && is_all_digits(a->credential.access_key_id)) {
      id.account_id = a->credential.access_key_id;
    }
    if (!a->credential.region.empty()) {
      id.region = a->credential.region;
    }
  }
  return id;
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
  const auto secret = credentials_.find(auth.credential.access_key_id);
  if (secret == credentials_.end()) {
    throw auth_error(protocol, Failure::UnknownKey,
                     "The security token included in the request is invalid.");
  }
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

  // Clients differ in small ways (payload hash source, empty path segments); accept any
  // signature a real SDK would have produced for this request.
  std::vector<std::string> payload_hashes;
  if (auto h = request.headers.get("x-amz-content-sha256")) {
    payload_hashes.emplace_back(*h);
  }
  if (auth.presigned) {
    payload_hashes.emplace_back(sigv4::kUnsignedPayload);
  }
  payload_hashes.push_back(sha256_hex(request.body));

  const auto key = sigv4::signing_key(secret->second, auth.credential.date, auth.credential.region,
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
