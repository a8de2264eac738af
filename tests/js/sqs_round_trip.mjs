// An SQS round trip with the AWS SDK for JavaScript v3 (JSON protocol) against the endpoint given
// as argv[2] or PREFLIGHT_ENDPOINT. Prints one JSON object with what it observed;
// tests/integration/test_sqs_js.py checks it.
//
// The SDK's md5 middleware checks MD5OfMessageBody (SendMessage, SendMessageBatch) and MD5OfBody
// (ReceiveMessage) itself and throws on a mismatch. It does not check the attribute digests, so
// this script computes MD5OfMessageAttributes / MD5OfMessageSystemAttributes the way AWS
// documents it and reports whether every one matched.
import { createHash } from "node:crypto";
import {
  CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, GetQueueUrlCommand,
  ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient,
} from "@aws-sdk/client-sqs";

const endpoint = process.argv[2] ?? process.env.PREFLIGHT_ENDPOINT;
if (!endpoint) throw new Error("usage: sqs_round_trip.mjs ENDPOINT (or PREFLIGHT_ENDPOINT)");
const sqs = new SQSClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});

// ---- the attribute digest AWS documents: names sorted; each of name, data type and value
// length-prefixed (4 bytes, big endian), with a transport byte (1 String, 2 Binary) before the
// value ----
function attributesMd5(attributes) {
  const hash = createHash("md5");
  const lengthPrefixed = (bytes) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    hash.update(len);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const a = attributes[name];
    lengthPrefixed(Buffer.from(name, "utf8"));
    lengthPrefixed(Buffer.from(a.DataType, "utf8"));
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(Buffer.from(a.BinaryValue));
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(a.StringValue, "utf8"));
    }
  }
  return hash.digest("hex");
}
const digestChecks = [];  // [what, expected, got]
function checkDigest(what, attributes, got) {
  digestChecks.push([what, attributesMd5(attributes), got ?? null]);
}

const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
const binary = Uint8Array.from([0, 1, 2, 127, 128, 254, 255]);
const attributes = {
  s: { DataType: "String", StringValue: "héllo wörld ☃" },
  n: { DataType: "Number", StringValue: "-12.5e3" },
  b: { DataType: "Binary", BinaryValue: binary },
  f: { DataType: "Number.float", StringValue: "3.14159" },
  c: { DataType: "Binary.gzip", BinaryValue: Uint8Array.from([31, 139, 8]) },
};
const systemAttributes = { AWSTraceHeader: { DataType: "String", StringValue: trace } };
const body = "first message: 🚀 ünïcödé & <xml> \"quotes\"";

// ---- queues ----
const standard = await sqs.send(new CreateQueueCommand({
  QueueName: "js-standard", Attributes: { VisibilityTimeout: "30" },
}));
const fifo = await sqs.send(new CreateQueueCommand({
  QueueName: "js-fifo.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" },
}));
const lookedUp = await sqs.send(new GetQueueUrlCommand({ QueueName: "js-standard" }));
const queueAttributes = (await sqs.send(new GetQueueAttributesCommand({
  QueueUrl: fifo.QueueUrl, AttributeNames: ["All"],
}))).Attributes;

// ---- SendMessage with every kind of attribute, and a trace header ----
const sent = await sqs.send(new SendMessageCommand({
  QueueUrl: standard.QueueUrl, MessageBody: body, MessageAttributes: attributes,
  MessageSystemAttributes: systemAttributes,
}));
checkDigest("SendMessage attributes", attributes, sent.MD5OfMessageAttributes);
checkDigest("SendMessage system attributes", systemAttributes, sent.MD5OfMessageSystemAttributes);

// ---- SendMessageBatch ----
const batchEntries = [
  { Id: "one", MessageBody: "batch one" },
  { Id: "two", MessageBody: "batch two",
    MessageAttributes: { k: { DataType: "String", StringValue: "v" },
                         z: { DataType: "Number", StringValue: "7" } } },
  { Id: "three", MessageBody: "batch three", DelaySeconds: 0 },
];
const batch = await sqs.send(new SendMessageBatchCommand({
  QueueUrl: standard.QueueUrl, Entries: batchEntries,
}));
for (const ok of batch.Successful ?? []) {
  const entry = batchEntries.find((e) => e.Id === ok.Id);
  if (entry.MessageAttributes) {
    checkDigest(`SendMessageBatch ${ok.Id}`, entry.MessageAttributes, ok.MD5OfMessageAttributes);
  }
}

