// Preflight's runtime for the nodejs Lambda runtimes: `node bootstrap.mjs`.
//
// Speaks the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API and behaves like AWS's own Node
// runtime (aws-lambda-nodejs-runtime-interface-client): the same handler resolution, error
// types and bodies ({errorType, errorMessage, trace}), context, callback/promise semantics and
// console format. Built-in modules only.

import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const API = '/2018-06-01/runtime';
const [HOST, PORT] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

// --- errors AWS reports under its own Runtime.* names ---

class RuntimeError extends Error {}
const runtimeError = (name) => {
  const cls = class extends RuntimeError {};
  cls.prototype.name = `Runtime.${name}`;
  return cls;
};
const HandlerNotFound = runtimeError('HandlerNotFound');
const MalformedHandlerName = runtimeError('MalformedHandlerName');
const JSONStringifyError = runtimeError('JSONStringifyError');
const NodeJsExit = runtimeError('NodeJsExit');
// These two carry the original error as text: "Error: Cannot find module 'x'\nRequire stack:...".
class ImportModuleError extends Error {
  constructor(e) { super(String(e)); }
}
ImportModuleError.prototype.name = 'Runtime.ImportModuleError';
class UserCodeSyntaxError extends Error {
  constructor(e) { super(String(e)); this.stack = e.stack; }
}
UserCodeSyntaxError.prototype.name = 'Runtime.UserCodeSyntaxError';
class UnhandledPromiseRejection extends Error {
  constructor(reason) { super(reason?.toString()); this.reason = reason; }
}
UnhandledPromiseRejection.prototype.name = 'Runtime.UnhandledPromiseRejection';

