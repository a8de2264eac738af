// libFuzzer target: JWT verification (emulator/common/jwt), what every Cognito-authorized
// request goes through. The input is tried as a token as it is, and, split at its first newline
// into header and claims text, signed with a fixed key so that the header and claims checks run
// too. verify() promises never to throw; RsaKey::from_jwk gets the claims text as a JWK as well.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "emulator/common/jwt.h"
#include "emulator/common/rsa_key.h"

namespace {

using preflight::Json;
using preflight::RsaKey;

const RsaKey& key() {
  static const RsaKey k = RsaKey::generate("fuzz-kid");
  return k;
}

void check(const preflight::jwt::Verification& v) {
  if (v.ok && (!v.claims.is_object() || !v.header.is_object())) {
    std::abort();  // a verified token always has object header and claims
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const RsaKey keys[] = {key()};
  constexpr std::int64_t kNow = 1'700'000'000;
  check(preflight::jwt::verify(text, keys, kNow));

  const auto newline = text.find('\n');
  const std::string_view header = text.substr(0, newline);
  const std::string_view claims =
      newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  const std::string token = preflight::jwt::sign_compact(key(), header, claims);
  check(preflight::jwt::verify(token, keys, kNow));

  const Json jwk = Json::parse(claims, nullptr, false);
  if (jwk.is_object()) {
    (void)RsaKey::from_jwk(jwk);
  }
  return 0;
}
