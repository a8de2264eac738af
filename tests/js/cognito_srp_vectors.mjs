// Generates tests/data/cognito/srp_vectors.json, the fixed vectors tests/unit/cognito/srp_test.cpp
// checks services/cognito/srp.cpp against. The CLIENT side of every exchange is computed by
// amazon-cognito-identity-js itself: CognitoUser.authenticateUser (USER_SRP_AUTH) runs unchanged
// against a fake transport that records its InitiateAuth and RespondToAuthChallenge requests.
// Only the randomness is pinned: AuthenticationHelper's small a and the clock (`new Date()`, which
// DateHelper formats into TIMESTAMP). The library has no server side, so the SERVER values
// (salt, verifier, b, B) are made here with the library's own helpers (hash, hexHash, padHex,
// BigInteger.modPow) following the formulas of AuthenticationHelper.getPasswordAuthenticationKey.
//
// Deterministic: every "random" value is SHA-256 of a label, and the edge cases (high-bit values
// that padHex prefixes with 00, odd-length SRP_A, a u or S with leading zero bytes) are found by
// counting up from 0, so re-running prints the same file.
//
//   npm install --prefix tests/js --no-audit --no-fund
//   node tests/js/cognito_srp_vectors.mjs > tests/data/cognito/srp_vectors.json
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import cognito from "amazon-cognito-identity-js";

const { AuthenticationDetails, AuthenticationHelper, CognitoUser, CognitoUserPool } = cognito;
const require = createRequire(import.meta.url);
const libraryVersion = require("amazon-cognito-identity-js/package.json").version;

const helper = new AuthenticationHelper("vectors");
const BigInteger = helper.N.constructor;
const { N, g, k } = helper;

function modPow(base, exponent) {
  let out;
  base.modPow(exponent, N, (err, value) => {
    if (err) throw err;
    out = value;
  });
  return out;
}

// n deterministic bytes for a label.
function bytes(label, n) {
  const chunks = [];
  for (let i = 0; Buffer.concat(chunks).length < n; ++i) {
    chunks.push(createHash("sha256").update(`${label}#${i}`).digest());
  }
  return Buffer.concat(chunks).subarray(0, n);
}
const bigFrom = (label, n) => new BigInteger(bytes(label, n).toString("hex"), 16);

// The first value of make(label:0), make(label:1), ... that satisfies ok.
function search(label, make, ok) {
  for (let i = 0; ; ++i) {
    const value = make(`${label}:${i}`);
    if (ok(value)) return value;
  }
}

// ---- padHex, including the negative (two's complement) branch ----
const padHexInputs = [
  "0", "1", "14", "38", "7f", "80", "ec", "c8", "ff", "100", "7fff", "8000", "-1", "-14", "-38",
  "-7f", "-80", "-81", "-ec", "-c8", "-ff", "-100", "-7fff", "-8000", "-8001", "-ffff",
  "123456789abcdef", "-123456789abcdef", "f".repeat(64), "-" + "f".repeat(64),
];
const padHexCases = padHexInputs.map((value) => ({
  value,
  pad_hex: helper.padHex(new BigInteger(value, 16)),
}));

