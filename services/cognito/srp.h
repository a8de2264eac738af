#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Cognito's SRP-6a, as USER_SRP_AUTH and its PASSWORD_VERIFIER challenge run it, computed exactly
// as amazon-cognito-identity-js (AuthenticationHelper, CognitoUser.authenticateUserDefaultAuth)
// and Amplify do on the client side:
//   N, g   the 3072-bit prime of RFC 5054 / RFC 3526 (group 15), g = 2; H = SHA-256
//   PAD(n) padHex: the minimal two's-complement big-endian bytes of n (Java's
//          BigInteger.toByteArray), i.e. a 00 byte before a positive value whose top bit is set
//   k      H(PAD(N) | PAD(g))
//   x      H(PAD(salt) | H(poolName | userIdForSrp | ":" | password))        (UTF-8 strings)
//   v      g^x mod N                                    stored instead of the password
//   B      (k*v + g^b) mod N                            InitiateAuth's SRP_B
//   u      H(PAD(A) | PAD(B))
//   S      (A * v^u)^b mod N
//   key    HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key", 16 bytes)
//   claim  base64(HMAC-SHA256(key, poolName | userIdForSrp | SECRET_BLOCK bytes | TIMESTAMP))
// poolName is the user pool id without its region prefix ("us-east-1_AbC123" -> "AbC123").
// Numbers cross this interface as hex strings; input may use either case and leading zeros.
// Pure functions: no storage, no HTTP, no clock.
namespace preflight::cognito {

// The part of a user pool id the SRP formulas use: what follows the first '_' (up to a second one,
// as the library's UserPoolId.split('_')[1] does).
std::string_view srp_pool_name(std::string_view user_pool_id);

// padHex of a hex number (optionally '-'-prefixed): even length, lower case, "00" before a positive
// value whose top bit is set, two's complement for a negative one (-0x80 -> "80", -0x81 -> "ff7f").
// nullopt when `hex` is not a hex number.
std::optional<std::string> pad_hex(std::string_view hex);

// PAD(N) and PAD(k), for tests and for anyone checking the group.
std::string srp_n_hex();
std::string srp_k_hex();

struct SrpVerifier {
  std::string salt_hex;      // PAD(salt) of 16 random bytes: InitiateAuth's SALT
  std::string verifier_hex;  // PAD(v)
};

// A fresh random salt and the verifier for `password`. user_id_for_srp is what InitiateAuth
// returns as USER_ID_FOR_SRP (the user's username, never an alias).
SrpVerifier make_verifier(std::string_view pool_name, std::string_view user_id_for_srp,
                          std::string_view password);
// The same with a given salt; the salt's value counts, not its spelling (x uses PAD(salt)).
// Throws std::invalid_argument when salt_hex is not hex.
SrpVerifier make_verifier_with_salt(std::string_view pool_name, std::string_view user_id_for_srp,
                                    std::string_view password, std::string_view salt_hex);

// The server's half of one sign-in attempt. Keep b_hex secret and until RespondToAuthChallenge.
struct ServerChallenge {
  std::string b_hex;      // the secret exponent b
  std::string srp_b_hex;  // B, sent as SRP_B (lower-case hex without leading zeros)
};

// Picks a random b (1024 bits, like the library's a) with B % N != 0. Throws std::invalid_argument
// when verifier_hex is not hex.
ServerChallenge server_challenge(std::string_view verifier_hex);
// The same with a given b (tests); throws std::invalid_argument when b or the verifier is not hex
// or B % N == 0.
ServerChallenge server_challenge_with_b(std::string_view verifier_hex, std::string_view b_hex);

// Whether SRP_A can be used: a hex number of sane length (at most 2048 digits) with A % N != 0.
bool is_valid_srp_a(std::string_view srp_a_hex);

// The 16-byte key both sides derive; nullopt when SRP_A is unusable (see is_valid_srp_a) or u == 0.
std::optional<std::string> password_authentication_key(std::string_view verifier_hex,
                                                       const ServerChallenge& challenge,
                                                       std::string_view srp_a_hex);

// RespondToAuthChallenge's PASSWORD_VERIFIER answer.
struct PasswordClaim {
  std::string_view srp_a_hex;            // InitiateAuth's AuthParameters.SRP_A
  std::string_view secret_block_base64;  // PASSWORD_CLAIM_SECRET_BLOCK
  std::string_view timestamp;            // TIMESTAMP
  std::string_view signature_base64;     // PASSWORD_CLAIM_SIGNATURE
};

// base64(HMAC-SHA256(key, poolName | userIdForSrp | secret block bytes | timestamp)) with the
// timestamp in its canonical form (see parse_srp_timestamp). nullopt when the secret block is not
// base64 or the timestamp does not parse.
std::optional<std::string> password_claim_signature(std::string_view pool_name,
                                                    std::string_view user_id_for_srp,
                                                    std::string_view key,
                                                    std::string_view secret_block_base64,
                                                    std::string_view timestamp);

// Whether the claim proves knowledge of the password behind verifier_hex. False when SRP_A is
// unusable, u == 0, the secret block is not base64, the timestamp does not parse, or the signature
// differs (compared in constant time). The caller checks separately that the secret block is the
// one it issued, that USERNAME is USER_ID_FOR_SRP, and how far TIMESTAMP may be from now.
bool verify_password_claim(std::string_view pool_name, std::string_view user_id_for_srp,
                           std::string_view verifier_hex, const ServerChallenge& challenge,
                           const PasswordClaim& claim);

// TIMESTAMP as clients send it: Java's "EEE MMM d HH:mm:ss z yyyy" in English and UTC, the day
// not zero-padded: "Tue Nov 3 18:04:04 UTC 2026".
std::string format_srp_timestamp(std::int64_t epoch);
// Epoch seconds of a TIMESTAMP; nullopt unless it has that shape (weekday and month names in any
// case, 1-2 digit day and time fields, zone UTC or GMT, 4-digit year, a real date). The weekday is
// not checked here, and padding is allowed: Cognito parses TIMESTAMP and signs its canonical form
// again, so "Thu Nov 03 ..." or a wrong weekday parse but fail the signature (NotAuthorized),
// while an unparsable one is an InvalidParameterException.
std::optional<std::int64_t> parse_srp_timestamp(std::string_view timestamp);

// A fresh random SECRET_BLOCK (base64).
std::string make_secret_block();

}  // namespace preflight::cognito
