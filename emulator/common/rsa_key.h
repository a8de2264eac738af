#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/common/json.h"

namespace preflight {

// An RSA signing key named by its JWK "kid": a key pair we generated (a Cognito pool's key), or a
// public key alone (from a JWK). Immutable; copies share one OpenSSL key, so copying is cheap.
// OpenSSL types stay in rsa_key.cpp.
class RsaKey {
 public:
  static constexpr int kBits = 2048;

  // A fresh RSA-2048 key pair (public exponent 65537). Throws std::runtime_error if OpenSSL fails.
  static RsaKey generate(std::string kid);
  // Loads private_pem()'s output (or any unencrypted PEM RSA private key of at least 2048 bits).
  // nullopt for anything else, including encrypted PEM (never prompts for a passphrase).
  static std::optional<RsaKey> from_private_pem(std::string_view pem, std::string kid);
  // A public key from a JWK {"kty":"RSA","n":...,"e":...} (kid from its "kid"; "alg" and "use",
  // when present, must be RS256 and sig). nullopt when it is not a usable RSA key of >= 2048 bits.
  static std::optional<RsaKey> from_jwk(const Json& jwk);

  const std::string& kid() const { return kid_; }
  bool has_private_key() const;
  int bits() const;

  // The private key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"): a secret to store, never to
  // log. Throws std::logic_error for a public-only key.
  std::string private_pem() const;
  // The public key as a JWKS lists it: {"alg":"RS256","e":...,"kid":...,"kty":"RSA","n":...,
  // "use":"sig"}, n and e big-endian unsigned, without leading zero bytes, base64url.
  Json public_jwk() const;

  // RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256"): the raw signature, bits()/8 bytes. Throws
  // std::logic_error for a public-only key.
  std::string sign(std::string_view data) const;
  // True only for a valid RS256 signature of data by this key; never throws.
  bool verify(std::string_view data, std::string_view signature) const;

 private:
  struct Handle;
  RsaKey(std::shared_ptr<const Handle> handle, std::string kid)
      : handle_(std::move(handle)), kid_(std::move(kid)) {}

  std::shared_ptr<const Handle> handle_;
  std::string kid_;
};

}  // namespace preflight
