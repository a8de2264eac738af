#include <gtest/gtest.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "emulator/common/crypto.h"
#include "emulator/common/rsa_key.h"
#include "tests/unit/jwt/keys.h"

namespace preflight {
namespace {

using test::key_a;
using test::key_b;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Rebuilds a public key from a JWK's n and e with OpenSSL alone (not RsaKey::from_jwk) and checks
// an RS256 signature with it: the JWK is right if another implementation can use it.
bool openssl_verify_with_jwk(const Json& jwk, std::string_view data, std::string_view signature) {
  const auto n = base64url_decode(jwk.at("n").get<std::string>());
  const auto e = base64url_decode(jwk.at("e").get<std::string>());
  if (!n || !e) {
    return false;
  }
  BIGNUM* bn_n = BN_bin2bn(bytes(*n), static_cast<int>(n->size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(bytes(*e), static_cast<int>(e->size()), nullptr);
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bn_e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* pkey = nullptr;
  EVP_PKEY_fromdata_init(ctx);
  EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  const bool ok =
      pkey != nullptr && EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
      EVP_DigestVerify(md, bytes(signature), signature.size(), bytes(data), data.size()) == 1;
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(pkey);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  BN_free(bn_e);
  BN_free(bn_n);
  return ok;
}

TEST(RsaKey, GeneratesDistinct2048BitKeyPairs) {
  EXPECT_EQ(key_a().bits(), 2048);
  EXPECT_TRUE(key_a().has_private_key());
  EXPECT_EQ(key_a().kid(), "kid-a");
  EXPECT_NE(key_a().public_jwk()["n"], key_b().public_jwk()["n"]);
}

TEST(RsaKey, SignsAndVerifies) {
  const auto signature = key_a().sign("hello");
  EXPECT_EQ(signature.size(), 256u);
  EXPECT_TRUE(key_a().verify("hello", signature));
  EXPECT_FALSE(key_a().verify("hellO", signature));
  EXPECT_FALSE(key_b().verify("hello", signature));
  EXPECT_FALSE(key_a().verify("hello", signature.substr(1)));
  EXPECT_FALSE(key_a().verify("hello", ""));
  // PKCS#1 v1.5 is deterministic.
  EXPECT_EQ(key_a().sign("hello"), signature);
}

TEST(RsaKey, JwkHasCognitoShapeAndMinimalBigEndianNumbers) {
  const Json jwk = key_a().public_jwk();
  EXPECT_EQ(jwk.size(), 6u);
  EXPECT_EQ(jwk["kty"], "RSA");
  EXPECT_EQ(jwk["alg"], "RS256");
  EXPECT_EQ(jwk["use"], "sig");
  EXPECT_EQ(jwk["kid"], "kid-a");
  EXPECT_EQ(jwk["e"], "AQAB");  // 65537 in three bytes, not a zero-padded four
  const auto n = base64url_decode(jwk["n"].get<std::string>());
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->size(), 256u);
  EXPECT_NE(static_cast<unsigned char>((*n)[0]), 0u);
  // The serialized member order is alphabetical, as Cognito's JWKS lists it.
  EXPECT_EQ(jwk.dump().rfind(R"({"alg":"RS256","e":"AQAB","kid":"kid-a","kty":"RSA","n":")", 0),
            0u);
}

TEST(RsaKey, JwkVerifiesSignaturesWithPlainOpenSsl) {
  const auto signature = key_a().sign("payload");
  EXPECT_TRUE(openssl_verify_with_jwk(key_a().public_jwk(), "payload", signature));
  EXPECT_FALSE(openssl_verify_with_jwk(key_b().public_jwk(), "payload", signature));
}

TEST(RsaKey, FromJwkGivesAPublicKeyThatVerifies) {
  const auto key = RsaKey::from_jwk(key_a().public_jwk());
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->kid(), "kid-a");
  EXPECT_FALSE(key->has_private_key());
  EXPECT_EQ(key->bits(), 2048);
  EXPECT_EQ(key->public_jwk(), key_a().public_jwk());
  EXPECT_TRUE(key->verify("x", key_a().sign("x")));
  EXPECT_THROW(key->sign("x"), std::logic_error);
  EXPECT_THROW(key->private_pem(), std::logic_error);
}

TEST(RsaKey, FromJwkRefusesWhatIsNotAnRs256Key) {
  const Json good = key_a().public_jwk();
  auto with = [&](const char* member, const Json& value) {
    Json jwk = good;
    jwk[member] = value;
    return RsaKey::from_jwk(jwk);
  };
  auto without = [&](const char* member) {
    Json jwk = good;
    jwk.erase(member);
    return RsaKey::from_jwk(jwk);
  };
  EXPECT_FALSE(with("kty", "EC").has_value());
  EXPECT_FALSE(with("alg", "HS256").has_value());
  EXPECT_FALSE(with("alg", "none").has_value());
  EXPECT_FALSE(with("use", "enc").has_value());
  EXPECT_FALSE(with("n", 5).has_value());
  EXPECT_FALSE(with("n", "not base64url!").has_value());
  EXPECT_FALSE(with("n", base64url_encode(std::string(128, '\xc5'))).has_value());  // 1024 bits
  EXPECT_FALSE(with("e", "AA").has_value());                                        // e = 0
  EXPECT_FALSE(with("e", "").has_value());
  EXPECT_FALSE(without("n").has_value());
  EXPECT_FALSE(without("e").has_value());
  EXPECT_FALSE(without("kty").has_value());
  EXPECT_FALSE(RsaKey::from_jwk(Json::array()).has_value());
  EXPECT_FALSE(RsaKey::from_jwk(nullptr).has_value());
  EXPECT_TRUE(without("alg").has_value());
  EXPECT_TRUE(without("use").has_value());
}

TEST(RsaKey, PrivatePemRoundTrips) {
  const std::string pem = key_a().private_pem();
  EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  const auto loaded = RsaKey::from_private_pem(pem, "kid-a");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->has_private_key());
  EXPECT_EQ(loaded->public_jwk(), key_a().public_jwk());
  EXPECT_EQ(loaded->private_pem(), pem);
  EXPECT_TRUE(key_a().verify("data", loaded->sign("data")));
  EXPECT_EQ(loaded->sign("data"), key_a().sign("data"));
}

TEST(RsaKey, FromPrivatePemRefusesAnythingElse) {
  EXPECT_FALSE(RsaKey::from_private_pem("", "k").has_value());
  EXPECT_FALSE(RsaKey::from_private_pem("not a pem", "k").has_value());
  const std::string pem = key_a().private_pem();
  EXPECT_FALSE(RsaKey::from_private_pem(pem.substr(0, pem.size() / 2), "k").has_value());
  EXPECT_FALSE(RsaKey::from_private_pem(std::string(100000, 'A'), "k").has_value());
}

// Encrypted PEM is refused without a passphrase prompt; public PEM is not a private key.
TEST(RsaKey, FromPrivatePemRefusesEncryptedAndPublicPem) {
  const std::string pem = key_a().private_pem();
  BIO* source = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(source, nullptr, nullptr, nullptr);
  ASSERT_NE(pkey, nullptr);
  auto write = [&](bool encrypted) {
    BIO* out = BIO_new(BIO_s_mem());
    char passphrase[] = "secret";
    if (encrypted) {
      PEM_write_bio_PKCS8PrivateKey(out, pkey, EVP_aes_256_cbc(), passphrase, 6, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(out, pkey);
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(out, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(out);
    return text;
  };
  const std::string encrypted = write(true);
  const std::string public_pem = write(false);
  EVP_PKEY_free(pkey);
  BIO_free(source);
  EXPECT_NE(encrypted.find("ENCRYPTED"), std::string::npos);
  EXPECT_FALSE(RsaKey::from_private_pem(encrypted, "k").has_value());
  EXPECT_NE(public_pem.find("PUBLIC KEY"), std::string::npos);
  EXPECT_FALSE(RsaKey::from_private_pem(public_pem, "k").has_value());
}

TEST(RsaKey, CopiesShareTheKey) {
  const RsaKey copy = key_a();
  EXPECT_EQ(copy.kid(), "kid-a");
  EXPECT_TRUE(key_a().verify("c", copy.sign("c")));
}

}  // namespace
}  // namespace preflight
