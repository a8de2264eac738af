#include "services/cognito/srp.h"

#include <openssl/bn.h>
#include <openssl/rand.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <memory>
#include <new>
#include <stdexcept>

#include "emulator/common/crypto.h"
#include "emulator/common/strings.h"

namespace preflight::cognito {
namespace {

constexpr std::string_view kHkdfInfo = "Caldera Derived Key";
constexpr std::size_t kKeyBytes = 16;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kSecretExponentBytes = 128;
constexpr std::size_t kSecretBlockBytes = 64;
constexpr std::size_t kMaxSrpAHexDigits = 2048;  // |N| is 768; bound the work of a hostile SRP_A

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct BnFree {
  void operator()(BIGNUM* n) const { BN_clear_free(n); }
};
struct BnCtxFree {
  void operator()(BN_CTX* ctx) const { BN_CTX_free(ctx); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using BnCtx = std::unique_ptr<BN_CTX, BnCtxFree>;

Bn new_bn() {
  Bn n(BN_new());
  if (!n) {
    throw std::bad_alloc();
  }
  return n;
}

BnCtx new_ctx() {
  BnCtx ctx(BN_CTX_new());
  if (!ctx) {
    throw std::bad_alloc();
  }
  return ctx;
}

void check(int ok) {
  if (ok != 1) {
    throw std::runtime_error("OpenSSL bignum operation failed");
  }
}

Bn from_bytes(std::string_view bytes) {
  Bn n(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<int>(bytes.size()), nullptr));
  if (!n) {
    throw std::bad_alloc();
  }
  return n;
}

// A hex number, optionally '-'-prefixed; nullopt unless every character after the sign is hex.
std::optional<Bn> from_hex(std::string_view hex) {
  const bool negative = !hex.empty() && hex.front() == '-';
  const auto digits = negative ? hex.substr(1) : hex;
  if (digits.empty() || digits.size() > (1u << 20)) {
    return std::nullopt;
  }
  for (const char c : digits) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return std::nullopt;
    }
  }
  const std::string text(hex);
  BIGNUM* raw = nullptr;
  if (BN_hex2bn(&raw, text.c_str()) != static_cast<int>(text.size())) {
    BN_free(raw);
    return std::nullopt;
  }
  return Bn(raw);
}

Bn from_hex_or_throw(std::string_view hex, const char* what) {
  auto n = from_hex(hex);
  if (!n) {
    throw std::invalid_argument(std::string(what) + " is not a hex number");
  }
  return std::move(*n);
}

// The magnitude's big-endian bytes, minimal (empty for zero).
std::string magnitude(const BIGNUM* n) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(n)), '\0');
  BN_bn2bin(n, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// padHex as bytes: the minimal two's-complement encoding, at least one byte.
std::string pad(const BIGNUM* n) {
  std::string bytes = magnitude(n);
  if (bytes.empty()) {
    return std::string(1, '\0');
  }
  if (static_cast<unsigned char>(bytes.front()) & 0x80) {
    bytes.insert(bytes.begin(), '\0');
  }
  if (!BN_is_negative(n)) {
    return bytes;
  }
  // Invert and add one. The library then drops a leading ff when the hex starts with "ff8",
  // which happens only for -0x80..00 (where the 00 above made the encoding a byte too long).
  bool carry = true;
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
    unsigned value = static_cast<unsigned char>(~static_cast<unsigned char>(*it));
    value += carry ? 1 : 0;
    carry = value > 0xff;
    *it = static_cast<char>(value & 0xff);
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xff &&
      (static_cast<unsigned char>(bytes[1]) & 0xf0) == 0x80) {
    bytes.erase(bytes.begin());
  }
  return bytes;
}

// Lower-case hex without leading zeros, as BigInteger.toString(16) writes it ("0" for zero).
std::string minimal_hex(const BIGNUM* n) {
  std::string hex = to_hex(magnitude(n));
  if (hex.empty()) {
    return "0";
  }
  if (hex.front() == '0') {
    hex.erase(hex.begin());
  }
  return hex;
}

Bn hash_to_bn(std::string_view bytes) {
  return from_bytes(sha256(bytes));
}

struct Group {
  Bn n;
  Bn g;
  Bn k;
};

const Group& group() {
  static const Group instance = [] {
    Group out;
    out.n.reset(BN_get_rfc3526_prime_3072(nullptr));
    if (!out.n) {
      throw std::bad_alloc();
    }
    out.g = new_bn();
    check(BN_set_word(out.g.get(), 2));
    out.k = hash_to_bn(pad(out.n.get()) + pad(out.g.get()));
    return out;
  }();
  return instance;
}

