// A Cognito USER_SRP_AUTH sign-in with amazon-cognito-identity-js against the emulator, the way a
// browser app using the library (or Amplify v5) signs in. tests/integration/test_cognito_srp.py
// creates the pool, client and user and checks what this prints.
//
// Environment: PREFLIGHT_ENDPOINT, COGNITO_POOL_ID, COGNITO_CLIENT_ID, COGNITO_USERNAME,
// COGNITO_PASSWORD. Prints one JSON object:
//   signIn          tokens of CognitoUser.authenticateUser (InitiateAuth USER_SRP_AUTH, then
//                   RespondToAuthChallenge PASSWORD_VERIFIER, both computed by the library)
//   attributes      getUserAttributes (GetUser with the access token)
//   refreshed       tokens of refreshSession (InitiateAuth REFRESH_TOKEN_AUTH)
//   wrongPassword   the error authenticateUser reports for a wrong password
//   unknownUser     the error for a user that does not exist
// A step that fails reports {error: {code, name, message}} in place of its result.
import cognito from "amazon-cognito-identity-js";

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = cognito;

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const endpoint = env("PREFLIGHT_ENDPOINT");
const pool = new CognitoUserPool({
  UserPoolId: env("COGNITO_POOL_ID"),
  ClientId: env("COGNITO_CLIENT_ID"),
  endpoint,
});
const username = env("COGNITO_USERNAME");
const password = env("COGNITO_PASSWORD");

const errorOf = (e) => ({ code: e?.code ?? null, name: e?.name ?? null, message: e?.message ?? String(e) });

const tokensOf = (session) => ({
  idToken: session.getIdToken().getJwtToken(),
  accessToken: session.getAccessToken().getJwtToken(),
  refreshToken: session.getRefreshToken().getToken(),
  valid: session.isValid(),
  idPayload: session.getIdToken().decodePayload(),
});

// authenticateUser as a promise; a challenge other than success counts as a failure here.
function signIn(user, name, secret) {
  return new Promise((resolve) => {
    const unexpected = (what) => (...args) =>
      resolve({ error: { code: "UnexpectedChallenge", name: what, message: JSON.stringify(args) } });
    user.authenticateUser(new AuthenticationDetails({ Username: name, Password: secret }), {
      onSuccess: (session) => resolve({ session }),
      onFailure: (err) => resolve({ error: errorOf(err) }),
      newPasswordRequired: unexpected("newPasswordRequired"),
      mfaRequired: unexpected("mfaRequired"),
      totpRequired: unexpected("totpRequired"),
      customChallenge: unexpected("customChallenge"),
      mfaSetup: unexpected("mfaSetup"),
      selectMFAType: unexpected("selectMFAType"),
    });
  });
}

// Every step is bounded, so a hang in the emulator shows up as an error, not a stuck test.
function bounded(promise, what, ms = 15000) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ error: { code: "Timeout", name: what, message: `${what}: no answer in ${ms} ms` } }), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const out = {};
const user = new CognitoUser({ Username: username, Pool: pool });
const first = await bounded(signIn(user, username, password), "authenticateUser");
if (first.error) {
  out.signIn = { error: first.error };
} else {
  out.signIn = tokensOf(first.session);
  out.signInUsername = user.getUsername();

  out.attributes = await bounded(new Promise((resolve) => {
    user.getUserAttributes((err, attributes) => resolve(err ? { error: errorOf(err) } :
      Object.fromEntries(attributes.map((a) => [a.getName(), a.getValue()]))));
  }), "getUserAttributes");

  out.refreshed = await bounded(new Promise((resolve) => {
    user.refreshSession(first.session.getRefreshToken(), (err, session) =>
      resolve(err ? { error: errorOf(err) } : tokensOf(session)));
  }), "refreshSession");
}

const wrong = await bounded(signIn(new CognitoUser({ Username: username, Pool: pool }), username,
                                   `${password}-wrong`), "authenticateUser (wrong password)");
out.wrongPassword = wrong.error ?? { code: null, name: null, message: "signed in with a wrong password" };

const ghost = `no-such-user-${Date.now()}`;
const unknown = await bounded(signIn(new CognitoUser({ Username: ghost, Pool: pool }), ghost,
                                     password), "authenticateUser (unknown user)");
out.unknownUser = unknown.error ?? { code: null, name: null, message: "signed in as a ghost" };

process.stdout.write(`${JSON.stringify(out)}\n`);
