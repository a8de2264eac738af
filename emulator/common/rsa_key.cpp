#include "emulator/common/rsa_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstddef>
#include <stdexcept>

#include "emulator/common/crypto.h"

namespace preflight {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree>;
using Params = std::unique_ptr<OSSL_PARAM, ParamFree>;

// Failures leave entries on OpenSSL's thread-local error queue; don't let them leak into
// unrelated code that later inspects it.
struct ClearErrorsOnExit {
  ~ClearErrorsOnExit() { ERR_clear_error(); }
};

constexpr int kMaxBits = 16384;  // OpenSSL's own limit for RSA public operations
constexpr std::size_t kMaxPemBytes = 64 * 1024;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Refuses encrypted PEM instead of letting OpenSSL prompt on the terminal for a passphrase.
int no_passphrase(char*, int, int, void*) {
  return 0;
}

bool usable_rsa(EVP_PKEY* pkey) {
  if (pkey == nullptr || EVP_PKEY_is_a(pkey, "RSA") != 1) {
    return false;
  }
  const int bits = EVP_PKEY_get_bits(pkey);
  return bits >= RsaKey::kBits && bits <= kMaxBits;
}

std::string bn_param(EVP_PKEY* pkey, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    throw std::runtime_error("RsaKey: cannot read RSA parameter");
  }
  const Bn bn(raw);
  // BN_bn2bin writes the minimal big-endian magnitude: no leading zero bytes, as JWK wants.
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

Bn bn_from(const std::string& big_endian) {
  return Bn(BN_bin2bn(bytes(big_endian), static_cast<int>(big_endian.size()), nullptr));
}

std::optional<std::string> jwk_member(const Json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return std::nullopt;
  }
  return it->get<std::string>();
}

}  // namespace

struct RsaKey::Handle {
  Handle(Pkey key, bool with_private) : pkey(std::move(key)), has_private(with_private) {}

  Pkey pkey;
  bool has_private;
};

RsaKey RsaKey::generate(std::string kid) {
  const ClearErrorsOnExit clear;
  const PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), kBits) != 1 ||
      EVP_PKEY_generate(ctx.get(), &raw) != 1) {
    throw std::runtime_error("RsaKey: RSA key generation failed");
  }
  Pkey pkey(raw);
  return RsaKey(std::make_shared<const Handle>(std::move(pkey), true), std::move(kid));
}

std::optional<RsaKey> RsaKey::from_private_pem(std::string_view pem, std::string kid) {
  const ClearErrorsOnExit clear;
  if (pem.empty() || pem.size() > kMaxPemBytes) {
    return std::nullopt;
  }
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) {
    return std::nullopt;
  }
  Pkey pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr));
  if (!usable_rsa(pkey.get())) {
    return std::nullopt;
  }
  return RsaKey(std::make_shared<const Handle>(std::move(pkey), true), std::move(kid));
}

std::optional<RsaKey> RsaKey::from_jwk(const Json& jwk) {
  const ClearErrorsOnExit clear;
  if (!jwk.is_object() || jwk_member(jwk, "kty") != "RSA") {
    return std::nullopt;
  }
  if (jwk.contains("alg") && jwk_member(jwk, "alg") != "RS256") {
    return std::nullopt;
  }
  if (jwk.contains("use") && jwk_member(jwk, "use") != "sig") {
    return std::nullopt;
  }
  const auto n_text = jwk_member(jwk, "n");
  const auto e_text = jwk_member(jwk, "e");
  if (!n_text || !e_text || n_text->size() > kMaxBits / 6 + 4 || e_text->size() > 16) {
    return std::nullopt;
  }
  const auto n_bytes = base64url_decode(*n_text);
  const auto e_bytes = base64url_decode(*e_text);
  if (!n_bytes || !e_bytes || n_bytes->empty() || e_bytes->empty()) {
    return std::nullopt;
  }
  const Bn n = bn_from(*n_bytes);
  const Bn e = bn_from(*e_bytes);
  const ParamBld builder(OSSL_PARAM_BLD_new());
  if (!n || !e || !builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return std::nullopt;
  }
  const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  const PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return std::nullopt;
  }
  Pkey pkey(raw);
  if (!usable_rsa(pkey.get())) {
    return std::nullopt;
  }
  // Odd modulus, odd exponent greater than 1, and the like.
  const PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return std::nullopt;
  }
  std::string kid = jwk_member(jwk, "kid").value_or("");
  return RsaKey(std::make_shared<const Handle>(std::move(pkey), false), std::move(kid));
}

bool RsaKey::has_private_key() const {
  return handle_->has_private;
}

int RsaKey::bits() const {
  return EVP_PKEY_get_bits(handle_->pkey.get());
}

std::string RsaKey::private_pem() const {
  const ClearErrorsOnExit clear;
  if (!has_private_key()) {
    throw std::logic_error("RsaKey::private_pem: key " + kid_ + " has no private part");
  }
  // Secure-heap memory BIO: the PEM text is wiped when the BIO is freed.
  const Bio bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), handle_->pkey.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    throw std::runtime_error("RsaKey::private_pem: PEM encoding failed");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size <= 0 || data == nullptr) {
    throw std::runtime_error("RsaKey::private_pem: PEM encoding failed");
  }
  return std::string(data, static_cast<std::size_t>(size));
}

Json RsaKey::public_jwk() const {
  const ClearErrorsOnExit clear;
  EVP_PKEY* pkey = handle_->pkey.get();
  return Json{{"kty", "RSA"},
              {"alg", "RS256"},
              {"use", "sig"},
              {"kid", kid_},
              {"n", base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_RSA_N))},
              {"e", base64url_encode(bn_param(pkey, OSSL_PKEY_PARAM_RSA_E))}};
}

std::string RsaKey::sign(std::string_view data) const {
  const ClearErrorsOnExit clear;
  if (!has_private_key()) {
    throw std::logic_error("RsaKey::sign: key " + kid_ + " has no private part");
  }
  const MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  std::size_t size = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, handle_->pkey.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, bytes(data), data.size()) != 1) {
    throw std::runtime_error("RsaKey::sign: RS256 signing failed");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     bytes(data), data.size()) != 1) {
    throw std::runtime_error("RsaKey::sign: RS256 signing failed");
  }
  signature.resize(size);
  return signature;
}

bool RsaKey::verify(std::string_view data, std::string_view signature) const {
  const ClearErrorsOnExit clear;
  EVP_PKEY* pkey = handle_->pkey.get();
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(pkey))) {
    return false;
  }
  const MdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  return ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, pkey) == 1 &&
         EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 &&
         EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(data),
                          data.size()) == 1;
}

}  // namespace preflight