// ---- ReceiveMessage with every attribute (the SDK has checked MD5OfBody when this returns) ----
const received = [];
const receiveDeadline = Date.now() + 5000;
while (received.length < 4 && Date.now() < receiveDeadline) {
  const r = await sqs.send(new ReceiveMessageCommand({
    QueueUrl: standard.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
    MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"],
  }));
  received.push(...(r.Messages ?? []));
}
for (const m of received) {
  if (m.MessageAttributes) {
    checkDigest(`ReceiveMessage ${m.Body}`, m.MessageAttributes, m.MD5OfMessageAttributes);
  }
}
const first = received.find((m) => m.Body === body);
const plainAttribute = (v) => ({ DataType: v.DataType, StringValue: v.StringValue,
                                 BinaryValue: v.BinaryValue ? [...v.BinaryValue] : undefined });
const firstAttributes = first ? Object.fromEntries(
  Object.entries(first.MessageAttributes ?? {}).map(([k, v]) => [k, plainAttribute(v)])) : null;

// ---- FIFO: order, content-based deduplication, sequence numbers ----
const fifoSent = [];
for (const text of ["f1", "f2", "f1", "f3"]) {
  fifoSent.push(await sqs.send(new SendMessageCommand({
    QueueUrl: fifo.QueueUrl, MessageBody: text, MessageGroupId: "g",
  })));
}
const fifoReceived = await sqs.send(new ReceiveMessageCommand({
  QueueUrl: fifo.QueueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"],
}));

// ---- long polling: a receive waiting on an empty queue wakes when a message arrives ----
const poll = await sqs.send(new CreateQueueCommand({ QueueName: "js-long-poll" }));
let began = Date.now();
const emptyPoll = await sqs.send(new ReceiveMessageCommand({
  QueueUrl: poll.QueueUrl, WaitTimeSeconds: 1,
}));
const emptyPollMs = Date.now() - began;
began = Date.now();
const waiting = sqs.send(new ReceiveMessageCommand({
  QueueUrl: poll.QueueUrl, WaitTimeSeconds: 10,
}));
await new Promise((resolve) => setTimeout(resolve, 300));
await sqs.send(new SendMessageCommand({ QueueUrl: poll.QueueUrl, MessageBody: "wake up" }));
const woken = await waiting;
const wokenMs = Date.now() - began;

// ---- DeleteMessageBatch, with one bad receipt handle ----
const deleted = await sqs.send(new DeleteMessageBatchCommand({
  QueueUrl: standard.QueueUrl,
  Entries: [
    ...received.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })),
    { Id: "bogus", ReceiptHandle: "not-a-receipt-handle" },
  ],
}));
const afterDelete = (await sqs.send(new GetQueueAttributesCommand({
  QueueUrl: standard.QueueUrl,
  AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
}))).Attributes;

// ---- errors: a queue that does not exist ----
async function errorOf(command) {
  try {
    await sqs.send(command);
    return null;
  } catch (e) {
    return { name: e.name, code: e.Code ?? null, type: e.Type ?? null,
             status: e.$metadata?.httpStatusCode ?? null, message: e.message };
  }
}
const missingUrl = await errorOf(new GetQueueUrlCommand({ QueueName: "no-such-queue" }));
const missingSend = await errorOf(new SendMessageCommand({
  QueueUrl: `${endpoint}/000000000000/no-such-queue`, MessageBody: "x",
}));

console.log(JSON.stringify({
  standardUrl: standard.QueueUrl,
  fifoUrl: fifo.QueueUrl,
  lookedUpUrl: lookedUp.QueueUrl,
  fifoAttributes: queueAttributes,
  sent: { messageId: sent.MessageId, md5OfBody: sent.MD5OfMessageBody },
  batch: { successful: (batch.Successful ?? []).map((e) => e.Id).sort(),
           failed: batch.Failed ?? [] },
  digestChecks,
  received: received.map((m) => m.Body).sort(),
  first: first && {
    messageId: first.MessageId,
    attributes: firstAttributes,
    system: first.Attributes,
  },
  fifoSent: fifoSent.map((r) => ({ id: r.MessageId, seq: r.SequenceNumber })),
  fifoReceived: (fifoReceived.Messages ?? []).map((m) => ({
    body: m.Body, id: m.MessageId, group: m.Attributes?.MessageGroupId,
    seq: m.Attributes?.SequenceNumber, dedup: m.Attributes?.MessageDeduplicationId,
  })),
  emptyPoll: { messages: (emptyPoll.Messages ?? []).length, ms: emptyPollMs },
  woken: { bodies: (woken.Messages ?? []).map((m) => m.Body), ms: wokenMs },
  deleted: { successful: (deleted.Successful ?? []).map((e) => e.Id).sort(),
             failed: (deleted.Failed ?? []).map((e) => ({ id: e.Id, code: e.Code,
                                                          senderFault: e.SenderFault })) },
  afterDelete,
  missingUrl,
  missingSend,
}));