const isError = (e) => util.types.isNativeError(e) ||
  (e && typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string');

// The body posted to /error and /init/error (AWS's toRapidResponse).
function toRapidResponse(error) {
  try {
    if (isError(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while ' +
        'retrieving one or more of its message, name, and stack',
    };
  }
}

// The "\t{json}" AWS appends to its "Invoke Error" / "Uncaught Exception" log lines.
function toFormatted(error) {
  const withProps = (v) => {
    if (!(v instanceof Error)) return v;
    const out = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
    if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
    return out;
  };
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withProps(v));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}
const intoError = (e) => (e instanceof Error ? e : new Error(e));
const logError = (what, e) => console.error(what, toFormatted(intoError(e)));

// --- console: "<ISO time>\t<request id>\t<LEVEL>\t<message>", newlines as \r (one log event) ---

const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
function patchConsole() {
  const log = (level) => (message, ...params) => {
    const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level}\t` +
      util.format(message, ...params);
    process.stdout.write(line.replace(/\n/g, '\r') + '\n'); // synchronous on a pipe or file
  };
  console.trace = log('TRACE');
  console.debug = log('DEBUG');
  console.info = console.log = log('INFO');
  console.warn = log('WARN');
  console.error = log('ERROR');
  console.fatal = log('FATAL');
}

// --- the Runtime API ---

function request(method, urlPath, body, headers = {}, viaAgent = agent, retried = false) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port: PORT, method, path: API + urlPath, agent: viaAgent, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
    req.on('error', (e) => {
      // A keep-alive connection the server closed fails on reuse: retry once on a new one.
      if (!retried) resolve(request(method, urlPath, body, headers, viaAgent, true));
      else reject(e);
    });
    req.end(body);
  });
}

async function post(urlPath, body, headers, viaAgent = agent) {
  const res = await request('POST', urlPath, body, { 'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body), ...headers }, viaAgent);
  if (res.status >= 300) {
    process.stderr.write(`Runtime API ${urlPath} answered ${res.status}: ${res.body.slice(0, 200)}\n`);
  }
}

function postError(urlPath, error, viaAgent = agent) {
  const response = toRapidResponse(error);
  return post(urlPath, JSON.stringify(response),
    { 'Lambda-Runtime-Function-Error-Type': response.errorType }, viaAgent);
}
// A crash report goes on its own connection: the shared one may be held by a pending /next.
const reportAndExit = (urlPath, error, code) =>
  postError(urlPath, error, false).catch(() => {}).finally(() => process.exit(code));

// --- loading the handler: "<dir>/<file>.<export>[.<nested>]" under the task root ---

async function loadHandler(taskRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new MalformedHandlerName(`'${fullHandler}' is not a valid handler name. ` +
      'Use absolute paths when specifying root directories in handler names.');
  }
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = match;

  let userApp;
  try {
    userApp = await importModule(taskRoot, moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    if (e?.code === 'MODULE_NOT_FOUND') throw new ImportModuleError(e);
    throw e;
  }
  // import() of CommonJS exposes module.exports as `default` (and the names it could detect).
  const resolve = (obj) => handlerPath.split('.').reduce((o, key) => o && o[key], obj);
  const handler = resolve(userApp) ?? resolve(userApp?.default);
  if (!handler) throw new HandlerNotFound(`${fullHandler} is undefined or not exported`);
  if (typeof handler !== 'function') throw new HandlerNotFound(`${fullHandler} is not a function`);
  return handler;
}

// import() takes CommonJS and ES modules alike and honours package.json "type".
async function importModule(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    if (fs.existsSync(base + ext)) return import(pathToFileURL(base + ext).href);
  }
  // Like AWS, fall back to Node's resolution (node_modules); this throws AWS's
  // "Cannot find module 'x'\nRequire stack:\n- <this runtime>" when there is nothing.
  const require = createRequire(import.meta.url);
  const resolved = require.resolve(moduleName, { paths: [taskRoot, path.resolve(taskRoot, moduleRoot)] });
  return import(path.isAbsolute(resolved) ? pathToFileURL(resolved).href : resolved); // or a builtin
}

// --- invocations ---

// What to do when the event loop empties (AWS's BeforeExitListener): nothing, or finish an invoke.
let onBeforeExit = () => {};
process.on('beforeExit', () => onBeforeExit());

// Uncaught errors end the process, after reporting them (to /init/error during init).
let reportCrash = (error, code) => reportAndExit('/init/error', error, code);
process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  reportCrash(error, 129);
});
process.on('unhandledRejection', (reason) => {
  const error = new UnhandledPromiseRejection(reason);
  logError('Unhandled Promise Rejection', error);
  reportCrash(error, 128);
});

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (e) {
    throw new Error(`Cannot parse ${name} as json: ${e.toString()}`);
  }
}

async function invokeNext(handler) {
  const next = await request('GET', '/invocation/next');
  if (next.status !== 200) throw new Error(`Runtime API /invocation/next answered ${next.status}`);
  const h = next.headers;
  const id = h['lambda-runtime-aws-request-id'];
  globalThis[REQUEST_ID] = id;
  if (h['lambda-runtime-trace-id'] !== undefined) process.env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
  else delete process.env._X_AMZN_TRACE_ID;
  reportCrash = (error, code) => reportAndExit(`/invocation/${id}/error`, error, code);

  const scheduleNext = () => setImmediate(() => invokeNext(handler).catch(fatal));
  let completed = false; // a response or error was posted (or is being posted)
  const complete = (result) => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    let body;
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch {
      const error = new JSONStringifyError('Unable to stringify response body');
      logError('Invoke Error', error);
      postError(`/invocation/${id}/error`, error).then(scheduleNext, fatal);
      return;
    }
    post(`/invocation/${id}/response`, body).then(scheduleNext, fatal);
  };
  const fail = (err) => {
    if (completed) return;
    completed = true;
    logError('Invoke Error', err);
    postError(`/invocation/${id}/error`, err).then(scheduleNext, fatal);
  };

  // callback/done/succeed/fail: only the first call of any of them counts.
  let waitsForEmptyEventLoop = true;
  let called = false;
  const once = (fn) => (...args) => { if (!called) { called = true; fn(...args); } };
  const done = (err, result) => {
    onBeforeExit = () => {};
    if (err !== undefined && err !== null) fail(err); else complete(result);
  };
  const callback = once((err, result) => {
    onBeforeExit = () => {};
    if (err !== undefined && err !== null) fail(err);
    else if (!waitsForEmptyEventLoop) complete(result);
    else onBeforeExit = () => setImmediate(() => complete(result)); // answer once the loop is idle
  });
  const context = {
    get callbackWaitsForEmptyEventLoop() { return waitsForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { waitsForEmptyEventLoop = value; },
    succeed: once((result) => done(null, result)),
    fail: once((err) => done(err === undefined || err === null ? 'handled' : err, null)),
    done: once(done),
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, // a string, as in AWS
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
    awsRequestId: id,
    getRemainingTimeInMillis: () => parseInt(h['lambda-runtime-deadline-ms'], 10) - Date.now(),
  };

  // If the loop empties before any answer: null for a plain function, an error for an async one.
  const isAsync = handler.constructor?.name === 'AsyncFunction';
  onBeforeExit = () => {
    onBeforeExit = () => {};
    if (isAsync) {
      fail(new NodeJsExit('The Lambda runtime client detected an unexpected Node.js exit. ' +
        'This is most commonly caused by a Promise that was never settled.'));
    } else {
      complete(null);
    }
  };

  try {
    context.clientContext = parseJsonHeader(h['lambda-runtime-client-context'], 'ClientContext');
    context.identity = parseJsonHeader(h['lambda-runtime-cognito-identity'], 'CognitoIdentity');
    const result = handler(JSON.parse(next.body), context, callback);
    if (result && typeof result.then === 'function') {
      result.then(context.succeed, context.fail).catch(context.fail);
    }
  } catch (err) {
    callback(err);
  }
}

function fatal(error) {
  process.stderr.write(`Preflight runtime: ${error?.stack ?? error}\n`);
  process.exit(1);
}

patchConsole();
let handler;
try {
  handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER ?? '');
} catch (error) {
  logError('Uncaught Exception', error);
  await postError('/init/error', error).catch(() => {});
  process.exit(129);
}
invokeNext(handler).catch(fatal);
