#include "emulator/common/sigv4.h"

#include <algorithm>
#include <utility>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"
#include "emulator/common/time_format.h"

namespace preflight::sigv4 {
namespace {

std::optional<CredentialScope> parse_credential(std::string_view text) {
  const auto parts = split(text, '/');
  if (parts.size() != 5 || parts[4] != "aws4_request" || parts[0].empty() || parts[1].size() != 8 ||
      !is_all_digits(parts[1]) || parts[2].empty() || parts[3].empty()) {
    return std::nullopt;
  }
  return CredentialScope{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
                         std::string(parts[3])};
}

std::vector<std::string> parse_signed_headers(std::string_view text) {
  std::vector<std::string> names;
  for (const auto name : split(text, ';')) {
    if (!name.empty()) {
      names.push_back(to_lower(name));
    }
  }
  return names;
}

// Trims and collapses runs of spaces, as the canonical header value requires.
std::string canonical_value(std::string_view value) {
  std::string out;
  bool in_space = false;
  for (const char c : trim(value)) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      in_space = true;
      continue;
    }
    if (in_space && !out.empty()) {
      out.push_back(' ');
    }
    in_space = false;
    out.push_back(c);
  }
  return out;
}

std::string amz_date_of(const HttpRequest& request) {
  if (auto d = request.headers.get("x-amz-date")) {
    return std::string(*d);
  }
  if (auto d = request.headers.get("date")) {
    if (auto epoch = parse_http_date(*d)) {
      return amz_date(*epoch);
    }
  }
  return {};
}

ParseResult parse_presigned(const HttpRequest& request) {
  const auto params = parse_form(request.query);
  if (!params) {
    return NotSigned{};
  }
  auto find = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : *params) {
      if (k == key) {
        return &v;
      }
    }
    return nullptr;
  };
  const auto* algorithm = find("X-Amz-Algorithm");
  if (algorithm == nullptr) {
    return NotSigned{};
  }
  const auto* credential = find("X-Amz-Credential");
  const auto* signed_headers = find("X-Amz-SignedHeaders");
  const auto* signature = find("X-Amz-Signature");
  const auto* date = find("X-Amz-Date");
  if (*algorithm != kAlgorithm || !credential || !signed_headers || !signature || !date) {
    return Malformed{
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
        "'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. Re-examine the query-string "
        "parameters."};
  }
  auto scope = parse_credential(*credential);
  if (!scope) {
    return Malformed{"Credential should be scoped to a valid region."};
  }
  Authorization auth;
  auth.credential = std::move(*scope);
  auth.signed_headers = parse_signed_headers(*signed_headers);
  auth.signature = *signature;
  auth.amz_date = *date;
  auth.presigned = true;
  // AWS requires an expiry of at most a week on presigned URLs.
  const auto* expires = find("X-Amz-Expires");
  if (expires == nullptr || !is_all_digits(*expires) || expires->size() > 6 ||
      std::stoll(*expires) > kMaxPresignedExpiry) {
    return Malformed{"X-Amz-Expires must be a number of seconds from 0 to " +
                     std::to_string(kMaxPresignedExpiry) + " (a week)."};
  }
  auth.expires = std::stoll(*expires);
  if (const auto* token = find("X-Amz-Security-Token")) {
    auth.security_token = *token;
  }
  return auth;
}

std::vector<std::string_view> path_segments(std::string_view path, bool collapse_slashes) {
  std::vector<std::string_view> out;
  const auto parts = split(path, '/');
  // parts[0] is what precedes the leading '/', always empty for origin-form targets.
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const auto seg = parts[i];
    if (seg == ".") {
      continue;
    }
    if (seg == "..") {
      if (!out.empty()) {
        out.pop_back();
      }
      continue;
    }
    if (seg.empty() && collapse_slashes) {
      continue;
    }
    out.push_back(seg);
  }
  return out;
}

}  // namespace

std::string CredentialScope::scope() const {
  return date + "/" + region + "/" + service + "/aws4_request";
}

ParseResult parse_authorization_header(std::string_view value) {
  value = trim(value);
  if (!value.starts_with(kAlgorithm) || value.size() == kAlgorithm.size() ||
      value[kAlgorithm.size()] != ' ') {
    return Malformed{"Authorization header uses an unsupported algorithm; expected " +
                     std::string(kAlgorithm) + "."};
  }
  std::optional<std::string_view> credential, signed_headers, signature;
  for (auto part : split(value.substr(kAlgorithm.size() + 1), ',')) {
    part = trim(part);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) {
      continue;
    }
    const auto key = trim(part.substr(0, eq));
    const auto val = trim(part.substr(eq + 1));
    if (key == "Credential") {
      credential = val;
    } else if (key == "SignedHeaders") {
      signed_headers = val;
    } else if (key == "Signature") {
      signature = val;
    }
  }
  std::string missing;
  for (const auto& [name, field] :
       {std::pair{"Credential", credential}, std::pair{"Signature", signature},
        std::pair{"SignedHeaders", signed_headers}}) {
    if (!field) {
      missing += std::string("Authorization header requires '") + name + "' parameter. ";
    }
  }
  if (!missing.empty()) {
    return Malformed{missing + "Authorization=" + std::string(value.substr(0, 200))};
  }
  auto scope = parse_credential(*credential);
  if (!scope) {
    return Malformed{"Credential should be scoped to a valid region. Credential=" +
                     std::string(credential->substr(0, 200))};
  }
  Authorization auth;
  auth.credential = std::move(*scope);
  auth.signed_headers = parse_signed_headers(*signed_headers);
  auth.signature = std::string(*signature);
  return auth;
}