Bn random_bn(std::size_t bytes) {
  std::string buf(bytes, '\0');
  check(RAND_priv_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(bytes)));
  return from_bytes(buf);
}

Bn mod_exp(const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) {
  auto out = new_bn();
  check(BN_mod_exp(out.get(), base, exponent, group().n.get(), ctx));
  return out;
}

SrpVerifier verifier_for(std::string_view pool_name, std::string_view user_id_for_srp,
                         std::string_view password, const BIGNUM* salt) {
  std::string identity;
  identity.append(pool_name).append(user_id_for_srp).append(":").append(password);
  const auto x = hash_to_bn(pad(salt) + sha256(identity));
  auto ctx = new_ctx();
  const auto v = mod_exp(group().g.get(), x.get(), ctx.get());
  return SrpVerifier{to_hex(pad(salt)), to_hex(pad(v.get()))};
}

// B = (k*v + g^b) mod N; nullopt when B % N == 0.
std::optional<ServerChallenge> challenge_for(const BIGNUM* v, BIGNUM* b) {
  const auto& grp = group();
  auto ctx = new_ctx();
  BN_set_flags(b, BN_FLG_CONSTTIME);
  const auto g_b = mod_exp(grp.g.get(), b, ctx.get());
  auto big_b = new_bn();
  check(BN_mod_mul(big_b.get(), grp.k.get(), v, grp.n.get(), ctx.get()));
  check(BN_mod_add(big_b.get(), big_b.get(), g_b.get(), grp.n.get(), ctx.get()));
  if (BN_is_zero(big_b.get())) {
    return std::nullopt;
  }
  return ServerChallenge{minimal_hex(b), minimal_hex(big_b.get())};
}

// RFC 5869 with one output block (L = 16 <= 32): PRK = HMAC(salt, ikm), OKM = HMAC(PRK, info|01).
std::string hkdf_sha256_16(std::string_view ikm, std::string_view salt) {
  const auto prk = hmac_sha256(salt, ikm);
  std::string info(kHkdfInfo);
  info.push_back('\x01');
  return hmac_sha256(prk, info).substr(0, kKeyBytes);
}

template <std::size_t N>
std::optional<int> index_of(const std::array<std::string_view, N>& names, std::string_view word) {
  for (std::size_t i = 0; i < N; ++i) {
    if (iequals(names[i], word)) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

// 1..max_digits decimal digits.
std::optional<int> small_number(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits || !is_all_digits(s)) {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : s) {
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month0) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month0 == 1 && is_leap(year) ? 29 : kDays[static_cast<std::size_t>(month0)];
}

}  // namespace

std::string_view srp_pool_name(std::string_view user_pool_id) {
  const auto underscore = user_pool_id.find('_');
  if (underscore == std::string_view::npos) {
    return {};
  }
  const auto rest = user_pool_id.substr(underscore + 1);
  return rest.substr(0, rest.find('_'));
}

std::optional<std::string> pad_hex(std::string_view hex) {
  const auto n = from_hex(hex);
  if (!n) {
    return std::nullopt;
  }
  return to_hex(pad(n->get()));
}

std::string srp_n_hex() {
  return to_hex(pad(group().n.get()));
}

std::string srp_k_hex() {
  return to_hex(pad(group().k.get()));
}

SrpVerifier make_verifier(std::string_view pool_name, std::string_view user_id_for_srp,
                          std::string_view password) {
  const auto salt = random_bn(kSaltBytes);
  return verifier_for(pool_name, user_id_for_srp, password, salt.get());
}

SrpVerifier make_verifier_with_salt(std::string_view pool_name, std::string_view user_id_for_srp,
                                    std::string_view password, std::string_view salt_hex) {
  const auto salt = from_hex_or_throw(salt_hex, "salt");
  return verifier_for(pool_name, user_id_for_srp, password, salt.get());
}

ServerChallenge server_challenge(std::string_view verifier_hex) {
  const auto v = from_hex_or_throw(verifier_hex, "verifier");
  for (;;) {
    auto b = random_bn(kSecretExponentBytes);
    if (BN_is_zero(b.get())) {
      continue;
    }
    if (auto challenge = challenge_for(v.get(), b.get())) {
      return std::move(*challenge);
    }
  }
}

ServerChallenge server_challenge_with_b(std::string_view verifier_hex, std::string_view b_hex) {
  const auto v = from_hex_or_throw(verifier_hex, "verifier");
  auto b = from_hex_or_throw(b_hex, "b");
  auto challenge = challenge_for(v.get(), b.get());
  if (!challenge) {
    throw std::invalid_argument("B % N == 0 for this b");
  }
  return std::move(*challenge);
}

