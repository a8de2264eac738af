#include "emulator/common/jwt.h"

#include <cmath>
#include <limits>

#include "emulator/common/crypto.h"

namespace preflight::jwt {
namespace {

Verification refuse(std::string reason) {
  Verification result;
  result.reason = std::move(reason);
  return result;
}

// A JSON object, or nullopt. nlohmann refuses invalid UTF-8 and keeps the last of duplicate
// members (RFC 7515 allows that or refusing), but it would stop at a NUL byte and ignore the rest;
// JSON text never holds a raw NUL, so refuse it.
std::optional<Json> parse_object(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) {
    return std::nullopt;
  }
  return value;
}

// The sign of (date - now) for a NumericDate claim (seconds, integer or not); nullopt when the
// claim is not a finite number.
std::optional<int> compare_date(const Json& date, std::int64_t now) {
  if (date.is_number_unsigned()) {
    const auto value = date.get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return 1;
    }
    const auto signed_value = static_cast<std::int64_t>(value);
    return signed_value < now ? -1 : (signed_value > now ? 1 : 0);
  }
  if (date.is_number_integer()) {
    const auto value = date.get<std::int64_t>();
    return value < now ? -1 : (value > now ? 1 : 0);
  }
  if (date.is_number_float()) {
    const auto value = date.get<double>();
    if (!std::isfinite(value)) {
      return std::nullopt;
    }
    const auto reference = static_cast<double>(now);
    return value < reference ? -1 : (value > reference ? 1 : 0);
  }
  return std::nullopt;
}

Verification verify_checked(std::string_view token, const KeyLookup& keys, std::int64_t now) {
  if (token.size() > kMaxTokenBytes) {
    return refuse("token too large");
  }
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return refuse("malformed token");
  }
  const auto header_text = base64url_decode(token.substr(0, first));
  const auto payload_text = base64url_decode(token.substr(first + 1, second - first - 1));
  const auto signature = base64url_decode(token.substr(second + 1));
  if (!header_text || !payload_text || !signature) {
    return refuse("malformed token");
  }
  auto header = parse_object(*header_text);
  if (!header) {
    return refuse("malformed header");
  }
  const auto alg = header->find("alg");
  if (alg == header->end() || *alg != "RS256") {
    return refuse("unsupported alg");
  }
  // RFC 7515 4.1.11: a recipient must refuse extensions it does not understand; we know none.
  if (header->contains("crit")) {
    return refuse("unsupported critical header");
  }
  const auto kid = header->find("kid");
  if (kid == header->end() || !kid->is_string()) {
    return refuse("missing kid");
  }
  const auto key = keys ? keys(kid->get_ref<const std::string&>()) : std::nullopt;
  if (!key) {
    return refuse("unknown kid");
  }
  if (!key->verify(token.substr(0, second), *signature)) {
    return refuse("invalid signature");
  }
  auto claims = parse_object(*payload_text);
  if (!claims) {
    return refuse("malformed claims");
  }
  const auto exp = claims->find("exp");
  if (exp == claims->end()) {
    return refuse("missing exp");
  }
  const auto exp_order = compare_date(*exp, now);
  if (!exp_order) {
    return refuse("invalid exp");
  }
  if (*exp_order <= 0) {
    return refuse("token expired");
  }
  if (const auto nbf = claims->find("nbf"); nbf != claims->end()) {
    const auto nbf_order = compare_date(*nbf, now);
    if (!nbf_order) {
      return refuse("invalid nbf");
    }
    if (*nbf_order > 0) {
      return refuse("token not yet valid");
    }
  }
  Verification result;
  result.ok = true;
  result.header = std::move(*header);
  result.claims = std::move(*claims);
  return result;
}

}  // namespace

std::string sign_compact(const RsaKey& key, std::string_view header_json,
                         std::string_view payload_json) {
  std::string token = base64url_encode(header_json);
  token += '.';
  token += base64url_encode(payload_json);
  const std::string signature = key.sign(token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::string sign(const RsaKey& key, const Json& claims) {
  // Written by hand to keep Cognito's member order (nlohmann would sort "alg" first).
  const std::string header = R"({"kid":)" + Json(key.kid()).dump() + R"(,"alg":"RS256"})";
  return sign_compact(key, header, claims.dump());
}

Verification verify(std::string_view token, const KeyLookup& keys, std::int64_t now) {
  try {
    return verify_checked(token, keys, now);
  } catch (const Json::exception&) {
    // Not expected (types are checked before use); an odd token must still not escape as one.
    return refuse("malformed token");
  }
}

Verification verify(std::string_view token, std::span<const RsaKey> keys, std::int64_t now) {
  return verify(
      token,
      [keys](std::string_view kid) -> std::optional<RsaKey> {
        for (const auto& key : keys) {
          if (key.kid() == kid) {
            return key;
          }
        }
        return std::nullopt;
      },
      now);
}

}  // namespace preflight::jwt