// ---- a full USER_SRP_AUTH exchange, client side by the library ----
function exchange(spec) {
  const poolName = spec.userPoolId.split("_")[1];
  const userHash = helper.hash(`${poolName}${spec.userIdForSrp}:${spec.password}`);
  const verifierOf = (salt) =>
    modPow(g, new BigInteger(helper.hexHash(helper.padHex(salt) + userHash), 16));

  const a = search(`${spec.name}:a`, (l) => bigFrom(l, 128), (x) => spec.aOk(modPow(g, x)));
  const A = modPow(g, a);
  const salt = search(`${spec.name}:salt`, (l) => bigFrom(l, 16), (x) =>
    spec.saltOk(x, () => verifierOf(x)));
  const saltHex = helper.padHex(salt);  // as the library makes device salts
  const v = verifierOf(salt);
  const serverB = (b) => k.multiply(v).add(modPow(g, b)).mod(N);
  const uOf = (B) => new BigInteger(helper.hexHash(helper.padHex(A) + helper.padHex(B)), 16);
  const b = search(`${spec.name}:b`, (l) => bigFrom(l, 128), (x) => {
    const B = serverB(x);
    if (B.equals(BigInteger.ZERO)) return false;
    const u = uOf(B);
    // S as the server computes it: (A * v^u)^b mod N.
    const S = spec.sOk ? modPow(A.multiply(modPow(v, u)).mod(N), x) : null;
    return spec.uOk(u) && (!spec.sOk || spec.sOk(S));
  });
  const B = serverB(b);
  const secretBlock = bytes(`${spec.name}:secret`, 48).toString("base64");

  // Pin the library's randomness and clock.
  const RealDate = globalThis.Date;
  const fixedMs = RealDate.parse(spec.now);
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(fixedMs);
      else super(...args);
    }
    static now() {
      return fixedMs;
    }
  };
  const proto = AuthenticationHelper.prototype;
  const saved = { smallA: proto.generateRandomSmallA, hkdf: proto.computehkdf };
  const seen = {};
  proto.generateRandomSmallA = () => a;
  proto.computehkdf = function (ikm, hkdfSalt) {
    const key = saved.hkdf.call(this, ikm, hkdfSalt);
    Object.assign(seen, {
      u: this.UHexHash,
      ikm: ikm.toString("hex"),
      salt: hkdfSalt.toString("hex"),
      key: Buffer.from(key).toString("hex"),
    });
    return key;
  };

  const pool = new CognitoUserPool({ UserPoolId: spec.userPoolId, ClientId: "vectorsclient" });
  const requests = {};
  pool.client = {
    request(operation, params, callback) {
      requests[operation] = params;
      if (operation === "InitiateAuth") {
        callback(null, {
          ChallengeName: "PASSWORD_VERIFIER",
          ChallengeParameters: {
            SALT: saltHex,
            SRP_B: B.toString(16),
            SECRET_BLOCK: secretBlock,
            USERNAME: spec.userIdForSrp,
            USER_ID_FOR_SRP: spec.userIdForSrp,
          },
        });
      } else {
        callback(Object.assign(new Error("recorded"), { code: "Recorded" }), null);
      }
    },
  };
  const user = new CognitoUser({ Username: spec.username, Pool: pool });
  let failure;
  user.authenticateUser(
    new AuthenticationDetails({ Username: spec.username, Password: spec.password }),
    { onSuccess: () => {}, onFailure: (err) => (failure = err) },
  );

  globalThis.Date = RealDate;
  proto.generateRandomSmallA = saved.smallA;
  proto.computehkdf = saved.hkdf;

  if (failure?.code !== "Recorded") throw failure ?? new Error("flow did not finish");
  const initiate = requests.InitiateAuth;
  const respond = requests.RespondToAuthChallenge.ChallengeResponses;
  if (initiate.AuthFlow !== "USER_SRP_AUTH") throw new Error(initiate.AuthFlow);
  if (initiate.AuthParameters.SRP_A !== A.toString(16)) throw new Error("unexpected SRP_A");
  return {
    name: spec.name,
    about: spec.about,
    user_pool_id: spec.userPoolId,
    pool_name: poolName,
    username: spec.username,
    user_id_for_srp: spec.userIdForSrp,
    password: spec.password,
    a: a.toString(16),
    salt: saltHex,
    verifier: helper.padHex(v),
    b: b.toString(16),
    srp_b: B.toString(16),
    secret_block: secretBlock,
    srp_a: initiate.AuthParameters.SRP_A,
    u: seen.u,
    hkdf_ikm: seen.ikm,
    hkdf_salt: seen.salt,
    hkdf_key: seen.key,
    challenge_username: respond.USERNAME,
    password_claim_secret_block: respond.PASSWORD_CLAIM_SECRET_BLOCK,
    timestamp: respond.TIMESTAMP,
    password_claim_signature: respond.PASSWORD_CLAIM_SIGNATURE,
  };
}

const any = () => true;
const specs = [
  {
    name: "basic",
    about: "plain ASCII; single-digit day in TIMESTAMP",
    userPoolId: "us-east-1_AbCdEf123",
    username: "alice",
    userIdForSrp: "alice",
    password: "Correct-Horse-9",
    now: "2026-11-03T18:04:04Z",
    aOk: any,
    saltOk: any,
    uOk: any,
  },
  {
    name: "alias_unicode_high_bits",
    about: "sign-in by alias (USER_ID_FOR_SRP differs); UTF-8 password; salt and A have the " +
      "high bit set, so padHex prefixes 00",
    userPoolId: "eu-west-2_Zz9Yy8Xx7",
    username: "jane@example.com",
    userIdForSrp: "3f1c2a4e-8b7d-4c6e-9a0f-1b2c3d4e5f60",
    password: "Pässwörd✓ 1!",
    now: "2027-01-09T05:06:07Z",
    aOk: (A) => A.bitLength() === 3072,
    saltOk: (salt) => salt.bitLength() === 128,
    uOk: any,
  },
  {
    name: "short_a_and_u",
    about: "SRP_A sent with an odd number of hex digits; salt and u have a leading zero byte",
    userPoolId: "ap-southeast-2_Q1w2E3r4T",
    username: "bob",
    userIdForSrp: "bob",
    password: "hunter2-Hunter2",
    now: "2026-02-28T23:59:59Z",
    aOk: (A) => A.toString(16).length % 2 === 1,
    saltOk: (salt) => salt.bitLength() <= 119,
    uOk: (u) => u.bitLength() <= 248,
  },
  {
    name: "high_bit_u",
    about: "u has the high bit set (33-byte HKDF salt); A without the high bit",
    userPoolId: "us-west-2_HighBitU1",
    username: "carol",
    userIdForSrp: "carol",
    password: "p@55 w0rd with spaces",
    now: "2026-12-31T00:00:09Z",
    aOk: (A) => A.bitLength() < 3072 && A.toString(16).length % 2 === 0,
    saltOk: any,
    uOk: (u) => u.bitLength() === 256,
  },
  {
    name: "short_verifier_and_s",
    about: "verifier and S have a leading zero byte (shorter padHex)",
    userPoolId: "ca-central-1_ShortS000",
    username: "dave",
    userIdForSrp: "dave",
    password: "Tr0ub4dor&3",
    now: "2026-07-04T12:30:00Z",
    aOk: any,
    saltOk: (salt, verifier) => verifier().bitLength() <= 3063,
    uOk: any,
    sOk: (S) => S.bitLength() <= 3063,
  },
];

const vectors = {
  generated_by: "tests/js/cognito_srp_vectors.mjs",
  library: `amazon-cognito-identity-js ${libraryVersion}`,
  group: {
    n: helper.padHex(N),
    g: helper.padHex(g),
    k: helper.padHex(k),
  },
  pad_hex: padHexCases,
  exchanges: specs.map(exchange),
};
process.stdout.write(`${JSON.stringify(vectors, null, 2)}\n`);