bool is_valid_srp_a(std::string_view srp_a_hex) {
  if (srp_a_hex.size() > kMaxSrpAHexDigits || srp_a_hex.starts_with('-')) {
    return false;
  }
  const auto a = from_hex(srp_a_hex);
  if (!a) {
    return false;
  }
  auto ctx = new_ctx();
  auto rem = new_bn();
  check(BN_nnmod(rem.get(), a->get(), group().n.get(), ctx.get()));
  return !BN_is_zero(rem.get());
}

std::optional<std::string> password_authentication_key(std::string_view verifier_hex,
                                                       const ServerChallenge& challenge,
                                                       std::string_view srp_a_hex) {
  if (!is_valid_srp_a(srp_a_hex)) {
    return std::nullopt;
  }
  const auto& grp = group();
  const auto a = from_hex_or_throw(srp_a_hex, "SRP_A");
  const auto v = from_hex_or_throw(verifier_hex, "verifier");
  auto b = from_hex_or_throw(challenge.b_hex, "b");
  const auto big_b = from_hex_or_throw(challenge.srp_b_hex, "SRP_B");
  BN_set_flags(b.get(), BN_FLG_CONSTTIME);

  const auto u = hash_to_bn(pad(a.get()) + pad(big_b.get()));
  if (BN_is_zero(u.get())) {
    return std::nullopt;
  }
  auto ctx = new_ctx();
  const auto v_u = mod_exp(v.get(), u.get(), ctx.get());
  auto base = new_bn();
  check(BN_mod_mul(base.get(), a.get(), v_u.get(), grp.n.get(), ctx.get()));
  const auto s = mod_exp(base.get(), b.get(), ctx.get());
  return hkdf_sha256_16(pad(s.get()), pad(u.get()));
}

std::optional<std::string> password_claim_signature(std::string_view pool_name,
                                                    std::string_view user_id_for_srp,
                                                    std::string_view key,
                                                    std::string_view secret_block_base64,
                                                    std::string_view timestamp) {
  const auto secret_block = base64_decode(secret_block_base64);
  const auto epoch = parse_srp_timestamp(timestamp);
  if (!secret_block || !epoch) {
    return std::nullopt;
  }
  std::string message;
  message.append(pool_name).append(user_id_for_srp).append(*secret_block);
  message.append(format_srp_timestamp(*epoch));
  return base64_encode(hmac_sha256(key, message));
}

bool verify_password_claim(std::string_view pool_name, std::string_view user_id_for_srp,
                           std::string_view verifier_hex, const ServerChallenge& challenge,
                           const PasswordClaim& claim) {
  const auto key = password_authentication_key(verifier_hex, challenge, claim.srp_a_hex);
  if (!key) {
    return false;
  }
  const auto expected = password_claim_signature(pool_name, user_id_for_srp, *key,
                                                 claim.secret_block_base64, claim.timestamp);
  return expected && constant_time_equals(*expected, claim.signature_base64);
}

std::string format_srp_timestamp(std::int64_t epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, "%s %s %d %02d:%02d:%02d UTC %d",
                              kWeekdays[static_cast<std::size_t>(tm.tm_wday)].data(),
                              kMonths[static_cast<std::size_t>(tm.tm_mon)].data(), tm.tm_mday,
                              tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900);
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<std::int64_t> parse_srp_timestamp(std::string_view timestamp) {
  const auto fields = split(timestamp, ' ');
  if (fields.size() != 6) {
    return std::nullopt;
  }
  const auto time = split(fields[3], ':');
  if (time.size() != 3 || !index_of(kWeekdays, fields[0]) ||
      !(fields[4] == "UTC" || fields[4] == "GMT")) {
    return std::nullopt;
  }
  const auto month = index_of(kMonths, fields[1]);
  const auto day = small_number(fields[2], 2);
  const auto hour = small_number(time[0], 2);
  const auto minute = small_number(time[1], 2);
  const auto second = small_number(time[2], 2);
  // -1 for anything but four digits (a plain int: GCC 12 misjudges an optional here).
  const int year = fields[5].size() == 4 ? small_number(fields[5], 4).value_or(-1) : -1;
  if (!month || !day || !hour || !minute || !second || year < 1970 || *day < 1 ||
      *day > days_in_month(year, *month) || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = *month;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string make_secret_block() {
  std::string bytes(kSecretBlockBytes, '\0');
  check(RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size())));
  return base64_encode(bytes);
}

}  // namespace preflight::cognito