ParseResult parse(const HttpRequest& request) {
  if (auto header = request.headers.get("authorization")) {
    auto result = parse_authorization_header(*header);
    if (auto* auth = std::get_if<Authorization>(&result)) {
      auth->amz_date = amz_date_of(request);
      auth->security_token = std::string(request.headers.get_or("x-amz-security-token"));
    }
    return result;
  }
  if (request.query.find("X-Amz-Algorithm") != std::string::npos) {
    return parse_presigned(request);
  }
  return NotSigned{};
}

std::string canonical_uri(std::string_view path, bool collapse_slashes) {
  if (path.empty()) {
    return "/";
  }
  const auto segments = path_segments(path, collapse_slashes);
  std::string out;
  for (const auto seg : segments) {
    out.push_back('/');
    out += uri_encode(seg);
  }
  const bool trailing =
      path.size() > 1 && (path.ends_with("/") || path.ends_with("/.") || path.ends_with("/.."));
  if (out.empty() || (trailing && out.back() != '/')) {
    out.push_back('/');
  }
  return out;
}

std::string canonical_query(std::string_view raw_query, bool drop_signature) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto pair : split(raw_query, '&')) {
    if (pair.empty()) {
      continue;
    }
    const auto eq = pair.find('=');
    const auto raw_key = pair.substr(0, eq);
    const auto raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto key = uri_decode(raw_key).value_or(std::string(raw_key));
    if (drop_signature && key == "X-Amz-Signature") {
      continue;
    }
    auto value = uri_decode(raw_value).value_or(std::string(raw_value));
    params.emplace_back(uri_encode(key), uri_encode(value));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) {
      out.push_back('&');
    }
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

std::string canonical_headers(const Headers& headers,
                              const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const auto& name : signed_headers) {
    out += name;
    out.push_back(':');
    bool first = true;
    for (const auto& field : headers) {
      if (iequals(field.name, name)) {
        if (!first) {
          out.push_back(',');
        }
        out += canonical_value(field.value);
        first = false;
      }
    }
    out.push_back('\n');
  }
  return out;
}

std::string canonical_request(const HttpRequest& request,
                              const std::vector<std::string>& signed_headers,
                              std::string_view payload_hash, bool collapse_slashes,
                              bool presigned) {
  std::string signed_list;
  for (const auto& name : signed_headers) {
    if (!signed_list.empty()) {
      signed_list.push_back(';');
    }
    signed_list += name;
  }
  std::string out = request.method;
  out.push_back('\n');
  out += canonical_uri(request.path, collapse_slashes);
  out.push_back('\n');
  out += canonical_query(request.query, presigned);
  out.push_back('\n');
  out += canonical_headers(request.headers, signed_headers);
  out.push_back('\n');
  out += signed_list;
  out.push_back('\n');
  out += payload_hash;
  return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.push_back('\n');
  out += amz_date;
  out.push_back('\n');
  out += scope;
  out.push_back('\n');
  out += sha256_hex(canonical_request);
  return out;
}

std::string signing_key(std::string_view secret, std::string_view date, std::string_view region,
                        std::string_view service) {
  const auto k_date = hmac_sha256("AWS4" + std::string(secret), date);
  const auto k_region = hmac_sha256(k_date, region);
  const auto k_service = hmac_sha256(k_region, service);
  return hmac_sha256(k_service, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return to_hex(hmac_sha256(signing_key, string_to_sign));
}

void sign(HttpRequest& request, const Credentials& credentials, std::string_view region,
          std::string_view service, std::int64_t epoch_seconds) {
  const auto date_time = amz_date(epoch_seconds);
  request.headers.set("X-Amz-Date", date_time);
  if (!credentials.session_token.empty()) {
    request.headers.set("X-Amz-Security-Token", credentials.session_token);
  }
  request.headers.remove("authorization");
  std::vector<std::string> names;
  for (const auto& field : request.headers) {
    names.push_back(to_lower(field.name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  const CredentialScope scope{credentials.access_key_id, date_time.substr(0, 8),
                              std::string(region), std::string(service)};
  const auto creq =
      canonical_request(request, names, sha256_hex(request.body), /*collapse_slashes=*/false,
                        /*presigned=*/false);
  const auto sts = string_to_sign(date_time, scope.scope(), creq);
  const auto key =
      signing_key(credentials.secret_access_key, scope.date, scope.region, scope.service);
  std::string signed_list;
  for (const auto& n : names) {
    signed_list += (signed_list.empty() ? "" : ";") + n;
  }
  request.headers.set("Authorization", std::string(kAlgorithm) +
                                           " Credential=" + credentials.access_key_id + "/" +
                                           scope.scope() + ", SignedHeaders=" + signed_list +
                                           ", Signature=" + signature(key, sts));
}

}  // namespace preflight::sigv4
