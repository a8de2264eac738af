#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emulator/common/http_message.h"

// AWS Signature Version 4: the pieces a server needs to verify a request and a client needs to
// sign one. Pure functions over HttpRequest; no knowledge of services or credentials stores.
namespace preflight::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr std::int64_t kMaxPresignedExpiry = 7 * 24 * 3600;

struct CredentialScope {
  std::string access_key_id;
  std::string date;  // yyyymmdd
  std::string region;
  std::string service;

  std::string scope() const;  // "date/region/service/aws4_request"
};

// What a request says about its signature, from the Authorization header or the query string.
struct Authorization {
  CredentialScope credential;
  std::vector<std::string> signed_headers;  // as listed, lower-case
  std::string signature;
  std::string amz_date;                 // X-Amz-Date, "yyyymmddThhmmssZ"
  std::optional<std::int64_t> expires;  // presigned URLs: X-Amz-Expires seconds
  std::string security_token;           // X-Amz-Security-Token, if any
  bool presigned = false;
};

struct NotSigned {};
struct Malformed {
  std::string message;
};
using ParseResult = std::variant<NotSigned, Malformed, Authorization>;

// Finds the SigV4 authorization in a request: the Authorization header, else presigned-URL query
// parameters. A request with neither is NotSigned; one whose fields are unusable is Malformed.
ParseResult parse(const HttpRequest& request);
ParseResult parse_authorization_header(std::string_view value);

// Canonical pieces (see AWS's "Create a canonical request for Signature Version 4").
// collapse_slashes removes empty path segments (the published test suite does; botocore does not).
std::string canonical_uri(std::string_view path, bool collapse_slashes);
std::string canonical_query(std::string_view raw_query, bool drop_signature);
std::string canonical_headers(const Headers& headers,
                              const std::vector<std::string>& signed_headers);
std::string canonical_request(const HttpRequest& request,
                              const std::vector<std::string>& signed_headers,
                              std::string_view payload_hash, bool collapse_slashes, bool presigned);
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);
std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service);
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

// Client side: adds X-Amz-Date (and X-Amz-Security-Token) and the Authorization header, signing
// every header present plus host. The request must already carry its Host header.
void sign(HttpRequest& request, const Credentials& credentials, std::string_view region,
          std::string_view service, std::int64_t epoch_seconds);

}  // namespace preflight::sigv4
